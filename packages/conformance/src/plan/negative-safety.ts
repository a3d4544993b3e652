/**
 * The lane's promise, checked on every body before it is sent: a request that a lenient server
 * could read as a trigger of the run's flow asks for the run's own minute, so it can start no
 * new instance. A body that breaks the promise is a bug of this package, and is never sent.
 */
import type { TemplateValues } from './negative-templates.js';
import { MINUTE_MS } from './trigger-times.js';

/** What a lenient server might read a JSON value as, if a number at all. */
function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? Math.trunc(n) : undefined;
  }
  if (Array.isArray(value) && value.length === 1) return asNumber(value[0]);
  return undefined;
}

const INT32_MAX = 2 ** 31 - 1;
const INT64_MAX = 2 ** 63;

/** Undefined when safe, else why not. */
export function unsafeBecause(body: string, run: TemplateValues): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined; // no JSON parser reads it: it can trigger nothing
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { flowId, triggerTime } = parsed as Record<string, unknown>;
  if (flowId === undefined || flowId === null) return undefined;
  const flow = asNumber(flowId);
  // No flow has an ID below 1 or beyond int32: such a body can trigger nothing.
  if (flow === undefined || flow < 1 || flow > INT32_MAX) return undefined;
  if (flow !== run.flowId) return `it names flow ${flow}, which the run was not given`;
  if (triggerTime === undefined || triggerTime === null) {
    return 'it names the run flow without a trigger time, which a lenient server may read as now';
  }
  const time = asNumber(triggerTime);
  if (time === undefined || Math.abs(time) >= INT64_MAX) return undefined;
  const minute = Math.floor(run.triggerTime / MINUTE_MS);
  if (Math.floor(time / MINUTE_MS) !== minute) {
    return `its trigger time ${time} is outside the run's minute`;
  }
  return undefined;
}
