/**
 * One e-mail to one person: a subject, a plain-text body and the same as HTML. `tags` come
 * back with SES's delivery events (whose reminder of which day, in which unit), so a bounce
 * is recorded where HR reads it.
 */
export type Message = { to: string; subject: string; text: string; html: string; tags?: Record<string, string> };
/** What actually hands a message over (SES, or a test's wrapper around it) and the id it was given. */
export type Transport = (message: Message) => Promise<{ messageId: string }>;
