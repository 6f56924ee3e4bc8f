#!/usr/bin/env bash
# The second generation of the stacks (issue 13): an isolated Debian unstable root holding the
# newest OpenSSL, Bouncy Castle (with its JDK), NSS, GnuTLS and gpgsm, built once by mmdebstrap
# into a cached directory and run through unshare + chroot (adapters/sid-root.ts). Its packages
# never touch the host: installing sid packages into a bookworm host breaks its libc.
# Idempotent: a finished root carries a stamp naming its package list; with the stamp present and
# the same list it does nothing (milliseconds). A half-built root (interrupted run) is removed and
# rebuilt, since only a complete build is moved into place. Measured: about 1 minute on this
# machine kind (2 cores), 1.3 GB.
#
#   CMSI_SID_ROOT=DIR       where the root lives (default /var/cache/cmsi/sid-root)
#   CMSI_SKIP_SID_ROOT=1    do not build it (the adapters then report the stacks as not installed)
#   CMSI_SID_MIRROR=URL     the Debian mirror (default http://deb.debian.org/debian)
set -uo pipefail

[ "${CMSI_SKIP_SETUP:-}" = 1 ] && exit 0
[ "${CMSI_SKIP_SID_ROOT:-}" = 1 ] && exit 0

ROOT="${CMSI_SID_ROOT:-/var/cache/cmsi/sid-root}"
MIRROR="${CMSI_SID_MIRROR:-http://deb.debian.org/debian}"
PACKAGES="openssl,libbcprov-java,libbcpkix-java,libbcutil-java,default-jdk-headless,libnss3-tools,gnutls-bin,gpgsm,gpg-agent"
STAMP="$ROOT/.cmsi-root-packages"

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$PACKAGES" ]; then exit 0; fi

if [ "$(id -u)" != 0 ]; then
  echo "setup: the Debian unstable root ($ROOT) is missing and building it needs root (mmdebstrap, chroot); the openssl@3.6 and bouncycastle@1.86 adapters will report not installed" >&2
  exit 0
fi

if ! command -v mmdebstrap >/dev/null 2>&1; then
  echo "setup: installing mmdebstrap from Debian (once)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null 2>&1; } \
    || { echo "setup: apt-get install mmdebstrap failed" >&2; exit 1; }
fi

echo "setup: building the Debian unstable root $ROOT ($PACKAGES), once"
start=$(date +%s)
tmp="$ROOT.partial"
rm -rf "$tmp"
mkdir -p "$(dirname "$ROOT")"
log=$(mktemp /tmp/cmsi-sid-root-XXXXXX.log)
# Check-Valid-Until off: the mirror may serve a frozen snapshot whose Release file has expired.
# /usr/share/doc and locales are left out to save space; man pages stay, because the JDK's
# update-alternatives fails when their directories are missing.
if ! mmdebstrap --variant=apt --aptopt='Acquire::Check-Valid-Until "false"' --include="$PACKAGES" \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    sid "$tmp" "$MIRROR" >"$log" 2>&1; then
  echo "setup: mmdebstrap failed:" >&2
  grep -E '^E:|error' "$log" | tail -10 >&2
  rm -rf "$tmp"
  exit 1
fi
rm -f "$log"
rm -rf "$ROOT"
mv "$tmp" "$ROOT"
echo "$PACKAGES" >"$STAMP"
echo "setup: Debian unstable root ready in $(( $(date +%s) - start )) s: $(chroot "$ROOT" openssl version)"
