/** Copies of the contract with one thing added, to show that what derives from it follows. */
import { findOperation, loadContract, type OpenApiDocument } from '@enos-trigger/spec';

/** The contract plus a named example of triggerFlow's answer with this status. */
export function contractWithExample(name: string, status = '200'): OpenApiDocument {
  const contract = structuredClone(loadContract());
  const media = findOperation('triggerFlow', contract).operation.responses[status]?.content?.[
    'application/json'
  ];
  if (!media) throw new Error(`the contract has no JSON ${status} answer for triggerFlow`);
  media.examples = { ...media.examples, [name]: { summary: name, value: { message: name } } };
  return contract;
}
