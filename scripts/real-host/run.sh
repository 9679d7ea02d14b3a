#!/usr/bin/env bash
# Run ccmacro's host tests (out/test/host/**/*.test.js) inside a real VS Code extension host:
# code-server 4.100.3 (VS Code 1.100.3's server, the last release for Node 20) driven by headless Chromium.
#
# Usage: scripts/real-host/run.sh [PASS...]      PASS is `trusted`, `untrusted` or `multiroot` (default: all three)
#   trusted    every suite except *.untrusted.test.js and *.multiroot.test.js, with --disable-workspace-trust
#   untrusted  only *.untrusted.test.js (skipped when there are none), workspace left in restricted mode
#   multiroot  only *.multiroot.test.js, in a window with two folders (test/host/multiroot/ccmacro.code-workspace)
# Environment:
#   CCMACRO_HOST_GREP=text      run only tests whose full title contains text (mocha --grep)
#   CCMACRO_HOST_SKIP_BUILD=1   skip tsc + esbuild (when the caller just built)
#   CCMACRO_HOST_TIMEOUT_MS     per-pass deadline for the whole test run (default 900000)
# Prints the mocha spec output of each pass and, alone on the last line, `real-host: N passed, N failed, N skipped`
# (test/host/results.ts adds the passes up). The run fails on a failed test, and also when a test mocha loaded never
# ran, a test file registers no test, a pass without CCMACRO_HOST_GREP loads none, or the grep matches nothing.
# Failure screenshots, server logs and the browser console land in test-artifacts/ (git-ignored).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/scripts/real-host"
HOST_DIR="$ROOT/.vscode-test/host"
ARTIFACTS="$ROOT/test-artifacts"
CODE_SERVER="$HOST_DIR/node_modules/.bin/code-server"

log() { echo "real-host: $*" >&2; }

# --- 1. Debian packages (chromium, ripgrep, build tools): see apt-deps.sh.
# shellcheck source=apt-deps.sh
source "$HERE/apt-deps.sh"

