/**
 * Codegen of the client, run by `npm run build` before tsc. Everything the client knows about
 * the contract comes from here, read from @enos-trigger/spec, never restated by hand:
 * - src/generated/openapi.ts: the `paths` types, by openapi-typescript;
 * - src/generated/contract.ts: the business error catalogs as types, and the few runtime
 *   constants the client needs (known codes, gateway statuses, operation paths, flowId range).
 *
 * It uses openapi-typescript's Node API, which (unlike its CLI) never loads a ./redocly.yaml.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  contractFiles,
  errorCatalog,
  findOperation,
  gatewayErrors,
  loadContract,
  type OpenApiDocument,
} from '@enos-trigger/spec';
import openapiTS, { astToString } from 'openapi-typescript';
import { renderContractModule } from './render-contract.js';

type OpenApiSource = Parameters<typeof openapiTS>[0];

/**
 * Write both generated modules into `outDir`: the types from `source` (the bundled YAML in a
 * build), the catalogs from `contract` (the same contract, dereferenced).
 */
export async function generate(
  contract: OpenApiDocument,
  outDir: string,
  source: URL | OpenApiDocument = contract,
): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const ast = await openapiTS(source as OpenApiSource, { silent: true });
  writeFileSync(join(outDir, 'openapi.ts'), astToString(ast));
  writeFileSync(
    join(outDir, 'contract.ts'),
    renderContractModule({
      triggerFlowErrors: errorCatalog('triggerFlow', contract),
      tokenErrors: errorCatalog('getAccessToken', contract),
      gatewayErrors: [
        ...gatewayErrors('triggerFlow', contract),
        ...gatewayErrors('getAccessToken', contract),
      ],
      operations: {
        triggerFlow: findOperation('triggerFlow', contract),
        getAccessToken: findOperation('getAccessToken', contract),
      },
    }),
  );
}

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Regenerated whole, so that a module the contract no longer yields does not linger. dist/
  // is left for tsc to overwrite: packages that depend on this one read it while it builds.
  rmSync(join(packageDir, 'src/generated'), { recursive: true, force: true });
  const yaml = pathToFileURL(contractFiles.yaml);
  await generate(loadContract(), join(packageDir, 'src/generated'), yaml);
  console.log('generated src/generated from @enos-trigger/spec');
}
