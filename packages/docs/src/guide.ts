/**
 * The "Trigger and wait" guide: trigger a workflow, then read its instance with Get Flow
 * Instance until the status is final. A section of the page (a tag of the build copy, which
 * Redoc renders as its own section), written at build time: the statuses and which of them
 * are final come from the contract, the samples are files under samples/ that the tests run
 * against the sandbox.
 */
import { join } from 'node:path';
import {
  type FlowInstanceStatusInfo,
  findOperation,
  flowInstanceStatuses,
  type OpenApiDocument,
  type OperationId,
} from '@enos-trigger/spec';
import { readSample } from './code-samples.js';
import { DocsBuildError } from './errors.js';
import { code, codeBlock, table } from './markdown.js';
import { paths } from './paths.js';

/** The guide's title: its heading and its entry in the sidebar. */
export const GUIDE_TITLE = 'Trigger and wait';

/** The guide's samples, in the order the page shows them, each with a word before it. */
export const guideSampleFiles = [
  {
    label: 'TypeScript',
    language: 'typescript',
    file: 'trigger-and-wait.ts',
    intro:
      'With `@enos-trigger/client`, `triggerFlowAndWait` does the three steps. It polls with a ' +
      'growing, jittered interval under one time limit, and reads again after a failure that a ' +
      'later read may not meet (the network, a busy gateway). `waitForFlowInstance(id)` waits ' +
      'for an instance you already have; `getFlowInstance(id)` reads it once.',
  },
  {
    label: 'curl',
    language: 'sh',
    file: 'trigger-and-wait.sh',
    intro:
      'The token and the signatures as in _Authentication_; each read is signed anew, with its ' +
      'own timestamp. The gateway\'s own answer (`{"message": …}`), or none, is read again; a ' +
      'business error, or a 401 (the token expired or was refused), ends the wait. Each curl ' +
      'gives up after `ENOS_MAX_TIME` seconds (30) and on an answer over 1 MiB.',
  },
] as const;

/** The operations the guide calls: the trigger, then the read it polls. */
const TRIGGER: OperationId = 'triggerFlow';
const READ: OperationId = 'getFlowInstance';

/** A tag of the build copy with no operation: Redoc renders its description as a section. */
export interface GuideTag {
  name: string;
  description: string;
}

function summaryOf(operationId: OperationId, contract: OpenApiDocument): string {
  try {
    return findOperation(operationId, contract).operation.summary;
  } catch (cause) {
    throw new DocsBuildError(
      `The contract has no ${operationId}, which the "${GUIDE_TITLE}" guide calls. Restore ` +
        'the operation, or change src/guide.ts.',
      { cause },
    );
  }
}

function statusesOf(contract: OpenApiDocument): FlowInstanceStatusInfo[] {
  try {
    return flowInstanceStatuses(contract);
  } catch (cause) {
    throw new DocsBuildError(
      `${(cause as Error).message} The "${GUIDE_TITLE}" guide lists those statuses.`,
      { cause },
    );
  }
}

/**
 * What the contract says of which statuses are final (its evidence), from the schema that
 * names them: the extension `flowInstanceStatuses` reads `terminal` from.
 */
function finalStatusesNote(contract: OpenApiDocument): string {
  const marker = Object.values(contract.components.schemas)
    .map((schema) => schema['x-enos-terminal-statuses'] as { description?: string } | undefined)
    .find((found) => found !== undefined);
  return marker?.description?.trim() ?? '';
}

/** The statuses of an instance: code, name and whether it is final, in the contract's order. */
export function statusTable(statuses: readonly FlowInstanceStatusInfo[]): string {
  return table(
    ['Code', 'Name', 'Final'],
    statuses.map(({ code: value, name, terminal }) => [
      String(value),
      code(name),
      terminal ? 'yes' : 'no',
    ]),
  );
}

/**
 * The guide's Markdown, from the contract and the sample files. Its parts are named in bold,
 * not by headings: Redoc shows a tag's description only up to its first heading.
 */
export function guideMarkdown(
  contract: OpenApiDocument,
  samplesDir: string = paths.samples,
): string {
  const trigger = summaryOf(TRIGGER, contract);
  const read = summaryOf(READ, contract);
  const statuses = statusesOf(contract);
  const finals = statuses.filter((status) => status.terminal).map((status) => code(status.name));
  return [
    `**${trigger}** answers at once with the ID of the instance it starts; the run itself takes ` +
      `its time. To know how it ended, read the instance with **${read}** until its status is ` +
      'final, waiting a little longer between reads.',
    [
      `1. **Trigger** the workflow with **${trigger}**, and keep the instance ID it answers.`,
      `2. **Read** the instance with **${read}**: its status is a code and a name (below).`,
      `3. **Stop** at a final status (${finals.join(', ')}): it never changes again, and a ` +
        'failed run is an outcome, not an error of the call. Otherwise wait, and read again, a ' +
        'bounded number of times.',
    ].join('\n'),
    'Once the trigger has succeeded, the run has started: when a read fails or the wait runs ' +
      'out, read the instance again later, but do not trigger again.',
    '**Statuses**',
    statusTable(statuses),
    finalStatusesNote(contract),
    ...guideSampleFiles.flatMap(({ label, language, file, intro }) => [
      `**${label}**`,
      intro,
      codeBlock(
        readSample(join(samplesDir, file), `${label} sample of the guide`, 'src/guide.ts'),
        language,
      ),
    ]),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

/** The guide as a tag of the build copy. */
export function guideTag(contract: OpenApiDocument, samplesDir: string = paths.samples): GuideTag {
  return { name: GUIDE_TITLE, description: guideMarkdown(contract, samplesDir) };
}
