#!/usr/bin/env python3
"""Read zhkg's RDF with an independent parser (rdflib) and print counts as JSON.

usage: check_rdf.py FORMAT FILE     FORMAT: an rdflib format name (turtle, nquads, ...)
Prints {"triples": N, "quads": N, "graphs": N}; exits non-zero when the file does not parse.
"""
import json
import sys

import rdflib


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    if fmt in ("nquads", "trig", "json-ld"):
        ds = rdflib.Dataset()
        ds.parse(path, format=fmt)
        quads = list(ds.quads((None, None, None, None)))
        graphs = {str(q[3]) for q in quads if q[3] is not None}
        triples = {(q[0], q[1], q[2]) for q in quads}
        print(json.dumps({"triples": len(triples), "quads": len(quads), "graphs": len(graphs)}))
    else:
        g = rdflib.Graph()
        g.parse(path, format=fmt)
        print(json.dumps({"triples": len(g), "quads": len(g), "graphs": 1}))


if __name__ == "__main__":
    main()
