/**
 * How the lane reads an instance: one Get, its answer recorded as a sample (any JSON the server
 * sent is kept as it came, never trusted), every (status, statusDesc) pair it carries noted for
 * the status-name rule. A failed read is a sample with an error, not a crash; only the run's
 * stop ends the lane.
 */
import { excerpt, oneLine } from '../results/text.js';
import type { LaneAnswer } from './api.js';
import { FIELDS } from './contract.js';
import type { Label, LaneRecord, NamedStatus, Sample } from './record.js';
import type { Scenario } from './scenario.js';

/** The most distinct (status, statusDesc) pairs kept: a hostile server could send endless. */
const MAX_NAMED_STATUSES = 50;
/** How much of an answer a sentence quotes. */
const QUOTE = 200;

/** Read `labels`, one Get each, as one tick. */
export async function tick(s: Scenario, labels: readonly Label[]): Promise<void> {
  s.ticks += 1;
  for (const label of labels) {
    const instanceId = s.record.triggers[label]?.instanceId;
    if (instanceId !== undefined) s.record.samples.push(await sample(s, label, instanceId));
  }
}

async function sample(s: Scenario, label: Label, instanceId: string): Promise<Sample> {
  const base = { tick: s.ticks, label, instanceId };
  let answer: LaneAnswer;
  try {
    answer = await s.api.get(instanceId);
  } catch (error) {
    return { ...base, at: s.clock.now(), error: failure(s, error) };
  }
  const at = s.clock.now();
  const data = answer.data as Record<string, unknown> | null | undefined;
  if (answer.http !== 200 || answer.code !== 0 || typeof data !== 'object' || data === null) {
    return { ...base, at, error: said(s, answer) };
  }
  const f = FIELDS.instance;
  const status = data[f.status];
  noteStatus(s.record, { status, statusDesc: data[f.statusDesc], where: `Get ${instanceId}` });
  return {
    ...base,
    at,
    id: data[f.id],
    flowId: data[f.flowId],
    ...(Number.isInteger(status) ? { status: status as number } : {}),
    statusDesc: data[f.statusDesc],
    triggerTime: data[f.triggerTime],
    startTime: data[f.startTime],
    endTime: data[f.endTime],
    ...(Number.isInteger(status) ? {} : { error: `its status is ${quote(s, status)}` }),
  };
}

/** Keep a (status, statusDesc) pair the first time it is seen. */
export function noteStatus(record: LaneRecord, pair: NamedStatus): void {
  const key = JSON.stringify([pair.status, pair.statusDesc]);
  const seen = record.namedStatuses.some((p) => JSON.stringify([p.status, p.statusDesc]) === key);
  if (!seen && record.namedStatuses.length < MAX_NAMED_STATUSES) record.namedStatuses.push(pair);
}

/** An answer in a few words: `HTTP 200, code 62102: {"code":62102,…}`. */
export function said(s: Pick<Scenario, 'redact'>, answer: LaneAnswer): string {
  const code = answer.code === undefined ? '' : `, code ${answer.code}`;
  return `HTTP ${answer.http}${code}: ${excerpt(oneLine(s.redact(answer.answer.text)), QUOTE)}`;
}

/** A request that got no answer, in words; the run's stop is not one: it ends the lane. */
export function failure(s: Pick<Scenario, 'redact' | 'signal'>, error: unknown): string {
  if (s.signal?.aborted) throw s.signal.reason;
  const message = error instanceof Error ? error.message : String(error);
  return `no answer: ${excerpt(oneLine(s.redact(message)), QUOTE)}`;
}

export function quote(s: Pick<Scenario, 'redact'>, value: unknown): string {
  return excerpt(oneLine(s.redact(JSON.stringify(value) ?? String(value))), QUOTE);
}
