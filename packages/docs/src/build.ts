/**
 * `npm run build` (`node dist/build.js`): the docs of @enos-trigger/spec's contract in dist/.
 * `node dist/build.js --contract FILE --out DIR` builds another bundled contract's docs in DIR.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDocs } from './build-docs.js';

try {
  const { values } = parseArgs({
    options: { contract: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const { html } = buildDocs({ contractFile: values.contract, outDir: values.out });
  const size = Math.round(readFileSync(html).length / 1024);
  console.log(`Built ${relative(process.cwd(), html)} (${size} KiB), offline.`);
} catch (error) {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
}
