/** The mix hands out requests in its pattern, each new trigger once, and counts what it lacked. */
import { describe, expect, it } from 'vitest';
import { mixPattern } from '../src/mix/plan.js';
import { Cycling, MixSource, OnceEach } from '../src/mix/source.js';
import type { SignedRequest } from '../src/signed-request.js';

const request = (name: string): SignedRequest => ({
  method: 'POST',
  target: `/${name}`,
  headers: { 'x-name': name },
  body: name,
});

function source(triggers: number) {
  const once = new OnceEach(Array.from({ length: triggers }, (_, index) => request(`t${index}`)));
  const mix = new MixSource(mixPattern({ trigger: 2, read: 2, duplicate: 1 }), {
    trigger: once,
    read: new Cycling([request('r0'), request('r1')]),
    duplicate: new Cycling([request('d0')]),
  });
  return { once, mix };
}

describe('MixSource', () => {
  it('follows the pattern, handing each new trigger out once', () => {
    const { once, mix } = source(4);
    const paths = Array.from({ length: 10 }, () => mix.next().path);
    expect(paths).toEqual(['/t0', '/r0', '/d0', '/t1', '/r1', '/t2', '/r0', '/d0', '/t3', '/r1']);
    expect(mix.counts).toEqual({ trigger: 4, read: 4, duplicate: 2 });
    expect(once.handedOut().map((handed) => handed.target)).toEqual(['/t0', '/t1', '/t2', '/t3']);
    expect(mix.exhausted).toBe(0);
  });

  it('counts the triggers it lacked once the signed ones are used up', () => {
    const { mix } = source(1);
    for (let index = 0; index < 5; index++) mix.next();
    expect(mix.counts.trigger).toBe(1);
    expect(mix.exhausted).toBe(1);
  });

  it('gives each request its own headers (autocannon writes into them)', () => {
    const read = request('r0');
    const mix = new MixSource(mixPattern({ trigger: 0, read: 1, duplicate: 0 }), {
      trigger: new OnceEach([]),
      read: new Cycling([read]),
      duplicate: new Cycling([request('d0')]),
    });
    mix.next().headers['Content-Length'] = '2';
    expect(mix.next().headers).toEqual({ 'x-name': 'r0' });
    expect(read.headers).toEqual({ 'x-name': 'r0' });
  });
});
