#!/usr/bin/env bash
# zhkg's benchmark (issue 5): ceiling, scaling, store, queries, memory, in one run.
#   bash scripts/bench.sh            full run on the corpus of scripts/bench-setup.sh
#                                    (downloads it the first time; builds a 10,000-document
#                                    store once under ~/.cache/zhkg-bench, ~15 min; later
#                                    runs reuse it)
#   bash scripts/bench.sh --quick    bench/sample only, about a minute, no download
# Other options are passed to the bench binary (zhkg-bench --help).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/zhkg-target}"
cargo build --release --quiet -p zhkg -p zhkg-bench
quick=0
for a in "$@"; do [ "$a" = --quick ] && quick=1; done
if [ "$quick" = 0 ]; then
  bash scripts/bench-setup.sh
fi
exec "$CARGO_TARGET_DIR/release/zhkg-bench" "$@"
