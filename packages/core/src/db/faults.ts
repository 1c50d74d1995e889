import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { extendClients } from './client.ts';
import { resilienceCounters } from './resilience.ts';

/**
 * Test support only (reached through `@sansang/core/testing`, never the production barrel):
 * faults injected at the client for the load and resilience tests, a share of calls
 * throttled or conflicted. They sit below the retries, where DynamoDB's own answers arrive,
 * so the resilience layer meets them as it would meet the real ones.
 */
export type FaultPlan = { throttle?: number; conflict?: number; random?: () => number };
let faults: FaultPlan | null = null;
let installed = false;

export function injectFaults(plan: FaultPlan | null): void {
  faults = plan;
  if (!installed) {
    installed = true;
    extendClients(addFaults);
  }
}

function addFaults(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const plan = faults;
      if (plan) {
        const r = plan.random ?? Math.random;
        if (context.commandName === 'TransactWriteItemsCommand' && r() < (plan.conflict ?? 0)) {
          resilienceCounters.injected++;
          throw Object.assign(new Error('Transaction cancelled (injected)'), {
            name: 'TransactionCanceledException',
            $metadata: { httpStatusCode: 400 },
            CancellationReasons: [{ Code: 'TransactionConflict' }],
          });
        }
        if (r() < (plan.throttle ?? 0)) {
          resilienceCounters.injected++;
          throw Object.assign(new Error('Throughput exceeded (injected)'), {
            name: 'ProvisionedThroughputExceededException',
            $metadata: { httpStatusCode: 400 },
          });
        }
      }
      return next(args);
    },
    { step: 'build', name: 'sansangFaults' },
  );
}
