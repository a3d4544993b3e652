import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../src/paths.js';
import { createDocsServer } from '../src/server.js';

const CLI = join(paths.packageRoot, 'dist', 'serve.js');

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function runCli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 10_000,
  });
}

describe('the docs server', () => {
  const server = createDocsServer(paths.html);
  let base = '';
  beforeAll(async () => {
    base = await listen(server);
  });
  afterAll(() => server.close());

  it('serves the built page at / and /index.html', async () => {
    const page = readFileSync(paths.html, 'utf8');
    for (const path of ['/', '/index.html']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toBe(page);
    }
  });

  it('answers HEAD without a body, 404 elsewhere, 405 for other methods, and keeps serving', async () => {
    const head = await fetch(`${base}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(readFileSync(paths.html).length);
    expect((await fetch(`${base}/../package.json`)).status).toBe(404);
    expect((await fetch(`${base}/dist/openapi.docs.yaml`)).status).toBe(404);
    const post = await fetch(`${base}/`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(`${base}/`)).status).toBe(200);
  });

  it('answers 503 with what to do when the page is missing', async () => {
    const missing = createDocsServer(join(paths.packageRoot, 'no-such-page.html'));
    const url = await listen(missing);
    try {
      const response = await fetch(url);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build -w @enos-trigger/docs');
    } finally {
      missing.close();
    }
  });
});

describe('npm run serve', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.pid && child.exitCode === null) process.kill(child.pid);
  });

  it('serves on 127.0.0.1, says where, and prints the path of the file', async () => {
    child = spawn(process.execPath, [CLI], { env: { ...process.env, DOCS_PORT: '0' } });
    let output = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      output += chunk;
    });
    await expect.poll(() => output, { timeout: 10_000 }).toContain(paths.html);
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output)?.[0];
    expect(url).toBeDefined();
    expect((await fetch(url as string)).status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('exits 1 with a clear message when the port is taken', async () => {
    const blocker = createServer();
    const taken = new URL(await listen(blocker)).port;
    try {
      const result = runCli([], { DOCS_PORT: taken });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`Port ${taken} on 127.0.0.1 is taken`);
      expect(result.stderr).toContain('DOCS_PORT=');
    } finally {
      blocker.close();
    }
  });

  it('exits 1 and says how to build when there is no page', () => {
    // The CLI's own files, copied where no page was ever built.
    const copy = mkdtempSync(join(tmpdir(), 'enos-docs-serve-'));
    try {
      mkdirSync(join(copy, 'dist'));
      for (const file of ['serve.js', 'server.js', 'paths.js']) {
        copyFileSync(join(paths.packageRoot, 'dist', file), join(copy, 'dist', file));
      }
      writeFileSync(join(copy, 'package.json'), '{"type": "module"}');
      const result = spawnSync(process.execPath, [join(copy, 'dist', 'serve.js')], {
        encoding: 'utf8',
        timeout: 10_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`No page at ${join(copy, 'dist', 'index.html')}`);
      expect(result.stderr).toContain('npm run build -w @enos-trigger/docs');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('exits 2 on a bad DOCS_PORT or an unknown argument, 0 on --help', () => {
    for (const port of ['abc', '70000', '-1', '4000x']) {
      const result = runCli([], { DOCS_PORT: port });
      expect(result.status, port).toBe(2);
      expect(result.stderr).toContain('DOCS_PORT must be a whole number from 0 to 65535');
    }
    const unknown = runCli(['--port']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown argument: --port');
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('DOCS_PORT');
  });
});
