/**
 * The APIM authentication of a signed operation, the same for every one: the headers are the
 * ones its security requirement names in the contract, found by their schemes' roles (access
 * token, signature, timestamp); the token must be one the sandbox issued and still valid, the
 * timestamp within the window of the host's clock, and the signature the documented one.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SecurityHeader } from '@enos-trigger/spec';
import type { SandboxContext } from './context.js';
import { contractGap } from './contract-rules.js';
import { signatureMatches, timestampWithin } from './signature.js';

/** The contract's security schemes of APIM, by the role each plays in the signature. */
const SCHEMES = {
  accessToken: 'apimAccessToken',
  signature: 'apimSignature',
  timestamp: 'apimTimestamp',
} as const;

/** Why a call is not authenticated, or undefined when it is. Reasons never quote a secret. */
export type Authenticator = (
  ctx: SandboxContext,
  headers: IncomingHttpHeaders,
  query: [string, string][],
  body: Buffer,
) => string | undefined;

/** The authenticator of an operation with these security headers (none: no authenticator). */
export function apimAuthenticator(
  operationId: string,
  security: readonly SecurityHeader[],
): Authenticator | undefined {
  if (security.length === 0) return undefined;
  const header = (scheme: string): string => {
    const found = security.find((h) => h.scheme === scheme);
    if (!found) throw contractGap(`${operationId}'s security requirement lacks ${scheme}`);
    return found.name;
  };
  const tokenHeader = header(SCHEMES.accessToken);
  const signatureHeader = header(SCHEMES.signature);
  const timestampHeader = header(SCHEMES.timestamp);
  const names = security.map((h) => h.name);
  const every =
    names.length === 1
      ? `send the ${names[0]} header`
      : `send the ${names.slice(0, -1).join(', ')} and ${names.at(-1)} headers`;

  return (ctx, headers, query, body) => {
    for (const name of names) {
      if (typeof headers[name] !== 'string') {
        const others = names.filter((n) => n !== name);
        return others.every((n) => typeof headers[n] === 'string')
          ? `send the ${name} header`
          : every;
      }
    }
    const accessToken = headers[tokenHeader] as string;
    const token = ctx.state.tokens.find(accessToken, ctx.clock.now());
    const app = token && ctx.state.apps.get(token.appKey);
    if (!app) {
      return 'the access token is unknown or expired: get one from the token endpoint';
    }
    const timestamp = headers[timestampHeader] as string;
    if (!timestampWithin(timestamp, ctx.hostNow(), ctx.timestampWindowMs)) {
      return `${timestampHeader} must be epoch ms within ${ctx.timestampWindowMs} ms of now`;
    }
    const signature = headers[signatureHeader] as string;
    if (!signatureMatches({ accessToken, query, body, timestamp, signature }, app.appSecret)) {
      return `${signatureHeader} does not match: sign token + sorted query + raw body + timestamp + secret`;
    }
    return undefined;
  };
}
