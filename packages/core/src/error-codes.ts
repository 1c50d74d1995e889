/**
 * What went wrong, as the domain sees it. Core and the web client speak only of kinds; the
 * API alone turns a kind into an HTTP status (packages/api/src/errors.ts).
 */
export type ErrorKind =
  | 'invalid' // the request itself is wrong (a field, a wrong current password)
  | 'unprocessable' // a file was read but its content cannot be used (import rows)
  | 'unauthenticated' // nobody signed in, or the credentials are wrong
  | 'forbidden' // signed in, but not allowed
  | 'not_found'
  | 'conflict' // the state does not allow it now (closed attempt, taken code, changed meanwhile)
  | 'too_large'
  | 'throttled' // too many tries; come back later
  | 'busy' // the service cannot answer now; try again shortly
  | 'internal' // a bug: logged, never detailed
  | 'offline'; // the browser could not reach the server at all (web client only)

/**
 * Every error code the server (core, API) or the web client can give a person, with its
 * kind: `VisibleError` takes only these, and the web app fails its type check when one has
 * no message in a dictionary. A new code is added here first.
 */
export const errorKinds = {
  'account.changed': 'conflict',
  'account.exists': 'conflict',
  // Not on the roster, or outside the officer's scope: one answer for both, so codes cannot be probed.
  'account.person_not_found': 'forbidden',
  'attempt.closed': 'conflict',
  'attempt.conflict': 'conflict',
  'attempt.not_found': 'not_found',
  'attempt.time_up': 'conflict',
  'attempt.unknown_question': 'invalid',
  'audit.unit_ambiguous': 'invalid',
  // Not a unit, or one outside the admin's scope: one answer for both, so units outside cannot be probed.
  'audit.unit_unknown': 'not_found',
  'auth.csrf': 'forbidden',
  'auth.forbidden': 'forbidden',
  'auth.invalid_credentials': 'unauthenticated',
  'auth.link_invalid': 'invalid',
  'auth.oidc_disabled': 'not_found',
  'auth.oidc_failed': 'invalid',
  'auth.oidc_unknown_person': 'forbidden',
  'auth.required': 'unauthenticated',
  'auth.throttled': 'throttled',
  'auth.wrong_password': 'invalid',
  'certificate.not_completed': 'not_found',
  'course.lesson_not_found': 'not_found',
  'course.not_found': 'not_found',
  'course.version_exists': 'conflict',
  'course.version_stale': 'conflict',
  'credit.already_approved': 'conflict',
  'credit.changed': 'conflict',
  'credit.duplicate': 'conflict',
  'credit.future_date': 'invalid',
  'credit.not_found': 'not_found',
  'credit.person_left': 'conflict',
  'credit.self_approval': 'forbidden',
  'credit.unknown_course': 'invalid',
  'evidence.encoding': 'invalid',
  'evidence.too_large': 'too_large',
  'evidence.type': 'invalid',
  'exemption.already_ended': 'conflict',
  'exemption.changed': 'conflict',
  'exemption.not_found': 'not_found',
  'exemption.overlap': 'conflict',
  'exemption.person_left': 'conflict',
  'exemption.person_not_found': 'not_found',
  'exemption.self': 'forbidden',
  'import.cell_too_long': 'unprocessable',
  'import.empty': 'unprocessable',
  'import.encoding': 'unprocessable',
  'import.invalid_rows': 'unprocessable',
  'import.malformed': 'unprocessable',
  'import.too_large': 'too_large',
  'import.too_many_rows': 'too_large',
  'network.offline': 'offline',
  'notice.not_found': 'not_found',
  'org.changed': 'conflict',
  'org.code_invalid': 'invalid',
  'org.code_taken': 'conflict',
  'org.merge_cycle': 'conflict',
  'org.merge_not_found': 'not_found',
  'org.pending_busy': 'conflict',
  'org.pending_not_found': 'not_found',
  'org.undo_done': 'conflict',
  'org.undo_expired': 'conflict',
  // Someone changed a unit or person of the merge since: undoing it would undo their change too.
  'org.undo_stale': 'conflict',
  'org.move_cycle': 'conflict',
  'org.unit_inactive': 'conflict',
  'org.unit_not_empty': 'conflict',
  'org.unit_not_found': 'not_found',
  'person.inactive': 'conflict',
  'person.invalid': 'invalid',
  'person.not_found': 'not_found',
  'quiz.daily_limit': 'throttled',
  'quiz.no_attempts_left': 'conflict',
  'quiz.not_found': 'not_found',
  'quiz.wait': 'throttled',
  'readiness.no_snapshot': 'not_found',
  'report.not_found': 'not_found',
  'report.not_ready': 'conflict',
  'report.use_archive': 'conflict',
  'request.invalid': 'invalid',
  'request.malformed_json': 'invalid',
  'request.too_large': 'too_large',
  'route.not_found': 'not_found',
  'server.error': 'internal',
  'service.busy': 'busy',
  'service.database_unavailable': 'busy',
  'service.unavailable': 'busy',
  'target.not_found': 'not_found',
  'target.course_unknown': 'invalid',
  'target.owner_fixed': 'invalid',
  'tenant.logo_invalid': 'invalid',
  'tenant.not_found': 'not_found',
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof errorKinds;
export const errorCodes = Object.keys(errorKinds) as ErrorCode[];
