/**
 * The List Flow Instances body a growth figure sends: the contract's request example, its
 * filters widened so that every instance a fill made matches them. Every instance then goes
 * through each filter, the sort and the cut to a page, which is the work whose growth is
 * measured; the answer's count proves that they all matched.
 */
import { findOperation } from '@enos-trigger/spec';
import { LIST_OPERATION } from '../contract.js';

/** The contract's example: type, expression, owner and pagination kept as they are. */
function listExample(): Record<string, unknown> {
  const example = findOperation(LIST_OPERATION).operation.requestBody?.content['application/json']
    ?.example as Record<string, unknown> | undefined;
  if (typeof example !== 'object' || example === null) {
    throw new Error(`The contract's ${LIST_OPERATION} has no request body example.`);
  }
  return example;
}

export interface ListFilter {
  /** The earliest and latest trigger time to match, epoch ms, both included. */
  from: number;
  to: number;
  /** The status codes to match. */
  statusCodes: readonly number[];
  /** The page to answer, from 1. */
  pageNo: number;
}

/** The body, as sent: the example with these trigger times, statuses and page. */
export function listRequestBody(filter: ListFilter): string {
  const example = listExample();
  return JSON.stringify({
    ...example,
    fromTriggerTime: filter.from,
    toTriggerTime: filter.to,
    status: filter.statusCodes.join(','),
    pagination: { ...(example.pagination as object), pageNo: filter.pageNo },
  });
}

/** The page size of the contract's example: how many instances a full page answers. */
export function examplePageSize(): number {
  const size = (listExample().pagination as { pageSize?: unknown } | undefined)?.pageSize;
  if (typeof size !== 'number') {
    throw new Error(`The contract's ${LIST_OPERATION} example has no page size.`);
  }
  return size;
}