# --- 2. code-server + playwright-core into .vscode-test/host, offline-friendly (see docs in README "Development").
ensure_code_server() {
  local want have=""
  want="$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)"
  [ -f "$HOST_DIR/.lock-sha256" ] && have="$(cat "$HOST_DIR/.lock-sha256")"
  if [ "$want" = "$have" ] && [ -x "$CODE_SERVER" ]; then return 0; fi
  log "installing code-server 4.100.3 and playwright-core into .vscode-test/host (about 2 minutes, once)"
  mkdir -p "$HOST_DIR"
  cp "$HERE/package.json" "$HERE/package-lock.json" "$HOST_DIR/"
  local tmp="$HOST_DIR/.tmp"
  rm -rf "$tmp"; mkdir -p "$tmp/vscode-ripgrep-cache-1.15.11"
  # @vscode/ripgrep's postinstall downloads from GitHub unless its cache already holds the archive: seed it with Debian's rg.
  tar czf "$tmp/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
  # node-gyp must use the installed Node headers (no download); node-pty's postinstall runs `npx node-gyp` (needs yes).
  local nodedir; nodedir="$(node -p 'require("path").resolve(process.execPath, "../..")')"
  [ -f "$nodedir/include/node/node.h" ] || nodedir=/usr
  (cd "$HOST_DIR" && TMPDIR="$tmp" npm_config_nodedir="$nodedir" npm_config_yes=true \
    npm ci --unsafe-perm --no-audit --no-fund --loglevel=error >"$HOST_DIR/install.log" 2>&1) || {
    tail -n 40 "$HOST_DIR/install.log" >&2; log "code-server install failed (full log: .vscode-test/host/install.log)"; return 1; }
  rm -rf "$tmp"
  echo "$want" >"$HOST_DIR/.lock-sha256"
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

FAILED_LINE="real-host: 0 passed, 1 failed, 0 skipped"
# Each pass leaves PASS.exit (the runner's exit status) and PASS.json (its result) here for the summary.
RESULTS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/ccmacro-host-results.XXXXXX")"
SERVER_PGID=""
PASS_DIR=""
cleanup() {
  if [ -n "$SERVER_PGID" ]; then kill -- -"$SERVER_PGID" 2>/dev/null || true; wait "$SERVER_PGID" 2>/dev/null || true; fi
  SERVER_PGID=""
  if [ -n "$PASS_DIR" ]; then rm -rf "$PASS_DIR"; fi
  PASS_DIR=""
}
trap 'cleanup; rm -rf "$RESULTS_DIR"' EXIT
trap 'cleanup; echo "real-host: interrupted"; echo "$FAILED_LINE"; exit 130' INT TERM

# --- 3. One pass: a fresh workspace copy, a fresh code-server, Chromium opening it with the test payload.
run_pass() {
  local pass="$1" trust_flag=()
  [ "$pass" != untrusted ] && trust_flag=(--disable-workspace-trust)
  PASS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/ccmacro-host.XXXXXX")"
  local D="$PASS_DIR" ws="$PASS_DIR/workspace"
  mkdir -p "$D/user/User" "$D/exts" "$D/xdg" "$ARTIFACTS"
  if [ "$pass" = multiroot ]; then
    cp -R "$ROOT/test/host/multiroot" "$D/multiroot"
    ws="$D/multiroot/ccmacro.code-workspace"
  else
    cp -R "$ROOT/test/host/workspace" "$ws"
  fi
  # Quiet, deterministic workbench; in the untrusted pass no startup prompt, so the folder stays in restricted mode.
  cat >"$D/user/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "git.enabled": false,
  "typescript.tsc.autoDetect": "off",
  "npm.autoDetect": "off",
  "grunt.autoDetect": "off",
  "gulp.autoDetect": "off",
  "jake.autoDetect": "off",
  "task.autoDetect": "off",
  "security.workspace.trust.startupPrompt": "never",
  "security.workspace.trust.emptyWindow": false
}
JSON
  local port; port="$(free_port)"
  rm -f "$ARTIFACTS/real-host-$pass".* "$ARTIFACTS/real-host-$pass"-*
  # No extension gallery: otherwise the workbench waits ~15 s for open-vsx.org before running the tests.
  # setsid: the server leads its own process group, so the whole tree (extension host included) stops with it.
  CCMACRO_HOST_PASS="$pass" CCMACRO_TEST_ARTIFACTS="$ARTIFACTS" CCMACRO_HOST_GREP="${CCMACRO_HOST_GREP:-}" \
  XDG_CONFIG_HOME="$D/xdg" XDG_DATA_HOME="$D/xdg" EXTENSIONS_GALLERY='{}' \
    setsid "$CODE_SERVER" --config "$D/config.yaml" --auth none --bind-addr "127.0.0.1:$port" \
      --disable-telemetry --disable-update-check --disable-getting-started-override "${trust_flag[@]}" \
      --user-data-dir "$D/user" --extensions-dir "$D/exts" "$ws" >"$D/server.log" 2>&1 &
  SERVER_PGID=$!
  local up=""
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then up=1; break; fi
    kill -0 "$SERVER_PGID" 2>/dev/null || break
    sleep 0.25
  done
  if [ -z "$up" ]; then
    cp "$D/server.log" "$ARTIFACTS/real-host-$pass.server.log" 2>/dev/null || true
    tail -n 30 "$D/server.log" >&2 || true
    log "code-server did not start (log: test-artifacts/real-host-$pass.server.log)"
    echo 1 >"$RESULTS_DIR/$pass.exit"; cleanup; return 1
  fi
  log "pass '$pass': code-server on 127.0.0.1:$port, workspace $ws"
  local rc=0
  CS_BASE="http://127.0.0.1:$port" PASS_NAME="$pass" ARTIFACTS_DIR="$ARTIFACTS" RESULT_FILE="$D/result.json" \
  TEST_TIMEOUT_MS="${CCMACRO_HOST_TIMEOUT_MS:-900000}" XDG_CONFIG_HOME="$D/xdg" XDG_CACHE_HOME="$D/xdg/cache" \
    node "$HERE/run-ext-tests.js" "$ROOT" "$ROOT/out/test/host/index.js" "$ws" || rc=$?
  echo "$rc" >"$RESULTS_DIR/$pass.exit"
  if [ -f "$D/result.json" ]; then cp "$D/result.json" "$RESULTS_DIR/$pass.json"; fi
  if [ "$rc" -ne 0 ]; then cp "$D/server.log" "$ARTIFACTS/real-host-$pass.server.log" 2>/dev/null || true; fi
  cleanup
  return "$rc"
}

main() {
  local passes=("$@")
  [ ${#passes[@]} -gt 0 ] || passes=(trusted untrusted multiroot)
  local t0=$SECONDS
  ensure_apt_packages || { log "could not install the Debian packages"; echo "$FAILED_LINE"; exit 1; }
  ensure_code_server || { echo "$FAILED_LINE"; exit 1; }
  if [ "${CCMACRO_HOST_SKIP_BUILD:-}" != 1 ]; then
    (cd "$ROOT" && npx tsc -p . && node scripts/build.mjs) || { echo "$FAILED_LINE"; exit 1; }
  fi
  [ -f "$ROOT/out/test/host/index.js" ] || { log "out/test/host/index.js missing: build first"; echo "$FAILED_LINE"; exit 1; }
  local status=0
  for pass in "${passes[@]}"; do
    case "$pass" in
      trusted) ;;
      untrusted|multiroot)
        if [ -z "$(find "$ROOT/out/test/host" -name "*.$pass.test.js" -print -quit)" ]; then
          log "pass '$pass': no *.$pass.test.js, skipped"; continue
        fi ;;
      *) log "unknown pass '$pass' (use trusted, untrusted or multiroot)"; exit 2 ;;
    esac
    run_pass "$pass" || status=1
  done
  log "took $((SECONDS - t0)) s"
  local summary=0 line
  line="$(CCMACRO_HOST_GREP="${CCMACRO_HOST_GREP:-}" node "$ROOT/out/test/host/results.js" "$RESULTS_DIR")" || summary=$?
  echo "${line:-$FAILED_LINE}"
  [ "$status" -eq 0 ] && [ "$summary" -eq 0 ] && [ -n "$line" ]
}

main "$@"
