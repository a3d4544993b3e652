/**
 * The signed calls of the mix: triggers of new instances (each a flow and minute no earlier
 * trigger of the run named), the same triggers sent again (duplicates), and reads of instances
 * by ID. Signing happens here, between measured runs, never inside one.
 */
import { INSTANCE_ID, READ_OPERATION, TRIGGER_OPERATION } from '../contract.js';
import { type SignedRequest, type SigningKey, signCall } from '../signed-request.js';
import { callerQuery, triggerableFlowIds, triggerExample } from '../trigger-request.js';

const MINUTE_MS = 60_000;
/** Signatures hashed at once (WebCrypto runs them on libuv's pool). */
const SIGNING_BATCH = 512;

async function inBatches<T, R>(items: readonly T[], sign: (item: T) => Promise<R>): Promise<R[]> {
  const signed: R[] = [];
  for (let start = 0; start < items.length; start += SIGNING_BATCH) {
    signed.push(...(await Promise.all(items.slice(start, start + SIGNING_BATCH).map(sign))));
  }
  return signed;
}

export class InstanceCalls {
  private readonly flowIds = triggerableFlowIds();
  private readonly example = triggerExample();
  private readonly template = JSON.parse(this.example.body) as Record<string, unknown>;
  /** Minutes are counted back from the one the run started in: past trigger times run at once. */
  private readonly startMinute = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
  private made = 0;

  constructor(private readonly key: SigningKey) {}

  /** The body of a trigger of a new instance: the next flow, and a minute further back. */
  private nextTriggerBody(): string {
    const flowId = this.flowIds[this.made % this.flowIds.length] as number;
    const minutesBack = Math.floor(this.made / this.flowIds.length) + 1;
    this.made += 1;
    // A backfill: the contract's example body, for another flow and an earlier minute.
    return JSON.stringify({
      ...this.template,
      flowId,
      triggerTime: this.startMinute - minutesBack * MINUTE_MS,
    });
  }

  /** `count` triggers of instances no call of this run named before, signed now. */
  newTriggers(count: number): Promise<SignedRequest[]> {
    const bodies = Array.from({ length: count }, () => this.nextTriggerBody());
    return this.triggers(bodies);
  }

  /** Triggers of these bodies, signed now: sent after the first, same-minute duplicates. */
  triggers(bodies: readonly string[]): Promise<SignedRequest[]> {
    return inBatches(bodies, (body) =>
      signCall(TRIGGER_OPERATION, this.example.query, body, this.key),
    );
  }

  /** Reads of these instances, as the user who triggered them, signed now. */
  reads(instanceIds: readonly string[]): Promise<SignedRequest[]> {
    const base = callerQuery(READ_OPERATION, [INSTANCE_ID.parameter]);
    return inBatches(instanceIds, (id) =>
      signCall(READ_OPERATION, { ...base, [INSTANCE_ID.parameter]: id }, '', this.key),
    );
  }

  /** The flows the triggers spread over. */
  flows(): readonly number[] {
    return this.flowIds;
  }
}
