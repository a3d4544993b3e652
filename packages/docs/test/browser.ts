/**
 * Debian's Chromium, driven by playwright-core, with every request the page makes recorded.
 * Nothing is downloaded: `.ci/run` installs Chromium with `apt-get install -y chromium`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { createDocsServer } from '../src/server.js';

export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** The window the issue measured the page in; the tests read it at this size. */
export const READER_WINDOW = { width: 1280, height: 900 } as const;

export interface OfflineBrowser {
  page: Page;
  /** Every request the page made, in order, as URLs. */
  requests: string[];
  /** Every message the pages logged to the console, as `<type>: <text>`. */
  console: string[];
  /** Requests other than the opened files, data: URLs and blob: URLs. */
  leaks(): string[];
  /** Open another file in a new tab of the same browser; its requests are recorded too. */
  openTab(file: string): Promise<Page>;
  close(): Promise<void>;
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
}

/**
 * Open `file` in a fresh headless Chromium profile. Any http(s) request is recorded and then
 * aborted, so a test never reaches the network even when the page tries to.
 */
export async function openOffline(
  file: string,
  options: OpenOptions = {},
): Promise<OfflineBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}. Install it: apt-get install -y chromium`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'enos-docs-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: options.viewport ?? { width: 1400, height: 900 },
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const requests: string[] = [];
  const messages: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
  context.on('page', (tab) => tab.on('websocket', (socket) => requests.push(socket.url())));
  await context.route(/^(https?|wss?):/, (route) => route.abort('blockedbyclient'));
  const page = context.pages()[0] ?? (await context.newPage());

  const opened = new Set<string>();
  async function load(target: Page, path: string): Promise<Page> {
    const url = pathToFileURL(path).href;
    opened.add(url);
    await target.goto(url, { waitUntil: 'load' });
    return target;
  }
  await load(page, file);
  const open = context;
  return {
    page,
    requests,
    console: messages,
    // blob: URLs are objects the page made in its own memory (Redoc's workers); not requests
    // that leave it.
    leaks: () =>
      requests.filter(
        (url) =>
          !opened.has(url.split('#')[0] as string) &&
          !url.startsWith('data:') &&
          !url.startsWith('blob:'),
      ),
    openTab: async (path) => load(await open.newPage(), path),
    async close() {
      await open.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface ServedPage {
  page: Page;
  /** The path of every request the docs server received, in order. */
  served: string[];
  /** Every message the page logged to the console, as `<type>: <text>`. */
  console: string[];
  close(): Promise<void>;
}

/**
 * Serve `file` with the docs server (as `npm run docs` does) on 127.0.0.1 and open it in
 * headless Chromium. The server records what the browser asks it for, including what the
 * browser asks for on its own (a favicon), which the page's request events do not show.
 * No request is intercepted: Chromium asks for no favicon while requests are intercepted.
 * Every other host resolves to nothing instead, so nothing reaches the network.
 */
export async function openServed(file: string): Promise<ServedPage> {
  const served: string[] = [];
  const server = createDocsServer(file);
  server.on('request', (request) => served.push(request.url ?? ''));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_FLAGS, '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
  });
  const context = await browser.newContext({ viewport: READER_WINDOW });
  const messages: string[] = [];
  context.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
  const page = await context.newPage();
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  return {
    page,
    served,
    console: messages,
    async close() {
      await browser.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
