#!/bin/sh
# Trigger workflow 3377 now and wait for the run to end, with curl: get an access token, sign
# and send the trigger, then read the instance with Get Flow Instance until its status is
# final, POLL_SECONDS apart, MAX_TRIES reads at most. The values are the sandbox's defaults;
# for EnOS, set ENOS_BASE_URL to https://<your-apigw-address> and use your application's key
# and secret and your user and organization IDs.
# Exit code: 0 the run ended SUCCESS, 2 it ended otherwise, 1 nothing was started (no token,
# or the trigger refused, by a 401 too), 3 a run started (or may have) but the wait failed (no
# answer to the trigger, a read refused by a business error or by a 401, MAX_TRIES reads): look
# at it before triggering again.
set -eu
BASE_URL="${ENOS_BASE_URL:-http://127.0.0.1:4020}"
APP_KEY="${ENOS_APP_KEY:-sandbox-app-key}"
APP_SECRET="${ENOS_APP_SECRET:-sandbox-app-secret}"
USER_ID='sandbox-user'
ORG_ID='sandbox-org'
POLL_SECONDS="${ENOS_POLL_SECONDS:-5}"
MAX_TRIES="${ENOS_MAX_TRIES:-120}"
# Each curl gives up after MAX_TIME seconds, and on an answer over 1 MiB: a gateway that hangs
# or floods cannot hold the script.
MAX_TIME="${ENOS_MAX_TIME:-30}"
# The statuses an instance ends in: it never changes again.
FINAL_STATUSES='FAIL SUCCESS INTERNAL_ERROR TIMEOUT CANCEL SKIP'

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

# 2. Trigger, signed: the query parameters sorted by key, written as key+value with no
#    separators, then the raw body exactly as sent; signature = SHA-256 of accessToken + that
#    string + timestamp + appSecret. triggerTime is now: the instance ID holds its minute.
BODY="{\"flowId\":3377,\"triggerTime\":$(date +%s)000}"
SORTED_QUERY="actiontriggerorgId${ORG_ID}userId${USER_ID}"
TIMESTAMP="$(date +%s)000"
SIGNATURE="$(sha256_hex "${ACCESS_TOKEN}${SORTED_QUERY}${BODY}${TIMESTAMP}${APP_SECRET}")"
FLOWS_URL="${BASE_URL}/batch-processing-service/v2.1/flows"
# A trigger whose answer is lost may still have started a run: never send it twice blindly.
TRIGGER_ANSWER="$(curl --silent --show-error -X POST \
  --max-time "$MAX_TIME" --max-filesize 1048576 \
  "${FLOWS_URL}?action=trigger&userId=${USER_ID}&orgId=${ORG_ID}" \
  -H 'Content-Type: application/json;charset=UTF-8' \
  -H "apim-accesstoken: ${ACCESS_TOKEN}" \
  -H "apim-signature: ${SIGNATURE}" \
  -H "apim-timestamp: ${TIMESTAMP}" \
  -d "$BODY")" || {
  echo "The trigger got no answer: a run may have started. Look before triggering again." >&2
  exit 3
}
FLOW_INST_ID="$(printf '%s' "$TRIGGER_ANSWER" |
  sed -n 's/.*"flowInstanceId" *: *"\([^"]*\)".*/\1/p')"
if [ -z "$FLOW_INST_ID" ]; then
  echo "Nothing was triggered; Trigger Flow answered: $TRIGGER_ANSWER" >&2
  exit 1
fi

# 3. Read the instance until its status is final. Each read is signed anew, with its own
#    timestamp: its query sorted by key, and no body. An instance ID is digits and a dash, so
#    it goes into the URL as it is. curl writes the HTTP status on a line after the answer.
INSTANCES_URL="${BASE_URL}/batch-processing-service/v2.1/flowInstances"
LAST_STATUS=''
TRY=1
while :; do
  SORTED_QUERY="actiongetflowInstId${FLOW_INST_ID}orgId${ORG_ID}userId${USER_ID}"
  TIMESTAMP="$(date +%s)000"
  SIGNATURE="$(sha256_hex "${ACCESS_TOKEN}${SORTED_QUERY}${TIMESTAMP}${APP_SECRET}")"
  READ="$(curl --silent --show-error -X GET \
    --max-time "$MAX_TIME" --max-filesize 1048576 --write-out '\n%{http_code}' \
    "${INSTANCES_URL}?action=get&flowInstId=${FLOW_INST_ID}&userId=${USER_ID}&orgId=${ORG_ID}" \
    -H 'Content-Type: application/json;charset=UTF-8' \
    -H "apim-accesstoken: ${ACCESS_TOKEN}" \
    -H "apim-signature: ${SIGNATURE}" \
    -H "apim-timestamp: ${TIMESTAMP}")" || READ=''
  HTTP_STATUS="$(printf '%s' "$READ" | tail -n 1)"
  ANSWER="$(printf '%s' "$READ" | sed '$d')"
  STATUS="$(printf '%s' "$ANSWER" | sed -n 's/.*"statusDesc" *: *"\([A-Z_]*\)".*/\1/p')"
  if [ "$HTTP_STATUS" = 401 ]; then
    # The gateway refused the token (it expired, or was revoked): every read with it would be.
    echo "${FLOW_INST_ID} started, but Get Flow Instance refused the token (HTTP 401):" \
      "${ANSWER}. Read it again with a new token; do not trigger again." >&2
    exit 3
  elif [ -n "$STATUS" ]; then
    [ "$STATUS" = "$LAST_STATUS" ] || echo "status: ${STATUS}"
    LAST_STATUS="$STATUS"
    case " ${FINAL_STATUSES} " in
    *" ${STATUS} "*)
      # A final status is the run's outcome, FAIL included: the calls themselves succeeded.
      echo "${FLOW_INST_ID} ended ${STATUS}."
      if [ "$STATUS" = SUCCESS ]; then exit 0; else exit 2; fi
      ;;
    esac
  elif printf '%s' "$ANSWER" | grep -q '"code"'; then
    # A business error (no such instance, no privilege): the next read would get it too.
    echo "${FLOW_INST_ID} started, but Get Flow Instance answered: $ANSWER" >&2
    exit 3
  else
    # The gateway's own answer (429, 500, 503) or none at all: the next read may get through.
    echo "Get Flow Instance answered ${ANSWER:-nothing}; reading again." >&2
  fi
  if [ "$TRY" -ge "$MAX_TRIES" ]; then
    echo "${FLOW_INST_ID} started, but was still ${LAST_STATUS:-unread} after ${MAX_TRIES}" \
      "reads. Look at it before triggering again." >&2
    exit 3
  fi
  TRY=$((TRY + 1))
  sleep "$POLL_SECONDS"
done
