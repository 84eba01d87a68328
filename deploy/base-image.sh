#!/usr/bin/env bash
# Make sure the Dockerfile's base image exists locally.
#
# Where an image registry is reachable, `docker pull node:20-bookworm-slim` is all you need and
# this script only pulls. Where none is (an offline lab, a CI box that only mirrors Debian and
# npm), it builds a stand-in with the same tag and the same layout as the official image:
# a minimal Debian bookworm (debootstrap, from the mirror this machine's apt already uses),
# this machine's Node.js and npm under /usr/local, Node's C headers (so native modules such
# as better-sqlite3 compile without downloading headers), a `node` user with uid 1000, and
# this machine's CA bundle (so npm and apt inside `docker build` trust the same certificates).
#
# Idempotent: does nothing when the image exists. The debootstrap tarball is cached under
# .work/base-image/ (git-ignored), so rebuilding the image after `docker rmi` takes seconds.
#
# usage: deploy/base-image.sh            (env BASE_IMAGE overrides the tag)
set -euo pipefail

IMAGE="${BASE_IMAGE:-node:20-bookworm-slim}"
SUITE=bookworm
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.work/base-image"
ROOTFS_TAR="$CACHE/$SUITE-minbase.tar"

say() { echo "[base-image] $*"; }

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  say "$IMAGE is present; nothing to do."
  exit 0
fi
say "$IMAGE is missing; trying docker pull (times out after 60 s)."
if timeout 60 docker pull "$IMAGE" >/dev/null 2>&1; then
  say "pulled $IMAGE."
  exit 0
fi
say "no registry reachable; building a local stand-in tagged $IMAGE."

for tool in debootstrap tar docker node; do
  command -v "$tool" >/dev/null || { echo "[base-image] error: '$tool' is not installed" >&2; exit 1; }
done

# The Debian mirror apt already uses here (deb822 .sources files or one-line sources.list),
# skipping the security archive and third-party repositories.
debian_mirror() {
  local files=(/etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources)
  {
    cat "${files[@]}" 2>/dev/null || true
  } | awk -v suite="$SUITE" '
      /^deb / { if ($3 == suite) print $2 }
      /^URIs:/ { uris = $2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) print uris }
    ' | grep -v -e security -e '^$' | head -n 1 || true
}

if [[ ! -s "$ROOTFS_TAR" ]]; then
  MIRROR="$(debian_mirror)"
  [[ -n "$MIRROR" ]] || { echo "[base-image] error: no Debian $SUITE mirror in /etc/apt/sources.list*" >&2; exit 1; }
  say "debootstrap --variant=minbase $SUITE from $MIRROR (a few minutes, once)."
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  debootstrap --variant=minbase "$SUITE" "$work/rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 20 "$work/debootstrap.log" >&2; exit 1; }
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
  mkdir -p "$CACHE"
  tar -C "$work/rootfs" -cf "$ROOTFS_TAR.tmp" .
  mv "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
  rm -rf "$work"
  trap - EXIT
  say "cached the root filesystem in ${ROOTFS_TAR#"$ROOT"/}."
else
  say "using the cached root filesystem ${ROOTFS_TAR#"$ROOT"/}."
fi

# Layer Node.js on top, where the official image puts it (/usr/local).
NODE_BIN="$(readlink -f "$(command -v node)")"
NODE_PREFIX="$(dirname "$(dirname "$NODE_BIN")")"
NPM_DIR="$NODE_PREFIX/lib/node_modules/npm"
HEADERS="$NODE_PREFIX/include/node"
CA=/etc/ssl/certs/ca-certificates.crt
for need in "$NPM_DIR" "$HEADERS" "$CA"; do
  [[ -e "$need" ]] || { echo "[base-image] error: $need not found" >&2; exit 1; }
done
say "adding node $("$NODE_BIN" --version) from $NODE_PREFIX, npm, Node headers and the CA bundle."

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
tar -C "$stage" -xf "$ROOTFS_TAR"
mkdir -p "$stage/usr/local/bin" "$stage/usr/local/lib/node_modules" "$stage/usr/local/include" "$stage/etc/ssl/certs"
cp "$NODE_BIN" "$stage/usr/local/bin/node"
cp -a "$NPM_DIR" "$stage/usr/local/lib/node_modules/npm"
cp -a "$HEADERS" "$stage/usr/local/include/node"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$stage/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$stage/usr/local/bin/npx"
cp "$CA" "$stage/etc/ssl/certs/ca-certificates.crt"
# Also as a local CA, which survives Debian's ca-certificates package regenerating the bundle
# (any apt-get install that pulls it in) and which Node reads through NODE_EXTRA_CA_CERTS.
mkdir -p "$stage/usr/local/share/ca-certificates"
cp "$CA" "$stage/usr/local/share/ca-certificates/host-ca-bundle.crt"
# The official image's unprivileged user.
grep -q '^node:' "$stage/etc/group" || echo 'node:x:1000:' >>"$stage/etc/group"
grep -q '^node:' "$stage/etc/passwd" || echo 'node:x:1000:1000::/home/node:/bin/sh' >>"$stage/etc/passwd"
mkdir -p "$stage/home/node" && chown 1000:1000 "$stage/home/node"

tar -C "$stage" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$("$NODE_BIN" --version | tr -d v)" \
  --change "ENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/host-ca-bundle.crt" \
  --change 'CMD ["node"]' \
  - "$IMAGE" >/dev/null
say "built $IMAGE ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))."
