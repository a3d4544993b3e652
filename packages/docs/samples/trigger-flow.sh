#!/bin/sh
# Trigger workflow 3377 now with curl: get an access token, sign the call, send it. The values
# are the sandbox's defaults; for EnOS, set ENOS_BASE_URL to https://<your-apigw-address> and
# use your application's key and secret and your user and organization IDs.
set -eu
BASE_URL="${ENOS_BASE_URL:-http://127.0.0.1:4020}"
APP_KEY="${ENOS_APP_KEY:-sandbox-app-key}"
APP_SECRET="${ENOS_APP_SECRET:-sandbox-app-secret}"
USER_ID='sandbox-user'
ORG_ID='sandbox-org'
# Each curl gives up after MAX_TIME seconds, and on an answer over 1 MiB: a gateway that hangs
# or floods cannot hold the script.
MAX_TIME="${ENOS_MAX_TIME:-30}"

sha256_hex() { printf '%s' "$1" | openssl dgst -sha256 -r | cut -d ' ' -f 1; }

# 1. Get a token: encryption = SHA-256 of appKey + timestamp + appSecret. The token service
#    accepts an encryption once: two processes with one app key that ask in the same
#    millisecond send the same one, and the second gets status 1001 though its credentials are
#    right. A token request starts nothing, so ask again with a new timestamp: 4 requests at most.
TIMESTAMP="$(date +%s)000"
for ATTEMPT in 1 2 3 4; do
  ENCRYPTION="$(sha256_hex "${APP_KEY}${TIMESTAMP}${APP_SECRET}")"
  TOKEN_ANSWER="$(curl --silent --show-error -X POST \
    --max-time "$MAX_TIME" --max-filesize 1048576 \
    "${BASE_URL}/apim-token-service/v2.0/token/get" \
    -H 'Content-Type: application/json;charset=UTF-8' \
    -d "{\"appKey\":\"$APP_KEY\",\"encryption\":\"$ENCRYPTION\",\"timestamp\":$TIMESTAMP}")" ||
    TOKEN_ANSWER=''
  printf '%s' "$TOKEN_ANSWER" | grep -Eq '"status" *: *1001([^0-9]|$)' || break
  # A new timestamp, a random step later, so that processes that collided part ways.
  TIMESTAMP=$((TIMESTAMP + 1 + $(od -An -N1 -tu1 /dev/urandom)))
done
ACCESS_TOKEN="$(printf '%s' "$TOKEN_ANSWER" | sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p')"
if [ -z "$ACCESS_TOKEN" ]; then
  echo "No access token; the token service answered: ${TOKEN_ANSWER:-nothing}" >&2
  exit 1
fi

# 2. The string to sign: the query parameters sorted by key, written as key+value with no
#    separators, then the raw body exactly as sent. triggerTime is now, in epoch
#    milliseconds: the instance ID holds its minute, and a second trigger of the workflow for
#    the same minute is refused (62102).
BODY="{\"flowId\":3377,\"triggerTime\":$(date +%s)000}"
SORTED_QUERY="actiontriggerorgId${ORG_ID}userId${USER_ID}"

# 3. signature = SHA-256 of accessToken + that string + timestamp + appSecret.
TIMESTAMP="$(date +%s)000"
SIGNATURE="$(sha256_hex "${ACCESS_TOKEN}${SORTED_QUERY}${BODY}${TIMESTAMP}${APP_SECRET}")"

# 4. Send the call with the three APIM headers.
FLOWS_URL="${BASE_URL}/batch-processing-service/v2.1/flows"
curl --silent --show-error -X POST \
  --max-time "$MAX_TIME" --max-filesize 1048576 \
  "${FLOWS_URL}?action=trigger&userId=${USER_ID}&orgId=${ORG_ID}" \
  -H 'Content-Type: application/json;charset=UTF-8' \
  -H "apim-accesstoken: ${ACCESS_TOKEN}" \
  -H "apim-signature: ${SIGNATURE}" \
  -H "apim-timestamp: ${TIMESTAMP}" \
  -d "$BODY"
