/**
 * The realistic mix against the sandbox, from start to check: the instances that reads and
 * duplicates name are made (and their answers checked) before anything is measured; each run
 * gets triggers of new instances signed for it; after each run a sample of what it sent is sent
 * again, to prove that the triggers did start new instances. The bare server gets the same kinds
 * of request, in the same order and sizes, from the same code, so the load generator does the
 * same work for both.
 */
import { type CatalogEntry, errorCatalog } from '@enos-trigger/spec';
import { catalogEntryOf, describeAnswer, describeCatalogAnswer, send } from '../answer.js';
import {
  INSTANCE_ID,
  READ_CODE_FIELD,
  TRIGGER_CODE_FIELD,
  TRIGGER_OPERATION,
} from '../contract.js';
import type { SignedRequest, SigningKey } from '../signed-request.js';
import { InstanceCalls } from './instance-calls.js';
import { MIX, type MixKind, type MixWeights, mixPattern, mixShares } from './plan.js';
import { Cycling, MixSource, OnceEach, type Supply } from './source.js';

/** Instances made before measuring: what the reads read and the duplicates repeat. */
export const READ_POOL = 100;
/** Triggers the bare server cycles through (it records nothing, so they need not be new). */
const BARE_TRIGGERS = 1000;
/** Requests of a run sent again afterwards to check it. */
const SAMPLE = 10;

export interface MixRun {
  source: MixSource;
  /** The new triggers of a sandbox run (none for the bare server). */
  triggers?: OnceEach;
}

