#!/usr/bin/env bash
# The one set-up script of the test suite (npm test runs it first, as its pretest step): it makes
# sure that every third-party stack the tests drive is on this machine, and installs from Debian
# what is missing. Idempotent: with everything present it installs nothing and takes a few
# milliseconds. Where it cannot install (not root, or no apt-get) it stops at once with one line
# naming the missing packages and the command that installs them.
#
#   CMSI_SKIP_SETUP=1   do nothing (a developer who knows what the machine has)
set -uo pipefail

[ "${CMSI_SKIP_SETUP:-}" = 1 ] && exit 0

# package -> a file that tells it is installed (a command on PATH, or an absolute path)
declare -A PROBE=(
  [openssl]=openssl
  [perl]=perl
  [gpgsm]=gpgsm
  [gpg-agent]=gpg-agent
  [libnss3-tools]=cmsutil
  [gnutls-bin]=certtool
  [libbcprov-java]=/usr/share/java/bcprov.jar
  [libbcpkix-java]=/usr/share/java/bcpkix.jar
  [libbcutil-java]=/usr/share/java/bcutil.jar
  [default-jdk-headless]=javac
  [chromium]=chromium
)
ORDER="openssl perl gpgsm gpg-agent libnss3-tools gnutls-bin libbcprov-java libbcpkix-java libbcutil-java default-jdk-headless chromium"

present() {
  case "$1" in
    /*) [ -e "$1" ] ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

missing=()
for p in $ORDER; do present "${PROBE[$p]}" || missing+=("$p"); done
# The second generation (OpenSSL 3.6, Bouncy Castle 1.86, ... in an isolated Debian unstable root).
sid_root() { bash "$(dirname "$0")/setup-sid-root.sh"; }
[ ${#missing[@]} -eq 0 ] && { sid_root; exit $?; }

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: missing ${missing[*]}; install them with: sudo apt-get install --no-install-recommends ${missing[*]} (or set CMSI_SKIP_SETUP=1 to run without them)" >&2
  exit 1
fi

echo "setup: installing ${missing[*]} from Debian (once; later runs find them)"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp /tmp/cmsi-setup-XXXXXX.log)
if ! apt-get update -qq >"$log" 2>&1; then
  echo "setup: apt-get update failed:" >&2
  tail -5 "$log" >&2
  exit 1
fi
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
  echo "setup: apt-get install ${missing[*]} failed:" >&2
  tail -20 "$log" >&2
  exit 1
fi
rm -f "$log"
still=()
for p in "${missing[@]}"; do present "${PROBE[$p]}" || still+=("$p"); done
if [ ${#still[@]} -ne 0 ]; then
  echo "setup: installed, but still not found: ${still[*]}" >&2
  exit 1
fi
echo "setup: done"
sid_root
