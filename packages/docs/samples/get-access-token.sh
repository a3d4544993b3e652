#!/bin/sh
# Get an APIM access token with curl. The values are the sandbox's defaults; for EnOS, set
# ENOS_BASE_URL to https://<your-apigw-address> and use your application's key and secret.
set -eu
BASE_URL="${ENOS_BASE_URL:-http://127.0.0.1:4020}"
APP_KEY="${ENOS_APP_KEY:-sandbox-app-key}"
APP_SECRET="${ENOS_APP_SECRET:-sandbox-app-secret}"
# Each curl gives up after MAX_TIME seconds, and on an answer over 1 MiB: a gateway that hangs
# or floods cannot hold the script.
MAX_TIME="${ENOS_MAX_TIME:-30}"

sha256_hex() { printf '%s' "$1" | openssl dgst -sha256 -r | cut -d ' ' -f 1; }

# The token service accepts an encryption once: two processes with one app key that ask in the
# same millisecond send the same one, and the second gets status 1001 though its credentials are
# right. A token request starts nothing, so ask again with a new timestamp: 4 requests at most.
TIMESTAMP="$(date +%s)000"
for ATTEMPT in 1 2 3 4; do
  # encryption = lowercase hex SHA-256 of appKey + timestamp + appSecret (a plain hash).
  ENCRYPTION="$(sha256_hex "${APP_KEY}${TIMESTAMP}${APP_SECRET}")"
  TOKEN_ANSWER="$(curl --silent --show-error -X POST \
    --max-time "$MAX_TIME" --max-filesize 1048576 \
    "${BASE_URL}/apim-token-service/v2.0/token/get" \
    -H 'Content-Type: application/json;charset=UTF-8' \
    -d "{\"appKey\":\"${APP_KEY}\",\"encryption\":\"${ENCRYPTION}\",\"timestamp\":${TIMESTAMP}}")"
  printf '%s' "$TOKEN_ANSWER" | grep -Eq '"status" *: *1001([^0-9]|$)' || break
  # A new timestamp, a random step later, so that processes that collided part ways.
  TIMESTAMP=$((TIMESTAMP + 1 + $(od -An -N1 -tu1 /dev/urandom)))
done
printf '%s\n' "$TOKEN_ANSWER"
