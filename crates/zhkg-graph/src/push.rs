//! Push the store's graphs to a remote triple store with the SPARQL 1.1 Graph Store HTTP
//! Protocol: one `PUT ?graph=IRI` per graph (N-Triples), which replaces the remote graph,
//! so pushing again gives the same remote dataset (Virtuoso, Fuseki, QLever, oxigraph
//! server …).
//!
//! With one graph per document, each article's named graph is sent to the same IRI it has
//! locally, so the ready queries (which read `GRAPH ?g`) work on the remote store too.
//! Otherwise every article goes into one graph: the first is PUT (replacing what an
//! earlier push left) and the others are POSTed (added) to it. The ontology always goes
//! to its own graph.

use std::io::Read;
use std::time::{Duration, Instant};

use base64::Engine;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, Triple};
use oxigraph::store::Store;

use crate::vocab::ONTOLOGY_GRAPH;

/// The remote graph receiving every article unless each gets its own.
pub const CORPUS_GRAPH: &str = "https://w3id.org/zhkg/id/graph/corpus";

/// What to push, where.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// The Graph Store Protocol URL (`http://host:8890/sparql-graph-crud`).
    pub endpoint: String,
    /// One remote graph per article (its own IRI) instead of one for all.
    pub per_document: bool,
    /// The remote graph for all articles when not `per_document`.
    pub into: String,
    /// `USER:PASSWORD` for HTTP basic authentication.
    pub user: Option<String>,
    /// Limit for each request, answer included (`None`: no limit).
    pub timeout: Option<Duration>,
}

/// One request that succeeded.
#[derive(Debug, Clone)]
pub struct Sent {
    pub graph: String,
    pub method: &'static str,
    pub triples: usize,
    pub bytes: usize,
    pub status: u16,
}

/// What a push did.
#[derive(Debug, Default)]
pub struct PushReport {
    pub sent: Vec<Sent>,
    /// Documents pushed (articles).
    pub documents: usize,
    /// Why the push stopped early, if it did (one line each).
    pub failed: Vec<String>,
    pub seconds: f64,
}

impl PushReport {
    pub fn triples(&self) -> usize {
        self.sent.iter().map(|s| s.triples).sum()
    }

    /// One line: what was sent where.
    pub fn summary(&self, endpoint: &str) -> String {
        let graphs: std::collections::BTreeSet<&str> = self.sent.iter().map(|s| s.graph.as_str()).collect();
        let bytes: usize = self.sent.iter().map(|s| s.bytes).sum();
        format!(
            "pushed {} articles in {} requests to {} graphs: {} triples ({:.1} kB) -> {endpoint} in {:.1} s{}",
            self.documents,
            self.sent.len(),
            graphs.len(),
            self.triples(),
            bytes as f64 / 1000.0,
            self.seconds,
            if self.failed.is_empty() {
                String::new()
            } else {
                format!("; stopped early: {} error(s)", self.failed.len())
            }
        )
    }
}

/// Why a push could not start or had to stop.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// The endpoint is not an http(s) URL.
    #[error("the endpoint {0} is not an http:// or https:// URL")]
    BadEndpoint(String),
    /// The credentials are not `USER:PASSWORD`.
    #[error("the user must be given as USER:PASSWORD")]
    BadUser,
    /// Reading the local store failed.
    #[error("reading the store")]
    Storage(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The remote store could not be reached.
    #[error("cannot reach {endpoint}: {reason} (is the store running, and is this its address?)")]
    Connect {
        /// The endpoint tried.
        endpoint: String,
        /// What went wrong, in a few words.
        reason: String,
    },
    /// The remote store did not answer in time.
    #[error(
        "{endpoint} did not answer within {seconds} s (allow more time, or check the store is not stuck)"
    )]
    Timeout {
        /// The endpoint tried.
        endpoint: String,
        /// The time allowed.
        seconds: f64,
    },
    /// The remote store answered with an error status.
    #[error("the store refused graph <{graph}>: HTTP {status}{}{}", if reason.is_empty() { String::new() } else { format!(": {reason}") }, if hint.is_empty() { String::new() } else { format!(" ({hint})") })]
    Refused {
        /// The remote graph.
        graph: String,
        /// The HTTP status.
        status: u16,
        /// The answer's text, shortened.
        reason: String,
        /// What usually causes this status.
        hint: &'static str,
    },
}

fn storage(e: impl std::error::Error + Send + Sync + 'static) -> PushError {
    PushError::Storage(Box::new(e))
}

fn hint(status: u16) -> &'static str {
    match status {
        401 => "the store wants credentials (USER:PASSWORD)",
        403 => "this user may not write there: on Virtuoso run `GRANT SPARQL_UPDATE TO \"SPARQL\"` in isql, or use /sparql-graph-crud-auth with credentials; on Fuseki open the dataset for update",
        404 => "no Graph Store endpoint at this URL: Virtuoso has /sparql-graph-crud, Fuseki /DATASET/data, oxigraph server /store",
        405 => "this URL does not take PUT: is it the SPARQL query endpoint instead of the Graph Store one?",
        413 => "the request is too large for the store's limits",
        415 => "the store does not read N-Triples at this URL",
        _ => "",
    }
}

