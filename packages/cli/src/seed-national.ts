import { isTableEmpty } from '@sansang/core/admin';
import type { DemoAccount } from './demo/generate.ts';
import { generateNational, readNational } from './demo/national.ts';
import type { Progress } from './progress.ts';
import { installationAdmin, publishContent, writeDemo } from './seed.ts';

/**
 * Writes the synthetic country (`npm start -- --demo national`) into an empty table; does
 * nothing to a table in use. `scale` below 1 makes a smaller one, for tests.
 */
export async function seedNational(options: {
  table: string;
  contentDir: string;
  progress?: Progress;
  scale?: number;
  now?: Date;
}): Promise<{ seeded: boolean; accounts: DemoAccount[]; people: number; units: number }> {
  const file = await readNational(options.contentDir);
  const empty = await isTableEmpty(options.table);
  const { courses, targets } = await publishContent(options.contentDir);
  const demo = generateNational(file, courses, targets, { scale: options.scale, now: options.now });
  // Approved in the national admin's name.
  return writeDemo(demo, empty, { label: 'Tạo dữ liệu mẫu toàn quốc', approver: installationAdmin, progress: options.progress, targets: demo.targets });
}
