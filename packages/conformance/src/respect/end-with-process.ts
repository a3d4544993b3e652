/**
 * Respect runs in a process group of its own, so that a kill by its id reaches whatever it
 * started. That also keeps the terminal's Ctrl-C (and a SIGTERM or SIGHUP sent to this process
 * alone) from reaching it, and it would run on, unseen, until its own time limit. While it runs,
 * such a signal to this process ends its group too. If nothing else in this process listens for
 * that signal, it is then raised again, so the process ends as it would have without this
 * listener; otherwise whoever listens decides.
 */

const ENDING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Call `end` if this process is told to end while the child runs; the release stops that. */
export function endWithThisProcess(end: () => void): () => void {
  const listeners = ENDING_SIGNALS.map((name) => {
    const listener = () => {
      end();
      release();
      if (process.listenerCount(name) === 0) process.kill(process.pid, name);
    };
    return [name, listener] as const;
  });
  const release = () => {
    for (const [name, listener] of listeners) process.removeListener(name, listener);
  };
  for (const [name, listener] of listeners) process.on(name, listener);
  return release;
}
