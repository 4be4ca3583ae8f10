//! `zhkg export`: every format is loaded by the real tool that reads it — rdflib and
//! Debian's `rapper` for RDF, GraphViz `dot` for diagrams, networkx for GraphML, and an
//! embedded Kùzu database for the Neo4j and Kùzu folders — and what they read matches the
//! store.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::{Dataset, Graph, Quad, Triple};
use oxigraph::store::Store;

fn export(args: &[&str]) -> (std::process::Output, String) {
    let st = built_corpus();
    let mut all = vec!["export", "--store", st.dir.to_str().unwrap()];
    all.extend_from_slice(args);
    let o = run_ok(&all);
    let err = stderr(&o);
    (o, err)
}

fn export_to(dir: &Path, file: &str, args: &[&str]) -> PathBuf {
    let path = dir.join(file);
    let mut all = args.to_vec();
    all.extend_from_slice(&["--out", path.to_str().unwrap()]);
    export(&all);
    path
}

fn count(store: &Path, query: &str) -> u64 {
    select_text(store, query)[0]["n"].parse().unwrap()
}

const QUADS: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
const TRIPLES: &str =
    "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }";

/// Triple count as Debian's raptor `rapper` reads the file.
fn rapper_count(syntax: &str, file: &Path) -> u64 {
    let rapper = tool("rapper", "raptor2-utils");
    let out = Command::new(rapper)
        .args(["-i", syntax, "-c"])
        .arg(file)
        .output()
        .expect("run rapper");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "rapper could not read {} as {syntax}: {err}",
        file.display()
    );
    assert!(
        !err.contains("Error") && !err.contains("Warning"),
        "rapper complained about {syntax}: {err}"
    );
    let line = err
        .lines()
        .find(|l| l.contains("Parsing returned"))
        .unwrap_or_else(|| panic!("no count from rapper: {err}"));
    line.split_whitespace()
        .find_map(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("no number in {line}"))
}

#[test]
fn every_rdf_format_is_read_by_rdflib_and_rapper_with_the_stores_counts() {
    let st = built_corpus();
    let dir = temp_dir("rdf-formats");
    let quads = count(&st.dir, QUADS);
    let triples = count(&st.dir, TRIPLES);
    // (zhkg format, file, rdflib format, rapper syntax, dataset?)
    let formats = [
        ("turtle", "g.ttl", "turtle", Some("turtle"), false),
        ("ntriples", "g.nt", "nt", Some("ntriples"), false),
        ("nquads", "g.nq", "nquads", Some("nquads"), true),
        ("trig", "g.trig", "trig", Some("trig"), true),
        ("rdfxml", "g.rdf", "xml", Some("rdfxml"), false),
        ("jsonld", "g.jsonld", "json-ld", None, true),
    ];
    for (format, file, rdflib_format, rapper, dataset) in formats {
        let path = export_to(&dir, file, &["--format", format]);
        let c = rdflib_counts(rdflib_format, &path);
        if dataset {
            assert_eq!(c["quads"].as_u64().unwrap(), quads, "{format}: {c}");
            // Two articles, the ontology and the store's meta graph.
            assert_eq!(c["graphs"].as_u64().unwrap(), 4, "{format}: {c}");
        } else {
            assert_eq!(c["triples"].as_u64().unwrap(), triples, "{format}: {c}");
        }
        if let Some(syntax) = rapper {
            let n = rapper_count(syntax, &path);
            assert_eq!(n, if dataset { quads } else { triples }, "rapper on {format}");
        }
    }
    // Readable: prefixes declared and used.
    let ttl = std::fs::read_to_string(dir.join("g.ttl")).unwrap();
    assert!(
        ttl.contains("@prefix zhkg:") && ttl.contains("zhkg:Proposal"),
        "{}",
        &ttl[..500]
    );
    let jsonld = std::fs::read_to_string(dir.join("g.jsonld")).unwrap();
    assert!(jsonld.contains("\"@context\"") && jsonld.contains("\"zhkg:proposedBy\""));
}

