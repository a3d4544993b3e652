#!/bin/sh
# Every turbo run goes through here so that no tool in any task phones home.
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 REDOCLY_TELEMETRY=off SCARF_ANALYTICS=false
exec "$(dirname "$0")/../node_modules/.bin/turbo" "$@"
