/**
 * Faults injected through the control API: the service's internal error, a slow answer, the
 * gateway's rate limit (429 with Retry-After) or its 503. A fault lasts for a number of calls, for
 * a while of sandbox time, or both (whichever ends first); by default, for one call.
 */
import { OPERATION_IDS, type OperationId } from '@enos-trigger/spec';

export const FAULT_TYPES = ['internal-error', 'slow', 'rate-limit', 'unavailable'] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

/** The operations a fault can hit, from the contract, or `any` of them. */
export type FaultOperation = OperationId | 'any';
export const FAULT_OPERATIONS: readonly FaultOperation[] = Object.freeze([...OPERATION_IDS, 'any']);

/** The operation a fault hits when its spec names none. */
const DEFAULT_OPERATION: OperationId = 'triggerFlow';

export interface FaultSpec {
  type: FaultType;
  /** Which operation it hits. Default triggerFlow. */
  operation?: FaultOperation;
  /** How many calls it hits. Default 1, or unlimited when `forMs` is given. */
  count?: number;
  /** For how long it lasts, in ms of sandbox time from now. */
  forMs?: number;
  /** For `slow`: how long each answer is held, in ms of sandbox time. Default 1000. */
  delayMs?: number;
  /** For `rate-limit`: the Retry-After header, in seconds. Default 1. */
  retryAfterSeconds?: number;
}

export interface Fault {
  id: number;
  type: FaultType;
  operation: FaultOperation;
  /** Calls it will still hit; null when only its time limits it. */
  remaining: number | null;
  /** Sandbox time when it ends; null when only its count limits it. */
  until: number | null;
  delayMs: number;
  retryAfterSeconds: number;
}

/** Where in the handling of a call a fault strikes: at the gateway, or inside the service. */
export type FaultStage = 'gateway' | 'service';

const STAGE: Record<FaultType, FaultStage> = {
  'internal-error': 'service',
  slow: 'gateway',
  'rate-limit': 'gateway',
  unavailable: 'gateway',
};

export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError';
}

export class FaultStore {
  private faults: Fault[] = [];
  private nextId = 1;

  add(input: unknown, now: number): Fault {
    const spec = parseFaultSpec(input);
    const count = spec.count ?? (spec.forMs === undefined ? 1 : null);
    const fault: Fault = {
      id: this.nextId++,
      type: spec.type,
      operation: spec.operation ?? DEFAULT_OPERATION,
      remaining: count,
      until: spec.forMs === undefined ? null : now + spec.forMs,
      delayMs: spec.delayMs ?? 1000,
      retryAfterSeconds: spec.retryAfterSeconds ?? 1,
    };
    this.faults.push(fault);
    return fault;
  }

  /** The faults still in force at `now`. */
  list(now: number): Fault[] {
    this.expire(now);
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault in force for this call at this stage, counting the call against it. */
  take(stage: FaultStage, operation: OperationId, now: number): Fault | undefined {
    if (this.faults.length === 0) return undefined;
    this.expire(now);
    const fault = this.faults.find(
      (f) => STAGE[f.type] === stage && (f.operation === 'any' || f.operation === operation),
    );
    if (!fault) return undefined;
    const hit = { ...fault };
    if (fault.remaining !== null && --fault.remaining === 0) {
      this.faults = this.faults.filter((f) => f !== fault);
    }
    return hit;
  }

  private expire(now: number): void {
    this.faults = this.faults.filter((f) => f.until === null || f.until > now);
  }
}

const FIELDS = ['type', 'operation', 'count', 'forMs', 'delayMs', 'retryAfterSeconds'];

function parseFaultSpec(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FaultSpecError('A fault must be a JSON object such as {"type": "unavailable"}.');
  }
  const spec = input as Record<string, unknown>;
  const unknown = Object.keys(spec).find((key) => !FIELDS.includes(key));
  if (unknown !== undefined) {
    throw new FaultSpecError(
      `A fault has no field ${JSON.stringify(unknown)}; its fields are ${FIELDS.join(', ')}.`,
    );
  }
  oneOf(spec.type, FAULT_TYPES, 'type', true);
  oneOf(spec.operation, FAULT_OPERATIONS, 'operation', false);
  for (const field of ['count', 'forMs', 'delayMs'] as const) wholeNumber(spec, field, 1);
  wholeNumber(spec, 'retryAfterSeconds', 0);
  return spec as unknown as FaultSpec;
}

function oneOf(value: unknown, allowed: readonly string[], field: string, required: boolean) {
  if (value === undefined && !required) return;
  if (!allowed.includes(value as string)) {
    throw new FaultSpecError(`A fault's ${field} must be one of ${allowed.join(', ')}.`);
  }
}

function wholeNumber(spec: Record<string, unknown>, field: string, min: number) {
  const value = spec[field];
  if (value === undefined) return;
  if (!Number.isSafeInteger(value) || (value as number) < min) {
    throw new FaultSpecError(`A fault's ${field} must be a whole number >= ${min}.`);
  }
}
