/**
 * Rule 2: two triggers of one flow never RUN at once; the later one WAITs, then runs after the
 * first ends, in trigger-time order. Judged over the ticks the lane read while A ran and B, C
 * and D queued behind it:
 *
 * - two instances RUNNING at once (documented: one instance at a time). Two reads of one tick
 *   are milliseconds apart, so an overlap counts when two ticks in a row show it, or when the
 *   start and end times the server gave show it: a read that falls between one instance's end
 *   and the next one's start is not an overlap;
 * - an instance queued behind a running one shows WAIT (inferred, §6 of the notes);
 * - a queued instance runs once nothing else runs (documented: executed in sequence, after the
 *   running one): one that stays WAIT past the wait's bound while nothing runs never ran;
 * - of two queued instances, the earlier trigger time runs first (inferred: the order of the
 *   sequence is not documented).
 */

import type { Violation } from '../results/model.js';
import {
  instanceOf,
  LABELS,
  type Label,
  type LaneRecord,
  named,
  type Sample,
  samplesOf,
  seconds,
  waitOf,
} from './record.js';
import { type BehaviourRule, documented, inferred, skip } from './rule.js';
import type { LaneStatuses } from './statuses.js';
import { byTick, firstStart, hasTime, statusText, timelineText } from './timeline.js';

/** The instances that queue behind A, and must run after it. */
const QUEUED: readonly Label[] = ['B', 'C'];

export const oneAtATime: BehaviourRule = {
  id: 'behaviour:one-at-a-time',
  title:
    'Rule 2 · one instance of a flow runs at a time: a later trigger WAITs (inferred), then runs after the first ends, in trigger-time order (inferred)',
  evidence: 'documented',
  basis:
    'Trigger Flow: "The workflow only allows one instance to run at any one time. If the pre-run instance conflicts with a running instance, it is executed in sequence." That it shows WAIT meanwhile, and that the sequence follows trigger times, are inferred (enos-api.md §6).',
  judge(record, { contract }) {
    if (record.queueSkipped !== undefined) return skip(record.queueSkipped);
    const { statuses } = contract;
    const cancelled = cancelledByRule(record);
    const violations = [
      ...overlaps(record, statuses),
      ...notWaiting(record, statuses),
      ...neverRan(record, statuses),
      ...outOfOrder(record, statuses, cancelled),
    ];
    const details = timelineText(record, statuses, LABELS);
    if (violations.length > 0) return { violations, details };
    const queued = QUEUED.filter((label) => queuedBehindRunning(record, label, statuses));
    if (queued.length === 0) {
      return skip(
        'nothing queued behind a running instance: A ended before B and C were triggered. Give a flow that runs for longer than a few --poll-interval',
      );
    }
    const cut = ['A-ends', 'C-ends', 'B-ends']
      .map((id) => waitOf(record, id))
      .find((wait) => wait !== undefined && !wait.reached);
    if (cut !== undefined) {
      return skip(`not judged to the end: the wait for "${cut.name}" did not end (see Waits)`);
    }
    const order = ['A', 'C', 'B'].filter(
      (label) => instanceOf(record, label as Label) !== undefined,
    );
    return {
      violations: [],
      passReason: `${order.join(', then ')} ran one at a time; ${queued.join(' and ')} waited as WAIT meanwhile (${details})`,
    };
  },
};

/** D, when the lane's own cancel of it was accepted: it takes no part in the sequence. */
function cancelledByRule(record: LaneRecord): Set<Label> {
  const accepted = record.cancels.some(
    (c) => c.purpose === 'rule' && c.http === 200 && c.code === 0,
  );
  return new Set(accepted ? (['D'] as Label[]) : []);
}

function overlaps(record: LaneRecord, statuses: LaneStatuses): Violation[] {
  const ticks = [...byTick(record)].sort(([a], [b]) => a - b);
  const running = ticks.map(([tick, samples]) => ({
    tick,
    at: [...samples.values()][0]?.at ?? 0,
    labels: LABELS.filter((label) => samples.get(label)?.status === statuses.code.running),
  }));
  const found: Violation[] = [];
  for (let i = 0; i < LABELS.length; i += 1) {
    for (let j = i + 1; j < LABELS.length; j += 1) {
      const [p, q] = [LABELS[i] as Label, LABELS[j] as Label];
      const both = running.filter((t) => t.labels.includes(p) && t.labels.includes(q));
      if (both.length === 0) continue;
      const twoInARow = both.some((t) => both.some((u) => u.tick === t.tick + 1));
      if (!twoInARow && !timesOverlap(record, p, q)) continue;
      const first = both[0] as (typeof both)[number];
      found.push(
        documented(
          `${named(record, p)} and ${named(record, q)} were RUNNING at once (from ${seconds(first.at)} into the lane, ${both.length} read${both.length > 1 ? 's' : ''}): a flow runs one instance at a time`,
        ),
      );
    }
  }
  return found;
}

