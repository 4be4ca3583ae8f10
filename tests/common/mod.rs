//! Helpers shared by the end-to-end tests: run the real binary, build the corpus once.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

pub fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_zhkg"))
}

pub fn zhkg(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(project())
        .output()
        .expect("run zhkg")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn run_ok(args: &[&str]) -> Output {
    let o = zhkg(args);
    assert!(
        o.status.success(),
        "zhkg {args:?} failed: {}\n{}",
        stderr(&o),
        stdout(&o)
    );
    o
}

/// A loopback port nothing listens on just now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A fresh folder under the target directory (kept for inspection after a failure).
pub fn temp_dir(name: &str) -> PathBuf {
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("zhkg-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(&base).unwrap();
    base
}

pub struct Built {
    pub dir: PathBuf,
    pub summary: String,
}

/// The bundled corpus built once per test binary.
pub fn built_corpus() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = temp_dir("corpus").join("store");
        let out = run_ok(&["build", "--store", dir.to_str().unwrap()]);
        Built {
            dir,
            summary: stdout(&out),
        }
    })
}

pub fn corpus_names() -> Vec<String> {
    vec![
        "000_67eb363e0280df5e.txt".into(),
        "003_8c5a01bc59c1f841.txt".into(),
    ]
}

fn rows(out: &Output) -> Vec<HashMap<String, String>> {
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(out)));
    bindings(&v)
}

/// The rows of SPARQL JSON results: variable → value.
pub fn bindings(v: &serde_json::Value) -> Vec<HashMap<String, String>> {
    v["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            b.as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v["value"].as_str().unwrap().to_string()))
                .collect()
        })
        .collect()
}

/// Run a query file and return its rows.
pub fn select(store: &Path, file: &str) -> Vec<HashMap<String, String>> {
    rows(&run_ok(&[
        "query",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "json",
        file,
    ]))
}

/// Run a query text and return its rows.
pub fn select_text(store: &Path, query: &str) -> Vec<HashMap<String, String>> {
    try_select_text(store, query).unwrap_or_else(|e| panic!("zhkg query failed: {e}\n{query}"))
}

/// The Python of the test environment (created by scripts/test.sh). Tests that need it
/// fail, rather than skip, when it is missing.
pub fn python() -> PathBuf {
    let p = std::env::var_os("ZHKG_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| project().join(".venv/bin/python"));
    assert!(
        p.exists(),
        "{} is missing: run `bash scripts/test.sh`, which creates the test environment",
        p.display()
    );
    p
}

/// A command-line tool the tests need; fails the test with how to get it when missing.
pub fn tool(name: &str, package: &str) -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!("`{name}` is not installed: run `bash scripts/test.sh` (it installs Debian's {package})")
    })
}

/// Run a query text; its rows, or the command's standard error when it failed.
pub fn try_select_text(store: &Path, query: &str) -> Result<Vec<HashMap<String, String>>, String> {
    let out = zhkg(&[
        "query",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "json",
        "-e",
        query,
    ]);
    if out.status.success() {
        Ok(rows(&out))
    } else {
        Err(stderr(&out))
    }
}

/// The bundled articles' texts.
pub fn corpus_texts() -> Vec<String> {
    corpus_names()
        .iter()
        .map(|n| std::fs::read_to_string(project().join("corpus").join(n)).unwrap())
        .collect()
}

/// Write `n` distinct real-style articles (the bundled ones, each with its own first
/// line; `edition` changes every text) into `dir`; returns their paths.
pub fn write_articles(dir: &Path, n: usize, edition: &str) -> Vec<PathBuf> {
    write_long_articles(dir, n, edition, 1)
}

/// [`write_articles`] with each body written `repeat` times: for tests that must catch a
/// build in the middle, whatever the speed of extraction (a one-thread build writes what
/// it has every second, and the plain articles all fit in that second now).
pub fn write_long_articles(dir: &Path, n: usize, edition: &str, repeat: usize) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let texts = corpus_texts();
    (0..n)
        .map(|i| {
            let path = dir.join(format!("article-{i:03}.txt"));
            let body = texts[i % texts.len()].repeat(repeat);
            let text = format!("{edition}第{i}號稿\n\n{body}");
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

/// What rdflib (an independent RDF implementation) reads from `file` in `format`: its
/// counts as JSON (`tests/python/check_rdf.py`).
pub fn rdflib_counts(format: &str, file: &Path) -> serde_json::Value {
    let out = Command::new(python())
        .arg(project().join("tests/python/check_rdf.py"))
        .arg(format)
        .arg(file)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "rdflib could not read {} as {format}: {}",
        file.display(),
        stderr(&out)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
