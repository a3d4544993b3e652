/**
 * The engine that runs the plan's transactions, behind one interface so that it can be
 * replaced: Dredd (engine/dredd/), archived upstream, is the one implementation today. The run
 * orchestration talks only to this. An engine sends each planned transaction as the plan says
 * (signed with the run's token), judges each part of its answer against the entry's expected
 * status, media type and draft-07 body schema, and reports, in the checks' vocabulary
 * (checks/exchange.ts): each transaction's outcome, every answer it saw, the success trigger's
 * record, and rows of its own that prove it really ran the plan.
 */
import type { AnswerExchange, TransactionOutcome, TriggerRecord } from '../checks/exchange.js';
import type { Identity } from '../http/api.js';
import type { Attempt } from '../http/limits.js';
import type { RunFlows } from '../plan/requests.js';
import type { PlannedTransaction } from '../plan/transactions.js';
import type { CheckOutcome } from '../results/model.js';

/** What the engine is to run, against which server, as whom. */
export interface EngineInput {
  server: string;
  identity: Identity;
  flows: RunFlows;
  /** Minutes to try for the success trigger, in order (see plan/trigger-times). */
  candidateMinutes: number[];
  oversizeBytes: number;
  plan: PlannedTransaction[];
  /** A request's time limit (--request-timeout). */
  requestTimeoutMs: number;
  /** Another contract (--contract): a JSON OpenAPI file. Default: the bundled one. */
  contract?: string;
}

export interface EngineListeners {
  /** A token the server issued: the run must never print it. */
  onSecret?(value: string): void;
  /** A planned transaction's outcome, as it comes. */
  onOutcome?(outcome: TransactionOutcome): void;
  /** An answer the engine saw, as it comes, for the rules of every answer. */
  onAnswer?(exchange: AnswerExchange): void;
  /** A request that got an answer in time, or none (the watchdog counts them). */
  onAttempt?(attempt: Attempt): void;
  /**
   * The run's own flow or user cannot be triggered (plan/config-errors.ts): said before the
   * outcome of that transaction; the engine sends nothing more.
   */
  onConfigError?(message: string): void;
}

/** What an engine reports once it is done. */
export interface EngineRun {
  /** Each planned transaction's outcome, by its name. */
  outcomes: Map<string, TransactionOutcome>;
  trigger?: TriggerRecord;
  /** The flags are wrong (plan/config-errors.ts): what to fix. */
  configError?: string;
  /** The engine's own rows: that it loaded, ran every planned transaction, and ran to the end. */
  guards: CheckOutcome[];
}

export interface EngineSession {
  /** Let the engine sign: until then it prepares (parses the contract) and waits. */
  provideToken(accessToken: string): void;
  result: Promise<EngineRun>;
}

export interface Engine {
  /** What the progress output calls its phase. */
  readonly title: string;
  /** The engine's name, for a transaction it did not run or judge. */
  readonly name: string;
  /** Start (once): it prepares at once, and runs when given the token. */
  start(input: EngineInput, listeners?: EngineListeners): EngineSession;
  /** End it if it is still running (the run stopped early). */
  dispose(): void;
}

/** How the run bounds an engine. */
export interface EngineOptions {
  /** The most of an answer the engine reads (--max-response-bytes). */
  maxResponseBytes: number;
  /** Takes the run's secrets out of anything of the engine's the run quotes. */
  redact(text: string): string;
  /** How long the engine may take before it is ended: a backstop behind the run's deadline. */
  timeoutMs: number;
}

/**
 * An engine, created as early as the run can (so it starts up while the run starts its
 * target); every run creates its own.
 */
export type EngineFactory = (options: EngineOptions) => Engine;
