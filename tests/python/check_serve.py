#!/usr/bin/env python3
"""Query a running `zhkg serve` with independent SPARQL clients and print what they got as JSON.

usage:
  check_serve.py select BASE QUERY_FILE     rows from SPARQLWrapper (GET/POST x JSON/XML) and
                                            rdflib's SPARQLStore: {"client": [{var: value}]}
  check_serve.py ask BASE QUERY_FILE        {"client": true|false} for the same clients
  check_serve.py construct BASE QUERY_FILE  triples of a CONSTRUCT, read by SPARQLWrapper as
                                            Turtle and RDF/XML: {"format": [n-triples lines]}
  check_serve.py gsp BASE GRAPH_IRI         the graph read over the Graph Store Protocol in
                                            each format, parsed by rdflib: {"format": count};
                                            "dataset": quads of the whole store (TriG)
  check_serve.py describe BASE              the service description, parsed by rdflib:
                                            {"endpoint": IRI, "named_graphs": N}
Values are plain strings (literal values, IRIs); unbound variables are left out.
"""
import json
import sys
import urllib.request

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import GET, JSON, POST, RDFXML, TURTLE, XML, SPARQLWrapper


def wrapper(base, query, method, fmt):
    w = SPARQLWrapper(base + "/sparql")
    w.setMethod(method)
    w.setReturnFormat(fmt)
    w.setQuery(query)
    return w.query().convert()


def rows_from_json(doc):
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def rows_from_xml(doc):
    ns = "{http://www.w3.org/2005/sparql-results#}"
    rows = []
    for result in doc.getElementsByTagNameNS(ns[1:-1], "result"):
        row = {}
        for binding in result.getElementsByTagNameNS(ns[1:-1], "binding"):
            value = binding.firstChild
            while value is not None and value.nodeType != value.ELEMENT_NODE:
                value = value.nextSibling
            text = "".join(n.data for n in value.childNodes if n.nodeType == n.TEXT_NODE)
            row[binding.getAttribute("name")] = text
        rows.append(row)
    return rows


def rdflib_store(base):
    return rdflib.Graph(store=SPARQLStore(query_endpoint=base + "/sparql", returnFormat="json"))


def select(base, query):
    out = {}
    for method, name in ((GET, "get"), (POST, "post")):
        out[f"sparqlwrapper-{name}-json"] = rows_from_json(wrapper(base, query, method, JSON))
        out[f"sparqlwrapper-{name}-xml"] = rows_from_xml(wrapper(base, query, method, XML))
    result = rdflib_store(base).query(query)
    out["rdflib-sparqlstore"] = [
        {str(k): str(v) for k, v in row.asdict().items() if v is not None} for row in result
    ]
    return out


def ask(base, query):
    out = {}
    for method, name in ((GET, "get"), (POST, "post")):
        out[f"sparqlwrapper-{name}-json"] = wrapper(base, query, method, JSON)["boolean"]
    out["rdflib-sparqlstore"] = bool(rdflib_store(base).query(query).askAnswer)
    return out


def construct(base, query):
    out = {}
    for fmt, name in ((TURTLE, "turtle"), (RDFXML, "rdfxml")):
        g = wrapper(base, query, POST, fmt)
        if not isinstance(g, rdflib.Graph):
            g = rdflib.Graph().parse(data=g, format=name if name == "turtle" else "xml")
        out[name] = sorted(set(g.serialize(format="nt").splitlines()) - {""})
    return out


def fetch(url, accept):
    req = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(req) as r:
        return r.headers.get("Content-Type"), r.read()


def gsp(base, graph):
    url = base + "/store?graph=" + urllib.parse.quote(graph, safe="")
    out = {}
    for accept, fmt in (
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
        ("application/ld+json", "json-ld"),
    ):
        ctype, body = fetch(url, accept)
        assert ctype.startswith(accept), (accept, ctype)
        out[fmt] = len(rdflib.Graph().parse(data=body, format=fmt))
    _, body = fetch(base + "/store?default", "text/turtle")
    out["default"] = len(rdflib.Graph().parse(data=body, format="turtle"))
    ctype, body = fetch(base + "/store", "application/trig")
    assert ctype.startswith("application/trig"), ctype
    ds = rdflib.Dataset()
    ds.parse(data=body, format="trig")
    out["dataset"] = len(list(ds.quads((None, None, None, None))))
    return out


def describe(base):
    ctype, body = fetch(base + "/sparql", "text/turtle")
    g = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    endpoints = [str(o) for o in g.objects(None, sd.endpoint)]
    languages = [str(o) for o in g.objects(None, sd.supportedLanguage)]
    return {
        "content_type": ctype,
        "endpoint": endpoints[0] if endpoints else None,
        "languages": languages,
        "named_graphs": len(list(g.objects(None, sd.namedGraph))),
    }


def main():
    action, base = sys.argv[1], sys.argv[2].rstrip("/")
    if action == "describe":
        print(json.dumps(describe(base), ensure_ascii=False))
        return
    arg = sys.argv[3]
    if action == "gsp":
        print(json.dumps(gsp(base, arg)))
        return
    query = open(arg, encoding="utf-8").read()
    result = {"select": select, "ask": ask, "construct": construct}[action](base, query)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
