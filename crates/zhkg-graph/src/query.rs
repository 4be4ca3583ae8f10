//! Stage 8: SPARQL queries on the store, read-only, with a time limit, results streamed.

use std::io::Write;
use std::time::Duration;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use unicode_width::UnicodeWidthStr;

/// How to print results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Aligned columns for reading (SELECT), Turtle for graphs.
    Table,
    /// SPARQL 1.1 Query Results CSV.
    Csv,
    /// SPARQL 1.1 Query Results TSV.
    Tsv,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
    /// Graph results (CONSTRUCT, DESCRIBE) as Turtle.
    Turtle,
    /// Graph results as N-Triples.
    Ntriples,
    /// Graph results as RDF/XML.
    Rdfxml,
    /// Graph results as JSON-LD.
    Jsonld,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 9] = [
        Format::Table,
        Format::Csv,
        Format::Tsv,
        Format::Json,
        Format::Xml,
        Format::Turtle,
        Format::Ntriples,
        Format::Rdfxml,
        Format::Jsonld,
    ];

    /// The name users type (`--format json`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Json => "json",
            Format::Xml => "xml",
            Format::Turtle => "turtle",
            Format::Ntriples => "ntriples",
            Format::Rdfxml => "rdfxml",
            Format::Jsonld => "jsonld",
        }
    }

    /// One line saying what the format is.
    pub fn help(self) -> &'static str {
        match self {
            Format::Table => "aligned columns for reading (SELECT), Turtle for graphs",
            Format::Csv => "SPARQL results CSV",
            Format::Tsv => "SPARQL results TSV",
            Format::Json => "SPARQL results JSON",
            Format::Xml => "SPARQL results XML",
            Format::Turtle => "graph results (CONSTRUCT, DESCRIBE) as Turtle",
            Format::Ntriples => "graph results as N-Triples",
            Format::Rdfxml => "graph results as RDF/XML",
            Format::Jsonld => "graph results as JSON-LD",
        }
    }
}

named_formats!(Format);

