/**
 * A sandbox on a manual clock that a growth figure fills with instances of one workflow, moves
 * through time, and reads or lists. Only through what a client or a test reaches: the contract's
 * operations, signed as the contract's example caller, and the control API under /__sandbox/
 * (reset, move the clock; see the sandbox's README). What is timed is what a client waits for.
 */
import { CONTROL_PREFIX, DEFAULT_RUN_MS, defaultFixtures } from '@enos-trigger/sandbox';
import { flowInstanceStatuses } from '@enos-trigger/spec';
import autocannon from 'autocannon';
import { type Answer, describeAnswer, exchange, send } from '../answer.js';
import {
  INSTANCE_ID,
  LIST_CODE_FIELD,
  LIST_FIELDS,
  LIST_OPERATION,
  READ_CODE_FIELD,
  TRIGGER_CODE_FIELD,
} from '../contract.js';
import { CONNECTIONS } from '../load.js';
import { InstanceCalls } from '../mix/instance-calls.js';
import { loadRequest } from '../mix/source.js';
import {
  JSON_CONTENT_TYPE,
  type SignedRequest,
  type SigningKey,
  signCall,
} from '../signed-request.js';
import { callerQuery, sandboxSigningKey, triggerExample } from '../trigger-request.js';
import { type ListFilter, listRequestBody } from './list-request.js';
import { shuffledTriggerTimes } from './trigger-times.js';

/** The contract's Trigger Flow example body: its workflow gets every instance of a fill. */
const TRIGGER_TEMPLATE = JSON.parse(triggerExample().body) as Record<string, unknown>;

/** How long one instance of that workflow runs in the sandbox's default fixtures, in sandbox ms. */
export const RUN_MS =
  defaultFixtures.flows.find((flow) => flow.flowId === TRIGGER_TEMPLATE.flowId)?.runMs ??
  DEFAULT_RUN_MS;

const STATUSES = flowInstanceStatuses();
/** Every status code of the contract, and those of instances that have not finished. */
export const ALL_STATUS_CODES = STATUSES.map((status) => status.code);
export const UNFINISHED_STATUS_CODES = STATUSES.filter((status) => !status.terminal).map(
  (status) => status.code,
);

/** What a fill made: `count` instances, one per minute from `from` to `to`. */
export interface Filled {
  count: number;
  /** The instance of the first trigger, as the sandbox answered it. */
  firstId: string;
  from: number;
  to: number;
}

/** An answer of a timed call, and how long the caller waited for it. */
export interface Timed {
  ms: number;
  answer: Answer;
}

export class InstancesSandbox {
  /** A token of the sandbox; dropped when its clock moves, which may expire it. */
  private key: SigningKey | undefined;

  constructor(readonly url: string) {}

  /** Back to the default fixtures with no instance (the clock stays where it is). */
  async reset(): Promise<void> {
    await this.control('reset');
  }

  /** Move the manual clock forward by `ms`. Nothing is settled until a call asks. */
  async advance(ms: number): Promise<void> {
    await this.control('clock/advance', { ms });
    this.key = undefined;
  }

  /**
   * Trigger `count` new instances of the workflow, a minute apart, in a shuffled order (see
   * trigger-times.ts), then check that the sandbox holds exactly them. On a still clock the
   * first runs and the others wait: nothing is settled yet.
   */
  async fill(count: number): Promise<Filled> {
    const calls = new InstanceCalls(await this.signingKey());
    const { times, from, to } = shuffledTriggerTimes(count, Date.now());
    const bodies = times.map((triggerTime) => JSON.stringify({ ...TRIGGER_TEMPLATE, triggerTime }));
    const [first, ...others] = await calls.triggers(bodies);
    const answer = await send(this.url, first as SignedRequest);
    const firstId = (answer.body?.data as Record<string, unknown> | undefined)?.[INSTANCE_ID.field];
    if (answer.body?.[TRIGGER_CODE_FIELD] !== 0 || typeof firstId !== 'string') {
      throw new Error(
        `The sandbox refused a trigger of a new instance (${describeAnswer(answer, TRIGGER_CODE_FIELD)}); nothing was measured.`,
      );
    }
    await this.sendAll(others);
    const held = await this.count({ from, to, statusCodes: ALL_STATUS_CODES, pageNo: 1 });
    if (held !== count) {
      throw new Error(
        `The sandbox holds ${held} instances after the bench triggered ${count} new ones: the figure would time another count. Check the sandbox's trigger rules (one trigger per workflow and minute) and the contract's List example.`,
      );
    }
    return { count, firstId, from, to };
  }

