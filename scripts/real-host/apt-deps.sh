# Sourced by scripts/real-host/run.sh and .ci/run: install the Debian packages the real host needs, if missing.
# chromium drives the workbench; ripgrep stands in for @vscode/ripgrep's GitHub download; krb5 headers,
# compilers and python3 build code-server's native modules.
ensure_apt_packages() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v rg >/dev/null || missing+=(ripgrep)
  [ -e /usr/include/krb5.h ] || missing+=(libkrb5-dev)
  { command -v g++ >/dev/null && command -v make >/dev/null; } || missing+=(build-essential)
  command -v python3 >/dev/null || missing+=(python3)
  command -v curl >/dev/null || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing Debian packages: ${missing[*]}" >&2
  # Refresh the package lists only when there are none (a fresh container) or the install fails with the old ones.
  if ! ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1; then $sudo apt-get update -qq; fi
  if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}
