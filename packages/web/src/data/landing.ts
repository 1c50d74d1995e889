import type { Me } from './api.ts';

/**
 * The first screen of an officer: the readiness of the units they answer for. An admin of
 * the whole installation answers for no one unit, so they start as a learner does.
 * Null: not an officer; the start page then looks at what the person owes.
 */
export function officerHome(roles: Me['roles']): string | null {
  return roles.some((g) => g.role === 'hr' || (g.role === 'admin' && g.unitId !== null)) ? '/san-sang' : null;
}
