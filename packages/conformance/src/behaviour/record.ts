/**
 * What the lane saw, as data: each trigger it sent and the instance it made, each status it
 * read back (a sample, taken in ticks: one Get of each instance it follows), each cancel, the
 * List it sent, and each wait with how long it took. The scenario (scenario.ts) writes it; the
 * rules (rules/) only read it, so each rule is a function of what was seen.
 */

/** The lane's instances, by their part in its scenarios (see scenario.ts). */
export const LABELS = ['A', 'B', 'C', 'D'] as const;
export type Label = (typeof LABELS)[number];

export interface LaneTrigger {
  label: Label;
  flowId: number;
  /** The trigger time of the request that made the instance (or of the last one tried). */
  triggerTime: number;
  instanceId?: string;
  /** Minutes refused as already taken (an earlier run), before the one used. */
  taken: number[];
  /** Why there is no instance: the refusal or the failure, in words. */
  refusal?: string;
  /** Lane time of the answer. */
  at: number;
}

export interface Sample {
  /** The tick it was read in: samples of one tick were read one after the other, at once. */
  tick: number;
  /** Lane time, ms. */
  at: number;
  label: Label;
  instanceId: string;
  /** Why there is no status: the refusal or the failure, in words. */
  error?: string;
  /** The Get's answer fields, as sent (untrusted: any JSON). */
  id?: unknown;
  flowId?: unknown;
  status?: number;
  statusDesc?: unknown;
  triggerTime?: unknown;
  startTime?: unknown;
  endTime?: unknown;
}

/** The lane's own cancel of a waiting instance (rule 5), or another user's (rule 6). */
export type CancelPurpose = 'rule' | 'foreign';

export interface CancelRecord {
  label: Label;
  instanceId: string;
  userId: string;
  purpose: CancelPurpose;
  at: number;
  /** The ticks before it: a sample of a later tick was read after it. */
  tick: number;
  http?: number;
  code?: number;
  /** The answer, or the failure, in words. */
  said: string;
}

/** A read of another user's instance (rule 6). */
export interface ForeignRead {
  instanceId: string;
  userId: string;
  http?: number;
  code?: number;
  said: string;
}

export interface WaitRecord {
  id: string;
  /** What the lane waited for, in words. */
  name: string;
  boundMs: number;
  elapsedMs: number;
  reached: boolean;
  /** Set when the wait did not start: why. */
  skipped?: string;
}

export interface ListRecord {
  instanceId: string;
  http?: number;
  code?: number;
  /** The instance IDs of the page (untrusted: whatever was sent). */
  listed: unknown[];
  count?: unknown;
  said: string;
}

/** A status and its name as some answer gave them. */
export interface NamedStatus {
  status: unknown;
  statusDesc: unknown;
  where: string;
}

export interface LaneRecord {
  flowId: number;
  triggers: Partial<Record<Label, LaneTrigger>>;
  samples: Sample[];
  cancels: CancelRecord[];
  waits: WaitRecord[];
  list?: ListRecord;
  foreign?: {
    userId: string;
    get: ForeignRead;
    cancel: ForeignRead;
    /** The first tick read after both. */
    afterTick: number;
  };
  /** Why the queue (B, C, D behind A) was not set up, when it was not. */
  queueSkipped?: string;
  /** Every distinct (status, statusDesc) pair an answer carried, with where it was first seen. */
  namedStatuses: NamedStatus[];
}

export function emptyRecord(flowId: number): LaneRecord {
  return { flowId, triggers: {}, samples: [], cancels: [], waits: [], namedStatuses: [] };
}

/** The instance of a label, when the lane made one. */
export function instanceOf(record: LaneRecord, label: Label): string | undefined {
  return record.triggers[label]?.instanceId;
}

/** The samples of one label with a status, in order. */
export function samplesOf(record: LaneRecord, label: Label): Sample[] {
  return record.samples.filter((s) => s.label === label && s.status !== undefined);
}

export function waitOf(record: LaneRecord, id: string): WaitRecord | undefined {
  return record.waits.find((w) => w.id === id);
}

/** A wait's outcome in a few words: `31.0 s of 300 s`, or why it did not run. */
export function waitText(wait: WaitRecord): string {
  if (wait.skipped !== undefined) return `${wait.name}: not waited for (${wait.skipped})`;
  const took = `${seconds(wait.elapsedMs)} of ${seconds(wait.boundMs)}`;
  return wait.reached ? `${wait.name}: ${took}` : `${wait.name}: not within ${took}`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** How the report names an instance: `B (3377-20240101100300)`. */
export function named(record: LaneRecord, label: Label): string {
  const id = instanceOf(record, label);
  return id === undefined ? label : `${label} (${id})`;
}