  /** A read of instance `id`, signed now. */
  async signedRead(id: string): Promise<SignedRequest> {
    const [read] = await new InstanceCalls(await this.signingKey()).reads([id]);
    return read as SignedRequest;
  }

  /** A list as `filter` says, signed now. */
  async signedList(filter: ListFilter): Promise<SignedRequest> {
    return signCall(
      LIST_OPERATION,
      callerQuery(LIST_OPERATION),
      listRequestBody(filter),
      await this.signingKey(),
    );
  }

  /** How many instances match `filter`. */
  async count(filter: ListFilter): Promise<number> {
    const { answer } = await this.timedList(await this.signedList(filter), 'A list');
    const count = (answer.body?.data as Record<string, unknown> | undefined)?.[LIST_FIELDS.count];
    if (typeof count !== 'number') {
      throw new Error(
        `The sandbox's list answer has no ${LIST_FIELDS.count}; nothing was measured.`,
      );
    }
    return count;
  }

  timedRead(read: SignedRequest, what: string): Promise<Timed> {
    return this.timed(read, READ_CODE_FIELD, what);
  }

  timedList(list: SignedRequest, what: string): Promise<Timed> {
    return this.timed(list, LIST_CODE_FIELD, what);
  }

  /** Send `request` and time the wait for its answer, which must be the operation's success. */
  private async timed(request: SignedRequest, codeField: string, what: string): Promise<Timed> {
    const started = performance.now();
    let answer: Answer;
    try {
      answer = await send(this.url, request);
    } catch (error) {
      throw new Error(
        `${what} got no answer: ${(error as Error).message} A time-out here means the work grows far faster than linearly: run the sandbox's instance tests.`,
      );
    }
    const ms = performance.now() - started;
    if (answer.status !== 200 || answer.body?.[codeField] !== 0) {
      throw new Error(
        `${what} was answered ${describeAnswer(answer, codeField)}, not the success; nothing was measured.`,
      );
    }
    return { ms, answer };
  }

  private async signingKey(): Promise<SigningKey> {
    this.key ??= await sandboxSigningKey(this.url);
    return this.key;
  }

  /** Every request once, 10 at a time; each must be answered 2xx. */
  private async sendAll(requests: readonly SignedRequest[]): Promise<void> {
    if (requests.length === 0) return;
    let next = 0;
    const result = await autocannon({
      url: this.url,
      // autocannon refuses more connections than requests.
      connections: Math.min(CONNECTIONS, requests.length),
      amount: requests.length,
      requests: [
        {
          setupRequest: (request) => {
            // Past the last one (autocannon should not ask), the last again: a duplicate the
            // count check after the fill would not count.
            const signed = loadRequest(
              requests[Math.min(next++, requests.length - 1)] as SignedRequest,
            );
            return { ...request, ...signed, method: signed.method as autocannon.Request['method'] };
          },
        },
      ],
    });
    const failed = result.non2xx + result.errors + result.timeouts;
    if (failed > 0) {
      throw new Error(
        `${failed} of the ${requests.length} triggers of a fill got no 2xx answer (${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} time-outs); nothing was measured. Check the sandbox alone.`,
      );
    }
  }

  private async control(path: string, body: object = {}): Promise<void> {
    const url = new URL(`${CONTROL_PREFIX}${path}`, this.url);
    const answer = await exchange(url, {
      method: 'POST',
      headers: { 'content-type': JSON_CONTENT_TYPE },
      body: JSON.stringify(body),
    });
    if (answer.status !== 200) {
      throw new Error(
        `The sandbox's control API answered POST ${url.pathname} with HTTP ${answer.status} (${String(answer.body?.error ?? answer.reason)}): start the sandbox with --clock manual.`,
      );
    }
  }
}
