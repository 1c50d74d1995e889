import { Mail } from '@sansang/core';
import { startSesLocal, type SesLocal } from '@sansang/cli/ses-local';

export type { SesLocal };

/**
 * Starts this test file's own SES emulator and points core's mailer at it. Tests read what
 * was sent from the emulator's store, never from a mock.
 */
export async function useSesLocal(): Promise<SesLocal> {
  const ses = await startSesLocal();
  process.env.SES_ENDPOINT = ses.endpoint;
  Mail.resetClient();
  return ses;
}
