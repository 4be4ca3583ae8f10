//! `zhkg serve`: the real binary on a free loopback port, queried by real clients
//! (Python's SPARQLWrapper and rdflib, ureq, raw HTTP, headless Chromium), whose answers
//! are compared with `zhkg query` on the same store.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;

/// A `zhkg serve` of the test's own, killed when dropped.
struct Served {
    child: Child,
    port: u16,
}

impl Served {
    fn start(store: &Path, extra: &[&str]) -> Served {
        let port = free_port();
        let bind = format!("127.0.0.1:{port}");
        let child = Command::new(bin())
            .args(["serve", "--store", store.to_str().unwrap(), "--bind", &bind])
            .args(extra)
            .current_dir(project())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start zhkg serve");
        let mut s = Served { child, port };
        // The server prints its address once it listens.
        let mut err = s.child.stderr.take().unwrap();
        let mut seen = Vec::new();
        let mut byte = [0u8; 1];
        while !String::from_utf8_lossy(&seen).contains("serving") {
            match err.read(&mut byte) {
                Ok(1) => seen.push(byte[0]),
                _ => panic!("zhkg serve stopped: {}", String::from_utf8_lossy(&seen)),
            }
        }
        // Keep draining its standard error so it never blocks on a full pipe.
        std::thread::spawn(move || std::io::copy(&mut err, &mut std::io::sink()));
        s
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent()
}

/// Status, content type and body of a GET.
fn get(url: &str, accept: &str) -> (u16, String, String) {
    let mut r = agent().get(url).header("Accept", accept).call().unwrap();
    let ctype = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (r.status().as_u16(), ctype, r.body_mut().read_to_string().unwrap())
}

/// Status and body of a POST with a content type.
fn post(url: &str, ctype: &str, body: &str) -> (u16, String) {
    let mut r = agent()
        .post(url)
        .header("Content-Type", ctype)
        .send(body)
        .unwrap();
    (r.status().as_u16(), r.body_mut().read_to_string().unwrap())
}

/// A request written by hand (to send any Host header or method): the whole answer.
fn raw(port: u16, start: &str, host: &str, headers: &[&str], body: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let headers: String = headers.iter().map(|h| format!("{h}\r\n")).collect();
    write!(
        s,
        "{start} HTTP/1.1\r\nHost: {host}\r\n{headers}Connection: close\r\n\r\n{body}"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

/// Percent-encode a query-string value.
fn enc(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn check_serve(args: &[&str]) -> serde_json::Value {
    let out = Command::new(python())
        .arg(project().join("tests/python/check_serve.py"))
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "check_serve.py {args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The strings of a JSON array.
fn strs(v: &serde_json::Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

fn rows_of(v: &serde_json::Value) -> Vec<HashMap<String, String>> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn sparql_clients_get_what_zhkg_query_gives() {
    let st = built_corpus();
    let server = Served::start(&st.dir, &[]);
    for file in [
        "queries/who-proposed-what.rq",
        "queries/people.rq",
        "queries/proposals-by-place.rq",
        "queries/members-of-organization.rq",
    ] {
        let expected = select(&st.dir, file);
        assert!(!expected.is_empty(), "{file}");
        let got = check_serve(&["select", &server.base(), project().join(file).to_str().unwrap()]);
        let clients = got.as_object().unwrap();
        assert_eq!(clients.len(), 5, "{clients:?}");
        for (client, rows) in clients {
            assert_eq!(rows_of(rows), expected, "{client} on {file}");
        }
    }

    // ASK, both answers.
    let dir = temp_dir("serve-queries");
    for (q, want) in [
        (
            "ASK { GRAPH ?g { ?p a <https://w3id.org/zhkg/ontology#Proposal> } }",
            true,
        ),
        (
            "ASK { GRAPH ?g { ?p a <https://w3id.org/zhkg/ontology#Nothing> } }",
            false,
        ),
    ] {
        let file = dir.join("ask.rq");
        std::fs::write(&file, q).unwrap();
        let got = check_serve(&["ask", &server.base(), file.to_str().unwrap()]);
        for (client, answer) in got.as_object().unwrap() {
            assert_eq!(answer.as_bool(), Some(want), "{client}: {q}");
        }
    }

    // CONSTRUCT: the same triples as `zhkg query --format ntriples`, as Turtle and RDF/XML.
    let q = "CONSTRUCT { ?p <https://w3id.org/zhkg/ontology#proposedBy> ?who ; <https://w3id.org/zhkg/ontology#text> ?t }
             WHERE { GRAPH ?g { ?p <https://w3id.org/zhkg/ontology#proposedBy> ?who ; <https://w3id.org/zhkg/ontology#text> ?t } }";
    let file = dir.join("construct.rq");
    std::fs::write(&file, q).unwrap();
    let local = run_ok(&[
        "query",
        "--store",
        st.dir.to_str().unwrap(),
        "--format",
        "ntriples",
        "-e",
        q,
    ]);
    let local = stdout(&local);
    let local: BTreeSet<&str> = local.lines().collect();
    assert!(local.len() > 10);
    let got = check_serve(&["construct", &server.base(), file.to_str().unwrap()]);
    for (format, triples) in got.as_object().unwrap() {
        let triples: BTreeSet<&str> = strs(triples).into_iter().collect();
        assert_eq!(triples, local, "CONSTRUCT as {format}");
    }

    // The protocol's dataset: `default-graph-uri` makes articles' graphs the default graph,
    // `named-graph-uri` limits what GRAPH sees; either replaces the query's FROM clauses.
    let graphs: Vec<String> = select_text(
        &st.dir,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g LIMIT 2",
    )
    .into_iter()
    .map(|r| r["g"].clone())
    .collect();
    assert_eq!(graphs.len(), 2, "{graphs:?}");
    let csv = |query: &str, extra: &str| {
        let url = format!("{}/sparql?query={}{extra}", server.base(), enc(query));
        let (status, _, body) = get(&url, "text/csv");
        assert_eq!(status, 200, "{url}: {body}");
        body.lines().skip(1).map(str::to_string).collect::<Vec<_>>()
    };
    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let in_graph = |g: &str| {
        select_text(
            &st.dir,
            &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"),
        )[0]["n"]
            .clone()
    };
    assert_eq!(csv(count, ""), ["0"], "the default graph is empty");
    let first = format!("&default-graph-uri={}", enc(&graphs[0]));
    assert_eq!(csv(count, &first), [in_graph(&graphs[0])]);
    let both = format!("{first}&default-graph-uri={}", enc(&graphs[1]));
    let sum: u64 = graphs.iter().map(|g| in_graph(g).parse::<u64>().unwrap()).sum();
    assert_eq!(csv(count, &both), [sum.to_string()], "two graphs merged");
    let named = format!("&named-graph-uri={}", enc(&graphs[1]));
    assert_eq!(
        csv("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", &named),
        [graphs[1].clone()]
    );
    let (status, _, body) = get(
        &format!(
            "{}/sparql?query={}&default-graph-uri=not%20an%20IRI",
            server.base(),
            enc(count)
        ),
        "",
    );
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("default-graph-uri"), "{body}");

    // CSV and TSV by Accept; JSON by default; the alias /query.
    let people = std::fs::read_to_string(project().join("queries/people.rq")).unwrap();
    let n = select(&st.dir, "queries/people.rq").len();
    for (accept, ctype) in [
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
    ] {
        let (status, got_type, body) =
            get(&format!("{}/query?query={}", server.base(), enc(&people)), accept);
        assert_eq!(status, 200, "{body}");
        assert!(got_type.starts_with(ctype), "{got_type}");
        assert_eq!(
            body.lines().count(),
            n + 1,
            "{accept}: header and one line per row"
        );
    }
    let (_, ctype, _) = get(&format!("{}/sparql?query={}", server.base(), enc("ASK {}")), "");
    assert_eq!(ctype, "application/sparql-results+json");
    let (status, ctype, body) = get(
        &format!("{}/sparql?query={}", server.base(), enc("ASK {}")),
        "image/png",
    );
    assert_eq!(
        (status, ctype.as_str()),
        (406, "text/plain; charset=utf-8"),
        "{body}"
    );
    assert!(body.contains("application/sparql-results+json"), "{body}");
}

#[test]
fn graph_store_reads_parse_in_rdflib_and_writes_are_refused() {
    let st = built_corpus();
    let server = Served::start(&st.dir, &[]);
    let graph = "https://w3id.org/zhkg/id/doc/000_67eb363e0280df5e.txt";
    let local = format!("127.0.0.1:{}", server.port);
    let count = |q: &str| -> usize { select_text(&st.dir, q)[0]["n"].parse().unwrap() };
    let in_graph = count(&format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    ));
    let all = count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
    let got = check_serve(&["gsp", &server.base(), graph]);
    for format in ["turtle", "nt", "xml", "json-ld"] {
        assert_eq!(got[format].as_u64(), Some(in_graph as u64), "{format}: {got}");
    }
    assert_eq!(got["default"].as_u64(), Some(0), "{got}");
    assert_eq!(got["dataset"].as_u64(), Some(all as u64), "{got}");

    // HEAD answers with the headers only; an unknown graph is 404; writes are 405.
    let url = format!("{}/store?graph={}", server.base(), enc(graph));
    let r = agent().head(&url).call().unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "text/turtle");
    let (status, _, body) = get(
        &format!(
            "{}/store?graph={}",
            server.base(),
            enc("https://example.org/none")
        ),
        "",
    );
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("no graph <https://example.org/none>"), "{body}");
    for method in ["PUT", "POST", "DELETE"] {
        let answer = raw(
            server.port,
            &format!("{method} /store?graph={}", enc(graph)),
            &local,
            &["Content-Type: text/turtle", "Content-Length: 0"],
            "",
        );
        assert!(answer.starts_with("HTTP/1.1 405"), "{method}: {answer}");
        assert!(answer.contains("only reads"), "{answer}");
    }
    assert_eq!(
        count(&format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        )),
        in_graph
    );

    // The service description, read by rdflib.
    let sd = check_serve(&["describe", &server.base()]);
    assert_eq!(sd["endpoint"], format!("{}/sparql", server.base()), "{sd}");
    assert_eq!(
        sd["languages"],
        serde_json::json!(["http://www.w3.org/ns/sparql-service-description#SPARQL11Query"])
    );
    assert_eq!(
        sd["named_graphs"].as_u64(),
        Some(4),
        "two articles, ontology, meta: {sd}"
    );
}

#[test]
fn refusals_give_the_right_status_and_a_message() {
    let st = built_corpus();
    let server = Served::start(&st.dir, &["--timeout", "1", "--max-body", "2000"]);
    let local = format!("127.0.0.1:{}", server.port);
    let sparql = format!("{}/sparql", server.base());
    let form = "application/x-www-form-urlencoded";

    // Updates, however sent: 403, and nothing changes.
    let update = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }";
    for (status, body) in [
        post(&sparql, "application/sparql-update", update),
        post(&sparql, form, &format!("update={}", enc(update))),
        post(&sparql, "application/sparql-query", update),
        {
            let (s, _, b) = get(&format!("{sparql}?query={}", enc(update)), "");
            (s, b)
        },
    ] {
        assert_eq!(status, 403, "{body}");
        assert!(body.contains("SPARQL Update is refused"), "{body}");
    }
    assert!(
        try_select_text(&st.dir, "SELECT * WHERE { GRAPH <urn:x> { ?s ?p ?o } }")
            .unwrap()
            .is_empty()
    );

    // A syntax error: 400 with the parser's line and column.
    let (status, body) = post(
        &sparql,
        form,
        &format!("query={}", enc("SELECT ?s\nWHERE { ?s ?p }")),
    );
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("line 2, column 16"), "{body}");

    // Past --timeout: 503, for a join that checks its cancellation and for a sort that
    // does not for a long while.
    for q in [
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f . ?x ?y ?z } }",
        "SELECT * WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f } } ORDER BY ?c ?f",
    ] {
        let (status, body) = post(&sparql, "application/sparql-query", q);
        assert_eq!(status, 503, "{q}: {body}");
        assert!(
            body.contains("the query ran longer than 1 s and was stopped"),
            "{body}"
        );
    }

    // Another Host (DNS rebinding), in the header or the request line: 403.
    let port = server.port;
    for (start, host) in [
        ("GET /".to_string(), format!("evil.example:{port}")),
        (
            "GET /sparql?query=ASK%7B%7D".to_string(),
            format!("127.0.0.1:{port}1"),
        ),
        (format!("GET http://evil.example:{port}/"), local.clone()),
    ] {
        let answer = raw(port, &start, &host, &[], "");
        assert!(answer.starts_with("HTTP/1.1 403"), "{start} {host}: {answer}");
        assert!(answer.contains("DNS rebinding"), "{answer}");
    }
    let ours = raw(
        server.port,
        "GET /",
        &format!("localhost:{}", server.port),
        &[],
        "",
    );
    assert!(ours.starts_with("HTTP/1.1 200"), "{ours}");

    // A body over --max-body: 413, whether its length is announced or not.
    let big = format!("SELECT * WHERE {{ ?s ?p ?o }} #{}", "x".repeat(3000));
    let (status, body) = post(&sparql, "application/sparql-query", &big);
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("larger than the limit of 2000 bytes"), "{body}");
    let chunked = raw(
        server.port,
        "POST /sparql",
        &local,
        &[
            "Content-Type: application/sparql-query",
            "Transfer-Encoding: chunked",
        ],
        &format!("{:x}\r\n{big}\r\n0\r\n\r\n", big.len()),
    );
    assert!(chunked.starts_with("HTTP/1.1 413"), "{chunked}");

    // Other media types, methods and paths.
    let (status, body) = post(&sparql, "text/plain", "ASK {}");
    assert_eq!(status, 415, "{body}");
    let answer = raw(server.port, "DELETE /sparql", &local, &[], "");
    assert!(answer.starts_with("HTTP/1.1 405"), "{answer}");
    let (status, _, body) = get(&format!("{}/nothing-here", server.base()), "");
    assert_eq!(status, 404, "{body}");

    // SERVICE and LOAD reach nothing.
    let (status, body) = post(
        &sparql,
        "application/sparql-query",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    );
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("is not supported"), "{body}");

    // No CORS headers unless asked for.
    let r = agent()
        .get(&format!("{}/sparql?query=ASK%7B%7D", server.base()))
        .header("Origin", "http://other.example")
        .call()
        .unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
    let cors = Served::start(&st.dir, &["--cors"]);
    let preflight = raw(
        cors.port,
        "OPTIONS /sparql",
        &format!("127.0.0.1:{}", cors.port),
        &[
            "Origin: http://other.example",
            "Access-Control-Request-Method: POST",
            "Access-Control-Request-Headers: content-type",
        ],
        "",
    );
    assert!(preflight.starts_with("HTTP/1.1 204"), "{preflight}");
    assert!(
        preflight.contains("access-control-allow-origin: *"),
        "{preflight}"
    );
    assert!(
        preflight.contains("access-control-allow-headers: content-type"),
        "{preflight}"
    );
}