/// Why a query failed.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The query does not parse; the message names the line and column.
    #[error("SPARQL syntax error: {0}")]
    Syntax(String),
    /// The text is a SPARQL Update: the store is only read.
    #[error("SPARQL Update is refused: the store is opened read-only")]
    Update,
    /// Evaluation ran past its time limit and was cancelled.
    #[error("the query ran longer than {} s and was stopped", .0.as_secs_f64())]
    Timeout(Duration),
    /// Evaluation failed (storage, a type error the engine reports …).
    #[error("query failed")]
    Evaluation(#[source] QueryEvaluationError),
    /// Writing the results failed.
    #[error("writing results")]
    Io(#[from] std::io::Error),
    /// The format cannot show this kind of result (a table of a CONSTRUCT …).
    #[error("format {format} cannot print {kind} results")]
    WrongFormat {
        /// The format asked for.
        format: Format,
        /// `SELECT`, `ASK` or `CONSTRUCT/DESCRIBE`.
        kind: &'static str,
    },
}

impl QueryError {
    /// Did writing fail because the reader went away (a closed pipe)?
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, QueryError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// The error for a failed evaluation: cancelled evaluations ran out of `timeout`.
pub fn evaluation_error(e: QueryEvaluationError, timeout: Duration) -> QueryError {
    match e {
        QueryEvaluationError::Cancelled => QueryError::Timeout(timeout),
        e => QueryError::Evaluation(e),
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

/// Called when a query is still running a grace period after its time limit.
pub type StuckHandler = std::sync::Arc<dyn Fn(Duration) + Send + Sync>;

/// Limits on one query evaluation.
#[derive(Clone, Default)]
pub struct RunOptions {
    /// Cancel evaluation after this long (`None`: no limit).
    pub timeout: Option<Duration>,
    /// Some operators (sorting, grouping a huge join) do not look at the cancellation
    /// for a long time. When set, this is called (once) if the query still runs
    /// two seconds plus a tenth of the limit after its deadline: a command line that owns
    /// its process can end it there.
    pub when_stuck: Option<StuckHandler>,
    /// The RDF dataset named outside the query (the SPARQL protocol's `default-graph-uri`
    /// and `named-graph-uri`): when set, it replaces the query's own FROM and FROM NAMED.
    pub dataset: Option<Dataset>,
}

/// Graphs making up a query's dataset.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dataset {
    /// Merged into the default graph.
    pub default: Vec<NamedNode>,
    /// The named graphs `GRAPH` can see (none other).
    pub named: Vec<NamedNode>,
}

impl RunOptions {
    /// A time limit and nothing else (`None`: no limit).
    pub fn with_timeout(timeout: Option<Duration>) -> Self {
        RunOptions {
            timeout,
            ..RunOptions::default()
        }
    }
}

/// Evaluate a read-only `query` on `store` and hand its results to `consume` while the
/// time limit holds (results are lazy: most of the work happens as `consume` reads them).
/// The duration given to `consume` is the limit, for its own error messages. SERVICE
/// calls are not possible (no HTTP client is configured) and updates are refused.
pub fn evaluate<T>(
    store: &Store,
    query: &str,
    opts: &RunOptions,
    consume: impl FnOnce(QueryResults<'_>, Duration) -> Result<T, QueryError>,
) -> Result<T, QueryError> {
    check(query)?;
    let token = CancellationToken::new();
    let mut prepared = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .parse_query(query)
        .map_err(|e| QueryError::Syntax(e.to_string()))?;
    if let Some(d) = &opts.dataset {
        let spec = prepared.dataset_mut();
        spec.set_default_graph(d.default.iter().cloned().map(Into::into).collect());
        spec.set_available_named_graphs(d.named.iter().cloned().map(Into::into).collect());
    }
    // Shown in messages when there is no limit (it cannot time out then).
    let limit = opts.timeout.unwrap_or(Duration::MAX);
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let watchdog = opts.timeout.map(|timeout| {
        let when_stuck = opts.when_stuck.clone();
        std::thread::spawn(move || {
            use std::sync::mpsc::RecvTimeoutError::Timeout;
            if done_rx.recv_timeout(timeout) != Err(Timeout) {
                return;
            }
            token.cancel();
            if let Some(stuck) = when_stuck {
                let grace = Duration::from_secs(2) + timeout / 10;
                if done_rx.recv_timeout(grace) == Err(Timeout) {
                    stuck(timeout);
                }
            }
        })
    });
    let result = prepared
        .on_store(store)
        .execute()
        .map_err(|e| evaluation_error(e, limit))
        .and_then(|results| consume(results, limit));
    let _ = done_tx.send(());
    if let Some(w) = watchdog {
        let _ = w.join();
    }
    result
}

/// A term as plain text: a literal's value, an IRI, or the term's SPARQL form.
fn plain(t: Option<&Term>) -> String {
    match t {
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(Term::NamedNode(n)) => n.as_str().to_string(),
        Some(t) => t.to_string(),
        None => String::new(),
    }
}

/// The rows of a SELECT query as variable → plain text (literal values, IRIs); unbound
/// variables are empty strings. Other kinds of queries give no rows.
pub fn select_rows(
    store: &Store,
    query: &str,
    opts: &RunOptions,
) -> Result<Vec<std::collections::BTreeMap<String, String>>, QueryError> {
    evaluate(store, query, opts, |results, limit| {
        let mut out = Vec::new();
        if let QueryResults::Solutions(solutions) = results {
            let vars: Vec<String> = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_string())
                .collect();
            for s in solutions {
                let s = s.map_err(|e| evaluation_error(e, limit))?;
                out.push(
                    vars.iter()
                        .map(|v| (v.clone(), plain(s.get(v.as_str()))))
                        .collect(),
                );
            }
        }
        Ok(out)
    })
}

/// `s` as a SPARQL string literal, quoted and escaped (safe to paste into a query).
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Run `query` on `store` and write its results to `out` in `format`. Results are
/// streamed as they are produced (except where SPARQL itself needs them all, as for
/// ORDER BY or GROUP BY).
pub fn run(
    store: &Store,
    query: &str,
    format: Format,
    opts: &RunOptions,
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    evaluate(store, query, opts, |results, limit| {
        write_results(results, format, limit, out)
    })
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
                let s = s.map_err(|e| evaluation_error(e, timeout))?;
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
            let mut ser = crate::vocab::prefixed(RdfSerializer::from_format(rf)).for_writer(&mut *out);
            for t in triples {
                let t = t.map_err(|e| evaluation_error(e, timeout))?;
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
        Term::NamedNode(n) => crate::vocab::compact_iri(n.as_str()),
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
            Some(s) => preview.push(cells(&s.map_err(|e| evaluation_error(e, timeout))?)),
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
        line(&cells(&s.map_err(|e| evaluation_error(e, timeout))?), out)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_are_quoted_and_escaped() {
        assert_eq!(string_literal("國務院"), "\"國務院\"");
        let nasty = "a\"b\\c\nd\re\tf\" } ; DROP ALL";
        let lit = string_literal(nasty);
        assert_eq!(lit, "\"a\\\"b\\\\c\\nd\\re\\tf\\\" } ; DROP ALL\"");
        // It reads back as the same string in a query.
        let store = Store::new().unwrap();
        let rows = select_rows(
            &store,
            &format!("SELECT ?x WHERE {{ BIND({lit} AS ?x) }}"),
            &RunOptions::default(),
        )
        .unwrap();
        assert_eq!(
            rows,
            vec![[("x".to_string(), nasty.to_string())].into_iter().collect()]
        );
    }
}
