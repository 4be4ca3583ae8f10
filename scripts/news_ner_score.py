#!/usr/bin/env python3
"""NER-only document-level check on the project's annotated news (../shared/eval/dev-*):
tag each article with a model (`ner-eval --tag-dir`) and compare, per article, the distinct
(name, type) predicted with the gold people / organizations / places.

A gold entity is found when some predicted name of its type equals its name or one of its
aliases (Unicode NFKC, no white space, case folded); a predicted name is right when it is a
name or alias of a gold entity of its type. Lenient on aliases (the tagger does not merge
them), so it is a comparison between taggers, not the project's score.

usage: news_ner_score.py --ner-eval target/release/ner-eval --model FILE [--min-score 0.5] SET...
"""
import argparse, json, os, subprocess, sys, unicodedata, collections

KIND = {"PER": "people", "ORG": "organizations", "LOC": "places"}


def norm(s):
    return "".join(unicodedata.normalize("NFKC", s).split()).casefold()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ner-eval", default="target/release/ner-eval")
    ap.add_argument("--model", default=None)
    ap.add_argument("--min-score", type=float, default=0.0)
    ap.add_argument("sets", nargs="+")
    a = ap.parse_args()
    total = collections.Counter()
    for d in a.sets:
        gold = {g["file"]: g for g in json.load(open(os.path.join(d, "gold.json"), encoding="utf-8"))["documents"]}
        cmd = [a.ner_eval, "--tag-dir", os.path.join(d, "corpus")] + (["--model", a.model] if a.model else [])
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        pred = collections.defaultdict(set)
        for line in out.splitlines():
            f, lab, name, score = line.split("\t")
            if float(score) >= a.min_score:
                pred[f].add((lab, norm(name)))
        c = collections.Counter()
        for f, g in gold.items():
            for lab, kind in KIND.items():
                ents = [{norm(e["name"]), *map(norm, e.get("aliases", []))} for e in g.get(kind, [])]
                names = {n for l, n in pred[f] if l == lab}
                found = sum(1 for e in ents if e & names)
                right = sum(1 for n in names if any(n in e for e in ents))
                for key, v in (("tp_r", found), ("gold", len(ents)), ("tp_p", right), ("pred", len(names))):
                    c[key] += v
                    c[(lab, key)] += v
        total.update(c)
        report(d, c)
    if len(a.sets) > 1:
        report("all", total)


def report(name, c):
    def prf(k=None):
        g = lambda x: c[(k, x)] if k else c[x]
        p = g("tp_p") / g("pred") if g("pred") else 0.0
        r = g("tp_r") / g("gold") if g("gold") else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)
    parts = [f"{k} P {p:.3f} R {r:.3f} F1 {f:.3f}" for k in ["PER", "ORG", "LOC"] for p, r, f in [prf(k)]]
    p, r, f = prf()
    print(f"{name}: micro P {p:.3f} R {r:.3f} F1 {f:.3f} | " + " | ".join(parts))


if __name__ == "__main__":
    main()
