/**
 * A gateway that never answers some operations: a proxy in front of a sandbox that holds each
 * request of the operations it is given (matched as the contract routes them) without a word
 * until it closes, and passes every other request through. Given every operation of the
 * contract, it answers nothing at all.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type OperationId, operationMatcher } from '@enos-trigger/spec';
import { bodyOf, sendBack, sendOn } from './pass-through.js';

export interface HoldingGateway {
  url: string;
  /** The operation of each request held, in order. */
  readonly held: OperationId[];
  /** Close it, and every connection it holds. */
  close(): Promise<void>;
}

export async function startHoldingGateway(
  target: string,
  hold: readonly OperationId[],
): Promise<HoldingGateway> {
  const match = operationMatcher();
  const held: OperationId[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', target);
    const operationId = match(req.method ?? 'GET', url.pathname, url.searchParams);
    if (operationId && hold.includes(operationId)) {
      held.push(operationId);
      return; // no answer, ever: the caller's own time limit must end its wait
    }
    void sendBack(
      res,
      bodyOf(req).then((body) => sendOn(target, req, body)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
