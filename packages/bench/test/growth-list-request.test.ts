/** The list the growth figures time: the contract's example, widened to every instance. */
import { findOperation, flowInstanceStatuses } from '@enos-trigger/spec';
import { compileSchema } from '@enos-trigger/spec/validation';
import { describe, expect, it } from 'vitest';
import { LIST_OPERATION } from '../src/contract.js';
import { listRequestBody } from '../src/growth/list-request.js';

const media = findOperation(LIST_OPERATION).operation.requestBody?.content['application/json'];
const filter = {
  from: Date.UTC(2026, 0, 1),
  to: Date.UTC(2026, 2, 1),
  statusCodes: flowInstanceStatuses().map((status) => status.code),
  pageNo: 2,
};

describe('listRequestBody', () => {
  it("is a body the contract's schema takes", () => {
    const validate = compileSchema(media?.schema ?? {});
    const body: unknown = JSON.parse(listRequestBody(filter));
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  });

  it("keeps the example's other filters and sorters, and sets the range, statuses and page", () => {
    const example = media?.example as Record<string, unknown> & { pagination: object };
    expect(JSON.parse(listRequestBody(filter))).toEqual({
      ...example,
      fromTriggerTime: filter.from,
      toTriggerTime: filter.to,
      status: filter.statusCodes.join(','),
      pagination: { ...example.pagination, pageNo: 2 },
    });
  });
});
