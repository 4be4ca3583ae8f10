#!/usr/bin/env python3
"""How good is each recognition rule? Per rule, how many of the names it finds are gold
names of their kind in their document (precision), over every development set.

    python3 scripts/rule_precision.py --cli ~/.cache/zhkg-target/release/zhkg
    python3 scripts/rule_precision.py --cli ZHKG --wrong model-person   # the wrong ones of a rule

It runs `zhkg extract --json` on each set's corpus and compares each mention of a person,
organization or place (kind, text as written) with the gold names and aliases of that
document; a name the gold has as another kind counts as wrong. This measures rules, not
the final entities (the scorer does that): it tells which rules to trust and which the
model should decide. Standard library only.
"""
import argparse
import json
import os
import subprocess
import sys
import unicodedata
from collections import defaultdict

KINDS = {"Person": "people", "Organization": "organizations", "Place": "places"}


def norm(s):
    return "".join(unicodedata.normalize("NFKC", s).split()).lower()


def sets(eval_dir):
    out = [("seeds", os.path.join(eval_dir, "..", "corpus"), os.path.join(eval_dir, "seeds-gold.json"))]
    for name in sorted(os.listdir(eval_dir)):
        d = os.path.join(eval_dir, name)
        if os.path.isfile(os.path.join(d, "gold.json")):
            out.append((name, os.path.join(d, "corpus"), os.path.join(d, "gold.json")))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", required=True, help="the zhkg binary")
    ap.add_argument("--eval", default=os.path.join("..", "shared", "eval"), help="the eval folder")
    ap.add_argument("--wrong", metavar="RULE", help="list the names this rule got wrong")
    args = ap.parse_args()

    counts = defaultdict(lambda: [0, 0])  # rule -> [right, found]
    wrong = []
    for set_name, corpus, gold_path in sets(args.eval):
        gold = json.load(open(gold_path, encoding="utf-8"))
        docs = gold["documents"] if isinstance(gold, dict) else gold
        by_file = {}
        for d in docs:
            names = {}
            for kind in KINDS.values():
                for e in d.get(kind, []):
                    for n in [e["name"], *e.get("aliases", [])]:
                        names[norm(n)] = kind
            by_file[d["file"]] = names
        files = sorted(f for f in os.listdir(corpus) if f in by_file)
        out = subprocess.run([args.cli, "extract", "--json", *[os.path.join(corpus, f) for f in files]],
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"{set_name}: {out.stderr.strip()}")
        for f, line in zip(files, out.stdout.splitlines()):
            seen = set()
            for m in json.loads(line)["mentions"]:
                kind = KINDS.get(m["kind"])
                # Mentions the linker keeps out of the graph (a place inside an
                # organization's name, a head word referring back) are not names.
                if not kind or m.get("entity") is None or (m["rule"], m["text"]) in seen:
                    continue
                seen.add((m["rule"], m["text"]))
                ok = by_file[f].get(norm(m["text"])) == kind
                c = counts[m["rule"]]
                c[0] += ok
                c[1] += 1
                if not ok and m["rule"] == args.wrong:
                    wrong.append(f"{set_name} {f} {kind}: {m['text']}")
    print(f"{'rule':<28} {'right':>6} {'found':>6} {'precision':>9}")
    for rule, (right, found) in sorted(counts.items(), key=lambda kv: -kv[1][1]):
        print(f"{rule:<28} {right:>6} {found:>6} {right / found:>9.3f}")
    for w in wrong:
        print(w)


if __name__ == "__main__":
    main()
