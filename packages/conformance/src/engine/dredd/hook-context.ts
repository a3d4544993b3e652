/**
 * What the CommonJS hook file delegates to, inside the Dredd worker. For each transaction it
 * sets the request the plan calls for (signed with the run's token), the expected answer's
 * JSON Schema from the dereferenced contract, and reports each outcome to the run.
 */
import type { PartVerdict, TransactionOutcome, TriggerRecord } from '../../checks/exchange.js';
import type { CallValues } from '../../contract/advice.js';
import type { LinkSource } from '../../contract/links.js';
import { mediaTypeEssence } from '../../contract/media-type.js';
import { contractView, type OperationView, roleOf } from '../../contract/view.js';
import {
  type ApiAnswer,
  parseJson,
  requestContentType,
  requestTarget,
  send,
  sendTokenRequest,
  signedHeaders,
} from '../../http/api.js';
import {
  AnswerTooLargeError,
  NoAnswerError,
  noAnswerWithin,
  type Transport,
} from '../../http/limits.js';
import {
  askAgainAfterCollisions,
  collisionNote,
  type TokenExchange,
} from '../../http/token-collisions.js';
import { configurationError, successRefusal, TAKEN } from '../../plan/config-errors.js';
import {
  callValues,
  MissingLinkValue,
  oversizeSpec,
  type RequestContext,
  type RequestSpec,
  requestSpec,
} from '../../plan/requests.js';
import { type PlannedTransaction, successProvocation } from '../../plan/transactions.js';
import { firstTriggerTime } from '../../plan/trigger-times.js';
import { Redactor } from '../../results/redact.js';
import { describeError, excerpt } from '../../results/text.js';
import type { WorkerMessage, WorkerStart } from './protocol.js';
import { type DreddTransaction, headerValue } from './transaction.js';

export interface HookContext {
  loaded(): void;
  /** The run's token has come: the hooks may sign. */
  provideToken(accessToken: string): void;
  beforeAll(transactions: DreddTransaction[]): Promise<void>;
  beforeEach(transaction: DreddTransaction): Promise<void>;
  beforeEachValidation(transaction: DreddTransaction): Promise<void>;
  afterEach(transaction: DreddTransaction): Promise<void>;
  hookFailed(data: DreddTransaction | DreddTransaction[], error: unknown): void;
  /** Dredd's own error for a transaction (a request that got no answer, or one too large). */
  requestFailed(name: string, error: { message: string; code?: string }): void;
  summary(): { hooksLoaded: boolean; unknown: string[]; missing: string[] };
}

const BODY_KEPT = 4000;
/** The errors of `request` (Dredd's HTTP library) for a request that got no answer in time. */
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);

