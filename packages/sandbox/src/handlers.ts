/**
 * The only code of the sandbox that is particular to one operation: its business handler. The
 * request pipeline (routes.ts) does the rest the same way for every operation of the contract:
 * body limit, gateway faults, authentication, content type, the internal-error fault and the
 * contract's request validation. A handler names the catalog answers it gives at those steps and
 * answers the calls that pass them.
 */
import type { IncomingMessage } from 'node:http';
import type { OperationId } from '@enos-trigger/spec';
import { cancelInstanceHandler } from './cancel-instance-endpoint.js';
import type { SandboxContext } from './context.js';
import type { OperationRules, ValidationError } from './contract-rules.js';
import { getInstanceHandler } from './get-instance-endpoint.js';
import type { Answer } from './http-io.js';
import { listInstancesHandler } from './list-instances-endpoint.js';
import { tokenHandler } from './token-endpoint.js';
import { triggerHandler } from './trigger-endpoint.js';

/** What is off the contract in a request: its query, a body that is not JSON, or its body. */
export type OffContract = 'query' | 'not-json' | 'body';

/** A call that passed every generic check. */
export interface ValidCall {
  req: IncomingMessage;
  /** The query, validated (a prototype-less record; only contract parameters are trusted). */
  params: Record<string, string | string[]>;
  /** The body, parsed and validated; undefined for an operation without one. */
  input: unknown;
}

export interface BusinessHandler {
  /** The catalog answers by name (checked at start to exist in the contract). */
  answers: Readonly<Record<string, string>>;
  /** The catalog answer of an injected internal-error fault. */
  internalError: string;
  /** The catalog answer to a request off the contract. */
  offContract(problem: OffContract, error: ValidationError | undefined, input: unknown): string;
  /** A leniency of the live service, applied to the parsed body before it is validated. */
  prepare?(input: unknown, ctx: SandboxContext): void;
  answer(ctx: SandboxContext, call: ValidCall): Answer;
}

/** Builds an operation's handler once, at start, from the operation's compiled rules. */
export type HandlerFactory = (rules: OperationRules) => BusinessHandler;

/** One handler per operation of the contract: a new operation does not compile without one. */
export const HANDLERS: { readonly [Id in OperationId]: HandlerFactory } = {
  triggerFlow: triggerHandler,
  getFlowInstance: getInstanceHandler,
  listFlowInstances: listInstancesHandler,
  cancelFlowInstance: cancelInstanceHandler,
  getAccessToken: tokenHandler,
};

/** A business answer of the catalog: HTTP 200, the example's body, and why. */
export function catalogAnswer(handler: BusinessHandler, name: string, reason: string): Answer {
  return { status: 200, body: handler.answers[name] as string, reason };
}
