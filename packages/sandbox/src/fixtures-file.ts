/** Reading a fixtures file given on the command line (or to startSandbox by path). */
import { readFileSync } from 'node:fs';
import { FixturesError, type ResolvedFixtures, resolveFixtures } from './fixtures.js';

/** Read, parse and check a fixtures file. Every failure is a FixturesError naming the file. */
export function loadFixturesFile(path: string): ResolvedFixtures {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new FixturesError('the file', `cannot be read (${code}): check the path`, path);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new FixturesError('the file', `is not JSON (${(error as Error).message})`, path);
  }
  try {
    return resolveFixtures(document);
  } catch (error) {
    if (error instanceof FixturesError) {
      throw new FixturesError(error.entry, error.problem, path);
    }
    throw error;
  }
}