/// The URL of one graph at a Graph Store Protocol endpoint.
pub fn graph_url(endpoint: &str, graph: &str) -> String {
    let sep = if endpoint.contains('?') { '&' } else { '?' };
    format!("{endpoint}{sep}graph={}", crate::rdf::percent_encode(graph))
}

/// Text of an error answer: tags dropped, spaces collapsed, cut short.
fn reason(body: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words.join(" ");
    if out.chars().count() > 300 {
        out = out.chars().take(300).collect::<String>() + "…";
    }
    out
}

fn ntriples(store: &Store, graph: &str) -> Result<(Vec<u8>, usize), PushError> {
    let g = NamedNode::new_unchecked(graph);
    let mut ser = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    let mut n = 0;
    for q in store.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref()))) {
        let q = q.map_err(storage)?;
        ser.serialize_triple(&Triple::from(q)).map_err(storage)?;
        n += 1;
    }
    let bytes = ser.finish().map_err(storage)?;
    Ok((bytes, n))
}

/// Push the store's articles (and the ontology) to `opts.endpoint`. `progress` gets one
/// line per request. Errors before anything is sent are returned; an error while sending
/// stops the push and is listed in the report's `failed`, beside what was sent.
pub fn push(
    store: &Store,
    opts: &PushOptions,
    progress: &mut dyn FnMut(&str),
) -> Result<PushReport, PushError> {
    let started = Instant::now();
    let endpoint = opts.endpoint.trim().to_string();
    if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
        return Err(PushError::BadEndpoint(endpoint));
    }
    let auth = match &opts.user {
        Some(u) if u.contains(':') => Some(format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(u.as_bytes())
        )),
        Some(_) => return Err(PushError::BadUser),
        None => None,
    };
    let documents = crate::store::documents(store).map_err(storage)?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(opts.timeout)
        .http_status_as_error(false)
        .build()
        .into();

    // (remote graph, local graph, method)
    let mut plan: Vec<(String, String, &'static str)> = Vec::new();
    for (i, d) in documents.iter().enumerate() {
        let local = crate::rdf::document_iri(d);
        if opts.per_document {
            plan.push((local.clone(), local, "PUT"));
        } else {
            plan.push((opts.into.clone(), local, if i == 0 { "PUT" } else { "POST" }));
        }
    }
    plan.push((ONTOLOGY_GRAPH.to_string(), ONTOLOGY_GRAPH.to_string(), "PUT"));

    let mut report = PushReport::default();
    for (remote, local, method) in plan {
        let (body, triples) = ntriples(store, &local)?;
        let url = graph_url(&endpoint, &remote);
        let req = match method {
            "PUT" => agent.put(&url),
            _ => agent.post(&url),
        };
        let mut req = req.header("Content-Type", "application/n-triples; charset=utf-8");
        if let Some(a) = &auth {
            req = req.header("Authorization", a);
        }
        let sent_at = Instant::now();
        let result = req.send(&body[..]);
        let error = match result {
            Ok(mut resp) => {
                let status = resp.status().as_u16();
                if (200..300).contains(&status) {
                    progress(&format!(
                        "{method} <{remote}>: {triples} triples from {} -> HTTP {status} in {:.2} s",
                        local.rsplit('/').next().unwrap_or(&local),
                        sent_at.elapsed().as_secs_f64()
                    ));
                    report.sent.push(Sent {
                        graph: remote.clone(),
                        method,
                        triples,
                        bytes: body.len(),
                        status,
                    });
                    if local != ONTOLOGY_GRAPH {
                        report.documents += 1;
                    }
                    continue;
                }
                let mut text = String::new();
                let _ = resp
                    .body_mut()
                    .as_reader()
                    .take(64 * 1024)
                    .read_to_string(&mut text);
                PushError::Refused {
                    graph: remote.clone(),
                    status,
                    reason: reason(&text),
                    hint: hint(status),
                }
            }
            Err(ureq::Error::Timeout(_)) => PushError::Timeout {
                endpoint: endpoint.clone(),
                seconds: opts.timeout.unwrap_or(Duration::MAX).as_secs_f64(),
            },
            Err(ureq::Error::Io(e)) if e.kind() == std::io::ErrorKind::TimedOut => PushError::Timeout {
                endpoint: endpoint.clone(),
                seconds: opts.timeout.unwrap_or(Duration::MAX).as_secs_f64(),
            },
            Err(e) => PushError::Connect {
                endpoint: endpoint.clone(),
                reason: match &e {
                    ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
                        "connection refused".to_string()
                    }
                    ureq::Error::HostNotFound => "host not found".to_string(),
                    e => e.to_string(),
                },
            },
        };
        report.failed.push(error.to_string());
        break;
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}
