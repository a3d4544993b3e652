/**
 * What the negative lane accepts as an answer to an invalid request: a documented error, and
 * nothing else. Never a 5xx, never a success, never the service's own internal error, never an
 * answer the contract does not document. A request with a bad signature must get the
 * documented 401 itself.
 */
import { catalogByCode, matchCatalog, type OperationView } from '../contract/view.js';
import type { ApiAnswer } from '../http/api.js';
import type { Category } from './cases.js';

const INTERNAL_ERROR = 'internalError';

export type Verdict = { ok: true; kind: string } | { ok: false; problem: string };

/** `parameters`: the generated query parameters of an operation without a role (parameters.ts). */
export function judge(
  op: OperationView,
  category: Category | 'parameters',
  answer: ApiAnswer,
): Verdict {
  const { status } = answer;
  if (status >= 500) return { ok: false, problem: `answered HTTP ${status}` };
  if (category === 'bad-signatures') {
    const unauthorized = op.gateway.find((g) => g.status === 401);
    if (unauthorized && status !== unauthorized.status) {
      return { ok: false, problem: `answered HTTP ${status}, not ${unauthorized.status}` };
    }
    return { ok: true, kind: `HTTP ${status}` };
  }
  if (status === 200) {
    const code = (answer.json as Record<string, unknown> | undefined)?.[op.codeField];
    if (code === 0) return { ok: false, problem: 'accepted it as a success' };
    // By its code: the words are checked where the contract documents them (Dredd's rows);
    // here, a code of the catalog whose message the contract does not document is enough.
    const entry =
      matchCatalog(op, answer.json) ??
      catalogByCode(op, answer.json).find((e) => e.parts.message !== 'documented');
    if (!entry)
      return { ok: false, problem: 'answered a business error the catalog does not have' };
    // The service's own internal error is no answer to a bad request.
    if (entry.name === INTERNAL_ERROR) {
      return { ok: false, problem: `answered ${entry.summary}` };
    }
    return { ok: true, kind: String(entry.code) };
  }
  if (!op.statuses.includes(status)) {
    return { ok: false, problem: `answered HTTP ${status}, which the contract does not document` };
  }
  return { ok: true, kind: `HTTP ${status}` };
}
