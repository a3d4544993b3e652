/**
 * The negative lane: send every generated invalid request, one at a time, and hold each answer
 * to the registry's negative checks (checks/negative-verdict.ts). One report row per category,
 * naming the first requests that broke the rule.
 */
import { randomBytes } from 'node:crypto';
import type { AnswerExchange, NegativeCategory } from '../checks/exchange.js';
import { judge } from '../checks/negative-verdict.js';
import type { ContractView, OperationView } from '../contract/view.js';
import {
  type ApiRequest,
  type Identity,
  operationQuery,
  type Query,
  send,
  signedHeaders,
} from '../http/api.js';
import {
  AnswerTooLargeError,
  NoAnswerError,
  noAnswerWithin,
  type Transport,
} from '../http/limits.js';
import {
  CATEGORIES,
  CATEGORY_TITLES,
  type Category,
  type NegativeCase,
  type SignatureFlaw,
} from '../plan/negative-cases.js';
import { unsafeBecause } from '../plan/negative-safety.js';
import { render, type TemplateValues } from '../plan/negative-templates.js';
import type { CheckOutcome, Violation } from '../results/model.js';

export interface LaneInput {
  view: ContractView;
  server: string;
  identity: Identity;
  accessToken: string;
  values: TemplateValues;
  cases: Map<Category, NegativeCase[]>;
  /** The server is a stateless mock: it cannot check signatures (it does not know the secret). */
  stateless: boolean;
  transport: Transport;
  /** Every answer, for the rules of every answer. */
  observe(exchange: AnswerExchange): void;
  onCheck(outcome: CheckOutcome): void;
}

/** How many failing examples a row names. */
const EXAMPLES = 3;

export async function runNegativeLane(input: LaneInput): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  for (const category of CATEGORIES) {
    const cases = input.cases.get(category) ?? [];
    const outcome =
      input.stateless && category === 'bad-signatures'
        ? { ...rowOf(category, cases), violations: [], skipped: STATELESS_SKIP }
        : await runCategory(input, category, cases);
    input.onCheck(outcome);
    outcomes.push(outcome);
  }
  return outcomes;
}

const STATELESS_SKIP =
  'a stateless mock does not know the secret, so it cannot check signatures (--stateless)';

/** A category's report row, before its verdict. */
export function rowOf(category: Category, cases: NegativeCase[]) {
  return {
    id: `negative:${category}`,
    section: 'negative' as const,
    title: `negative · ${CATEGORY_TITLES[category]}: ${cases.length} generated requests`,
    evidence: 'documented' as const,
  };
}

async function runCategory(
  input: LaneInput,
  category: Category,
  cases: NegativeCase[],
): Promise<CheckOutcome> {
  const base = rowOf(category, cases);
  if (cases.length === 0) return { ...base, violations: [], skipped: '--negative-runs is 0' };
  const op = input.view.trigger;
  const verdict = await judgeCases(input, op, category, cases, 'negative · ', async (c) => {
    const body = render(c.template, input.values);
    const unsafe = unsafeBecause(body, input.values);
    if (unsafe) throw new Error(`Refusing to send a negative request (${c.label}): ${unsafe}.`);
    const query = operationQuery(op, input.identity);
    return { op, query, body, headers: await flawedHeaders(input, query, body, c.flaw) };
  });
  return { ...base, ...verdict };
}

/** Where a lane sends its requests, and who sees each answer. */
export interface LaneSender {
  view: ContractView;
  server: string;
  transport: Transport;
  observe(exchange: AnswerExchange): void;
}

/**
 * Send each case's request, one at a time, and hold each answer to `judge`: a row's verdict,
 * each problem with how many requests had it and the first of them, or the kinds of documented
 * error that answered. `request` builds a case's request (a refusal to build one rejects the
 * lane); when the run stops, this rejects with the stop's reason.
 */
export async function judgeCases<C extends { label: string }>(
  sender: LaneSender,
  op: OperationView,
  category: NegativeCategory,
  cases: C[],
  /** What the every-answer row calls each answer: this, then the case's label. */
  labelPrefix: string,
  request: (c: C) => Promise<ApiRequest>,
): Promise<Pick<CheckOutcome, 'violations' | 'passReason'>> {
  const { transport } = sender;
  const kinds = new Map<string, number>();
  const problems = new Map<string, { count: number; examples: string[] }>();
  for (const c of cases) {
    const built = await request(c);
    let problem: string | undefined;
    try {
      const { status, contentType, text, json } = await send(sender.server, built, transport);
      const exchange = {
        lane: 'negative' as const,
        operation: op.id,
        label: `${labelPrefix}${c.label}`,
        answer: { status, contentType, text, json },
        category,
      };
      sender.observe(exchange);
      const verdict = judge(sender.view, exchange);
      if (verdict.ok) kinds.set(verdict.kind, (kinds.get(verdict.kind) ?? 0) + 1);
      else problem = verdict.problem;
    } catch (error) {
      // The run stopped (its deadline, a server that stopped answering): no verdict here.
      if (transport.signal?.aborted) throw transport.signal.reason;
      if (error instanceof AnswerTooLargeError) {
        problem = `answered more than ${error.limit} bytes (--max-response-bytes), so the run stopped reading`;
      } else if (error instanceof NoAnswerError) {
        problem = `got no answer within ${noAnswerWithin(transport.timeoutMs)}`;
      } else {
        problem = `got no answer (${(error as Error).message})`;
      }
    }
    if (problem) {
      const seen = problems.get(problem) ?? { count: 0, examples: [] };
      seen.count += 1;
      if (seen.examples.length < EXAMPLES) seen.examples.push(c.label);
      problems.set(problem, seen);
    }
  }
  const violations: Violation[] = [...problems].map(([problem, seen]) => ({
    evidence: 'documented',
    message: `${seen.count} of ${cases.length} ${problem}, e.g. ${seen.examples.join(' | ')}`,
  }));
  const spread = [...kinds].map(([kind, n]) => `${kind} ×${n}`).join(', ');
  return { violations, passReason: `every answer a documented error (${spread})` };
}

async function flawedHeaders(
  input: LaneInput,
  query: Query,
  body: string,
  flaw: SignatureFlaw | undefined,
): Promise<Record<string, string>> {
  const { view } = input;
  const names = view.headers;
  const sign = (overrides: Partial<Parameters<typeof signedHeaders>[2]> = {}) =>
    signedHeaders(view, view.trigger, {
      accessToken: input.accessToken,
      appSecret: input.identity.appSecret,
      query,
      body,
      ...overrides,
    });
  const random = () => randomBytes(32).toString('hex');
  switch (flaw) {
    case undefined:
      return sign();
    case 'random-signature':
      return { ...(await sign()), [names.signature]: random() };
    case 'signed-other-body':
      return sign({ body: `${body} ` });
    case 'signed-other-query':
      return sign({ query: query.map(([k, v]) => [k, `${v}x`]) });
    case 'wrong-secret':
      return sign({ appSecret: random() });
    case 'timestamp-mismatch': {
      const headers = await sign();
      return { ...headers, [names.timestamp]: String(Number(headers[names.timestamp]) + 1) };
    }
    case 'no-signature': {
      const { [names.signature]: _dropped, ...rest } = await sign();
      return rest;
    }
    case 'no-token': {
      const { [names.accessToken]: _dropped, ...rest } = await sign();
      return rest;
    }
    case 'wrong-token': {
      const token = random();
      return { ...(await sign({ accessToken: token })) };
    }
  }
}
