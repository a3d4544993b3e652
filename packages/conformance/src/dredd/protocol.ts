/**
 * What the run and its Dredd worker process tell each other over the IPC channel. The secret
 * and the token travel only here, never in argv or the environment of the worker.
 */
import type { CallValues } from '../contract/advice.js';
import type { Identity } from '../http/api.js';
import type { PlannedTransaction } from './plan.js';
import type { RunFlows } from './requests.js';

export const CONTEXT_KEY = Symbol.for('@enos-trigger/conformance.dredd-hook-context');

export interface WorkerStart {
  type: 'start';
  server: string;
  /** The file Dredd reads. */
  contractFile: string;
  /** The JSON file the hooks read the contract from (--contract); undefined: the bundled one. */
  viewFile?: string;
  hookfile: string;
  identity: Identity;
  flows: RunFlows;
  /** Minutes to try for the success trigger, in order (see plan/trigger-times). */
  candidateMinutes: number[];
  oversizeBytes: number;
  plan: PlannedTransaction[];
  /** The most of an answer Dredd and the hooks read (--max-response-bytes). */
  maxResponseBytes: number;
  /** A request's time limit (--request-timeout). */
  requestTimeoutMs: number;
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
  /** The contract's operationId. */
  operation: string;
  label: string;
  status: number;
  contentType: string | undefined;
  text: string;
}

/**
 * Gavel's verdict on one part of an answer. Only where each problem is (a JSON pointer into the
 * body; empty when Gavel gave none) is kept: the run says what is wrong in its own words
 * (outcomes.ts), never in Gavel's.
 */
export interface FieldResult {
  valid: boolean;
  pointers: string[];
}

export interface TransactionOutcome {
  name: string;
  /** Dredd skipped it (the plan says why). */
  skipped: boolean;
  /** A hook or the request failed before there was an answer to validate. */
  error?: string;
  fields?: { statusCode?: FieldResult; headers?: FieldResult; body?: FieldResult };
  answer?: {
    status: number;
    contentType: string | undefined;
    /** An excerpt of the body, redacted. */
    text: string;
    /** The whole body parsed (redacted first), or undefined when it is not JSON. */
    json?: unknown;
  };
  /** The flow, user and trigger time the request named: they fill the advice of its answer. */
  call?: CallValues;
  /** Anything the hooks did that the report should say, e.g. a minute that was taken. */
  note?: string;
}

export interface TriggerRecord {
  flowId: number;
  /** The user the trigger was sent as. */
  userId?: string;
  triggerTime: number;
  /** The minute the run's instance is in: later requests reuse it, so they start no other. */
  minute: number;
  answer: { status: number; json: unknown };
  /** The minutes that were already taken. */
  taken: number[];
}

export type WorkerMessage =
  | { type: 'secret'; value: string }
  /** The hook file registered its hooks: said at once, so that a later crash cannot hide it. */
  | { type: 'hooks-loaded' }
  /** A request got an answer in time, or none: the run counts timeouts in a row. */
  | { type: 'exchange'; timedOut: boolean; what: string }
  | { type: 'observed'; observation: Observation }
  | { type: 'outcome'; outcome: TransactionOutcome }
  | { type: 'trigger'; record: TriggerRecord }
  | { type: 'log'; level: string; message: string }
  | { type: 'done'; hooksLoaded: boolean; unknown: string[]; missing: string[] }
  | { type: 'failed'; message: string }
  /**
   * The run's own flow or user cannot be triggered, as the server's answer to the success
   * trigger says (config-errors.ts): a configuration mistake, not a violation. The hooks send
   * nothing more.
   */
  | { type: 'config-error'; message: string };
