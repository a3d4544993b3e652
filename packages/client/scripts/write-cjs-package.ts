/**
 * Marks dist/cjs as CommonJS. The package is `"type": "module"`, so without this nested
 * package.json Node (and TypeScript) would read dist/cjs/*.js and *.d.ts as ES modules.
 */
import { writeFileSync } from 'node:fs';

writeFileSync(new URL('../dist/cjs/package.json', import.meta.url), '{ "type": "commonjs" }\n');
