import { db } from './client.ts';

const WRITES = /^(Put|Update|Delete|BatchWrite|TransactWrite)/;

export type Usage = { requests: number; readUnits: number; writeUnits: number };

/**
 * Counts every DynamoDB request the app makes and the capacity DynamoDB (Local) reports
 * for it, by asking each request to return its consumed capacity.
 */
export function meterDynamo(): { take: () => Usage } {
  let usage: Usage = { requests: 0, readUnits: 0, writeUnits: 0 };
  db().middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      const consumed = (out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      usage.requests++;
      const write = WRITES.test(context.commandName ?? '');
      for (const c of [consumed].flat().filter(Boolean) as { CapacityUnits?: number }[]) {
        if (write) usage.writeUnits += c.CapacityUnits ?? 0;
        else usage.readUnits += c.CapacityUnits ?? 0;
      }
      return out;
    },
    { step: 'initialize', name: 'sansangMeter' },
  );
  return {
    take: () => {
      const u = usage;
      usage = { requests: 0, readUnits: 0, writeUnits: 0 };
      return u;
    },
  };
}