#[test]
fn search_finds_names_in_either_script_by_pinyin_and_by_fragment() {
    let st = built_corpus();
    let server = Served::start(&st.dir, &[]);
    let search = |q: &str| -> Vec<(String, String)> {
        let (status, _, body) = get(&format!("{}/api/search?q={}", server.base(), enc(q)), "");
        assert_eq!(status, 200, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["id"].as_str().unwrap().to_string(),
                    r["type"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    // The State Council as written in either script, and a name stored in one script only.
    let council = search("國務院");
    assert_eq!(council, search("国务院"));
    assert_eq!(
        council.first().map(|r| r.1.as_str()),
        Some("Organization"),
        "{council:?}"
    );
    let only_traditional = select_text(
        &st.dir,
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
         SELECT ?e ?l WHERE { GRAPH ?g { ?e a <http://schema.org/Person> ; skos:prefLabel ?l .
           FILTER NOT EXISTS { ?e skos:altLabel ?other } FILTER(LANG(?l) = \"zh-hant\") } } ORDER BY ?l LIMIT 1",
    );
    let (entity, label) = (&only_traditional[0]["e"], &only_traditional[0]["l"]);
    let simplified = zhkg_extract::to_simplified(label);
    let hits = search(&simplified);
    assert!(
        hits.iter().any(|h| &h.0 == entity),
        "{simplified} (for {label}): {hits:?}"
    );
    // Pinyin, with or without tone marks and spaces; a fragment of a name.
    let huang = search("黃錦輝");
    assert_eq!(huang.len(), 1, "{huang:?}");
    for q in ["huang jinhui", "Huáng Jǐnhuī", "huangjinhui"] {
        assert_eq!(search(q).first(), huang.first(), "{q}");
    }
    let fragment = search("錦輝");
    assert!(fragment.contains(&huang[0]), "{fragment:?}");
    assert!(search("xyzzy-nobody").is_empty());
    let (status, _, body) = get(&format!("{}/api/search?q=", server.base()), "");
    assert_eq!(status, 400, "{body}");

    // The neighbourhood of the person with the most proposals: the proposals with their
    // participants, those past the per-type limit counted as hidden.
    let top = select_text(
        &st.dir,
        "SELECT ?who (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g {
           ?p <https://w3id.org/zhkg/ontology#proposedBy> ?who . ?who a <http://schema.org/Person> } }
         GROUP BY ?who ORDER BY DESC(?n) ?who LIMIT 1",
    );
    let (who, proposals) = (&top[0]["who"], top[0]["n"].parse::<u64>().unwrap());
    assert!(proposals >= 2, "{top:?}");
    let (status, _, body) = get(
        &format!("{}/api/node?iri={}&limit=1", server.base(), enc(who)),
        "",
    );
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["hidden"]["Proposal"].as_u64(), Some(proposals - 1), "{v}");
    let types: BTreeSet<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["type"].as_str().unwrap())
        .collect();
    assert!(
        types.contains("Proposal") && types.contains("Person"),
        "{types:?}"
    );
}

#[test]
fn a_group_addressed_is_found_and_shows_its_proposals() {
    let dir = temp_dir("serve-audience");
    let article = dir.join("a.txt");
    std::fs::write(
        &article,
        "【本報訊】民建聯立法會議員陳大文昨日建議有關部門加強監管網上平台。\n",
    )
    .unwrap();
    let store = dir.join("store");
    run_ok(&[
        "build",
        "--store",
        store.to_str().unwrap(),
        article.to_str().unwrap(),
    ]);
    let server = Served::start(&store, &[]);
    let (status, _, body) = get(&format!("{}/api/search?q={}", server.base(), enc("有關部門")), "");
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let hit = &v["results"][0];
    assert_eq!(hit["type"], "Audience", "{v}");
    let (status, _, body) = get(
        &format!(
            "{}/api/node?iri={}",
            server.base(),
            enc(hit["id"].as_str().unwrap())
        ),
        "",
    );
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let kinds: BTreeSet<&str> = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains("addressedTo") && kinds.contains("proposedBy"),
        "{v}"
    );
}

/// The status of a GET, or why it failed.
fn status_of(agent: &ureq::Agent, url: &str) -> Result<u16, String> {
    agent
        .get(url)
        .call()
        .map(|r| r.status().as_u16())
        .map_err(|e| e.to_string())
}

/// Many clients at once on loopback, with a query that never ends running beside them:
/// every request is answered, none fails. Prints the figures the README quotes.
#[test]
fn many_clients_are_served_while_a_slow_query_runs() {
    const CLIENTS: usize = 32;
    const REQUESTS: usize = 20;
    let st = built_corpus();
    // No time limit: the slow query runs until the server is stopped.
    let server = Served::start(&st.dir, &["--timeout", "0"]);
    let base = server.base();
    let slow = {
        let url = format!("{base}/sparql");
        std::thread::spawn(move || {
            agent()
                .post(&url)
                .header("Content-Type", "application/sparql-query")
                .send("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f . ?x ?y ?z } }")
                .map(|r| r.status().as_u16())
        })
    };
    let who = std::fs::read_to_string(project().join("queries/who-proposed-what.rq")).unwrap();
    let expected_rows = select(&st.dir, "queries/who-proposed-what.rq").len();
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let errors = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (base, who, latencies, errors) =
                (base.clone(), who.clone(), latencies.clone(), errors.clone());
            std::thread::spawn(move || {
                let agent = agent();
                for i in 0..REQUESTS {
                    let t = Instant::now();
                    let result = match (c + i) % 4 {
                        0 => agent
                            .post(&format!("{base}/sparql"))
                            .header("Content-Type", "application/sparql-query")
                            .header("Accept", "application/sparql-results+json")
                            .send(&who)
                            .map_err(|e| e.to_string())
                            .and_then(|mut r| {
                                let status = r.status().as_u16();
                                let body = r.body_mut().read_to_string().map_err(|e| e.to_string())?;
                                let v: serde_json::Value =
                                    serde_json::from_str(&body).map_err(|e| e.to_string())?;
                                let rows = v["results"]["bindings"].as_array().map_or(0, |a| a.len());
                                if rows == expected_rows {
                                    Ok(status)
                                } else {
                                    Err(format!("{rows} rows"))
                                }
                            }),
                        1 => status_of(
                            &agent,
                            &format!("{base}/api/search?q=%E5%9C%8B%E5%8B%99%E9%99%A2"),
                        ),
                        2 => status_of(&agent, &format!("{base}/sparql?query=ASK%7B%7D")),
                        _ => status_of(&agent, &format!("{base}/")),
                    };
                    match result {
                        Ok(200) => latencies.lock().unwrap().push(t.elapsed()),
                        other => errors
                            .lock()
                            .unwrap()
                            .push(format!("client {c} request {i}: {other:?}")),
                    }
                }
            })
        })
        .collect();
    for c in clients {
        c.join().unwrap();
    }
    let wall = started.elapsed();
    let errors = errors.lock().unwrap();
    assert!(
        errors.is_empty(),
        "{} failed: {:?}",
        errors.len(),
        &errors[..errors.len().min(10)]
    );
    assert!(!slow.is_finished(), "the slow query ended before the clients did");
    let mut l = latencies.lock().unwrap().clone();
    l.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let n = l.len();
    println!(
        "load: {CLIENTS} clients x {REQUESTS} requests = {n} answered, 0 errors, in {:.2} s ({:.0} requests/s) \
         beside a never-ending query; latency median {:.1} ms, 95th percentile {:.1} ms, max {:.1} ms",
        wall.as_secs_f64(),
        n as f64 / wall.as_secs_f64(),
        ms(l[n / 2]),
        ms(l[n * 95 / 100]),
        ms(l[n - 1]),
    );
    assert_eq!(n, CLIENTS * REQUESTS);
    drop(server);
    // The slow query's connection closes with the server.
    let _ = slow.join().unwrap();
}

/// The page in headless Chromium: it loads nothing from another host, a ready query fills
/// the table, a name in the other script finds its entity, clicking expands the graph,
/// and the highlighted source text is the mention's `nif:anchorOf`.
#[test]
fn the_page_works_offline_in_chromium() {
    tool("chromium", "chromium");
    tool("chromedriver", "chromium-driver");
    let st = built_corpus();
    let server = Served::start(&st.dir, &[]);
    let entity = "https://w3id.org/zhkg/id/person/huang-jin-hui-b359a76e";
    let mentions = select_text(
        &st.dir,
        &format!(
            "SELECT ?m ?anchor WHERE {{ GRAPH ?g {{ ?g <http://purl.org/dc/terms/identifier> ?doc .
               ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> <{entity}> ;
                  <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> ?b ;
                  <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf> ?anchor }} }}
             ORDER BY ?doc ?b"
        ),
    );
    let shot = temp_dir("serve-page").join("serve-graph.png");
    let out = Command::new(python())
        .arg(project().join("tests/python/check_page.py"))
        .args([&server.base(), "黄锦辉", entity, shot.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "check_page.py: {}\n{}",
        stderr(&out),
        stdout(&out)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();

    // Offline: every network request went to this server.
    let requests = strs(&v["requests"]);
    assert!(
        requests.iter().any(|u| u.ends_with("/vendor/cytoscape.min.js")),
        "{requests:?}"
    );
    for url in &requests {
        let scheme = url.split(':').next().unwrap();
        if matches!(scheme, "http" | "https" | "ws" | "wss" | "ftp") {
            assert!(
                url.starts_with(&format!("{}/", server.base())),
                "a request to another host: {url}"
            );
        } else {
            assert!(matches!(scheme, "data" | "blob" | "chrome" | "about"), "{url}");
        }
    }
    assert_eq!(
        v["console_errors"],
        serde_json::json!([]),
        "{}",
        v["console_errors"]
    );

    // The ready query's table holds what `zhkg query` gives.
    let expected = select(&st.dir, "queries/who-proposed-what.rq");
    assert_eq!(v["table_rows"].as_array().unwrap().len(), expected.len());
    assert_eq!(v["table_columns"][2], "?proposer");
    let proposers: BTreeSet<&str> = v["table_rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[2].as_str().unwrap())
        .collect();
    let want: BTreeSet<&str> = expected.iter().map(|r| r["proposer"].as_str()).collect();
    assert_eq!(proposers, want);
    assert_eq!(
        v["shared_rows"].as_u64(),
        Some(expected.len() as u64),
        "the shared link"
    );

    // Simplified 黄锦辉 found Traditional 黃錦輝; clicking him drew his neighbourhood.
    assert_eq!(v["search_hits"][0], entity);
    let nodes = v["nodes"].as_array().unwrap();
    assert!(nodes.len() >= 4, "{nodes:?}");
    assert!(nodes.iter().any(|n| n["type"] == "Proposal"), "{nodes:?}");
    assert!(v["edges"].as_array().unwrap().iter().any(|e| e == "proposedBy"));

    // The first mention's source: its highlighted text is its nif:anchorOf.
    assert_eq!(v["mention"], mentions[0]["m"].as_str());
    assert_eq!(v["highlighted"], mentions[0]["anchor"].as_str());
    assert_eq!(v["source_tab_visible"], true);

    // A proposal's source: rule and confidence as stored, every evidence span highlighted.
    let p = v["proposal"].as_str().unwrap();
    let facts = select_text(
        &st.dir,
        &format!(
            "SELECT ?rule ?c ?anchor WHERE {{ GRAPH ?g {{ <{p}> <https://w3id.org/zhkg/ontology#rule> ?rule ;
               <https://w3id.org/zhkg/ontology#confidence> ?c ; <https://w3id.org/zhkg/ontology#evidence> ?ev .
               ?ev <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf> ?anchor }} }}"
        ),
    );
    assert_eq!(v["proposal_rule"], facts[0]["rule"].as_str());
    assert_eq!(
        v["proposal_confidence"].as_str().unwrap().parse::<f64>().unwrap(),
        facts[0]["c"].parse::<f64>().unwrap()
    );
    let marks: BTreeSet<&str> = strs(&v["proposal_marks"]).into_iter().collect();
    let anchors: BTreeSet<&str> = facts.iter().map(|f| f["anchor"].as_str()).collect();
    assert_eq!(marks, anchors);

    // The screenshot of the graph view (README): refreshed in output/ when asked for.
    assert!(std::fs::metadata(&shot).unwrap().len() > 10_000);
    if std::env::var_os("ZHKG_UPDATE_SCREENSHOT").is_some() {
        std::fs::copy(&shot, project().join("output/serve-graph.png")).unwrap();
    }
}
