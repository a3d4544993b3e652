/** Where this package keeps its inputs and outputs; the same from src/ (tests) and dist/. */
import { fileURLToPath } from 'node:url';

const packageRoot = new URL('../', import.meta.url);

export const paths = {
  packageRoot: fileURLToPath(packageRoot),
  /** The code samples: real files, type-checked and run by the tests. */
  samples: fileURLToPath(new URL('samples/', packageRoot)),
  /** Redocly's configuration: telemetry off and the page's options. */
  redoclyConfig: fileURLToPath(new URL('redocly.yaml', packageRoot)),
  /** The docs' build copy of the contract, with code samples and error tables injected. */
  docsContract: fileURLToPath(new URL('dist/openapi.docs.yaml', packageRoot)),
  /** The page. */
  html: fileURLToPath(new URL('dist/index.html', packageRoot)),
} as const;
