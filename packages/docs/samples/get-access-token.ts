/**
 * Get an APIM access token with fetch. @enos-trigger/client does this itself before each
 * trigger; this is the call on its own, typed by the client's generated contract types. The
 * values are the sandbox's defaults; for EnOS, set ENOS_BASE_URL to
 * https://<your-apigw-address> and use your application's key and secret.
 */
import { type components, type TokenErrorCatalog, tokenEncryption } from '@enos-trigger/client';

const baseUrl = process.env.ENOS_BASE_URL ?? 'http://127.0.0.1:4020';
const appKey = process.env.ENOS_APP_KEY ?? 'sandbox-app-key';
const appSecret = process.env.ENOS_APP_SECRET ?? 'sandbox-app-secret';

// The token service accepts an encryption once: two processes with one app key that ask in the
// same millisecond send the same one, and the second gets 1001 though its credentials are right.
// A token request starts nothing, so ask again with a new timestamp: 4 requests at most.
const duplicatedEncryption: TokenErrorCatalog['duplicatedEncryption']['code'] = 1001;
let timestamp = Date.now();
let answer: components['schemas']['TokenResponse'] | undefined;
for (let attempt = 1; attempt <= 4; attempt += 1) {
  // encryption = lowercase hex SHA-256 of appKey + timestamp + appSecret (a plain hash).
  const encryption = await tokenEncryption({ appKey, appSecret, timestamp });
  const response = await fetch(`${baseUrl}/apim-token-service/v2.0/token/get`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json;charset=UTF-8' },
    body: JSON.stringify({ appKey, encryption, timestamp }),
  });
  answer = (await response.json()) as components['schemas']['TokenResponse'];
  if (answer.status !== duplicatedEncryption) break;
  // A new timestamp, a random step later, so that processes that collided part ways.
  timestamp = Math.max(Date.now(), timestamp + 1) + Math.ceil(Math.random() * 100);
}
if (answer?.status === 0) {
  // Send answer.data.accessToken as apim-accesstoken; never log it.
  console.log(`Got an access token, valid for ${answer.data?.expire} s`);
} else {
  console.error(`Token service error ${answer?.status}: ${answer?.msg}`);
  process.exitCode = 1;
}
