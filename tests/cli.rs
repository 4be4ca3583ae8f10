//! End-to-end tests: the real `zhkg` binary on the bundled corpus.

mod common;

use common::*;

#[test]
fn build_prints_summary_and_queries_answer() {
    let st = built_corpus();
    assert!(st.summary.contains("2 documents built"), "{}", st.summary);
    for word in [
        "people",
        "organizations",
        "places",
        "positions",
        "proposals",
        "triples",
    ] {
        assert!(st.summary.contains(word), "summary lacks {word}: {}", st.summary);
    }
    let rows = select(&st.dir, "queries/who-proposed-what.rq");
    let proposers: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.get("proposer").map(String::as_str))
        .collect();
    for who in ["徐莉", "黃錦輝", "王惠貞", "胡劍江"] {
        assert!(proposers.contains(&who), "{who} missing from {proposers:?}");
    }
    // 徐莉's proposals include places.
    assert!(rows
        .iter()
        .any(|r| r.get("proposer").map(String::as_str) == Some("徐莉") && r.contains_key("place")));
}

#[test]
fn every_contract_query_returns_its_variables() {
    let st = built_corpus();
    for (file, vars) in [
        ("people.rq", &["doc", "entity", "name"][..]),
        ("organizations.rq", &["doc", "entity", "name"][..]),
        ("places.rq", &["doc", "entity", "name"][..]),
        ("positions.rq", &["doc", "person", "post"][..]),
        (
            "who-proposed-what.rq",
            &["doc", "proposal", "proposer", "text"][..],
        ),
    ] {
        let rows = select(&st.dir, &format!("queries/{file}"));
        assert!(!rows.is_empty(), "{file} returned nothing");
        for r in &rows {
            for v in vars {
                assert!(r.contains_key(*v), "{file}: row without ?{v}: {r:?}");
            }
            assert!(
                corpus_names().contains(&r["doc"]),
                "{file}: ?doc {} is not a file name",
                r["doc"]
            );
        }
    }
}

