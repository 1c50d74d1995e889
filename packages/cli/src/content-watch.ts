import { watch } from 'node:fs';
import { compileContent } from '@sansang/content';
import { setContentWorkspace, type ContentWorkspace } from '@sansang/api/content-workspace';
import { publishContent } from './seed.ts';

/**
 * Checks content/ and publishes what is valid, then registers the result for the trainer
 * pages. A course changed without a new version is not published (learners on that version
 * must keep what they saw); the trainer page says so.
 */
export async function refreshWorkspace(contentDir: string, revision: number): Promise<ContentWorkspace> {
  const compiled = await compileContent(contentDir);
  const outcome = await publishContent(contentDir, compiled);
  const ws: ContentWorkspace = {
    revision,
    checkedAt: new Date().toISOString(),
    findings: compiled.diagnostics,
    courses: compiled.courses,
    published: [...outcome.published.map((c) => `Đã xuất bản ${c}`), ...outcome.rejected.map((r) => `Chưa xuất bản ${r}`)],
  };
  setContentWorkspace(ws);
  return ws;
}

/** Re-checks content/ a moment after the last edit (editors save in bursts). */
export function watchContent(contentDir: string, onRefresh: (ws: ContentWorkspace) => void): () => void {
  let revision = 1;
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const watcher = watch(contentDir, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(() => refreshWorkspace(contentDir, ++revision).then(onRefresh, (err) => console.error('Lỗi khi kiểm tra nội dung:', err)));
    }, 250);
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
