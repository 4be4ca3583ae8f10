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

/// Check a query parses, refusing updates with a clear message. A syntax error names its
/// line and column and shows the line with a caret under the place.
pub fn check(query: &str) -> Result<(), QueryError> {
    match SparqlEvaluator::new().parse_query(query) {
        Ok(_) => Ok(()),
        Err(e) => {
            if SparqlEvaluator::new().parse_update(query).is_ok() {
                Err(QueryError::Update)
            } else {
                Err(QueryError::Syntax(with_context(query, &e.to_string())))
            }
        }
    }
}

/// The parser says `error at LINE:COLUMN: …` (column in characters, from 1); add the line
/// of the query with a caret under that column.
fn with_context(query: &str, msg: &str) -> String {
    let pos = msg.strip_prefix("error at ").and_then(|rest| {
        let (pos, what) = rest.split_once(": ")?;
        let (line, col) = pos.split_once(':')?;
        Some((line.parse::<usize>().ok()?, col.parse::<usize>().ok()?, what))
    });
    let Some((line, col, what)) = pos else {
        return msg.to_string();
    };
    let Some(text) = query.split('\n').nth(line.saturating_sub(1)) else {
        return msg.to_string();
    };
    let text = text.trim_end_matches('\r').replace('\t', " ");
    let before: String = text.chars().take(col.saturating_sub(1)).collect();
    format!(
        "line {line}, column {col}: {what}\n  {text}\n  {}^",
        " ".repeat(before.width())
    )
}

/// How to run a query.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
    /// Cancel evaluation after this long (`None`: no limit).
    pub timeout: Option<Duration>,
    /// Some operators (sorting, grouping a huge join) do not look at the cancellation
    /// for a long time. When set, a query still running a grace period after its time
    /// limit ends the process with the timeout message and exit status 1. For the command
    /// line, which owns its process.
    pub exit_when_stuck: bool,
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
    run_with(
        store,
        query,
        format,
        &RunOptions {
            timeout: Some(timeout),
            exit_when_stuck: false,
        },
        out,
    )
}

/// [`run`] with every option. Results are streamed to `out` as they are produced
/// (except where SPARQL itself needs them all, as for ORDER BY or GROUP BY).
pub fn run_with(
    store: &Store,
    query: &str,
    format: Format,
    opts: &RunOptions,
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    check(query)?;
    let token = CancellationToken::new();
    let prepared = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .parse_query(query)
        .map_err(|e| QueryError::Syntax(e.to_string()))?;
    // Shown in messages when there is no limit (it cannot time out then).
    let limit = opts.timeout.unwrap_or(Duration::MAX);
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let watchdog = opts.timeout.map(|timeout| {
        let token = token.clone();
        let exit_when_stuck = opts.exit_when_stuck;
        std::thread::spawn(move || {
            if done_rx.recv_timeout(timeout) != Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
                return;
            }
            token.cancel();
            let grace = Duration::from_secs(2) + timeout / 10;
            if exit_when_stuck
                && done_rx.recv_timeout(grace) == Err(std::sync::mpsc::RecvTimeoutError::Timeout)
            {
                eprintln!("zhkg: {}", QueryError::Timeout(timeout));
                std::process::exit(1);
            }
        })
    });
    let result = (|| -> Result<(), QueryError> {
        let results = prepared
            .on_store(store)
            .execute()
            .map_err(|e| eval_err(e, limit))?;
        write_results(results, format, limit, out)
    })();
    let _ = done_tx.send(());
    if let Some(w) = watchdog {
        let _ = w.join();
    }
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

/// Rows read before the column widths of a table are fixed.
const TABLE_PREVIEW: usize = 1000;

/// Aligned columns, CJK characters counted double-width. The widths come from the first
/// rows; after them rows are printed as they come, so a huge result is never held in
/// memory (a later, wider cell pushes its row's next columns right).
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
    let cells = |s: &oxigraph::sparql::QuerySolution| -> Vec<String> {
        vars.iter()
            .map(|v| {
                s.get(v.as_str())
                    .map(display)
                    .map(|c| truncate(&c, 60))
                    .unwrap_or_default()
            })
            .collect()
    };
    let mut solutions = solutions;
    let mut preview: Vec<Vec<String>> = Vec::new();
    while preview.len() < TABLE_PREVIEW {
        match solutions.next() {
            Some(s) => preview.push(cells(&s.map_err(|e| eval_err(e, timeout))?)),
            None => break,
        }
    }
    let mut widths: Vec<usize> = vars.iter().map(|v| v.width() + 1).collect();
    for r in &preview {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.width());
        }
    }
    let line = |cells: &[String], out: &mut dyn Write| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            s.push_str(c);
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
    let mut n = 0usize;
    for r in preview.drain(..) {
        line(&r, out)?;
        n += 1;
    }
    for s in solutions {
        line(&cells(&s.map_err(|e| eval_err(e, timeout))?), out)?;
        n += 1;
    }
    writeln!(out, "({n} row{})", if n == 1 { "" } else { "s" })?;
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
