/** Looks at processes and ports the way an operator would, to check that nothing is left. */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Can a new server listen on this port? */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** The process ids whose parent is `pid` (Linux /proc). */
export function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        // Fields after the command name, which may itself hold spaces and parentheses.
        const parent = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
        return Number(parent) === pid;
      } catch {
        return false; // the process ended while we looked
      }
    })
    .map(Number);
}

/** Process ids of Prism processes started by this package to listen on `port` (Linux /proc). */
export function prismProcessesOnPort(port: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
        const portAt = args.indexOf('--port');
        return args.some((arg) => arg.endsWith('prism-child.js')) && args[portAt + 1] === `${port}`;
      } catch {
        return false; // the process ended while we looked
      }
    })
    .map(Number);
}

/** Waits for a condition that another process brings about; fails after `limitMs`. */
export async function eventually(condition: () => boolean | Promise<boolean>, limitMs = 20_000) {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not so after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
