/**
 * The negative lane of an operation without a role: its generated requests
 * (plan/parameter-cases.ts), each breaking one query parameter's schema or its body's, sent
 * correctly signed. Each answer must be a documented error (checks/negative-verdict.ts).
 */
import type { AnswerExchange } from '../checks/exchange.js';
import type { ContractView, OperationView } from '../contract/view.js';
import { type Identity, requestContentType, signedHeaders } from '../http/api.js';
import type { Transport } from '../http/limits.js';
import type { ParameterCase } from '../plan/parameter-cases.js';
import type { CheckOutcome } from '../results/model.js';
import { judgeCases } from './lane.js';

export function parameterRow(op: OperationView, cases: ParameterCase[]) {
  const what =
    op.requestSchema === undefined
      ? 'invalid query parameters'
      : 'invalid query parameters and bodies';
  return {
    id: `negative:${op.id}:parameters`,
    section: 'negative' as const,
    title: `negative · ${op.summary} · ${what}: ${cases.length} generated requests`,
    evidence: 'documented' as const,
  };
}

export interface ParameterLaneInput {
  view: ContractView;
  op: OperationView;
  cases: ParameterCase[];
  server: string;
  identity: Identity;
  accessToken: string;
  transport: Transport;
  observe(exchange: AnswerExchange): void;
}

export async function runParameterLane(input: ParameterLaneInput): Promise<CheckOutcome> {
  const { op, cases } = input;
  const base = parameterRow(op, cases);
  if (cases.length === 0) {
    return {
      ...base,
      violations: [],
      skipped: 'no query parameter or body to break (or --negative-runs is 0)',
    };
  }
  const verdict = await judgeCases(
    input,
    op,
    'parameters',
    cases,
    `negative · ${op.summary} · `,
    async (c) => ({
      op,
      query: c.query,
      body: c.body,
      headers: op.signed
        ? await signedHeaders(input.view, op, {
            accessToken: input.accessToken,
            appSecret: input.identity.appSecret,
            query: c.query,
            body: c.body,
          })
        : { 'content-type': requestContentType(op) },
    }),
  );
  return { ...base, ...verdict };
}
