/**
 * Starts work that outlives a request — a saved report, recounting a target — on the
 * reports Lambda, invoked asynchronously, when deployed (REPORTS_FUNCTION); in this process
 * otherwise (the local stack and tests). The payload says which work (jobs.ts `report`).
 */
export async function dispatchJob<J extends object>(job: J, runLocally: (job: J) => Promise<unknown>): Promise<void> {
  const fn = process.env.REPORTS_FUNCTION;
  if (fn) {
    const { InvokeCommand, LambdaClient } = await import('@aws-sdk/client-lambda');
    await new LambdaClient({}).send(new InvokeCommand({ FunctionName: fn, InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(job)) }));
    return;
  }
  runLocally(job).catch((err) => console.error(JSON.stringify({ level: 'error', event: 'job.failed', job, error: String(err) })));
}
