#!/usr/bin/env bash
# The main job on a fresh clone: install build prerequisites, build zhkg (release), and
# build the bundled sample corpus (corpus/) into output/store. Extra arguments go to
# `zhkg build` (e.g. a folder of your own articles).
# Usage: bash scripts/run.sh [ARTICLES...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-build.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/zhkg-target}"
cargo build --release --quiet
"$CARGO_TARGET_DIR/release/zhkg" build "$@"
echo "query it:  $CARGO_TARGET_DIR/release/zhkg query queries/who-proposed-what.rq" >&2
