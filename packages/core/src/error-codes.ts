/**
 * Every error code the server (core, API) or the web client can give a person, in one
 * union: `VisibleError` takes only these, and the web app fails its type check when one has
 * no message in a dictionary. A new code is added here first.
 */
export const errorCodes = [
  'account.changed', 'account.exists',
  'attempt.closed', 'attempt.conflict', 'attempt.not_found', 'attempt.time_up', 'attempt.unknown_question',
  'auth.csrf', 'auth.forbidden', 'auth.invalid_credentials', 'auth.link_invalid', 'auth.oidc_disabled', 'auth.oidc_failed', 'auth.oidc_unknown_person', 'auth.required', 'auth.throttled', 'auth.wrong_password',
  'certificate.not_completed',
  'course.lesson_not_found', 'course.not_found', 'course.version_exists', 'course.version_stale',
  'import.cell_too_long', 'import.empty', 'import.encoding', 'import.invalid_rows', 'import.malformed', 'import.too_large', 'import.too_many_rows',
  'network.offline',
  'org.changed', 'org.code_invalid', 'org.code_taken', 'org.merge_cycle', 'org.move_cycle', 'org.unit_inactive', 'org.unit_not_empty', 'org.unit_not_found',
  'person.inactive', 'person.not_found',
  'quiz.no_attempts_left', 'quiz.not_found',
  'readiness.no_snapshot',
  'report.not_found', 'report.not_ready', 'report.use_archive',
  'request.invalid', 'request.malformed_json', 'request.too_large',
  'route.not_found',
  'server.error',
  'service.busy', 'service.database_unavailable', 'service.unavailable',
  'target.not_found',
] as const;

export type ErrorCode = (typeof errorCodes)[number];