#[test]
fn every_ready_query_runs() {
    let st = built_corpus();
    for entry in std::fs::read_dir(project().join("queries")).unwrap() {
        let path = entry.unwrap().path();
        let out = zhkg(&[
            "query",
            "--store",
            st.dir.to_str().unwrap(),
            "--format",
            "json",
            path.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}: {}", path.display(), stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(v["results"]["bindings"].is_array(), "{}", path.display());
    }
}

#[test]
fn mention_offsets_point_at_their_text_in_the_original() {
    let st = built_corpus();
    let rows = select_text(
        &st.dir,
        "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
         PREFIX dcterms: <http://purl.org/dc/terms/>
         SELECT ?doc ?b ?e ?a WHERE { GRAPH ?g { ?g dcterms:identifier ?doc .
           ?m nif:referenceContext ?g ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?a } }",
    );
    assert!(rows.len() > 500, "only {} spans", rows.len());
    for r in &rows {
        let text: Vec<char> = std::fs::read_to_string(project().join("corpus").join(&r["doc"]))
            .unwrap()
            .chars()
            .collect();
        let (b, e): (usize, usize) = (r["b"].parse().unwrap(), r["e"].parse().unwrap());
        assert!(b < e && e <= text.len(), "{r:?}");
        assert_eq!(text[b..e].iter().collect::<String>(), r["a"], "{r:?}");
    }
}

#[test]
fn rebuilding_replaces_instead_of_duplicating() {
    let dir = temp_dir("rebuild");
    let store = dir.join("store");
    let file = project().join("corpus/003_8c5a01bc59c1f841.txt");
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    run_ok(&[
        "build",
        "--store",
        store.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    let first = select_text(&store, count)[0]["n"].clone();
    // Unchanged: skipped.
    let out = run_ok(&[
        "build",
        "--store",
        store.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert!(
        stdout(&out).contains("0 documents built, 1 unchanged"),
        "{}",
        stdout(&out)
    );
    // Forced: rebuilt, same triples.
    run_ok(&[
        "build",
        "--force",
        "--store",
        store.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert_eq!(select_text(&store, count)[0]["n"], first);
    // A new article adds a graph.
    let other = project().join("corpus/000_67eb363e0280df5e.txt");
    run_ok(&[
        "build",
        "--store",
        store.to_str().unwrap(),
        other.to_str().unwrap(),
    ]);
    let graphs = select_text(&store, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s <http://purl.org/dc/terms/identifier> ?d } }");
    assert_eq!(graphs[0]["n"], "2");
}

#[test]
fn updates_bad_syntax_and_missing_stores_get_clear_errors() {
    let st = built_corpus();
    let s = st.dir.to_str().unwrap();
    let out = zhkg(&[
        "query",
        "--store",
        s,
        "-e",
        "INSERT DATA { <http://a> <http://b> <http://c> }",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("SPARQL Update is refused"),
        "{}",
        stderr(&out)
    );
    let out = zhkg(&["query", "--store", s, "-e", "SELECT ?x WHERE { ?x ?y }"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("syntax error"), "{}", stderr(&out));
    let out = zhkg(&["query", "--store", "/nonexistent/zhkg-store", "-e", "ASK {}"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no store at"), "{}", stderr(&out));
}

#[test]
fn the_ontology_declares_every_term_the_graph_uses() {
    let st = built_corpus();
    let rows = select_text(
        &st.dir,
        "PREFIX owl: <http://www.w3.org/2002/07/owl#>
         PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
         SELECT DISTINCT ?term WHERE {
           { GRAPH ?g { ?s ?term ?o } } UNION { GRAPH ?g { ?s a ?term } }
           FILTER(?g != <https://w3id.org/zhkg/ontology> && ?g != <https://w3id.org/zhkg/id/graph/meta>)
           FILTER NOT EXISTS { GRAPH <https://w3id.org/zhkg/ontology> { ?term a ?kind } }
         }",
    );
    assert!(rows.is_empty(), "undeclared terms: {rows:?}");
}

/// The same articles give the same extraction in every run: nothing depends on the order
/// of a hash map (each process seeds its maps differently).
#[test]
fn extraction_is_the_same_in_every_process() {
    let sample = project().join("bench/sample");
    let mut files: Vec<String> = std::fs::read_dir(&sample)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.to_str().unwrap().to_string())
        .collect();
    files.sort();
    let mut args = vec!["extract", "--json"];
    args.extend(files.iter().map(String::as_str));
    let first = stdout(&run_ok(&args));
    assert!(first.len() > 10_000);
    for _ in 0..3 {
        assert!(
            stdout(&run_ok(&args)) == first,
            "a second run extracted something else"
        );
    }
}

#[test]
fn a_lexicon_folder_teaches_a_post_and_bad_rows_are_refused() {
    let dir = common::temp_dir("lexicons");
    let lex = dir.join("lexicons");
    std::fs::create_dir_all(&lex).unwrap();
    std::fs::write(
        lex.join("posts.tsv"),
        "# our posts\n首席數據官\tmember\tprofession\n",
    )
    .unwrap();
    let article = dir.join("a.txt");
    std::fs::write(
        &article,
        "【本報訊】首席數據官陳大文昨日表示，建議政府開放更多數據。\n",
    )
    .unwrap();
    let roles = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["extract", "--json"];
        args.extend_from_slice(extra);
        args.push(article.to_str().unwrap());
        let out = common::run_ok(&args);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        v["positions"]
            .as_array()
            .expect("positions")
            .iter()
            .map(|p| p["role"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert!(!roles(&[]).contains(&"首席數據官".to_string()));
    assert_eq!(roles(&["--lexicons", lex.to_str().unwrap()]), ["首席數據官"]);

    // Built with the folder, the post is in the store, and a build without it redoes the
    // article (another extractor made it).
    let store = dir.join("store");
    let s = store.to_str().unwrap();
    let a = article.to_str().unwrap();
    common::run_ok(&[
        "build",
        "--quiet",
        "--lexicons",
        lex.to_str().unwrap(),
        "--store",
        s,
        a,
    ]);
    let q = "SELECT ?r WHERE { GRAPH ?g { ?m <http://www.w3.org/ns/org#role> ?role . ?role <http://www.w3.org/2004/02/skos/core#prefLabel> ?r } }";
    let out = common::run_ok(&["query", "--store", s, "--format", "tsv", "-e", q]);
    assert!(
        common::stdout(&out).contains("首席數據官"),
        "{}",
        common::stdout(&out)
    );
    let again = common::run_ok(&["build", "--store", s, a]);
    assert!(
        common::stdout(&again).starts_with("1 documents built, 0 unchanged"),
        "{}",
        common::stdout(&again)
    );

    // A malformed row: file and line, nothing built.
    std::fs::write(lex.join("cues.tsv"), "倡導\texplicit\n呼喊\tloud\n").unwrap();
    let bad = common::zhkg(&["extract", "--lexicons", lex.to_str().unwrap(), a]);
    assert_eq!(bad.status.code(), Some(1));
    let err = common::stderr(&bad);
    assert!(
        err.contains(&format!(
            "{}:2: unknown cue strength `loud`",
            lex.join("cues.tsv").display()
        )),
        "{err}"
    );
}

#[test]
fn explain_lists_every_rule_the_graph_names() {
    let out = common::run_ok(&["explain", "--rules"]);
    let listed: Vec<String> = common::stdout(&out)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .collect();
    assert!(
        listed.len() > 30 && listed.contains(&"title-chain".to_string()),
        "{listed:?}"
    );
    // Every rule written in the store is one of them.
    let st = common::built_corpus();
    let q = "SELECT DISTINCT ?r WHERE { GRAPH ?g { ?x <https://w3id.org/zhkg/ontology#rule> ?r } }";
    let out = common::run_ok(&[
        "query",
        "--store",
        st.dir.to_str().unwrap(),
        "--format",
        "tsv",
        "-e",
        q,
    ]);
    let used: Vec<String> = common::stdout(&out)
        .lines()
        .skip(1)
        .map(|l| l.trim_matches('"').to_string())
        .collect();
    assert!(used.len() > 5, "{used:?}");
    for r in used {
        assert!(listed.contains(&r), "{r} is not listed by explain --rules");
    }
}

/// The ready listings read names written for them (`zhkg:personName` …) and sort on fewer
/// keys, for speed: they must answer exactly the rows of the plain pattern over types,
/// labels and the article's language, as they did before.
#[test]
fn listing_queries_answer_the_rows_of_the_plain_pattern() {
    let sample = temp_dir("listings").join("store");
    run_ok(&[
        "build",
        "--store",
        sample.to_str().unwrap(),
        project().join("bench/sample").to_str().unwrap(),
    ]);
    let prologue = "PREFIX schema: <http://schema.org/>
        PREFIX zhkg: <https://w3id.org/zhkg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX dcterms: <http://purl.org/dc/terms/>";
    let sorted = |rows: Vec<std::collections::HashMap<String, String>>| {
        let mut rows: Vec<Vec<(String, String)>> = rows
            .into_iter()
            .map(|r| {
                let mut r: Vec<(String, String)> = r.into_iter().collect();
                r.sort();
                r
            })
            .collect();
        rows.sort();
        rows
    };
    for store in [&built_corpus().dir, &sample] {
        // (People the article never names, 陳太 or 王某, have labels but are no names.)
        for (file, class, named) in [
            (
                "people.rq",
                "schema:Person",
                "FILTER NOT EXISTS { ?entity a zhkg:UnnamedPerson }",
            ),
            ("organizations.rq", "schema:Organization", ""),
            ("places.rq", "schema:Place", ""),
        ] {
            let plain = format!(
                "{prologue}
                 SELECT ?doc ?entity ?name WHERE {{
                   GRAPH ?g {{
                     ?g dcterms:identifier ?doc ; dcterms:language ?lang .
                     ?entity a {class} ; skos:prefLabel|skos:altLabel ?name .
                     FILTER(langMatches(lang(?name), ?lang))
                     {named}
                   }}
                 }}"
            );
            let want = sorted(select_text(store, &plain));
            let got = sorted(select(store, &format!("queries/{file}")));
            assert!(!want.is_empty(), "{file}: the plain pattern found nothing");
            assert_eq!(got.len(), want.len(), "{file}: rows");
            assert!(got == want, "{file}: other rows than the plain pattern");
        }
        // The joins written as scans answer what the plain joins answered.
        let prologue = "PREFIX zhkg: <https://w3id.org/zhkg/ontology#>
            PREFIX org: <http://www.w3.org/ns/org#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX dcterms: <http://purl.org/dc/terms/>";
        for (file, plain) in [
            (
                "positions.rq",
                r##"SELECT ?doc ?person ?post ?organization WHERE {
  GRAPH ?g {
    ?g dcterms:identifier ?doc ; dcterms:language ?lang .
    ?m a org:Membership ;
       org:member ?p ;
       zhkg:titleAsWritten ?post .
    ?p skos:prefLabel ?person .
    OPTIONAL { ?m org:organization/skos:prefLabel ?organization }
  }
}
ORDER BY ?doc ?person ?post"##,
            ),
            (
                "members-of-organization.rq",
                r##"SELECT ?organization ?person ?role WHERE {
  GRAPH ?g {
    ?m a org:Membership ; org:member/skos:prefLabel ?person ;
       org:organization/skos:prefLabel ?organization ;
       org:role/skos:prefLabel ?role .
  }
}
GROUP BY ?organization ?person ?role
ORDER BY ?organization ?person"##,
            ),
            (
                "who-proposed-what.rq",
                r##"SELECT ?doc ?proposal ?proposer ?text ?addressee ?place ?strength WHERE {
  GRAPH ?g {
    ?g dcterms:identifier ?doc .
    ?proposal a zhkg:Proposal ;
              zhkg:proposedBy/skos:prefLabel ?proposer ;
              zhkg:text ?text ;
              zhkg:strength ?s .
    OPTIONAL { ?proposal zhkg:addressedTo/skos:prefLabel ?addressee }
    OPTIONAL { ?proposal zhkg:concernsPlace/skos:prefLabel ?place }
    BIND(STRAFTER(STR(?s), "#") AS ?strength)
  }
}
ORDER BY ?doc ?proposer ?proposal ?place"##,
            ),
        ] {
            let want = sorted(select_text(store, &format!("{prologue}\n{plain}")));
            let got = sorted(select(store, &format!("queries/{file}")));
            assert!(!want.is_empty(), "{file}: the plain pattern found nothing");
            assert_eq!(got.len(), want.len(), "{file}: rows");
            assert!(got == want, "{file}: other rows than the plain pattern");
        }
    }
}

/// A person an article refers to by surname and honorific only (陳太) is a resource of
/// that article: listed by no name in `people.rq`, typed `zhkg:UnnamedPerson`, and not
/// the 陳太 of another article; one the article names (董志明 … 董生) is that person.
#[test]
fn people_never_named_stay_in_their_article_and_out_of_the_name_listing() {
    let dir = temp_dir("unnamed");
    let store = dir.join("store");
    std::fs::write(
        dir.join("a.txt"),
        "受訪市民陳太表示，希望政府增加資助。行政長官董志明昨日表示，會研究方案。董生又指，不會加稅。\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.txt"),
        "街坊陳太表示，屋邨需要更多長者設施，希望房屋署盡快改善。\n",
    )
    .unwrap();
    run_ok(&["build", "--store", store.to_str().unwrap(), dir.to_str().unwrap()]);
    let names: Vec<String> = select(&store, "queries/people.rq")
        .into_iter()
        .map(|r| r["name"].clone())
        .collect();
    assert!(names.contains(&"董志明".to_string()), "{names:?}");
    assert!(
        names.contains(&"董生".to_string()),
        "董生 is a name of 董志明: {names:?}"
    );
    assert!(!names.contains(&"陳太".to_string()), "{names:?}");
    let unnamed = select_text(
        &store,
        "PREFIX zhkg: <https://w3id.org/zhkg/ontology#>
         PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         SELECT DISTINCT ?p WHERE { GRAPH ?g { ?p a zhkg:UnnamedPerson ; rdfs:label ?l . FILTER(STR(?l) = \"陳太\") } }",
    );
    assert_eq!(unnamed.len(), 2, "one 陳太 per article: {unnamed:?}");
}

#[test]
fn a_group_that_proposes_is_the_proposer_in_the_store_and_explained() {
    let dir = temp_dir("group-proposer");
    let store = dir.join("store");
    std::fs::write(
        dir.join("a.txt"),
        "【本報訊】部分媒體建議加強對線下無良醫療機構的治理。多名議員要求政府暫緩清拆行動。\n",
    )
    .unwrap();
    run_ok(&["build", "--store", store.to_str().unwrap(), dir.to_str().unwrap()]);
    let proposers: Vec<String> = select(&store, "queries/who-proposed-what.rq")
        .into_iter()
        .filter_map(|r| r.get("proposer").cloned())
        .collect();
    for who in ["部分媒體", "多名議員"] {
        assert!(
            proposers.iter().any(|p| p == who),
            "{who} missing from {proposers:?}"
        );
    }
    let out = run_ok(&["explain", "--store", store.to_str().unwrap(), "部分媒體"]);
    let text = stdout(&out);
    assert!(
        text.contains("group-proposer") && text.contains("proposer"),
        "{text}"
    );
}
