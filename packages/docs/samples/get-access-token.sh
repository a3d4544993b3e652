#!/bin/sh
# Get an APIM access token with curl. The values are the sandbox's defaults; for EnOS, set
# ENOS_BASE_URL to https://<your-apigw-address> and use your application's key and secret.
set -eu
BASE_URL="${ENOS_BASE_URL:-http://127.0.0.1:4020}"
APP_KEY="${ENOS_APP_KEY:-sandbox-app-key}"
APP_SECRET="${ENOS_APP_SECRET:-sandbox-app-secret}"

sha256_hex() { printf '%s' "$1" | openssl dgst -sha256 -r | cut -d ' ' -f 1; }

# encryption = lowercase hex SHA-256 of appKey + timestamp + appSecret (a plain hash).
TIMESTAMP="$(date +%s)000"
ENCRYPTION="$(sha256_hex "${APP_KEY}${TIMESTAMP}${APP_SECRET}")"

curl --silent --show-error -X POST "${BASE_URL}/apim-token-service/v2.0/token/get" \
  -H 'Content-Type: application/json;charset=UTF-8' \
  -d "{\"appKey\":\"${APP_KEY}\",\"encryption\":\"${ENCRYPTION}\",\"timestamp\":${TIMESTAMP}}"
