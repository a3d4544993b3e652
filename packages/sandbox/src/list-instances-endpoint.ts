/**
 * The business handler of List Flow Instances (POST .../v2.1/flowInstances?action=search). The
 * pipeline has applied the gateway's steps, authentication, the content type, the internal-error
 * fault and the contract's schemas, after the leniencies of the live service below; what is left
 * is who may list what, and the search itself (instance-search.ts).
 */
import { handlerAnswers, type OperationRules } from './contract-rules.js';
import type { BusinessHandler } from './handlers.js';
import { callerRefusal } from './instance-access.js';
import { type SearchRequest, searchInstances } from './instance-search.js';
import { statusCodes } from './instance-view.js';
import type { ServerTimeZone } from './server-time.js';

/** The catalog entries List Flow Instances answers with, by their example name. */
export const LIST_INSTANCES_ANSWERS = [
  'userNotInOrg',
  'invalidRequest',
  'invalidSorter',
  'noPrivilege',
  'internalError',
] as const;

/** Where the contract's schema refuses a sorter's field: the documented "sorters" answer. */
const SORTER_FIELD = /^\/pagination\/sorters\/[0-9]+\/field$/;
const INTEGER_TEXT = /^-?[0-9]{1,16}$/;

export function listInstancesHandler(rules: OperationRules): BusinessHandler {
  const { answers, refuse, successWith } = handlerAnswers(rules, LIST_INSTANCES_ANSWERS);
  const codes = statusCodes();
  return {
    answers,
    internalError: 'internalError',
    offContract: (problem, error) =>
      problem === 'body' && SORTER_FIELD.test(error?.instancePath ?? '')
        ? 'invalidSorter'
        : 'invalidRequest',
    prepare: (input, ctx) => acceptLiveForms(input, ctx.timeZone),
    answer(ctx, { params, input }) {
      const userId = params.userId as string;
      const refused = callerRefusal(ctx.state, userId, params.orgId as string);
      if (refused) return refuse(refused.answer, refused.reason);
      const request = input as SearchRequest;
      if (request.owner !== undefined && request.owner !== userId) {
        return refuse('noPrivilege', `"${userId}" cannot list the instances of another owner`);
      }
      const now = ctx.clock.now();
      const own = [...ctx.state.flows.values()].filter((flow) => flow.fixture.owner === userId);
      for (const flow of own) flow.runs.settle(now);
      const { page, count } = searchInstances(own, request, now, codes);
      const flowInsts = page.map(({ instance, flow }) =>
        ctx.viewer.listItem(instance, flow.fixture, now),
      );
      return successWith({ flowInsts, count });
    },
  };
}

/**
 * The forms Envision's samples send and the live service takes, turned into the contract's
 * before its schema sees them: trigger times as strings (epoch ms, or `yyyy-MM-dd HH:mm:ss` in
 * the server's zone), `status` as one integer, and snake_case sort fields (`trigger_time`).
 */
function acceptLiveForms(input: unknown, zone: ServerTimeZone): void {
  if (!isRecord(input)) return;
  for (const field of ['fromTriggerTime', 'toTriggerTime'] as const) {
    const value = input[field];
    if (typeof value !== 'string') continue;
    const time = INTEGER_TEXT.test(value) ? Number(value) : zone.parse(value);
    if (time !== undefined) input[field] = time;
  }
  if (Number.isSafeInteger(input.status)) input.status = String(input.status);
  const sorters = isRecord(input.pagination) ? input.pagination.sorters : undefined;
  for (const sorter of Array.isArray(sorters) ? sorters : []) {
    if (isRecord(sorter) && typeof sorter.field === 'string' && sorter.field.includes('_')) {
      sorter.field = sorter.field
        .toLowerCase()
        .replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