export function createHookContext(
  start: WorkerStart,
  post: (message: WorkerMessage) => void,
): HookContext {
  const view = contractView(start.viewFile);
  const plan = new Map(start.plan.map((entry) => [entry.name, entry]));
  const basePath = new URL(start.server).pathname.replace(/\/+$/, '');
  const requestErrors = new Map<string, string>();
  const notes = new Map<string, string>();
  /** What each transaction's request named, for the advice of its answer. */
  const calls = new Map<string, CallValues>();
  /** What each transaction sent (the success trigger: in the minute it settled on). */
  const sent = new Map<string, RequestSpec>();
  /** Each operation's success request and answer: what the contract's links take values from. */
  const answers = new Map<string, LinkSource>();
  /** Transactions not sent because a value they need never came, and why. */
  const unsent = new Map<string, string>();
  /** Set when the run's own flow cannot be triggered: the hooks send nothing more. */
  let halted: string | undefined;
  const unknown: string[] = [];
  const missing: string[] = [];
  let hooksLoaded = false;
  let accessToken = '';
  let tokenCame: () => void = () => {};
  const tokenReady = new Promise<void>((resolve) => {
    tokenCame = resolve;
  });
  let record: TriggerRecord | undefined;
  let tokenBody: string | undefined;
  const transport: Transport = {
    maxResponseBytes: start.maxResponseBytes,
    timeoutMs: start.requestTimeoutMs,
    onAttempt: (attempt) => post({ type: 'attempt', ...attempt }),
  };
  // The run redacts again what it prints; this one redacts an answer before it is cut short.
  const redactor = new Redactor();
  redactor.add(start.identity.appSecret);

  const opOf = (entry: PlannedTransaction): OperationView => view.op(entry.operation);
  const requestContext = (): RequestContext => ({
    view,
    identity: start.identity,
    flows: start.flows,
    minute: record?.minute ?? (start.candidateMinutes[0] as number),
    oversizeBytes: start.oversizeBytes,
    ...(tokenBody === undefined ? {} : { tokenBody }),
    answers,
  });

  async function headersFor(op: OperationView, spec: RequestSpec): Promise<Record<string, string>> {
    if (!spec.signed) return { 'content-type': requestContentType(op) };
    return signedHeaders(view, op, {
      accessToken,
      appSecret: start.identity.appSecret,
      query: spec.query,
      body: spec.body,
    });
  }

  function observe(
    entry: PlannedTransaction,
    answer: { status: number; contentType?: string; text: string },
  ) {
    post({
      type: 'observed',
      observation: {
        operation: entry.operation,
        label: entry.title,
        status: answer.status,
        contentType: answer.contentType,
        text: answer.text,
      },
    });
    const token = (parseJson(answer.text) as { data?: { accessToken?: unknown } } | undefined)?.data
      ?.accessToken;
    if (typeof token === 'string' && token !== '') {
      redactor.add(token);
      post({ type: 'secret', value: token });
    }
  }

  /** Try earlier minutes while the server says the run's minute is taken. */
  async function settleSuccess(entry: PlannedTransaction, t: DreddTransaction): Promise<void> {
    const op = view.trigger;
    const taken: number[] = [];
    let answer = realAnswer(t);
    let minute = start.candidateMinutes[0] as number;
    const isTaken = (a: ApiAnswer) =>
      a.status === 200 && successRefusal(op, a.json)?.name === TAKEN;
    for (const next of start.candidateMinutes.slice(1)) {
      if (!isTaken(answer)) break;
      taken.push(minute);
      observe(entry, answer);
      minute = next;
      const spec = await requestSpec('trigger-success', { ...requestContext(), minute }, op.id);
      calls.set(t.name, callValues(spec));
      sent.set(t.name, spec);
      answer = await send(
        start.server,
        { op, query: spec.query, body: spec.body, headers: await headersFor(op, spec) },
        transport,
      );
      t.real = {
        statusCode: answer.status,
        headers: answer.headers,
        body: answer.text,
        bodyEncoding: 'utf-8',
      };
    }
    const iso = (m: number) => new Date(m).toISOString().slice(11, 16);
    const mistake =
      answer.status === 200
        ? configurationError(op, answer.json, {
            flowId: start.flows.flowId,
            userId: start.identity.userId,
            orgId: start.identity.orgId,
            triggerTime: firstTriggerTime(minute),
          })
        : undefined;
    if (mistake !== undefined) {
      halted = mistake;
      post({ type: 'config-error', message: mistake });
    } else if (taken.length > 0) {
      notes.set(
        t.name,
        `minute${taken.length > 1 ? 's' : ''} ${taken.map(iso).join(', ')} already taken (an earlier run?); used ${iso(minute)}`,
      );
    }
    record = {
      flowId: start.flows.flowId,
      userId: start.identity.userId,
      triggerTime: firstTriggerTime(minute),
      minute,
      answer: { status: answer.status, json: answer.json },
      taken,
    };
    post({ type: 'trigger', record });
  }

  /**
   * Ask again while the token service says another process used the same millisecond (Dredd
   * sent the first request itself): the token checks are about the contract, not about who
   * else shares the app key.
   */
  async function settleToken(entry: PlannedTransaction, t: DreddTransaction): Promise<void> {
    const ask = (timestamp: number): Promise<TokenExchange> =>
      sendTokenRequest(start.server, view, start.identity, transport, timestamp);
    const first = { body: t.request.body, answer: realAnswer(t) };
    const { exchange, requests } = await askAgainAfterCollisions(first, ask, (replaced) =>
      observe(entry, replaced.answer),
    );
    if (requests === 1) return;
    // The replay check sends again the request that got the token.
    tokenBody = exchange.body;
    t.real = {
      statusCode: exchange.answer.status,
      headers: exchange.answer.headers,
      body: exchange.answer.text,
      bodyEncoding: 'utf-8',
    };
    notes.set(t.name, collisionNote(requests));
  }

  return {
    loaded() {
      hooksLoaded = true;
      post({ type: 'hooks-loaded' });
    },

    provideToken(token) {
      accessToken = token;
      redactor.add(token);
      tokenCame();
    },

    async beforeAll(transactions) {
      await tokenReady;
      const byName = new Map(transactions.map((t) => [t.name, t]));
      for (const t of transactions) if (!plan.has(t.name)) unknown.push(t.name);
      const ordered: DreddTransaction[] = [];
      for (const entry of plan.values()) {
        const base = byName.get(entry.base);
        if (!base) {
          missing.push(entry.name);
          continue;
        }
        ordered.push(
          entry.name === entry.base ? base : { ...structuredClone(base), name: entry.name },
        );
      }
      for (const name of unknown) {
        const t = byName.get(name) as DreddTransaction;
        t.fail = 'no hook handles this transaction: its name is not one the contract gives';
        ordered.push(t);
      }
      transactions.splice(0, transactions.length, ...ordered);
    },

    async beforeEach(t) {
      const entry = plan.get(t.name);
      if (!entry) return;
      if (entry.skip !== undefined || halted !== undefined) {
        t.skip = true;
        return;
      }
      const op = opOf(entry);
      const provocation = entry.provocation as NonNullable<PlannedTransaction['provocation']>;
      let spec: RequestSpec;
      try {
        spec =
          provocation === 'oversize'
            ? await oversizeSpec(entry.operation, requestContext())
            : await requestSpec(provocation, requestContext(), entry.operation);
      } catch (error) {
        if (!(error instanceof MissingLinkValue)) throw error;
        unsent.set(t.name, error.message);
        t.skip = true;
        return;
      }
      if (provocation === 'token-success') tokenBody = spec.body;
      calls.set(t.name, callValues(spec));
      sent.set(t.name, spec);
      // Dredd built its URI from the path key; the request goes to the path, with the fixed
      // query (`action=get`) among the query's values.
      const target = requestTarget(op, spec.query);
      t.fullPath = `${basePath}${target}`;
      t.request.uri = target;
      t.request.method = op.method;
      t.request.body = spec.body;
      const agent = headerValue(t.request.headers, 'user-agent');
      t.request.headers = {
        ...(agent ? { 'User-Agent': agent } : {}),
        ...(await headersFor(op, spec)),
      };
      t.expected = {
        statusCode: String(entry.expectStatus),
        headers: { 'Content-Type': op.mediaType },
        bodySchema: entry.bodySchema,
      };
    },

    async beforeEachValidation(t) {
      const entry = plan.get(t.name);
      if (!entry || !t.real) return;
      if (entry.provocation === 'trigger-success') await settleSuccess(entry, t);
      if (entry.provocation === 'token-success') await settleToken(entry, t);
      const spec = sent.get(t.name);
      if (spec && entry.provocation === successProvocation(roleOf(entry.operation))) {
        answers.set(entry.operation, {
          query: spec.query,
          body: spec.body,
          json: realAnswer(t).json,
        });
      }
      // Gavel compares Content-Type whole; the contract names a media type, and parameters such
      // as charset are not part of it. The every-answer checks hold every answer to it.
      const real = headerValue(t.real.headers, 'content-type');
      const expected = opOf(entry).mediaType;
      if (mediaTypeEssence(real) === mediaTypeEssence(expected) && t.expected.headers) {
        t.expected.headers['Content-Type'] = real as string;
      }
    },

    async afterEach(t) {
      const entry = plan.get(t.name);
      const outcome: TransactionOutcome = { name: t.name, skipped: t.skip === true };
      const why = unsent.get(t.name);
      if (why !== undefined) outcome.skipReason = why;
      if (entry && t.real) {
        const answer = realAnswer(t);
        observe(entry, answer);
        // Redacted whole, before it is parsed or cut: the run quotes values of it.
        const text = redactor.redact(answer.text);
        outcome.answer = {
          status: answer.status,
          contentType: answer.contentType,
          text: excerpt(text, BODY_KEPT),
          json: parseJson(text),
        };
      }
      const call = calls.get(t.name);
      if (call) outcome.call = call;
      if (typeof t.fail === 'string') outcome.error = t.fail;
      const requestError = requestErrors.get(t.name);
      if (requestError) outcome.error = requestError;
      const fields = t.results?.fields;
      if (fields && !outcome.skipped && !outcome.error) {
        outcome.fields = {
          statusCode: fieldResult(fields.statusCode),
          headers: fieldResult(fields.headers),
          body: fieldResult(fields.body),
        };
      }
      const note = notes.get(t.name);
      if (note) outcome.note = note;
      post({ type: 'outcome', outcome });
    },

    hookFailed(data, error) {
      // A request of a hook (another minute, a token asked again) that got no usable answer is
      // the server's doing, and said as such.
      const message =
        error instanceof AnswerTooLargeError || error instanceof NoAnswerError
          ? error.message
          : `a hook failed: ${describeError(error)}`;
      if (Array.isArray(data)) {
        post({ type: 'failed', message });
        return;
      }
      // Before the request, failing the transaction stops Dredd from sending it.
      if (!data.real) data.fail = message;
      else requestErrors.set(data.name, message);
    },

    requestFailed(name, error) {
      if (error.code === 'ERR_ANSWER_TOO_LARGE') {
        requestErrors.set(name, error.message);
      } else if (error.code !== undefined && TIMEOUT_CODES.has(error.code)) {
        const entry = plan.get(name);
        const op = entry ? opOf(entry) : view.trigger;
        post({
          type: 'attempt',
          timedOut: true,
          what: `${op.method} ${new URL(start.server).origin}${op.path}`,
        });
        requestErrors.set(
          name,
          `no complete answer within ${noAnswerWithin(start.requestTimeoutMs)} (${error.code})`,
        );
      } else {
        requestErrors.set(name, `no answer: ${error.message}`);
      }
    },

    summary() {
      return { hooksLoaded, unknown, missing };
    },
  };
}

function realAnswer(t: DreddTransaction): ApiAnswer {
  const real = t.real as NonNullable<DreddTransaction['real']>;
  const text =
    real.bodyEncoding === 'base64'
      ? Buffer.from(real.body ?? '', 'base64').toString('utf8')
      : (real.body ?? '');
  return {
    status: real.statusCode,
    contentType: headerValue(real.headers, 'content-type'),
    headers: real.headers,
    text,
    json: parseJson(text),
  };
}

function fieldResult(
  field:
    | { valid: boolean; errors?: { message?: string; location?: { pointer?: unknown } }[] }
    | undefined,
): PartVerdict | undefined {
  if (!field) return undefined;
  const pointers = (field.errors ?? []).map((e) =>
    typeof e.location?.pointer === 'string' ? e.location.pointer : '',
  );
  return { valid: field.valid, pointers };
}
