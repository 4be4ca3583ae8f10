//! Stage 8: SPARQL queries on the store, read-only, with a time limit, results streamed.

use std::fmt;
use std::io::Write;
use std::time::Duration;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use unicode_width::UnicodeWidthStr;

/// How to print results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for reading (SELECT), Turtle for graphs.
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    /// Graph results (CONSTRUCT, DESCRIBE) in these RDF formats:
    Turtle,
    Ntriples,
    Rdfxml,
    Jsonld,
}

/// Why a query failed.
#[derive(Debug)]
pub enum QueryError {
    Syntax(String),
    Update,
    Timeout(Duration),
    Evaluation(String),
    Io(std::io::Error),
    WrongFormat { format: Format, kind: &'static str },
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::Syntax(m) => write!(f, "SPARQL syntax error: {m}"),
            QueryError::Update => write!(f, "SPARQL Update is refused: `zhkg query` only reads the store (rebuild it with `zhkg build` to change it)"),
            QueryError::Timeout(d) => write!(f, "the query ran longer than {} s and was stopped (raise the limit with --timeout SECONDS)", d.as_secs_f64()),
            QueryError::Evaluation(m) => write!(f, "query failed: {m}"),
            QueryError::Io(e) => write!(f, "writing results: {e}"),
            QueryError::WrongFormat { format, kind } => write!(f, "--format {format:?} cannot print {kind} results"),
        }
    }
}

impl std::error::Error for QueryError {}

impl From<std::io::Error> for QueryError {
    fn from(e: std::io::Error) -> Self {
        QueryError::Io(e)
    }
}

fn eval_err(e: QueryEvaluationError, timeout: Duration) -> QueryError {
    match e {
        QueryEvaluationError::Cancelled => QueryError::Timeout(timeout),
        e => QueryError::Evaluation(e.to_string()),
    }
}

/// Check a query parses, refusing updates with a clear message.
pub fn check(query: &str) -> Result<(), QueryError> {
    match SparqlEvaluator::new().parse_query(query) {
        Ok(_) => Ok(()),
        Err(e) => {
            if SparqlEvaluator::new().parse_update(query).is_ok() {
                Err(QueryError::Update)
            } else {
                Err(QueryError::Syntax(e.to_string()))
            }
        }
    }
}

/// Run `query` on `store` and write its results to `out`. Evaluation is cancelled after
/// `timeout`; SERVICE calls are not possible (zhkg is built without an HTTP client).
pub fn run(
    store: &Store,
    query: &str,
    format: Format,
    timeout: Duration,
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    check(query)?;
    let token = CancellationToken::new();
    let prepared = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .parse_query(query)
        .map_err(|e| QueryError::Syntax(e.to_string()))?;
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let watchdog = {
        let token = token.clone();
        std::thread::spawn(move || {
            if done_rx.recv_timeout(timeout).is_err() {
                token.cancel();
            }
        })
    };
    let result = (|| -> Result<(), QueryError> {
        let results = prepared
            .on_store(store)
            .execute()
            .map_err(|e| eval_err(e, timeout))?;
        write_results(results, format, timeout, out)
    })();
    let _ = done_tx.send(());
    let _ = watchdog.join();
    result
}

fn write_results(
    results: QueryResults<'_>,
    format: Format,
    timeout: Duration,
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    match results {
        QueryResults::Solutions(solutions) => {
            let rf = match format {
                Format::Table => return write_table(solutions, timeout, out),
                Format::Csv => QueryResultsFormat::Csv,
                Format::Tsv => QueryResultsFormat::Tsv,
                Format::Json => QueryResultsFormat::Json,
                Format::Xml => QueryResultsFormat::Xml,
                f => {
                    return Err(QueryError::WrongFormat {
                        format: f,
                        kind: "SELECT",
                    })
                }
            };
            let mut ser = QueryResultsSerializer::from_format(rf)
                .serialize_solutions_to_writer(&mut *out, solutions.variables().to_vec())?;
            for s in solutions {
                let s = s.map_err(|e| eval_err(e, timeout))?;
                ser.serialize(&s)?;
            }
            ser.finish()?;
        }
        QueryResults::Boolean(b) => match format {
            Format::Table => writeln!(out, "{}", if b { "yes" } else { "no" })?,
            Format::Csv | Format::Tsv | Format::Json | Format::Xml => {
                let rf = match format {
                    Format::Csv => QueryResultsFormat::Csv,
                    Format::Tsv => QueryResultsFormat::Tsv,
                    Format::Json => QueryResultsFormat::Json,
                    _ => QueryResultsFormat::Xml,
                };
                QueryResultsSerializer::from_format(rf).serialize_boolean_to_writer(&mut *out, b)?;
            }
            f => {
                return Err(QueryError::WrongFormat {
                    format: f,
                    kind: "ASK",
                })
            }
        },
        QueryResults::Graph(triples) => {
            let rf = match format {
                Format::Table | Format::Turtle => RdfFormat::Turtle,
                Format::Ntriples => RdfFormat::NTriples,
                Format::Rdfxml => RdfFormat::RdfXml,
                Format::Jsonld => RdfFormat::JsonLd {
                    profile: Default::default(),
                },
                f => {
                    return Err(QueryError::WrongFormat {
                        format: f,
                        kind: "CONSTRUCT/DESCRIBE",
                    })
                }
            };
            let mut ser = crate::export::prefixed(RdfSerializer::from_format(rf)).for_writer(&mut *out);
            for t in triples {
                let t = t.map_err(|e| eval_err(e, timeout))?;
                ser.serialize_triple(&t)?;
            }
            ser.finish()?;
        }
    }
    Ok(())
}

/// A term as people read it: literals bare, IRIs in their short form when a well-known
/// prefix applies.
fn display(term: &Term) -> String {
    match term {
        Term::Literal(l) => l.value().to_string(),
        Term::NamedNode(n) => crate::export::compact_iri(n.as_str()),
        t => t.to_string(),
    }
}

/// Aligned columns, CJK characters counted double-width. Rows are collected first (the
/// width depends on every row), so huge result sets should use csv/tsv/json instead.
fn write_table(
    solutions: oxigraph::sparql::QuerySolutionIter<'_>,
    timeout: Duration,
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    let vars: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| v.as_str().to_string())
        .collect();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for s in solutions {
        let s = s.map_err(|e| eval_err(e, timeout))?;
        rows.push(
            vars.iter()
                .map(|v| s.get(v.as_str()).map(display).unwrap_or_default())
                .collect(),
        );
    }
    let mut widths: Vec<usize> = vars.iter().map(|v| v.width() + 1).collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.width().min(60));
        }
    }
    let line = |cells: &[String], out: &mut dyn Write| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            let c: String = truncate(c, 60);
            s.push_str(&c);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(w.saturating_sub(c.width()) + 2));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    let header: Vec<String> = vars.iter().map(|v| format!("?{v}")).collect();
    line(&header, out)?;
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    line(&rule, out)?;
    for r in &rows {
        line(r, out)?;
    }
    writeln!(
        out,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )?;
    Ok(())
}

fn truncate(s: &str, max: usize) -> String {
    let s = s.replace(['\n', '\t'], " ");
    if s.width() <= max {
        return s;
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + 2 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}
