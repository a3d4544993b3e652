/**
 * What the run and its Dredd worker process tell each other over the IPC channel. The secret
 * and the token travel only here, never in argv or the environment of the worker.
 */
import type { Identity } from '../http/api.js';
import type { PlannedTransaction } from './plan.js';

export const CONTEXT_KEY = Symbol.for('@enos-trigger/conformance.dredd-hook-context');

export interface WorkerStart {
  type: 'start';
  server: string;
  contractFile: string;
  hookfile: string;
  identity: Identity;
  flows: { flowId: number; noTaskFlowId?: number; foreignFlowId?: number };
  /** Minutes to try for the success trigger, in order (see plan/trigger-times). */
  candidateMinutes: number[];
  oversizeBytes: number;
  plan: PlannedTransaction[];
}

/**
 * The run's token, sent once the run has it: Dredd starts (and parses the contract) as soon as
 * it gets its start message, and its hooks wait for this before the first request.
 */
export interface WorkerToken {
  type: 'token';
  accessToken: string;
}

/** One answer the server gave, for the envelope check. */
export interface Observation {
  operation: 'trigger' | 'token';
  label: string;
  status: number;
  contentType: string | undefined;
  text: string;
}

export interface FieldResult {
  valid: boolean;
  errors: string[];
}

export interface TransactionOutcome {
  name: string;
  /** Dredd skipped it (the plan says why). */
  skipped: boolean;
  /** A hook or the request failed before there was an answer to validate. */
  error?: string;
  fields?: { statusCode?: FieldResult; headers?: FieldResult; body?: FieldResult };
  answer?: { status: number; contentType: string | undefined; text: string };
  /** Anything the hooks did that the report should say, e.g. a minute that was taken. */
  note?: string;
}

export interface TriggerRecord {
  flowId: number;
  triggerTime: number;
  /** The minute the run's instance is in: later requests reuse it, so they start no other. */
  minute: number;
  answer: { status: number; json: unknown };
  /** The minutes that were already taken. */
  taken: number[];
}

export type WorkerMessage =
  | { type: 'secret'; value: string }
  | { type: 'observed'; observation: Observation }
  | { type: 'outcome'; outcome: TransactionOutcome }
  | { type: 'trigger'; record: TriggerRecord }
  | { type: 'log'; level: string; message: string }
  | { type: 'done'; hooksLoaded: boolean; unknown: string[]; missing: string[] }
  | { type: 'failed'; message: string };
