import type { Server } from 'node:http';
import { freePort } from './dynamodb-local.ts';

/** An e-mail as the emulator's store keeps it (GET /store). */
export type StoredEmail = {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
};

export type SesLocal = {
  /** Where the SES v2 API answers: what `SES_ENDPOINT` is set to. */
  endpoint: string;
  /** The emulator's web inbox, for a person to read what was sent. */
  inbox: string;
  /** Every message it accepted, from its store over HTTP. */
  emails: () => Promise<StoredEmail[]>;
  /** Empties the store. */
  clear: () => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * Starts aws-ses-v2-local, a real SES v2 API emulator from npm, in this process on a free
 * port of the loopback interface. It keeps what it is sent in memory and shows it in a web inbox.
 */
export async function startSesLocal(options: { port?: number } = {}): Promise<SesLocal> {
  // A CommonJS module whose default export is the server factory.
  const mod = (await import('aws-ses-v2-local')) as unknown as {
    default: ((config: { host: string; port: number }) => Promise<Server>) | { default: (config: { host: string; port: number }) => Promise<Server> };
  };
  const start = typeof mod.default === 'function' ? mod.default : mod.default.default;
  const port = options.port ?? (await freePort());
  const server = await start({ host: '127.0.0.1', port });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    inbox: `${endpoint}/`,
    emails: async () => {
      const res = await fetch(`${endpoint}/store`);
      if (!res.ok) throw new Error(`SES emulator store answered ${res.status}`);
      return ((await res.json()) as { emails: StoredEmail[] }).emails;
    },
    clear: async () => {
      const res = await fetch(`${endpoint}/clear-store`, { method: 'POST' });
      if (!res.ok) throw new Error(`SES emulator answered ${res.status} to clearing its store`);
    },
    stop: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
