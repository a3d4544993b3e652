/** The servers a run measures, each in its own process, each stopped by its own pid. */
import { fileURLToPath } from 'node:url';
import { startMock } from '@enos-trigger/mock';
import { type RunningServer, registerCleanup, startServer } from '../processes.js';
import { binPath, childEnv } from '../workspace.js';

const SERVER_START_MS = 30_000;

export function startBareServer(): Promise<RunningServer> {
  const script = fileURLToPath(new URL('./bare-server.js', import.meta.url));
  return startServer('the bare server', process.execPath, [script], {
    env: childEnv(),
    timeoutMs: SERVER_START_MS,
  });
}

function startSandbox(label: string, options: readonly string[]): Promise<RunningServer> {
  const cli = binPath('@enos-trigger/sandbox', 'enos-trigger-sandbox');
  return startServer(label, process.execPath, [cli, '--port', '0', ...options], {
    env: childEnv(),
    timeoutMs: SERVER_START_MS,
  });
}

export function startSandboxServer(): Promise<RunningServer> {
  return startSandbox('the sandbox', []);
}

/** A sandbox whose clock moves only when its control API says (the growth figures). */
export function startManualClockSandbox(): Promise<RunningServer> {
  return startSandbox('the sandbox (manual clock)', ['--clock', 'manual']);
}

/** Prism, as @enos-trigger/mock starts it: its own process, stopped by its pid by close(). */
export async function startPrismMock(): Promise<RunningServer> {
  const mock = await startMock({ port: 0 });
  const forget = registerCleanup({ label: 'Prism (the mock)', pid: mock.pid }, () => mock.close());
  return { url: mock.url, pid: mock.pid, stop: () => mock.close().finally(forget) };
}
