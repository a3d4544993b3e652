/**
 * Codegen of the client, run by `npm run build` before tsc. Everything the client knows about
 * the contract comes from here, read from @enos-trigger/spec, never restated by hand:
 * - src/generated/openapi.ts: the `paths` types, by openapi-typescript;
 * - src/generated/contract.ts: for every operation of the contract, its route, envelope code
 *   field, signing headers, business error catalog (as types; its codes at run time) and gateway
 *   statuses; the facts the triggerFlow wrapper's rules read (advice, the same-minute and
 *   internal-error codes, flowId range); and the token collision's code.
 *
 * It uses openapi-typescript's Node API, which (unlike its CLI) never loads a ./redocly.yaml.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  contractFiles,
  documentOperations,
  duplicatedEncryptionError,
  envelopeCodeField,
  errorCatalog,
  findOperation,
  flowInstanceStatuses,
  gatewayStatuses,
  loadContract,
  type OpenApiDocument,
  type OperationId,
  operationRoute,
  securityHeaders,
} from '@enos-trigger/spec';
import openapiTS, { astToString } from 'openapi-typescript';
import { type OperationFacts, renderContractModule } from './render-contract.js';

type OpenApiSource = Parameters<typeof openapiTS>[0];

/** What the spec's readers say of one operation. */
function operationFacts(contract: OpenApiDocument, operationId: OperationId): OperationFacts {
  const located = findOperation(operationId, contract);
  const json = located.operation.responses['200']?.content?.['application/json'];
  return {
    operationId,
    located,
    route: operationRoute(operationId, contract),
    codeField: json ? envelopeCodeField(operationId, contract) : null,
    security: securityHeaders(operationId, contract),
    catalog: json ? errorCatalog(operationId, contract) : [],
    gatewayStatuses: gatewayStatuses(operationId, contract),
  };
}

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
      operations: documentOperations(contract).map(({ operationId }) =>
        operationFacts(contract, operationId),
      ),
      duplicatedEncryption: duplicatedEncryptionError(contract),
      statuses: flowInstanceStatuses(contract),
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
