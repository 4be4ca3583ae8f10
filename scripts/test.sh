#!/usr/bin/env bash
# The whole test suite, installing first whatever the tests use:
#   Debian packages (graphviz with a CJK font, raptor2-utils, virtuoso-opensource for the
#   push tests, which start their own server on loopback; chromium, chromium-driver and a
#   CJK font for the browser test of `zhkg serve`) and a Python venv (.venv) with the
#   independent RDF / graph tools and SPARQL clients the tests load zhkg's output into.
# Usage: bash scripts/test.sh        (CI runs exactly this through .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."

# One build directory outside the clone, reused across runs: RocksDB takes ~20 min cold.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/zhkg-target}"

step() { printf '\n== %s\n' "$*"; }

step "Build prerequisites"
bash scripts/setup-build.sh

step "Debian packages the tests use"
packages=(graphviz fonts-noto-cjk raptor2-utils virtuoso-opensource chromium chromium-driver fonts-wqy-microhei)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "ok: ${packages[*]}"

step "Python test environment (.venv)"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r tests/requirements.txt
export ZHKG_PYTHON="$PWD/.venv/bin/python"
echo "ok: $($ZHKG_PYTHON --version)"

step "Format and lints"
cargo fmt --all --check
cargo clippy --release --workspace --all-targets --quiet -- -D warnings

step "Tests (release profile, the one the scorer and benchmark use)"
cargo test --release --workspace --quiet

step "Accuracy on every development set (../shared/eval)"
if [ -f ../shared/eval/score_all.py ]; then
  python3 ../shared/eval/score_all.py --cli "$CARGO_TARGET_DIR/release/zhkg"
else
  echo "../shared/eval is not beside this clone: accuracy not measured" >&2
  exit 1
fi
