/**
 * A loopback npm registry that serves the third-party packages this workspace has installed,
 * so that a test can run `npm install` exactly as a README prints it, with the network closed
 * and whatever npm cache the machine has: the registry answers from the lockfile (metadata) and
 * from `node_modules` (contents), never from npm's cache.
 *
 * It serves only the versions the lockfile holds, which satisfy every range the workspace's
 * packages ask for; a package it lacks is a 404, as on the real registry.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

interface LockEntry {
  name?: string;
  version?: string;
  link?: boolean;
  inBundle?: boolean;
  bundleDependencies?: string[];
  [field: string]: unknown;
}

/** The lockfile fields that npm reads from a packument's version entry. */
const MANIFEST_FIELDS = [
  'dependencies',
  'optionalDependencies',
  'peerDependencies',
  'peerDependenciesMeta',
  'bin',
  'engines',
  'os',
  'cpu',
  'license',
  'bundleDependencies',
] as const;

interface Served {
  manifest: Record<string, unknown>;
  /** The installed folder the tarball is made from. */
  dir: string;
  bundles: boolean;
}

export interface WorkspaceRegistry {
  url: string;
  /** Packument and tarball requests answered, by kind: what the install really asked for. */
  requests: { packuments: number; tarballs: number; missing: string[] };
  close(): Promise<void>;
}

function packageName(lockKey: string, entry: LockEntry): string {
  return entry.name ?? lockKey.slice(lockKey.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/** name → version → what to serve, from every installed third-party entry of the lockfile. */
function indexLockfile(root: string): Map<string, Map<string, Served>> {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const index = new Map<string, Map<string, Served>>();
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key.includes('node_modules/') || entry.link || entry.inBundle || !entry.version) continue;
    const name = packageName(key, entry);
    const versions = index.get(name) ?? new Map<string, Served>();
    index.set(name, versions);
    if (versions.has(entry.version)) continue;
    const manifest: Record<string, unknown> = { name, version: entry.version };
    for (const field of MANIFEST_FIELDS) {
      if (entry[field] !== undefined) manifest[field] = entry[field];
    }
    versions.set(entry.version, {
      manifest,
      dir: join(root, key),
      bundles: Boolean(entry.bundleDependencies),
    });
  }
  return index;
}

/** A gzipped tarball of an installed folder, laid out as npm packs one (`package/...`). */
function streamTarball(served: Served, response: import('node:http').ServerResponse): void {
  const exclude = served.bundles ? [] : ['--exclude=./node_modules'];
  const tar = spawn(
    'tar',
    ['-czf', '-', ...exclude, '--transform', 's,^\\.,package,', '-C', served.dir, '.'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  response.writeHead(200, { 'content-type': 'application/octet-stream' });
  tar.stdout.pipe(response);
}

export async function startWorkspaceRegistry(root: string): Promise<WorkspaceRegistry> {
  const index = indexLockfile(root);
  const requests = { packuments: 0, tarballs: 0, missing: [] as string[] };
  let base = '';

  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname).slice(1);
    const [name = '', tarball] = path.split('/-/');
    const versions = index.get(name);
    if (!versions) {
      requests.missing.push(name);
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
      return;
    }
    if (tarball) {
      const version = tarball.slice(`${name.split('/').at(-1)}-`.length, -'.tgz'.length);
      const served = versions.get(version);
      if (!served || !existsSync(served.dir)) {
        requests.missing.push(`${name}@${version}`);
        response.writeHead(404).end();
        return;
      }
      requests.tarballs += 1;
      streamTarball(served, response);
      return;
    }
    requests.packuments += 1;
    const tarballUrl = (version: string) =>
      `${base}/${name}/-/${name.split('/').at(-1)}-${version}.tgz`;
    const all = [...versions.entries()].map(([version, served]) => [
      version,
      { ...served.manifest, dist: { tarball: tarballUrl(version) } },
    ]);
    const latest = all.at(-1)?.[0] as string;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({ name, 'dist-tags': { latest }, versions: Object.fromEntries(all) }),
    );
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
