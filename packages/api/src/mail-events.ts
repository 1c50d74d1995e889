import { Reminder } from '@sansang/core';

type SnsEvent = { Records?: { Sns?: { Message?: string } }[] };

/** The SNS subscriber of SES's configuration-set events (infra/spec.ts `mailEvents`): core reads and records each one. */
export async function handler(event: SnsEvent): Promise<{ recorded: number }> {
  let recorded = 0;
  for (const record of event.Records ?? []) if (await Reminder.recordMailEvent(record.Sns?.Message ?? '')) recorded++;
  if (process.env.LAMBDA_TASK_ROOT) console.log(JSON.stringify({ level: 'info', job: 'mailEvents', records: event.Records?.length ?? 0, recorded }));
  return { recorded };
}