fn load(format: RdfFormat, file: &Path) -> Store {
    let store = Store::new().unwrap();
    store
        .load_from_slice(RdfParser::from_format(format), &std::fs::read(file).unwrap()[..])
        .unwrap_or_else(|e| panic!("reloading {}: {e}", file.display()));
    store
}

/// The dataset with blank nodes relabelled canonically (the ontology has an RDF list).
fn canonical(quads: impl IntoIterator<Item = Quad>) -> Dataset {
    let mut d: Dataset = quads.into_iter().collect();
    d.canonicalize(CanonicalizationAlgorithm::Unstable);
    d
}

fn canonical_graph(triples: impl IntoIterator<Item = Triple>) -> Graph {
    let mut g: Graph = triples.into_iter().collect();
    g.canonicalize(CanonicalizationAlgorithm::Unstable);
    g
}

#[test]
fn rdf_dumps_reload_into_a_fresh_store_as_the_same_dataset() {
    let st = built_corpus();
    let dir = temp_dir("round-trip");
    let quads: Vec<Quad> = Store::open_read_only(&st.dir)
        .unwrap()
        .iter()
        .map(Result::unwrap)
        .collect();
    let n = quads.len();
    let original = canonical(quads.clone());
    let merged = canonical_graph(quads.into_iter().map(Triple::from));
    for (format, file, rdf) in [
        ("nquads", "d.nq", RdfFormat::NQuads),
        ("trig", "d.trig", RdfFormat::TriG),
        (
            "jsonld",
            "d.jsonld",
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
        ),
    ] {
        let path = export_to(&dir, file, &["--format", format]);
        let back: Vec<Quad> = load(rdf, &path).iter().map(Result::unwrap).collect();
        assert_eq!(back.len(), n, "{format}");
        assert!(
            canonical(back) == original,
            "{format}: the reloaded dataset differs"
        );
    }
    for (format, file, rdf) in [
        ("turtle", "d.ttl", RdfFormat::Turtle),
        ("ntriples", "d.nt", RdfFormat::NTriples),
        ("rdfxml", "d.rdf", RdfFormat::RdfXml),
    ] {
        let path = export_to(&dir, file, &["--format", format]);
        let back = canonical_graph(load(rdf, &path).iter().map(|q| Triple::from(q.unwrap())));
        assert!(back == merged, "{format}: the reloaded triples differ");
    }
}

