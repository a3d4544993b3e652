/**
 * Hands the load generator its next request of the mix, in the pattern's order, from requests
 * signed before the run. A trigger of a new instance is handed out once (sent again it is a
 * duplicate); reads and duplicates may repeat (the sandbox accepts a signed call sent again
 * inside its timestamp window).
 */
import type { SignedRequest } from '../signed-request.js';
import type { MixKind } from './plan.js';

/** Where one kind's requests come from. */
export interface Supply {
  /** The next request, or undefined once a hand-out-once supply has none left. */
  next(): SignedRequest | undefined;
}

/** Each request once, in order: new triggers. `handedOut` says which were. */
export class OnceEach implements Supply {
  private index = 0;
  constructor(readonly requests: readonly SignedRequest[]) {}

  next(): SignedRequest | undefined {
    return this.requests[this.index++];
  }

  /** The requests handed out so far, in order. */
  handedOut(): readonly SignedRequest[] {
    return this.requests.slice(0, Math.min(this.index, this.requests.length));
  }
}

/** The requests again and again, in turn. */
export class Cycling implements Supply {
  private index = 0;
  constructor(private readonly requests: readonly SignedRequest[]) {
    if (requests.length === 0) throw new RangeError('A cycling supply needs at least one request.');
  }

  next(): SignedRequest {
    const request = this.requests[this.index % this.requests.length] as SignedRequest;
    this.index += 1;
    return request;
  }
}

/** A request as autocannon's `setupRequest` returns it. */
export interface LoadRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * `request` as a `setupRequest` hands it to autocannon, with headers of its own: autocannon
 * writes Content-Length into the headers it is given, so each request gets a copy.
 */
export function loadRequest(request: SignedRequest): LoadRequest {
  return {
    method: request.method,
    path: request.target,
    headers: { ...request.headers },
    body: request.body,
  };
}

export class MixSource {
  private position = 0;
  /** Requests handed out of each kind. */
  readonly counts: Record<MixKind, number> = { trigger: 0, read: 0, duplicate: 0 };
  /** Requests a supply could not give (a run longer than the triggers signed for it). */
  exhausted = 0;

  constructor(
    private readonly pattern: readonly MixKind[],
    private readonly supplies: Readonly<Record<MixKind, Supply>>,
  ) {
    if (pattern.length === 0) throw new RangeError('A mix needs a pattern of at least one kind.');
  }

  next(): LoadRequest {
    const kind = this.pattern[this.position % this.pattern.length] as MixKind;
    this.position += 1;
    let request = this.supplies[kind].next();
    if (request === undefined) {
      // Something must go out; the run is then refused (see `exhausted`), not measured.
      this.exhausted += 1;
      request = this.supplies.duplicate.next() as SignedRequest;
    } else {
      this.counts[kind] += 1;
    }
    return loadRequest(request);
  }
}
