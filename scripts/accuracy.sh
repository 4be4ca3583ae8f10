#!/usr/bin/env bash
# Accuracy of zhkg and of the naive jieba-POS baseline, measured in the same run with the
# scorer of ../shared/eval on every development set (score_all.py: the seed pages, dev-hk,
# dev-cn, dev-pdf and all of them together).
# Usage: bash scripts/accuracy.sh [score_all.py options, e.g. --misses, --json, --set NAME=CORPUS:GOLD]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/zhkg-target}"
cargo build --release --quiet --bin zhkg --example jieba_baseline
scorer=../shared/eval/score_all.py
echo "== zhkg"
python3 "$scorer" --cli "$CARGO_TARGET_DIR/release/zhkg" "$@"
echo
echo "== baseline: jieba-rs part-of-speech tags alone (examples/jieba_baseline.rs)"
python3 "$scorer" --cli "$CARGO_TARGET_DIR/release/examples/jieba_baseline" "$@"
