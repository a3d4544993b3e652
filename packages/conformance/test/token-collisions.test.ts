/**
 * Token requests that collide with another process's (one app key, the same millisecond): the
 * run asks again with a new timestamp and says so in the report; it gives up, with advice that
 * is not about the credentials, only after TOKEN_ATTEMPTS requests. The reference server
 * collides on cue.
 */
import { duplicatedEncryptionError } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { TOKEN_ATTEMPTS } from '../src/http/token-collisions.js';
import { type Conformed, conform } from './support/conform.js';
import { APP_SECRET, fullArgs, startReferenceServer } from './support/reference-server.js';

const COLLISION = duplicatedEncryptionError().summary;

async function collidingRun(
  collide: (index: number) => boolean,
): Promise<Conformed & { tokenRequests: number }> {
  const server = await startReferenceServer(undefined, { collide });
  try {
    const run = await conform([...fullArgs(server), '--negative-runs', '5'], {
      ENOS_APP_SECRET: APP_SECRET,
    });
    const tokenRequests = server.requests.filter((path) => path.endsWith('/token/get')).length;
    return { ...run, tokenRequests };
  } finally {
    await server.close();
  }
}

describe.concurrent('token requests that collide with another process', () => {
  it("are asked again, for the run's token and for the token check, and the run passes", async () => {
    // The 1st token would be the run's own, the 3rd Dredd's success check (the 2nd is the
    // run's own, asked again).
    const run = await collidingRun((index) => index === 0 || index === 2);
    expect(run.code, run.output).toBe(0);
    const note = `1 token request refused as ${COLLISION}`;
    const line = (title: string) => run.output.split('\n').find((l) => l.includes(title));
    expect(line("the run's credentials get a token")).toContain(note);
    expect(line('success: a token for the app key')).toContain(note);
    // The replay check sent again the request that got the token, and was refused.
    expect(run.row(`${COLLISION}: the same request sent twice`).status).toBe('pass');
  });

  it(`stop after ${TOKEN_ATTEMPTS} requests, with advice that is not about credentials`, async () => {
    const run = await collidingRun(() => true);
    expect(run.code, run.output).toBe(2);
    expect(run.output).toContain(
      `refused ${TOKEN_ATTEMPTS} token requests, each with a new timestamp, as ${COLLISION}`,
    );
    // The contract's advice for the entry, and that the credentials are likely fine.
    expect(run.output).toContain(duplicatedEncryptionError().advice);
    expect(run.output).toMatch(/another process with this appKey probably asked/i);
    expect(run.output).toMatch(/credentials are likely fine: run the suite again/);
    expect(run.output).not.toMatch(/Check --app-key/);
    expect(run.tokenRequests).toBe(TOKEN_ATTEMPTS);
  });
});
