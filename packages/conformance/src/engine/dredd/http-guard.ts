/**
 * The limits on the requests Dredd sends. Dredd uses the `request` library, which buffers a
 * whole answer (and then copies it into one string) before Dredd or a hook sees any of it, has
 * no size option, and whose `timeout` only bounds the wait between two bytes: a 2 GB answer
 * would take the worker down, and an answer that trickles a byte a second would never end.
 *
 * node:http announces every request it starts and every answer it receives on diagnostics
 * channels, before anyone reads the answer. Here each answer is counted as it streams in and
 * destroyed with AnswerTooLargeError once it passes the size limit, and each request that has
 * not been answered in full within the time limit is destroyed with an ETIMEDOUT error.
 * `request` then fails the transaction with that error, and Dredd reports it.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { AnswerTooLargeError, noAnswerWithin } from '../../http/limits.js';

export interface HttpGuard {
  maxResponseBytes: number;
  timeoutMs: number;
  /** A request got its whole answer in time (or one over the size limit: an answer too). */
  onAnswer(what: string): void;
}

const responses = new WeakMap<ClientRequest, IncomingMessage>();
/** Requests whose fate was told: answered, or timed out (a destroyed answer may still end). */
const settled = new WeakSet<ClientRequest>();

export function guardHttp(guard: HttpGuard): void {
  subscribe('http.client.request.start', (message) => {
    const { request } = message as { request: ClientRequest };
    const timer = setTimeout(() => {
      settled.add(request);
      const error = Object.assign(
        new Error(`no complete answer within ${noAnswerWithin(guard.timeoutMs)}`),
        { code: 'ETIMEDOUT' },
      );
      const response = responses.get(request);
      if (response && !response.complete) response.destroy(error);
      else if (!response) request.destroy(error);
    }, guard.timeoutMs);
    timer.unref();
    const clear = () => clearTimeout(timer);
    request.once('close', clear);
    request.once('error', clear);
  });

  subscribe('http.client.response.finish', (message) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    responses.set(request, response);
    const host = request.getHeader('host') ?? request.host;
    const answered = () => {
      if (settled.has(request)) return;
      settled.add(request);
      guard.onAnswer(`${request.method} ${request.protocol}//${host}${request.path.split('?')[0]}`);
    };
    response.once('end', answered);
    let size = 0;
    // Added before `request` adds its own (in the same tick): it sees every chunk first.
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > guard.maxResponseBytes && !response.destroyed) {
        answered();
        response.destroy(new AnswerTooLargeError(guard.maxResponseBytes));
      }
    });
  });
}
