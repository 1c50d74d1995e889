import type { Progress } from '../data/api.ts';
import type { Key } from '../i18n/index.ts';

export function statusKey(p: Progress): Key {
  if (p.completed) return 'status.done';
  return p.lessonsDone.length > 0 || p.bestScore !== null ? 'status.inProgress' : 'status.notStarted';
}
