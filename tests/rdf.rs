//! The store's RDF and the ontology, read by an independent implementation (rdflib).

mod common;

use common::*;

#[test]
fn rdflib_reads_the_ontology() {
    let c = rdflib_counts("turtle", &project().join("ontology/zhkg.ttl"));
    assert!(c["triples"].as_u64().unwrap() > 200, "{c}");
}

#[test]
fn rdflib_reads_a_dump_of_the_store_with_the_same_quads() {
    let st = built_corpus();
    let dir = temp_dir("dump");
    let file = dir.join("dump.nq");
    run_ok(&[
        "export",
        "--store",
        st.dir.to_str().unwrap(),
        "--format",
        "nquads",
        "--out",
        file.to_str().unwrap(),
    ]);
    let n = select_text(&st.dir, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]
        .parse::<u64>()
        .unwrap();
    let c = rdflib_counts("nquads", &file);
    assert_eq!(c["quads"].as_u64().unwrap(), n, "{c}");
    // Two articles, the ontology and the store's meta graph.
    assert_eq!(c["graphs"].as_u64().unwrap(), 4, "{c}");
}