/** Up to `count` items spread evenly over `items`, the first included. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from(
    { length: count },
    (_, index) => items[Math.floor((index * items.length) / count)] as T,
  );
}

export class MixWorkload {
  readonly weights: MixWeights = MIX;
  private readonly pattern = mixPattern(MIX);

  private constructor(
    private readonly sandboxUrl: string,
    private readonly calls: InstanceCalls,
    /** IDs of the instances made before measuring. */
    readonly instanceIds: readonly string[],
    /** The trigger bodies that made them. */
    private readonly madeBodies: readonly string[],
    /** The catalog entry the sandbox answers a same-minute duplicate with. */
    readonly duplicate: CatalogEntry,
    /** Its answer, in words, for the note. */
    readonly duplicateAnswer: string,
    /** The bare server's requests, signed once: it checks no signature and no timestamp. */
    private readonly bare: Readonly<Record<MixKind, Supply>>,
  ) {}

  /**
   * Make the instances the mix reads and repeats, and check each kind of request once: a new
   * trigger starts an instance, a read finds it, a repeat is a business error of the contract.
   * Throws, with what was answered, where the sandbox does otherwise: a mix that was refused
   * would measure refusals.
   */
  static async prepare(sandboxUrl: string, key: SigningKey): Promise<MixWorkload> {
    const calls = new InstanceCalls(key);
    const made = await calls.newTriggers(READ_POOL);
    const instanceIds: string[] = [];
    for (const request of made) {
      const answer = await send(sandboxUrl, request);
      const data = answer.body?.data as Record<string, unknown> | undefined;
      const id = data?.[INSTANCE_ID.field];
      if (
        answer.status !== 200 ||
        answer.body?.[TRIGGER_CODE_FIELD] !== 0 ||
        typeof id !== 'string'
      ) {
        throw new Error(
          `The sandbox refused a trigger of a new instance (${describeAnswer(answer, TRIGGER_CODE_FIELD)}) for the mix; nothing was measured.`,
        );
      }
      instanceIds.push(id);
    }
    const [read] = await calls.reads(instanceIds.slice(0, 1));
    const readAnswer = await send(sandboxUrl, read as SignedRequest);
    if (readAnswer.status !== 200 || readAnswer.body?.[READ_CODE_FIELD] !== 0) {
      throw new Error(
        `The sandbox did not answer a read of instance ${instanceIds[0]}, made a moment before, with the instance (${describeAnswer(readAnswer, READ_CODE_FIELD)}); nothing was measured.`,
      );
    }
    const madeBodies = made.map((request) => request.body);
    const [repeat] = await calls.triggers(madeBodies.slice(0, 1));
    const repeatAnswer = await send(sandboxUrl, repeat as SignedRequest);
    const duplicate = catalogEntryOf(
      repeatAnswer,
      errorCatalog(TRIGGER_OPERATION),
      TRIGGER_CODE_FIELD,
    );
    if (repeatAnswer.status !== 200 || !duplicate) {
      throw new Error(
        `The sandbox answered a same-minute repeat of a trigger with ${describeAnswer(repeatAnswer, TRIGGER_CODE_FIELD)}: not a business error of the contract; nothing was measured.`,
      );
    }
    const duplicateAnswer = describeCatalogAnswer(duplicate, repeatAnswer);
    return new MixWorkload(sandboxUrl, calls, instanceIds, madeBodies, duplicate, duplicateAnswer, {
      trigger: new Cycling(await calls.newTriggers(BARE_TRIGGERS)),
      read: new Cycling(await calls.reads(instanceIds)),
      duplicate: new Cycling(await calls.triggers(madeBodies)),
    });
  }

  /** The flows the new triggers spread over. */
  flows(): readonly number[] {
    return this.calls.flows();
  }

  /**
   * A run against the sandbox, signed now (inside the sandbox's timestamp window): new triggers
   * for up to `expectedRequests` requests, reads of the instances made before measuring, and
   * repeats of their triggers.
   */
  async sandboxRun(expectedRequests: number): Promise<MixRun> {
    const count = Math.ceil(expectedRequests * mixShares(this.weights).trigger);
    const triggers = new OnceEach(await this.calls.newTriggers(count));
    const source = new MixSource(this.pattern, {
      trigger: triggers,
      read: new Cycling(await this.calls.reads(this.instanceIds)),
      duplicate: new Cycling(await this.calls.triggers(this.madeBodies)),
    });
    return { source, triggers };
  }

  /** A run against the bare server: the same kinds, order and sizes. */
  bareRun(): MixRun {
    return { source: new MixSource(this.pattern, this.bare) };
  }

  /**
   * Check a sandbox run after it: every request it asked for was signed beforehand, and a sample
   * of its new triggers, sent again, is now a duplicate (so the run did start them) and a sample
   * of its reads still finds the instance. The last `inFlight` triggers handed out may have been
   * cut off when the run stopped: they are not sampled.
   * @returns what was checked, in words
   */
  async verify(run: MixRun, inFlight: number): Promise<string> {
    const { source, triggers } = run;
    if (source.exhausted > 0 || !triggers) {
      throw new Error(
        `The sandbox asked for more requests than the mix had signed for the run (${source.exhausted} over ${triggers?.requests.length ?? 0} new triggers); nothing was measured: run again, on a quieter machine.`,
      );
    }
    const handed = triggers.handedOut();
    const sample = spread(handed.slice(0, Math.max(0, handed.length - inFlight)), SAMPLE);
    for (const request of sample) {
      const answer = await send(this.sandboxUrl, request);
      if (catalogEntryOf(answer, [this.duplicate], TRIGGER_CODE_FIELD) === undefined) {
        throw new Error(
          `A new trigger the mix sent, sent again after the run, got ${describeAnswer(answer, TRIGGER_CODE_FIELD)} instead of the same-minute duplicate: the run did not start that instance, so the figure would not measure new triggers.`,
        );
      }
    }
    const reads = await this.calls.reads(spread(this.instanceIds, SAMPLE));
    for (const request of reads) {
      const answer = await send(this.sandboxUrl, request);
      if (answer.status !== 200 || answer.body?.[READ_CODE_FIELD] !== 0) {
        throw new Error(
          `A read of an instance made before measuring got ${describeAnswer(answer, READ_CODE_FIELD)} after the run: the sandbox lost it.`,
        );
      }
    }
    return `${sample.length} of its ${handed.length} new triggers sent again: each the duplicate now; ${reads.length} reads: each the instance`;
  }
}