#[test]
fn selections_one_article_a_construct_query_and_an_entity() {
    let st = built_corpus();
    let dir = temp_dir("selections");
    let doc = &corpus_names()[0];
    let path = export_to(&dir, "one.nq", &["--format", "nquads", "--graph", doc]);
    let n = count(
        &st.dir,
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <https://w3id.org/zhkg/id/doc/{doc}> {{ ?s ?p ?o }} }}"
        ),
    );
    let c = rdflib_counts("nquads", &path);
    assert_eq!(c["quads"].as_u64().unwrap(), n, "{c}");
    assert_eq!(c["graphs"].as_u64().unwrap(), 1, "{c}");

    let q = dir.join("people.rq");
    std::fs::write(
        &q,
        "PREFIX schema: <http://schema.org/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n\
         CONSTRUCT { ?p a schema:Person ; skos:prefLabel ?l } WHERE { GRAPH ?g { ?p a schema:Person ; skos:prefLabel ?l } }",
    )
    .unwrap();
    let path = export_to(
        &dir,
        "people.ttl",
        &["--format", "turtle", "--query", q.to_str().unwrap()],
    );
    let people = count(
        &st.dir,
        "PREFIX schema: <http://schema.org/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n\
         SELECT (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT ?p WHERE { GRAPH ?g { ?p a schema:Person } } } UNION { SELECT DISTINCT ?p ?l WHERE { GRAPH ?g { ?p a schema:Person ; skos:prefLabel ?l } } } }",
    );
    assert_eq!(
        rdflib_counts("turtle", &path)["triples"].as_u64().unwrap(),
        people
    );
    // The same CONSTRUCT as a property graph: its people as nodes.
    let (o, _) = export(&["--format", "graphml", "--query", q.to_str().unwrap()]);
    assert!(stdout(&o).contains("徐莉"));

    // 徐莉's neighbourhood: her proposals (depth 1), and the places they concern (depth 2).
    let path = export_to(
        &dir,
        "xu.nt",
        &["--format", "ntriples", "--entity", "徐莉", "--depth", "1"],
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("ontology#proposedBy> <https://w3id.org/zhkg/id/person/xu-li-"));
    assert!(
        !text.contains("nif-core#Sentence"),
        "mentions and sentences stay out"
    );
    let (o, _) = export(&["--format", "dot", "--entity", "徐莉"]);
    let dot = stdout(&o);
    assert!(dot.contains("徐莉") && dot.contains("penwidth=3") && dot.contains("hexagon"));
    assert!(!dot.contains("李強"), "someone unrelated is drawn: {dot}");
    // Simplified spelling finds the Traditional name.
    let (o, _) = export(&["--format", "dot", "--entity", "徐莉", "--depth", "1"]);
    assert!(stdout(&o).contains("徐莉"));

    let select_q = dir.join("select.rq");
    std::fs::write(&select_q, "SELECT * WHERE { ?s ?p ?o }").unwrap();
    for (args, says) in [
        (
            vec!["--format", "turtle", "--entity", "不存在的人"],
            "no person, organization or place is named",
        ),
        (
            vec!["--format", "turtle", "--graph", "nope.txt"],
            "no article named nope.txt",
        ),
        (
            vec!["--format", "turtle", "--query", select_q.to_str().unwrap()],
            "CONSTRUCT",
        ),
    ] {
        let mut all = vec!["export", "--store", st.dir.to_str().unwrap()];
        all.extend(args);
        let o = Command::new(bin())
            .args(&all)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{all:?}");
        assert!(stderr(&o).contains(says), "{all:?}: {}", stderr(&o));
    }
}

