/** The shapes a merge leaves behind and a scheduled change waits as: pure types, readable anywhere (the web included). */

export type NamedUnit = { id: string; name: string };

/**
 * What a merge moved, kept for its undo window: enough to put every person and child unit
 * back where they were, and to tell whether anything changed them since.
 */
export type MergeRecord = {
  id: string;
  at: string;
  by: string;
  effective: string;
  into: NamedUnit & { created: boolean };
  sources: (NamedUnit & { parentId: string | null })[];
  units: { id: string; fromParentId: string }[];
  people: { id: string; fromUnitId: string }[];
  /** Until when (ISO time) it may be undone. */
  undoUntil: string;
  undone?: { at: string; by: string };
};

/** A merge's input as a scheduled change keeps it: the same as `mergeUnits` takes, less the date and actor. */
export type MergeInto = { unitId: string } | { code: string; name: string; kind: string; level?: string; parentId: string };

/** A reorganisation recorded ahead of its effective date, applied by the daily job that day. */
export type PendingChange = {
  id: string;
  /** The unit whose page lists it: the parent of the units merged. */
  unitId: string;
  effective: string;
  action: 'merge';
  input: { sourceIds: string[]; into: MergeInto };
  /** Names at the time it was scheduled, for the page to say what it will do. */
  summary: { sources: string[]; into: string };
  at: string;
  by: string;
  status: 'pending' | 'applying' | 'failed';
  /** Why the daily job could not apply it (a unit merged or dissolved meanwhile…). */
  failure?: string;
};
