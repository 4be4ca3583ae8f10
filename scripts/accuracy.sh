#!/usr/bin/env bash
# Accuracy of zhkg and of the naive jieba-POS baseline, measured in the same run with the
# scorer of ../shared/eval (or another gold/corpus given as arguments to score.py).
# Usage: bash scripts/accuracy.sh [score.py options, e.g. --corpus DIR --gold FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/zhkg-target}"
cargo build --release --quiet --bin zhkg --example jieba_baseline
scorer=../shared/eval/score.py
echo "== zhkg"
python3 "$scorer" --cli "$CARGO_TARGET_DIR/release/zhkg" "$@"
echo
echo "== baseline: jieba-rs part-of-speech tags alone (examples/jieba_baseline.rs)"
python3 "$scorer" --cli "$CARGO_TARGET_DIR/release/examples/jieba_baseline" "$@"
