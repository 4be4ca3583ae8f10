#!/usr/bin/env python3
"""Turn an IOB2 NER file (UNER style: `# newdoc id`, `# text`, index<TAB>token<TAB>tag) into
the scorer's input: one text file per document and a gold JSON listing, per document, the
distinct people, organizations and places (document-level entity sets).

usage: iob2_to_eval.py FILE.iob2 OUTDIR [--max-docs N] [--sentences-per-doc K]
Writes OUTDIR/corpus/*.txt and OUTDIR/gold.json; then
  python3 ../shared/eval/score.py --corpus OUTDIR/corpus --gold OUTDIR/gold.json
"""
import argparse
import json
import os

KINDS = {"PER": "people", "ORG": "organizations", "LOC": "places"}


def sentences(path):
    doc, tokens = None, []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# newdoc id"):
            doc = line.split("=", 1)[1].strip()
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if tokens:
                yield doc, tokens
            tokens = []
        else:
            cols = line.split("\t")
            tokens.append((cols[1], cols[2]))
    if tokens:
        yield doc, tokens


def entities(tokens):
    out, cur, kind = [], [], None
    for word, tag in tokens + [("", "O")]:
        if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and tag[2:] != kind):
            if cur and kind in KINDS:
                out.append((kind, "".join(cur)))
            cur, kind = ([word], tag[2:]) if tag != "O" else ([], None)
        else:
            cur.append(word)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("iob2")
    ap.add_argument("out")
    ap.add_argument("--max-docs", type=int, default=0)
    ap.add_argument("--sentences-per-doc", type=int, default=0,
                    help="group sentences into documents of K (default: the file's newdoc blocks)")
    args = ap.parse_args()
    docs = {}
    order = []
    for i, (doc, tokens) in enumerate(sentences(args.iob2)):
        key = f"s{i // args.sentences_per_doc:05d}" if args.sentences_per_doc else (doc or "doc")
        if key not in docs:
            docs[key] = {"text": [], "ents": []}
            order.append(key)
        docs[key]["text"].append("".join(w for w, _ in tokens))
        docs[key]["ents"].extend(entities(tokens))
    if args.max_docs:
        order = order[: args.max_docs]
    os.makedirs(os.path.join(args.out, "corpus"), exist_ok=True)
    gold = {"documents": []}
    for n, key in enumerate(order):
        name = f"{n:05d}_{key.replace('/', '_')}.txt"
        with open(os.path.join(args.out, "corpus", name), "w", encoding="utf-8") as f:
            f.write("\n".join(docs[key]["text"]) + "\n")
        entry = {"file": name, "people": [], "organizations": [], "places": []}
        seen = set()
        for kind, name_ in docs[key]["ents"]:
            if (kind, name_) in seen:
                continue
            seen.add((kind, name_))
            entry[KINDS[kind]].append({"name": name_, "aliases": []})
        gold["documents"].append(entry)
    json.dump(gold, open(os.path.join(args.out, "gold.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print(f"{len(order)} documents, {sum(len(d['people'])+len(d['organizations'])+len(d['places']) for d in gold['documents'])} entities")


if __name__ == "__main__":
    main()
