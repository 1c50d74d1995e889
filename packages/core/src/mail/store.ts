import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Message, Transport } from './schema.ts';

/**
 * The one place that talks to Amazon SES (v2): SendEmail with the configured sending identity
 * and configuration set. Locally `SES_ENDPOINT` points it at the emulator `npm start` runs.
 * The SDK is loaded on the first send, so the API's cold start does not carry it.
 */
let client: Promise<{ ses: SESv2Client; send: typeof import('@aws-sdk/client-sesv2').SendEmailCommand }> | null = null;

function sesClient() {
  client ??= import('@aws-sdk/client-sesv2').then(({ SESv2Client, SendEmailCommand }) => {
    const endpoint = process.env.SES_ENDPOINT;
    const ses = new SESv2Client({
      region: process.env.SES_REGION ?? process.env.AWS_REGION ?? 'ap-southeast-1',
      // One retry policy, ours (mail/index.ts), that also keeps the send rate: the SDK's own would retry blind to it.
      maxAttempts: 1,
      ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    });
    return { ses, send: SendEmailCommand };
  });
  return client;
}

/** Forgets the client, so a changed `SES_ENDPOINT` (a test's own emulator) is read again. */
export function resetSesClient(): void {
  client = null;
}

/**
 * The From line: the deploy's sending identity (SES_SENDER) is a whole address, or a domain
 * the reminders come from as nhac-nho@; locally, an address the emulator accepts.
 */
export const fromAddress = (sender: string | undefined): string =>
  `Sẵn Sàng <${!sender ? 'khong-tra-loi@sansang.local' : sender.includes('@') ? sender : `nhac-nho@${sender}`}>`;

export const sesTransport: Transport = async (message: Message) => {
  const { ses, send } = await sesClient();
  const configurationSet = process.env.SES_CONFIGURATION_SET;
  const out = await ses.send(
    new send({
      FromEmailAddress: fromAddress(process.env.SES_SENDER),
      Destination: { ToAddresses: [message.to] },
      Content: {
        Simple: {
          Subject: { Data: message.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
        },
      },
      ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
      // SES takes tag values of letters, digits, _ and - only: one that is not so is left off.
      EmailTags: Object.entries(message.tags ?? {})
        .filter(([, value]) => /^[\w-]{1,256}$/.test(value))
        .map(([Name, Value]) => ({ Name, Value })),
    }),
  );
  return { messageId: out.MessageId ?? '' };
};
