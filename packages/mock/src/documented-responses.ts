/**
 * Every response the contract documents, each with the `Prefer` header value that makes the
 * mock answer it. Read from the contract, so a response added there is listed here (and so
 * tested, and so shown in the README) without anyone writing it down.
 */
import { loadContract, type OpenApiDocument } from '@enos-trigger/spec';

export interface DocumentedResponse {
  operationId: string;
  method: string;
  path: string;
  status: number;
  /** The name of the example, for a response with named examples (the 200 envelopes). */
  example?: string;
  /** One line saying what the answer is. */
  summary: string;
  /** The value of the `Prefer` request header that selects this answer in the mock. */
  prefer: string;
  /** The body the contract documents, which the mock returns as it is. */
  body: unknown;
  /** Names of the response headers the contract documents (such as Retry-After). */
  headers: string[];
}

const JSON_MEDIA = 'application/json';

function firstSentence(text: string): string {
  return text.trim().split(/(?<=\.)\s/)[0] ?? text;
}

export function documentedResponses(
  contract: OpenApiDocument = loadContract(),
): DocumentedResponse[] {
  return Object.entries(contract.paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, operation]) =>
      Object.entries(operation.responses).flatMap(([code, response]) => {
        const status = Number(code);
        const media = response.content?.[JSON_MEDIA];
        const common = {
          operationId: operation.operationId,
          method: method.toUpperCase(),
          path,
          status,
          headers: Object.keys(response.headers ?? {}),
        };
        if (media?.examples) {
          // Prism answers the first 2xx by default, so a 200 example needs only its name.
          const statusPreference = status === 200 ? '' : `code=${status}, `;
          return Object.entries(media.examples).map(([name, example]) => ({
            ...common,
            example: name,
            summary: example.summary ?? name,
            prefer: `${statusPreference}example=${name}`,
            body: example.value,
          }));
        }
        return [
          {
            ...common,
            summary: firstSentence(response.description),
            prefer: `code=${status}`,
            body: media?.example,
          },
        ];
      }),
    ),
  );
}
