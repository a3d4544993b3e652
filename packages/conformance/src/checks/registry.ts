/**
 * Every check of the run, in the order each row's findings are said. Every lane evaluates its
 * exchanges through this list (evaluate.ts): a new check is a module here, and no lane changes.
 */
import { answerEnvelope } from './answer-envelope.js';
import { answerMediaType } from './answer-media-type.js';
import { answerStatus } from './answer-status.js';
import { catalogBody } from './catalog-body.js';
import { catalogCode } from './catalog-code.js';
import { catalogMessage } from './catalog-message.js';
import type { Check } from './check.js';
import { instanceIdFlow, instanceIdMinute } from './instance-id.js';
import { negativeCatalogError } from './negative-catalog-error.js';
import { negativeDocumentedStatus } from './negative-documented-status.js';
import { negativeNoServerError } from './negative-no-server-error.js';
import { negativeNotAccepted } from './negative-not-accepted.js';
import { negativeSignatureRefused } from './negative-signature-refused.js';
import { successNotRefused } from './success-not-refused.js';
import { transactionBodySchema } from './transaction-body-schema.js';
import { transactionMediaType } from './transaction-media-type.js';
import { transactionStatus } from './transaction-status.js';

export const CHECKS: readonly Check[] = [
  // Every answer of the run, whichever lane drew it: one row.
  answerStatus,
  answerMediaType,
  answerEnvelope,
  // Each planned transaction: its status, media type, then its body, part by part.
  transactionStatus,
  transactionMediaType,
  catalogCode,
  catalogMessage,
  catalogBody,
  successNotRefused,
  transactionBodySchema,
  // The negative lane: only a documented error answers an invalid request.
  negativeNoServerError,
  negativeSignatureRefused,
  negativeNotAccepted,
  negativeCatalogError,
  negativeDocumentedStatus,
  // The success trigger's instance ID: a row each.
  instanceIdFlow,
  instanceIdMinute,
];
