/**
 * One Prism child process: started from Prism's own CLI entry (never through npx, whose
 * wrapper process leaves Prism running when it is killed), its process id held, its output
 * drained, and stopped by that process id.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PortInUseError, PrismStartError } from './errors.js';
import { prismEntry } from './prism-entry.js';

export interface PrismExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines Prism printed. */
  output: string[];
}

export interface PrismServer {
  /**
   * Where it answers, e.g. `http://127.0.0.1:4010`. For the mock and the proxy, that is their
   * front, which sends each request on to Prism (on a port of its own on 127.0.0.1).
   */
  url: string;
  /** The process id of the Prism process. */
  pid: number;
  /** Settles when the Prism process has ended, for whatever reason. */
  exited: Promise<PrismExit>;
  /**
   * Stops Prism (SIGTERM, then SIGKILL if it lingers) and waits until it has exited; the mock
   * and the proxy close their front first. Safe to call more than once.
   */
  close(): Promise<void>;
}

export interface SpawnOptions {
  host: string;
  port: number;
  /** Receives every line Prism prints (its request log and its violation reports). */
  onLog?: ((line: string) => void) | undefined;
}

const CHILD = fileURLToPath(new URL('./prism-child.js', import.meta.url));
const LISTENING = /Prism is listening on (http:\/\/\S+)/;
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL = 8;

export async function spawnPrism(
  prismArguments: string[],
  options: SpawnOptions,
): Promise<PrismServer> {
  const child = spawn(process.execPath, [CHILD, prismEntry(), ...prismArguments], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let portInUse = false;
  let announced: ((url: string) => void) | undefined;
  const onLine = (line: string): void => {
    if (line.trim() === '') return;
    output.push(line);
    if (output.length > OUTPUT_TAIL) output.shift();
    if (line.includes('EADDRINUSE')) portInUse = true;
    options.onLog?.(line);
    const url = LISTENING.exec(line)?.[1];
    if (url) announced?.(url);
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);

  // 'close', not 'exit': it comes after Prism's last output line has been read.
  const exited = new Promise<PrismExit>((resolve) => {
    child.once('close', (code, signal) => {
      child.stdin.destroy();
      resolve({ code, signal, output: [...output] });
    });
  });
  const stop = () => stopChild(child, exited);

  let timer: NodeJS.Timeout | undefined;
  try {
    const url = await new Promise<string>((resolve, reject) => {
      announced = resolve;
      child.once('error', (error) => reject(new PrismStartError(error.message, output)));
      void exited.then(() =>
        reject(
          portInUse
            ? new PortInUseError(options.host, options.port)
            : new PrismStartError('it exited before listening', output),
        ),
      );
      timer = setTimeout(
        () =>
          reject(
            new PrismStartError(`it did not listen within ${START_TIMEOUT_MS / 1000} s`, output),
          ),
        START_TIMEOUT_MS,
      );
    });
    await answers(url);
    if (child.pid === undefined) throw new PrismStartError('it has no process id', output);
    return { url, pid: child.pid, exited, close: stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function stopChild(
  child: ReturnType<typeof spawn>,
  exited: Promise<PrismExit>,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    await exited;
    return;
  }
  child.kill('SIGTERM');
  let grace: NodeJS.Timeout | undefined;
  const lingering = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => {
      grace = setTimeout(() => resolve(true), STOP_GRACE_MS);
    }),
  ]);
  clearTimeout(grace);
  if (lingering) child.kill('SIGKILL');
  await exited;
}

/**
 * Resolves once Prism answers an HTTP request. A CORS preflight is used because Prism answers
 * it without writing a line to its request log.
 */
function answers(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = request(url, {
      method: 'OPTIONS',
      agent: false,
      headers: { origin: url, 'access-control-request-method': 'POST' },
    });
    probe.once('response', (response) => {
      response.resume();
      resolve();
    });
    probe.once('error', (error) =>
      reject(new PrismStartError(`it does not answer: ${error.message}`, [])),
    );
    probe.end();
  });
}
