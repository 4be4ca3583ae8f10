#!/usr/bin/env python3
"""Load a zhkg property-graph export into an embedded Kùzu database and query it.

usage: load_property_graph.py kuzu  EXPORT_DIR DB_DIR
       load_property_graph.py neo4j EXPORT_DIR DB_DIR

kuzu:  runs the folder's schema.cypher and copy.cypher, as a user would.
neo4j: reads the neo4j-admin import folder the way neo4j-admin does: node files
       `nodes/*.csv` with `iri:ID(Label)`, `name:type` … `:LABEL` headers, relationship
       files with `:START_ID(Label)`, `:END_ID(Label)`, `:TYPE`; creates a Kùzu table for
       each label and relationship type from those typed headers and copies the files in
       unchanged. It also checks import.cypher (every LOAD CSV file and column exists)
       and import.sh (every file is imported).
Then it runs Cypher queries — who proposed what, addressees, places, counts — and prints
the answers as JSON. Exits non-zero on any load or query error.
"""
import csv
import json
import os
import re
import sys

import kuzu


def run_script(conn, path):
    text = open(path, encoding="utf-8").read()
    text = "\n".join(l for l in text.splitlines() if not l.strip().startswith("//"))
    for stmt in text.split(";"):
        if stmt.strip():
            conn.execute(stmt)


NEO4J_TYPES = {"string": "STRING", "double": "DOUBLE", "float": "DOUBLE", "int": "INT64",
               "long": "INT64", "boolean": "BOOLEAN", "string[]": "STRING"}


def header(path):
    with open(path, encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def load_neo4j(conn, folder):
    node_files = sorted(os.listdir(os.path.join(folder, "nodes")))
    rel_files = sorted(os.listdir(os.path.join(folder, "relationships")))
    rels = {}  # type -> [(from, to, file)]
    for name in node_files:
        path = os.path.join(folder, "nodes", name)
        cols = header(path)
        m = re.fullmatch(r"(\w+):ID\((\w+)\)", cols[0])
        assert m, f"{name}: first column {cols[0]!r} is not a typed ID column"
        label = m.group(2)
        assert cols[-1] == ":LABEL", f"{name}: no :LABEL column"
        ddl = [f"{m.group(1)} STRING PRIMARY KEY"]
        for c in cols[1:-1]:
            prop, _, typ = c.partition(":")
            assert typ in NEO4J_TYPES, f"{name}: column {c!r} has no neo4j-admin type"
            ddl.append(f"{prop} {NEO4J_TYPES[typ]}")
        ddl.append("neo4j_label STRING")
        conn.execute(f"CREATE NODE TABLE {label}({', '.join(ddl)})")
        conn.execute(f"COPY {label} FROM '{path}' (header=true)")
    for name in rel_files:
        path = os.path.join(folder, "relationships", name)
        cols = header(path)
        a = re.fullmatch(r":START_ID\((\w+)\)", cols[0])
        b = re.fullmatch(r":END_ID\((\w+)\)", cols[1])
        assert a and b and cols[2] == ":TYPE", f"{name}: bad header {cols}"
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))[1:]
        types = {r[2] for r in rows}
        assert len(types) == 1, f"{name}: several :TYPE values {types}"
        rels.setdefault(types.pop(), []).append((a.group(1), b.group(1), path))
    for typ, pairs in sorted(rels.items()):
        conn.execute(f"CREATE REL TABLE {typ}({', '.join(f'FROM {a} TO {b}' for a, b, _ in pairs)}, neo4j_type STRING)")
        for a, b, path in pairs:
            conn.execute(f"COPY {typ} FROM '{path}' (from='{a}', to='{b}', header=true)")

    # import.cypher: every LOAD CSV names a file of the folder and columns of its header.
    cypher = open(os.path.join(folder, "import.cypher"), encoding="utf-8").read()
    loads = re.findall(r"LOAD CSV WITH HEADERS FROM 'file:///[^/]+/([^']+)' AS row(.*?);", cypher, re.S)
    assert len(loads) == len(node_files) + len(rel_files), "import.cypher does not load every file"
    for file, body in loads:
        cols = header(os.path.join(folder, file))
        for col in re.findall(r"row\.`([^`]+)`", body):
            assert col in cols, f"import.cypher reads column {col!r} that {file} lacks"
    sh = open(os.path.join(folder, "import.sh"), encoding="utf-8").read()
    for name in node_files:
        assert f"--nodes=nodes/{name}" in sh, f"import.sh misses {name}"
    for name in rel_files:
        assert f"--relationships=relationships/{name}" in sh, f"import.sh misses {name}"


def rows(conn, query):
    r = conn.execute(query)
    out = []
    while r.has_next():
        out.append(r.get_next())
    return out


def main():
    mode, folder, db = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    conn = kuzu.Connection(kuzu.Database(db))
    if mode == "kuzu":
        cwd = os.getcwd()
        os.chdir(folder)  # COPY paths in copy.cypher are relative to the folder
        try:
            run_script(conn, "schema.cypher")
            run_script(conn, "copy.cypher")
        finally:
            os.chdir(cwd)
    else:
        load_neo4j(conn, folder)

    proposals = rows(conn, """
        MATCH (p:Proposal)-[:PROPOSED_BY]->(w)
        OPTIONAL MATCH (p)-[:FROM_ARTICLE]->(a:Article)
        RETURN a.identifier, p.iri, w.iri, w.name, p.text""")
    addressees = rows(conn, "MATCH (p:Proposal)-[:ADDRESSED_TO]->(x) RETURN p.iri, x.iri")
    places = rows(conn, "MATCH (p:Proposal)-[:CONCERNS_PLACE]->(x:Place) RETURN p.iri, x.iri")
    counts = {}
    for label in ["Article", "Person", "Organization", "Place", "Event", "Audience", "Proposal",
                  "Membership", "Post"]:
        try:
            counts[label] = rows(conn, f"MATCH (n:{label}) RETURN count(n)")[0][0]
        except RuntimeError:
            counts[label] = 0
    edges = rows(conn, "MATCH ()-[r]->() RETURN count(r)")[0][0]
    nodes = rows(conn, "MATCH (n) RETURN count(n)")[0][0]
    print(json.dumps({
        "proposals": [{"doc": d, "proposal": p, "proposer": w, "name": n, "text": t}
                      for d, p, w, n, t in proposals],
        "addressees": sorted([list(r) for r in addressees]),
        "places": sorted([list(r) for r in places]),
        "counts": counts,
        "nodes": nodes,
        "edges": edges,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
