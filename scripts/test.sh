#!/usr/bin/env bash
# `npm test`: lint and type-check, build once, run the unit tests (plain Node) and then the real-host suite
# (code-server). All run and print their summaries; the exit status is non-zero if any failed.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

lint=0
npm run -s lint || lint=$?

build=0
npx tsc -p tsconfig.json || build=$?          # tsc still emits on type errors, so the tests below can run and say more
node scripts/build.mjs || build=$?

unit_log="$(mktemp)"
trap 'rm -f "$unit_log" "$unit_log.host"' EXIT
unit=0
npx mocha 2>&1 | tee "$unit_log" || unit=$?
unit_passed="$(grep -Eo '^ *[0-9]+ passing' "$unit_log" | grep -Eo '[0-9]+' | tail -1)"
unit_failed="$(grep -Eo '^ *[0-9]+ failing' "$unit_log" | grep -Eo '[0-9]+' | tail -1)"
unit_skipped="$(grep -Eo '^ *[0-9]+ pending' "$unit_log" | grep -Eo '[0-9]+' | tail -1)"

# mocha crashed or never reported: still say the unit suite failed.
if [ "$unit" -ne 0 ] && [ "${unit_failed:-0}" -eq 0 ]; then unit_failed=1; fi

host=0
CCMACRO_HOST_SKIP_BUILD=1 bash scripts/real-host/run.sh 2>&1 | tee "$unit_log.host" || host=$?
host_summary="$(grep -E '^real-host: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$unit_log.host" | tail -1)"

echo
if [ "$lint" -eq 0 ]; then echo "lint: passed"; else echo "lint: FAILED (see the eslint/prettier/tsc output above; npm run format fixes layout)"; fi
[ "$build" -eq 0 ] || echo "build: FAILED (see the tsc/esbuild errors above)"
echo "unit: ${unit_passed:-0} passed, ${unit_failed:-0} failed, ${unit_skipped:-0} skipped"
echo "${host_summary:-real-host: 0 passed, 1 failed, 0 skipped}"
[ "$lint" -eq 0 ] && [ "$build" -eq 0 ] && [ "$unit" -eq 0 ] && [ "$host" -eq 0 ]
