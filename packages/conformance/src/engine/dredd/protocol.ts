/**
 * What the run and its Dredd worker process tell each other over the IPC channel. The secret
 * and the token travel only here, never in argv or the environment of the worker.
 */
import type { TransactionOutcome, TriggerRecord } from '../../checks/exchange.js';
import type { Identity } from '../../http/api.js';
import type { RunFlows } from '../../plan/requests.js';
import type { PlannedTransaction } from '../../plan/transactions.js';

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

/** One answer the server gave, for the rules of every answer. */
export interface ObservedAnswer {
  /** The contract's operationId. */
  operation: string;
  label: string;
  status: number;
  contentType: string | undefined;
  text: string;
}

export type WorkerMessage =
  | { type: 'secret'; value: string }
  /** The hook file registered its hooks: said at once, so that a later crash cannot hide it. */
  | { type: 'hooks-loaded' }
  /** A request got an answer in time, or none: the run counts timeouts in a row. */
  | { type: 'attempt'; timedOut: boolean; what: string }
  | { type: 'observed'; observation: ObservedAnswer }
  | { type: 'outcome'; outcome: TransactionOutcome }
  | { type: 'trigger'; record: TriggerRecord }
  | { type: 'log'; level: string; message: string }
  | { type: 'done'; hooksLoaded: boolean; unknown: string[]; missing: string[] }
  | { type: 'failed'; message: string }
  /**
   * The run's own flow or user cannot be triggered, as the server's answer to the success
   * trigger says (plan/config-errors.ts): a configuration mistake, not a violation. The hooks
   * send nothing more.
   */
  | { type: 'config-error'; message: string };