#[test]
fn a_failed_export_leaves_nothing_behind() {
    let st = built_corpus();
    let dir = temp_dir("atomic");
    let q = dir.join("select.rq");
    std::fs::write(&q, "SELECT * WHERE { ?s ?p ?o }").unwrap();
    let out = dir.join("never.ttl");
    let o = zhkg(&[
        "export",
        "--store",
        st.dir.to_str().unwrap(),
        "--format",
        "turtle",
        "--query",
        q.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "files left behind: {left:?}");
}

/// Render DOT with GraphViz and return the SVG; fails on any warning.
fn dot_svg(source: &[u8]) -> String {
    let dot = tool("dot", "graphviz");
    let mut child = Command::new(dot)
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(source).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "dot failed: {}", stderr(&out));
    assert!(out.stderr.is_empty(), "dot warned: {}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn diagrams_render_with_graphviz_without_warnings() {
    let doc = &corpus_names()[0];
    for args in [
        vec!["--format", "dot"],
        vec!["--format", "dot", "--clusters"],
        vec!["--format", "dot", "--graph", doc],
        vec!["--format", "dot", "--entity", "黃錦輝"],
    ] {
        let (o, _) = export(&args);
        let svg = dot_svg(&o.stdout);
        assert!(svg.contains("<svg"), "{args:?}");
        assert!(
            svg.contains("Noto Sans CJK"),
            "{args:?}: the CJK font is not asked for"
        );
        for word in ["proposedBy", "建議 proposal"] {
            assert!(svg.contains(word), "{args:?}: {word} missing");
        }
        if args.len() == 2 {
            for who in ["徐莉", "黃錦輝", "王惠貞", "胡劍江"] {
                assert!(svg.contains(who), "{who} missing from the corpus diagram");
            }
            // Mentions and sentences are not drawn.
            assert!(!svg.contains("char="), "NIF strings drawn");
        }
        if args.contains(&"--clusters") {
            assert!(svg.contains("class=\"cluster\""), "no clusters");
        }
    }
}

#[test]
fn images_render_through_graphviz_with_a_chinese_font() {
    tool("dot", "graphviz");
    let fc = tool("fc-match", "fontconfig (with fonts-noto-cjk)");
    let m = Command::new(fc)
        .arg("-f")
        .arg("%{family}")
        .arg("Noto Sans CJK SC:lang=zh")
        .output()
        .unwrap();
    assert!(
        stdout(&m).contains("Noto Sans CJK"),
        "no Noto Sans CJK font ({}): run `bash scripts/test.sh` (it installs Debian's fonts-noto-cjk)",
        stdout(&m)
    );
    let dir = temp_dir("images");
    let png = export_to(&dir, "g.png", &["--format", "png", "--clusters"]);
    let bytes = std::fs::read(&png).unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 50_000,
        "not a PNG"
    );
    let svg = export_to(&dir, "g.svg", &["--format", "svg"]);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("<svg") && text.contains("徐莉"));
    // The committed picture of the sample corpus, shown in the README.
    let committed =
        std::fs::read(project().join("output/sample-graph.png")).expect("output/sample-graph.png");
    assert!(committed.starts_with(b"\x89PNG"));

    // Without GraphViz: a clear message, nothing written.
    let st = built_corpus();
    let out = dir.join("none.svg");
    let o = Command::new(bin())
        .args([
            "export",
            "--store",
            st.dir.to_str().unwrap(),
            "--format",
            "svg",
            "--out",
        ])
        .arg(&out)
        .env("PATH", dir.join("empty-path"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("GraphViz `dot` is not installed"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}

#[test]
fn graphml_is_read_by_networkx_with_the_same_counts() {
    let st = built_corpus();
    let dir = temp_dir("graphml");
    let path = dir.join("g.graphml");
    let (_, err) = export(&["--format", "graphml", "--out", path.to_str().unwrap()]);
    // "wrote N nodes and M edges to …"
    let nums: Vec<usize> = err.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    let out = Command::new(python())
        .arg(project().join("tests/python/check_graphml.py"))
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "networkx could not read the GraphML: {}",
        stderr(&out)
    );
    let g: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(g["nodes"].as_u64().unwrap() as usize, nums[0], "{g}");
    assert_eq!(g["edges"].as_u64().unwrap() as usize, nums[1], "{g}");
    assert!(g["directed"].as_bool().unwrap());
    let proposals = count(
        &st.dir,
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?p a <https://w3id.org/zhkg/ontology#Proposal> } }",
    );
    let people = count(
        &st.dir,
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?p a <http://schema.org/Person> } }",
    );
    assert_eq!(g["types"]["Proposal"].as_u64().unwrap(), proposals, "{g}");
    assert_eq!(g["types"]["Person"].as_u64().unwrap(), people, "{g}");
    assert_eq!(g["relations"]["PROPOSED_BY"].as_u64().unwrap(), proposals, "{g}");
    assert!(g["people"].as_array().unwrap().iter().any(|p| p == "徐莉"));
}

/// Load a property-graph folder into an embedded Kùzu database and return its answers.
fn kuzu_answers(mode: &str, folder: &Path) -> serde_json::Value {
    let db = folder.with_file_name(format!("{mode}.kuzu"));
    let out = Command::new(python())
        .arg(project().join("tests/python/load_property_graph.py"))
        .arg(mode)
        .arg(folder)
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "Kùzu could not load the {mode} export in {}: {}",
        folder.display(),
        stderr(&out)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

type Row = BTreeMap<String, String>;

fn set_of(rows: &[std::collections::HashMap<String, String>], keys: &[&str]) -> BTreeSet<Vec<String>> {
    rows.iter()
        .map(|r| {
            keys.iter()
                .map(|k| r.get(*k).cloned().unwrap_or_default())
                .collect()
        })
        .collect()
}

fn cypher_set(v: &serde_json::Value, keys: &[&str]) -> BTreeSet<Vec<String>> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let r: Row = serde_json::from_value(r.clone()).unwrap();
            keys.iter()
                .map(|k| r.get(*k).cloned().unwrap_or_default())
                .collect()
        })
        .collect()
}

