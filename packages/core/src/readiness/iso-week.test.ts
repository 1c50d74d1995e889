import { describe, expect, it } from 'vitest';
import { isoWeek } from './snapshot.ts';

describe('weekly snapshots', () => {
  it('name ISO weeks the way Vietnamese offices count them (Monday first)', () => {
    expect(isoWeek(new Date('2026-11-23T10:00:00Z'))).toBe('2026-W48');
    expect(isoWeek(new Date('2027-01-01T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2026-01-01T00:00:00Z'))).toBe('2026-W01');
  });
});
