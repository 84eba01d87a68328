#!/usr/bin/env bash
# A newcomer's first hour, replayed on a bare machine: a container from the stand-in base image
# (Debian with Node 20 and npm, no Jupyter, no Python packages) with only node-gyp's toolchain
# added (python3, make, g++), git and iproute2, and root's namespace capabilities. It clones
# this repository's committed HEAD and runs the README's commands as a learner would, printing
# each command, the last lines it printed and how long it took:
#   git clone → npm ci → npm start (first run: installs Jupyter, registers the kernel, builds the
#   datasets, prints the address) → npm start again (installs nothing) → the kernel list
#   → with --test, npm test (Docker and Chromium tests report pending: the container has neither).
#
# Usage: bash scripts/fresh-machine.sh [--test]     (needs a Docker engine; run from a clone)
# The transcript is also written to .work/fresh-machine/transcript.txt.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_TESTS=false
for arg in "$@"; do
  case "$arg" in
    --test) RUN_TESTS=true ;;
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fresh-machine: unknown option '$arg' (expected --test or --help)" >&2; exit 2 ;;
  esac
done
command -v docker >/dev/null && docker info >/dev/null 2>&1 \
  || { echo "fresh-machine: needs a running Docker engine (Debian: apt-get install docker.io)" >&2; exit 1; }

BASE="${BASE_IMAGE:-node:20-bookworm-slim}"
IMAGE=n2p-fresh-machine:latest
OUT="$ROOT/.work/fresh-machine"
mkdir -p "$OUT"
bash "$ROOT/deploy/base-image.sh" >/dev/null

# The bare machine: the base plus what the README's prerequisites ask for, and iproute2, which
# every Debian install has (priority "important") but a slim container image leaves out.
docker build -q -t "$IMAGE" - >/dev/null <<EOF
FROM $BASE
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      git python3 make g++ ca-certificates iproute2 >/dev/null && rm -rf /var/lib/apt/lists/*
EOF

# Only the committed tree travels: a bundle of HEAD, cloned inside as a learner's clone would be.
git -C "$ROOT" bundle create "$OUT/course.bundle" HEAD >/dev/null 2>&1

# Inside: each step is timed; npm start runs until it prints the address, then is stopped.
read -r -d '' INSIDE <<'EOS' || true
set -uo pipefail
step() { # name, command...
  local name="$1"; shift
  echo "\$ $name"
  local start=$SECONDS
  "$@" >/tmp/step.log 2>&1; local rc=$?
  tail -n 4 /tmp/step.log | sed 's/^/    /'
  echo "    → exit $rc in $((SECONDS - start)) s"
  [ "$rc" -eq 0 ] || { echo "fresh-machine: '$name' failed"; tail -n 40 /tmp/step.log; exit 1; }
}
serve_until_address() { # npm start, stopped once it prints the Jupyter address (at most 20 min)
  rm -f /tmp/start.log
  setsid npm start -- --yes --no-browser >/tmp/start.log 2>&1 &
  local pid=$! deadline=$((SECONDS + 1200))
  until grep -q 'The course is ready' /tmp/start.log; do
    kill -0 "$pid" 2>/dev/null || { cat /tmp/start.log; return 1; }
    [ "$SECONDS" -lt "$deadline" ] || { kill -- "-$pid"; cat /tmp/start.log; return 1; }
    sleep 1
  done
  cat /tmp/start.log
  kill -INT -- "-$pid" 2>/dev/null
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$pid" 2>/dev/null && { echo "fresh-machine: npm start did not stop within 30 s of Ctrl+C"; kill -9 -- "-$pid"; return 1; }
  wait "$pid" 2>/dev/null
  return 0
}
cd /home && step "git clone course.bundle course" git -c advice.detachedHead=false clone -q /in/course.bundle course
cd course
# node-gyp fetches Node's C headers from nodejs.org; where that is unreachable, do what the
# README's Troubleshooting says (a learner who hit the gyp error would), and say so.
if node -e "require('https').get('https://nodejs.org/dist/index.json',()=>process.exit(0)).on('error',()=>process.exit(1)).setTimeout(10000,()=>process.exit(1))"; then
  step "npm ci" npm ci --no-audit --no-fund
else
  echo "    (nodejs.org is unreachable: npm ci as the README's Troubleshooting says)"
  step 'npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")" npm ci' \
    env npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")" npm ci --no-audit --no-fund
fi
step "npm start (first run)" serve_until_address
step "npm start (second run)" serve_until_address
echo "\$ jupyter kernelspec list"
PATH="$PWD/.work/jupyter-venv/bin:$PATH" python3 -c "from jupyter_client.kernelspec import KernelSpecManager as M
for name, where in sorted(M().find_kernel_specs().items()): print(f'    {name:<16} {where}')" 2>&1 || echo "    (no Jupyter found)"
if [ "$RUN_TESTS" = true ]; then
  echo "\$ npm test"; start=$SECONDS
  env -u CI npm test >/tmp/test.log 2>&1; rc=$?
  grep -E '^\s+[0-9]+ (passing|pending|failing)' /tmp/test.log | sed 's/^/    /'
  echo "    → exit $rc in $((SECONDS - start)) s"
  [ "$rc" -eq 0 ] || { grep -A8 -E '^\s+[0-9]+\) ' /tmp/test.log | head -n 80; exit 1; }
fi
EOS

echo "fresh machine: $IMAGE (from $BASE, plus git python3 make g++ iproute2), clone of $(git -C "$ROOT" rev-parse --short HEAD)"
# No CI variable inside: the learner's machine, where missing Docker/Chromium tests are pending.
# Root on a real machine may create namespaces, which the graders' sandbox uses; a container's
# root may not unless it is given these capabilities.
docker run --rm --cap-add SYS_ADMIN --cap-add NET_ADMIN --security-opt seccomp=unconfined \
  -e RUN_TESTS="$RUN_TESTS" -v "$OUT/course.bundle:/in/course.bundle:ro" "$IMAGE" \
  bash -c "$INSIDE" | tee "$OUT/transcript.txt"
exit "${PIPESTATUS[0]}"