/** Do the server's own start and end times of two instances overlap? */
function timesOverlap(record: LaneRecord, p: Label, q: Label): boolean {
  const span = (label: Label) => {
    const last = samplesOf(record, label).at(-1);
    const start = [...samplesOf(record, label)]
      .reverse()
      .find((s) => hasTime(s.startTime))?.startTime;
    return { start, end: hasTime(last?.endTime) ? last.endTime : undefined };
  };
  const [a, b] = [span(p), span(q)];
  if (typeof a.start !== 'string' || typeof b.start !== 'string') return false;
  // Server times of one server share a zone and a format: they compare as text. No end yet is
  // still running.
  const before = (x: string, end: string | undefined) => end === undefined || x < end;
  return before(a.start, b.end) && before(b.start, a.end);
}

/** The instances first read, while another ran, with a status other than WAIT. */
function notWaiting(record: LaneRecord, statuses: LaneStatuses): Violation[] {
  const found: Violation[] = [];
  const ticks = byTick(record);
  for (const label of QUEUED) {
    const first = samplesOf(record, label)[0];
    if (first?.status === undefined) continue;
    const others = ticks.get(first.tick) ?? new Map<Label, Sample>();
    const running = [...others].find(
      ([other, s]) => other !== label && s.status === statuses.code.running,
    );
    if (running === undefined) continue;
    const status = first.status;
    if (
      status === statuses.code.waiting ||
      status === statuses.code.running ||
      statuses.terminal(status)
    )
      continue;
    found.push(
      inferred(
        `${named(record, label)} was ${statusText(status, statuses)} when first read, while ${named(record, running[0])} was RUNNING, where a queued instance shows WAIT`,
      ),
    );
  }
  return found;
}

/** Queued instances that did not run although nothing else ran, until the wait gave up. */
function neverRan(record: LaneRecord, statuses: LaneStatuses): Violation[] {
  const found: Violation[] = [];
  const ticks = [...byTick(record)].sort(([a], [b]) => a - b);
  for (const label of QUEUED) {
    const wait = waitOf(record, `${label}-ends`);
    if (wait === undefined || wait.reached || wait.skipped !== undefined) continue;
    if (firstStart(record, label, statuses) !== undefined) continue;
    // The first tick from which no other instance of the lane ran, to the end.
    let freeFrom: number | undefined;
    for (const [, samples] of ticks) {
      const othersRun = [...samples].some(
        ([other, s]) => other !== label && s.status === statuses.code.running,
      );
      const mine = samples.get(label);
      if (othersRun || mine === undefined) freeFrom = undefined;
      else if (freeFrom === undefined && statuses.pending(mine.status as number))
        freeFrom = mine.at;
    }
    const last = samplesOf(record, label).at(-1);
    if (freeFrom === undefined || last === undefined) continue;
    found.push(
      documented(
        `${named(record, label)} stayed ${statusText(last.status, statuses)} for ${seconds(last.at - freeFrom)} while no other instance of the flow ran, until the wait gave up (--behaviour-timeout): a queued instance runs after the running one ends`,
      ),
    );
  }
  return found;
}

/**
 * Pairs queued together (both pending in one tick) that started in the wrong order: the later
 * trigger time first, while the earlier one still waited.
 */
function outOfOrder(
  record: LaneRecord,
  statuses: LaneStatuses,
  cancelled: Set<Label>,
): Violation[] {
  const found: Violation[] = [];
  const ticks = byTick(record);
  const candidates = LABELS.filter((l) => l !== 'A' && !cancelled.has(l) && instanceOf(record, l));
  for (const early of candidates) {
    for (const late of candidates) {
      const [e, l] = [record.triggers[early], record.triggers[late]];
      if (!e || !l || e.triggerTime >= l.triggerTime) continue;
      const together = [...ticks.values()].some(
        (t) =>
          statuses.pending(t.get(early)?.status as number) &&
          statuses.pending(t.get(late)?.status as number),
      );
      if (!together) continue;
      const lateStart = firstStart(record, late, statuses);
      if (lateStart === undefined) continue;
      const earlyThen = ticks.get(lateStart.tick)?.get(early);
      const earlyStart = firstStart(record, early, statuses);
      const jumped =
        (earlyThen !== undefined && statuses.pending(earlyThen.status as number)) ||
        (earlyStart !== undefined &&
          earlyStart.tick === lateStart.tick &&
          startedBefore(lateStart, earlyStart));
      if (!jumped) continue;
      found.push(
        inferred(
          `${named(record, late)} ran before ${named(record, early)}, whose trigger time is earlier, while both waited: the queue runs in trigger-time order`,
        ),
      );
    }
  }
  return found;
}

function startedBefore(a: Sample, b: Sample): boolean {
  return hasTime(a.startTime) && hasTime(b.startTime) && a.startTime < b.startTime;
}

function queuedBehindRunning(record: LaneRecord, label: Label, statuses: LaneStatuses): boolean {
  return [...byTick(record).values()].some((t) => {
    const mine = t.get(label);
    if (mine === undefined || !statuses.pending(mine.status as number)) return false;
    return [...t].some(([other, s]) => other !== label && s.status === statuses.code.running);
  });
}
