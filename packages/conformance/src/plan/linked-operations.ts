/**
 * How the plan follows the contract's links (contract/links.ts): which link an operation
 * without a role takes its values from, whether the run can follow it, and the order that puts
 * every operation after the one its link comes from. Trigger Flow's answer links to Get, List
 * and Cancel Flow Instance, so the run triggers first, then reads, finds and cancels its own
 * instance, in the order of the document.
 */
import {
  linkExpressions,
  linkedNames,
  type OperationLink,
  unsupportedExpression,
} from '../contract/links.js';
import { ContractShapeError, type ContractView, type OperationView } from '../contract/view.js';

export interface LinkPlan {
  link: OperationLink;
  source: OperationView;
  /** What the link fills in, for a row's title: `flowInstId`, `expression`. */
  gives: string;
  /** Why the run cannot follow it; undefined when it can. */
  unusable?: string;
}

/** The link an operation's requests follow (the first that leads to it), if any. */
export function linkPlan(view: ContractView, op: OperationView): LinkPlan | undefined {
  const [link] = op.links;
  if (!link) return undefined;
  const source = view.op(link.source);
  const gives = linkedNames(link).join(' and ');
  const unsupported = linkExpressions(link).map(unsupportedExpression).find(Boolean);
  return {
    link,
    source,
    gives,
    ...(unsupported === undefined
      ? {}
      : { unusable: `the contract's link "${link.name}" cannot be followed: ${unsupported}` }),
  };
}

/**
 * The operations in the document's order, each moved after the operations its links come from.
 * A cycle of links is a contract the run cannot order.
 */
export function orderByLinks(view: ContractView, ops: OperationView[]): OperationView[] {
  const ordered: OperationView[] = [];
  const visiting = new Set<string>();
  const visit = (op: OperationView): void => {
    if (ordered.includes(op)) return;
    if (visiting.has(op.id)) {
      throw new ContractShapeError(
        `The contract's links go round in a circle through ${op.id}: no operation can go first.`,
      );
    }
    visiting.add(op.id);
    for (const link of op.links) {
      const source = view.op(link.source);
      if (ops.includes(source)) visit(source);
    }
    visiting.delete(op.id);
    ordered.push(op);
  };
  for (const op of ops) visit(op);
  return ordered;
}
