//! `zhkg push` against a real SPARQL server: Debian's Virtuoso, started by the test on
//! loopback ports with its own database in a temporary folder, and stopped after. The
//! pushed graphs are queried back over SPARQL and compared with the local store.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// A Virtuoso server of the test's own: a database in a temporary folder, SQL and HTTP on
/// loopback ports. Killed when dropped.
struct Virtuoso {
    child: Child,
    dir: PathBuf,
    sql: u16,
    http: u16,
}

impl Virtuoso {
    fn start(name: &str) -> Virtuoso {
        let exe = tool("virtuoso-t", "virtuoso-opensource");
        tool("isql-vt", "virtuoso-opensource");
        let dir = temp_dir(name);
        let (sql, http) = (free_port(), free_port());
        let d = dir.display();
        let ini = format!(
            "[Database]\nDatabaseFile = {d}/virtuoso.db\nErrorLogFile = {d}/virtuoso.log\nLockFile = {d}/virtuoso.lck\n\
             TransactionFile = {d}/virtuoso.trx\nxa_persistent_file = {d}/virtuoso.pxa\nErrorLogLevel = 7\n\
             FileExtend = 200\nStriping = 0\nTempStorage = TempDatabase\n\
             [TempDatabase]\nDatabaseFile = {d}/virtuoso-temp.db\nTransactionFile = {d}/virtuoso-temp.trx\nStriping = 0\n\
             [Parameters]\nServerPort = 127.0.0.1:{sql}\nDisableUnixSocket = 1\nCheckpointInterval = 0\n\
             NumberOfBuffers = 10000\nMaxDirtyBuffers = 6000\nDirsAllowed = .\nCaseMode = 2\n\
             [HTTPServer]\nServerPort = 127.0.0.1:{http}\nServerRoot = {d}\nServerThreads = 4\n\
             MaxClientConnections = 4\nCharset = UTF-8\n\
             [SPARQL]\nResultSetMaxRows = 100000\nMaxQueryExecutionTime = 60\n"
        );
        std::fs::write(dir.join("virtuoso.ini"), ini).unwrap();
        let log = std::fs::File::create(dir.join("server.out")).unwrap();
        let child = Command::new(exe)
            .arg("+configfile")
            .arg(dir.join("virtuoso.ini"))
            .arg("+foreground")
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start virtuoso-t");
        let mut v = Virtuoso {
            child,
            dir,
            sql,
            http,
        };
        let started = Instant::now();
        loop {
            if let Some(status) = v.child.try_wait().unwrap() {
                panic!(
                    "Virtuoso stopped ({status}): {}",
                    std::fs::read_to_string(v.dir.join("server.out")).unwrap_or_default()
                );
            }
            if ureq::get(&format!("{}?query=ASK%7B%7D", v.sparql()))
                .call()
                .is_ok()
            {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "Virtuoso did not come up in 120 s: {}",
                std::fs::read_to_string(v.dir.join("server.out")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(300));
        }
        v
    }

    fn sparql(&self) -> String {
        format!("http://127.0.0.1:{}/sparql", self.http)
    }

    /// The Graph Store Protocol endpoint (unauthenticated; writes need a grant).
    fn graph_store(&self) -> String {
        format!("http://127.0.0.1:{}/sparql-graph-crud", self.http)
    }

    /// Let the anonymous SPARQL user write, as a store's administrator would.
    fn allow_writes(&self) {
        let out = Command::new("isql-vt")
            .arg(format!("127.0.0.1:{}", self.sql))
            .args(["dba", "dba"])
            .arg("exec=GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "isql-vt: {}{}", stdout(&out), stderr(&out));
    }

    fn select(&self, query: &str) -> Vec<HashMap<String, String>> {
        let body: String = ureq::post(&self.sparql())
            .header("Accept", "application/sparql-results+json")
            .send_form([("query", query)])
            .unwrap_or_else(|e| panic!("Virtuoso query failed ({e}): {query}"))
            .body_mut()
            .read_to_string()
            .unwrap();
        bindings(&serde_json::from_str(&body).unwrap())
    }

    /// Triples in each zhkg graph of the server.
    fn counts(&self) -> BTreeMap<String, u64> {
        self.select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/zhkg/\")) } GROUP BY ?g",
        )
        .into_iter()
        .map(|r| (r["g"].clone(), r["n"].parse().unwrap()))
        .collect()
    }
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn push(args: &[&str]) -> std::process::Output {
    let st = built_corpus();
    let mut all = vec!["push", "--store", st.dir.to_str().unwrap()];
    all.extend_from_slice(args);
    zhkg(&all)
}

fn local_counts() -> BTreeMap<String, u64> {
    let st = built_corpus();
    select_text(
        &st.dir,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/zhkg/id/graph/meta>) } GROUP BY ?g",
    )
    .into_iter()
    .map(|r| (r["g"].clone(), r["n"].parse().unwrap()))
    .collect()
}

