/**
 * Which processes of this machine are still running with a given text in their command line
 * (read from /proc: Linux only), and a wait until none is: how a test knows that a child it did
 * not start itself (Respect, started by the runner) was really ended. The wait has no time
 * bound of its own: the test's timeout is the hang guard.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

export function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let commandLine: string;
    try {
      commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // It ended while the list was read.
    }
    if (commandLine.includes(text)) found.push(Number(entry));
  }
  return found;
}

/** Resolves once no process mentions `text`; polled, since no event says so. */
export async function noProcessMentions(text: string): Promise<void> {
  while (processesMentioning(text).length > 0) await delay(50);
}
