import { describe, expect, it } from 'vitest';
import type { Me } from './api.ts';
import { officerHome } from './landing.ts';

const learner = { role: 'learner' as const, unitId: null, unitName: null };
const grant = (role: 'hr' | 'admin' | 'trainer', unitId: string | null): Me['roles'][number] => ({ role, unitId, unitName: unitId });

describe('the first screen of an officer', () => {
  it('is the readiness page for an HR officer and for an admin of a unit', () => {
    expect(officerHome([learner, grant('hr', 'snv')])).toBe('/san-sang');
    expect(officerHome([learner, grant('admin', 'ms')])).toBe('/san-sang');
  });

  it('is left to what the person owes for a learner, a trainer and an installation-wide admin', () => {
    expect(officerHome([learner])).toBeNull();
    expect(officerHome([learner, grant('trainer', null)])).toBeNull();
    expect(officerHome([learner, grant('admin', null)])).toBeNull();
  });
});
