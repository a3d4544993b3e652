/**
 * Debian's Chromium, driven by playwright-core, with every request the page makes recorded.
 * Nothing is downloaded: `.ci/run` installs Chromium with `apt-get install -y chromium`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

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

export interface OfflineBrowser {
  page: Page;
  /** Every request the page made, in order, as URLs. */
  requests: string[];
  /** Requests other than the opened files, data: URLs and blob: URLs. */
  leaks(): string[];
  /** Open another file in a new tab of the same browser; its requests are recorded too. */
  openTab(file: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Open `file` in a fresh headless Chromium profile. Any http(s) request is recorded and then
 * aborted, so a test never reaches the network even when the page tries to.
 */
export async function openOffline(file: string): Promise<OfflineBrowser> {
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
      viewport: { width: 1400, height: 900 },
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
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
