#!/usr/bin/env python3
"""Read zhkg's GraphML with networkx and print what it holds as JSON.

usage: check_graphml.py FILE
Prints {"nodes": N, "edges": N, "types": {type: count}, "relations": {relation: count},
"labels": [label of each Person]}; exits non-zero when networkx cannot read the file.
"""
import collections
import json
import sys

import networkx as nx


def main():
    g = nx.read_graphml(sys.argv[1], force_multigraph=True)
    types = collections.Counter(d.get("type") for _, d in g.nodes(data=True))
    relations = collections.Counter(d.get("relation") for _, _, d in g.edges(data=True))
    people = sorted(d.get("label", "") for _, d in g.nodes(data=True) if d.get("type") == "Person")
    print(json.dumps({
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "directed": g.is_directed(),
        "types": types,
        "relations": relations,
        "people": people,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
