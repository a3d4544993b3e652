/**
 * Moving the bundled sandbox's manual clock, through its control API
 * (`POST /__sandbox/clock/advance`): the behaviour lane's waits pass in sandbox time, instead of
 * sleeping through a flow's 30 s runs. Only the sandbox the run started itself is moved: a
 * --server is never sent a control call.
 */
import { readCapped } from '../http/limits.js';

/** The control API's answers are small; more is not the sandbox. */
const MAX_ANSWER_BYTES = 64 * 1024;

export function sandboxClockMover(
  baseUrl: string,
  timeoutMs: number,
): (ms: number) => Promise<void> {
  const url = `${baseUrl.replace(/\/+$/, '')}/__sandbox/clock/advance`;
  return async (ms) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms }),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    const text = await readCapped(response, MAX_ANSWER_BYTES);
    if (response.status !== 200) {
      throw new Error(
        `The bundled sandbox refused to move its clock (HTTP ${response.status}: ${text.slice(0, 200)}): a bug of the suite; please report it.`,
      );
    }
  };
}