fn pairs(v: &serde_json::Value) -> BTreeSet<Vec<String>> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p.as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn neo4j_and_kuzu_folders_load_into_kuzu_and_answer_like_sparql() {
    let st = built_corpus();
    let dir = temp_dir("property-graphs");
    let neo = dir.join("neo4j");
    let kz = dir.join("kuzu");
    let (_, err) = export(&["--format", "neo4j", "--out", neo.to_str().unwrap()]);
    assert!(err.contains("nodes and"), "{err}");
    export(&["--format", "kuzu", "--out", kz.to_str().unwrap()]);
    // Exporting again replaces the folder whole.
    export(&["--format", "kuzu", "--out", kz.to_str().unwrap()]);
    let header = std::fs::read_to_string(neo.join("nodes/Proposal.csv")).unwrap();
    assert!(header.starts_with("iri:ID(Proposal),text:string,"), "{header}");
    assert!(header.lines().next().unwrap().contains("confidence:double"));

    let prefixes =
        "PREFIX zhkg: <https://w3id.org/zhkg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>\n";
    let sparql = select_text(
        &st.dir,
        &format!("{prefixes}SELECT ?doc ?proposal ?proposer ?text WHERE {{ GRAPH ?g {{ ?g dcterms:identifier ?doc . ?proposal a zhkg:Proposal ; zhkg:proposedBy ?proposer ; zhkg:text ?text }} }}"),
    );
    let who = set_of(&sparql, &["doc", "proposal", "proposer", "text"]);
    let addressed = set_of(
        &select_text(
            &st.dir,
            &format!("{prefixes}SELECT DISTINCT ?p ?x WHERE {{ GRAPH ?g {{ ?p zhkg:addressedTo ?x }} }}"),
        ),
        &["p", "x"],
    );
    let places = set_of(
        &select_text(
            &st.dir,
            &format!("{prefixes}SELECT DISTINCT ?p ?x WHERE {{ GRAPH ?g {{ ?p zhkg:concernsPlace ?x }} }}"),
        ),
        &["p", "x"],
    );
    // The ready query, with names as written in each article.
    let named = set_of(
        &select(&st.dir, "queries/who-proposed-what.rq"),
        &["doc", "proposer", "text"],
    );

    for (mode, folder) in [("kuzu", &kz), ("neo4j", &neo)] {
        let a = kuzu_answers(mode, folder);
        assert_eq!(
            cypher_set(&a["proposals"], &["doc", "proposal", "proposer", "text"]),
            who,
            "{mode}: who proposed what differs from SPARQL"
        );
        assert_eq!(pairs(&a["addressees"]), addressed, "{mode}: addressees differ");
        assert_eq!(pairs(&a["places"]), places, "{mode}: places differ");
        let by_name = cypher_set(&a["proposals"], &["doc", "name", "text"]);
        assert!(
            by_name.is_subset(&named),
            "{mode}: names differ from who-proposed-what.rq"
        );
        assert!(by_name.iter().any(|r| r[1] == "徐莉"));
        assert_eq!(
            a["counts"]["Proposal"].as_u64().unwrap() as usize,
            who.iter().map(|r| &r[1]).collect::<BTreeSet<_>>().len()
        );
        assert!(
            a["counts"]["Membership"].as_u64().unwrap() > 0,
            "{mode}: memberships missing"
        );
    }
}
