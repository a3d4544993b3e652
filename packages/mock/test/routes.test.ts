/** Where the front sends each request, and where the proxy's back sends it on. */
import { documentOperations, loadContract, operationRoute, splitPathKey } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { withInternalPaths } from '../src/internal-paths.js';
import { backRouting, frontRouting, type Routing } from '../src/routes.js';

const contract = loadContract();
const { internalPaths } = withInternalPaths(contract);
const front = frontRouting(contract, internalPaths);
const operations = documentOperations(contract).map(({ operationId }) =>
  operationRoute(operationId, contract),
);
const shared = operations.filter((route) => internalPaths.has(route.pathKey));
const alone = operations.filter((route) => !internalPaths.has(route.pathKey));

/** The target an operation's request has: its path, its fixed query, then `rest`. */
function targetOf(route: (typeof operations)[number], rest = 'userId=u%201&orgId=o'): string {
  const query = new URLSearchParams(route.fixedQuery).toString();
  return `${route.path}?${[query, rest].filter(Boolean).join('&')}`;
}

function sentOn(routing: Routing, method: string, target: string): string | undefined {
  const route = routing(method, target);
  return 'target' in route ? route.target : undefined;
}

describe('the front', () => {
  it('has operations of both kinds to route', () => {
    expect(shared.length).toBeGreaterThan(1);
    expect(alone.length).toBeGreaterThan(0);
  });

  it.each(shared.map((route) => [route.operationId, route]))(
    'sends %s to its internal path, with the query exactly as sent',
    (_, route) => {
      const target = targetOf(route);
      const search = target.slice(target.indexOf('?'));
      expect(sentOn(front, route.method, target)).toBe(
        `${internalPaths.get(route.pathKey)}${search}`,
      );
    },
  );

  it.each(alone.map((route) => [route.operationId, route]))('sends %s on unchanged', (_, route) => {
    expect(sentOn(front, route.method, targetOf(route))).toBe(targetOf(route));
  });

  it('sends the fixed query values wherever they stand in the query', () => {
    const [route] = shared as [(typeof shared)[number]];
    const query = new URLSearchParams(route.fixedQuery).toString();
    const target = `${route.path}?userId=u&${query}&orgId=o`;
    expect(sentOn(front, route.method, target)).toBe(
      `${internalPaths.get(route.pathKey)}?userId=u&${query}&orgId=o`,
    );
  });

  it('sends on unchanged what is no operation, for Prism to answer 404 or 405', () => {
    const [route] = shared as [(typeof shared)[number]];
    const [name] = Object.keys(route.fixedQuery) as [string];
    const wrongs = [
      [route.method, `${route.path}?${name}=nonesuch&userId=u`],
      [route.method, `${route.path}?userId=u`],
      [route.method, `${route.path}?${name}=a&${name}=b`],
      ['DELETE', targetOf(route)],
      ['POST', '/batch-processing-service/v2.1/jobs?x=1'],
    ] as const;
    for (const [method, target] of wrongs) {
      expect(sentOn(front, method, target), `${method} ${target}`).toBe(target);
    }
  });

  it('refuses a request sent straight to an internal path, saying which request to send', () => {
    for (const route of shared) {
      const internal = internalPaths.get(route.pathKey) as string;
      const answer = front(route.method, `${internal}?userId=u`);
      expect(answer).toMatchObject({
        refused: { status: 404, contentType: 'application/problem+json' },
      });
      const { detail } = JSON.parse((answer as { refused: { body: string } }).refused.body);
      expect(detail).toContain(`send ${route.method} ${route.pathKey}`);
    }
  });
});

describe("the proxy's back", () => {
  const upstream = new URL('https://apigw.example.com/gateway/');
  const back = backRouting(internalPaths, upstream);

  it('gives each internal path its real path again, under the upstream path, query kept', () => {
    for (const [pathKey, internal] of internalPaths) {
      expect(sentOn(back, 'POST', `${internal}?action=x&userId=u`)).toBe(
        `/gateway${splitPathKey(pathKey).path}?action=x&userId=u`,
      );
    }
  });

  it('sends any other path under the upstream path, as Prism joins them', () => {
    expect(sentOn(back, 'POST', '/apim-token-service/v2.0/token/get')).toBe(
      '/gateway/apim-token-service/v2.0/token/get',
    );
    expect(sentOn(backRouting(internalPaths, new URL('http://127.0.0.1:1')), 'GET', '/a?b=c')).toBe(
      '/a?b=c',
    );
  });
});
