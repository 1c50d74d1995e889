/** One e-mail to one person: a subject, a plain-text body and the same as HTML. */
export type Message = { to: string; subject: string; text: string; html: string };
/** What actually hands a message over (SES, or a test's wrapper around it) and the id it was given. */
export type Transport = (message: Message) => Promise<{ messageId: string }>;