#[test]
fn push_sends_each_article_to_virtuoso_and_the_graphs_query_back() {
    let st = built_corpus();
    let v = Virtuoso::start("virtuoso");
    let endpoint = v.graph_store();

    // Before the administrator allows writes: a clear refusal, exit status 1.
    let o = push(&["--endpoint", &endpoint, "--graph-per-document"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("refused graph") && err.contains("HTTP 403"), "{err}");
    assert!(err.contains("GRANT SPARQL_UPDATE"), "no hint: {err}");
    assert!(stdout(&o).contains("pushed 0 articles"), "{}", stdout(&o));

    v.allow_writes();
    let o = push(&["--endpoint", &endpoint, "--graph-per-document"]);
    assert!(o.status.success(), "{}\n{}", stderr(&o), stdout(&o));
    assert!(
        stdout(&o).contains("pushed 2 articles in 3 requests to 3 graphs"),
        "{}",
        stdout(&o)
    );
    let local = local_counts();
    assert_eq!(local.len(), 3, "{local:?}");
    assert_eq!(v.counts(), local, "the server's graphs differ from the store's");

    // Pushing again replaces the graphs: the same counts, nothing doubled.
    let o = push(&["--endpoint", &endpoint, "--graph-per-document", "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "--quiet: {}", stderr(&o));
    assert_eq!(v.counts(), local, "pushing twice changed the server's graphs");

    // The ready query gives the same answers on the server as on the store.
    let q = std::fs::read_to_string(project().join("queries/who-proposed-what.rq")).unwrap();
    let key = |rows: Vec<HashMap<String, String>>| -> BTreeSet<(String, String, String)> {
        rows.into_iter()
            .map(|r| (r["doc"].clone(), r["proposer"].clone(), r["text"].clone()))
            .collect()
    };
    let remote = key(v.select(&q));
    let here = key(select(&st.dir, "queries/who-proposed-what.rq"));
    assert!(!here.is_empty());
    assert_eq!(remote, here, "who proposed what differs on the server");
    assert!(remote.iter().any(|(_, who, _)| who == "徐莉"));

    // All articles into one graph: the union of their triples, twice gives the same.
    let merged: u64 = select_text(
        &st.dir,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?g a <http://schema.org/NewsArticle> . } GRAPH ?g { ?s ?p ?o } } }",
    )[0]["n"]
        .parse()
        .unwrap();
    for _ in 0..2 {
        let o = push(&["--endpoint", &endpoint]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains("pushed 2 articles"), "{}", stdout(&o));
        assert_eq!(v.counts()["https://w3id.org/zhkg/id/graph/corpus"], merged);
    }
}

#[test]
fn push_reports_unreachable_and_silent_servers() {
    // Nothing listens on this port: connection refused.
    let port = free_port();
    let o = push(&["--endpoint", &format!("http://127.0.0.1:{port}/store")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot reach") && stderr(&o).contains("refused"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("pushed 0 articles"), "{}", stdout(&o));

    // A server that accepts the connection and never answers: the time limit.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let holder = std::thread::spawn(move || {
        listener.set_nonblocking(true).unwrap();
        let mut held = Vec::new();
        let until = Instant::now() + Duration::from_secs(5);
        while Instant::now() < until {
            if let Ok((s, _)) = listener.accept() {
                held.push(s);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    });
    let started = Instant::now();
    let o = push(&["--endpoint", &format!("http://{addr}/store"), "--timeout", "1"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("did not answer within 1 s"), "{}", stderr(&o));
    assert!(started.elapsed() < Duration::from_secs(15));
    holder.join().unwrap();

    let o = push(&["--endpoint", "localhost:8890"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not an http:// or https:// URL"),
        "{}",
        stderr(&o)
    );
}
