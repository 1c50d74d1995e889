import type { Course } from '@sansang/core';

/** One finding of the content checker, as packages/content reports it. */
export type ContentFinding = { file: string; line: number; col: number; code: string; message: string; severity: 'error' | 'warning' };

/**
 * The trainer's working copy of content/, when the API runs beside it (`npm start`): the
 * CLI checks it on every edit and registers the result here. Deployed, there is none and
 * the trainer pages show what is published.
 */
export type ContentWorkspace = {
  /** Raised on every re-check, so a preview page knows to reload. */
  revision: number;
  checkedAt: string;
  findings: ContentFinding[];
  courses: Course.Bundle[];
  /** What the last automatic publish did, one line per course. */
  published: string[];
};

let current: ContentWorkspace | null = null;

export function setContentWorkspace(next: ContentWorkspace | null) {
  current = next;
}

export function contentWorkspace(): ContentWorkspace | null {
  return current;
}
