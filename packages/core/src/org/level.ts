import type { Kind, Level } from './schema.ts';

/** The level a kind sets by itself; departments and service units take their parent's. */
const levelOfKind: Partial<Record<Kind, Level>> = { ministry: 'trung-uong', province: 'tinh', agency: 'tinh', district: 'huyen', commune: 'xa', ward: 'xa' };

export function levelFor(kind: Kind, parent: { level: Level } | null, explicit?: Level): Level {
  return explicit ?? levelOfKind[kind] ?? parent?.level ?? 'tinh';
}
