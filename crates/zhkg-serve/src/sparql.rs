//! The SPARQL 1.1 Protocol at `/sparql` (and `/query`): queries by GET, by POST as a form
//! or as `application/sparql-query`; results negotiated by `Accept`; updates refused; a
//! service description when no query is given.
//!
//! Each query is evaluated on a thread of its own with zhkg-graph's deadline, and the
//! request waits for it a little past the limit: a query whose operators ignore the
//! cancellation for a while (sorting a huge join) is answered `503` on time and left to
//! stop in the background, and while a few such are still stopping, new queries are
//! refused rather than piling up.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use oxhttp::model::{Body, Request, Response, StatusCode};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::NamedNode;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryEvaluationError, QueryResults};
use oxigraph::store::Store;
use zhkg_graph::query::{self, Dataset, QueryError, RunOptions};

use crate::http::{
    content_type, negotiate, not_acceptable, read_body, too_large, with_body, Capped, Params, Refusal,
};

/// Media types for SELECT and ASK results; the first is the default.
pub const RESULT_OFFERS: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
];

const JSON_LD: RdfFormat = RdfFormat::JsonLd {
    profile: oxigraph::io::JsonLdProfileSet::empty(),
};

/// Media types for graphs (CONSTRUCT, DESCRIBE, one graph of the store); the first is the
/// default.
pub const GRAPH_OFFERS: &[(&str, RdfFormat)] = &[
    ("text/turtle", RdfFormat::Turtle),
    ("application/x-turtle", RdfFormat::Turtle),
    ("application/n-triples", RdfFormat::NTriples),
    ("text/plain", RdfFormat::NTriples),
    ("application/rdf+xml", RdfFormat::RdfXml),
    ("application/xml", RdfFormat::RdfXml),
    ("text/xml", RdfFormat::RdfXml),
    ("application/ld+json", JSON_LD),
    ("application/json", JSON_LD),
    ("application/n-quads", RdfFormat::NQuads),
    ("application/trig", RdfFormat::TriG),
];

/// How long past its limit a query may take to notice its cancellation before the
/// request is answered anyway.
const GRACE: Duration = Duration::from_secs(1);

/// Queries past their limit that may still be stopping before new ones are refused.
const MAX_STOPPING: usize = 4;

/// Runs queries with a deadline, each on its own thread.
pub struct Evaluator {
    pub store: Store,
    pub timeout: Option<Duration>,
    /// Largest answer held for one response, in bytes.
    pub max_response: usize,
    stopping: Arc<AtomicUsize>,
}

/// A serialized answer.
pub struct Answer {
    pub media_type: &'static str,
    pub body: Vec<u8>,
}

impl Evaluator {
    pub fn new(store: Store, timeout: Option<Duration>, max_response: usize) -> Evaluator {
        Evaluator {
            store,
            timeout,
            max_response,
            stopping: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// Evaluate `query` and serialize its results in the negotiated format.
    pub fn answer(
        &self,
        query: String,
        dataset: Option<Dataset>,
        results_format: Option<QueryResultsFormat>,
        graph_format: Option<RdfFormat>,
    ) -> Result<Answer, Refusal> {
        query::check(&query).map_err(|e| refusal(e, self.max_response))?;
        let stopping = self.stopping.load(Ordering::SeqCst);
        if stopping >= MAX_STOPPING {
            return Err(Refusal::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "busy: {stopping} queries that ran out of time are still stopping; try again shortly"
                ),
            ));
        }
        let (tx, rx) = mpsc::channel();
        let store = self.store.clone();
        let opts = RunOptions {
            dataset,
            ..RunOptions::with_timeout(self.timeout)
        };
        let max = self.max_response;
        let abandoned = Arc::new(AtomicBool::new(false));
        let worker_abandoned = Arc::clone(&abandoned);
        let worker_stopping = Arc::clone(&self.stopping);
        std::thread::Builder::new()
            .name("zhkg sparql".into())
            .spawn(move || {
                let result = query::evaluate(&store, &query, &opts, |results, limit| {
                    serialize(results, results_format, graph_format, limit, max)
                });
                let _ = tx.send(result);
                if worker_abandoned.swap(true, Ordering::SeqCst) {
                    worker_stopping.fetch_sub(1, Ordering::SeqCst);
                }
            })
            .map_err(|e| {
                Refusal::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!("cannot start the query: {e}"),
                )
            })?;
        let received = match self.timeout {
            None => rx.recv().ok(),
            Some(limit) => match rx.recv_timeout(limit + GRACE) {
                Ok(r) => Some(r),
                Err(_) => {
                    self.stopping.fetch_add(1, Ordering::SeqCst);
                    if abandoned.swap(true, Ordering::SeqCst) {
                        // It finished just now after all.
                        self.stopping.fetch_sub(1, Ordering::SeqCst);
                        rx.recv().ok()
                    } else {
                        Some(Err(QueryError::Timeout(limit)))
                    }
                }
            },
        };
        match received {
            Some(Ok(answer)) => answer,
            Some(Err(e)) => Err(refusal(e, max)),
            None => Err(Refusal::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the query failed unexpectedly",
            )),
        }
    }
}

/// Serialize results; the inner error is a refusal (no acceptable format, too large).
fn serialize(
    results: QueryResults<'_>,
    results_format: Option<QueryResultsFormat>,
    graph_format: Option<RdfFormat>,
    limit: Duration,
    max: usize,
) -> Result<Result<Answer, Refusal>, QueryError> {
    let mut out = Capped::new(max);
    let media_type = match results {
        QueryResults::Solutions(solutions) => {
            let Some(f) = results_format else {
                return Ok(Err(not_acceptable(RESULT_OFFERS)));
            };
            let mut ser = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(&mut out, solutions.variables().to_vec())?;
            for s in solutions {
                ser.serialize(&s.map_err(|e| query::evaluation_error(e, limit))?)?;
            }
            ser.finish()?;
            f.media_type()
        }
        QueryResults::Boolean(b) => {
            let Some(f) = results_format else {
                return Ok(Err(not_acceptable(RESULT_OFFERS)));
            };
            QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(&mut out, b)?;
            f.media_type()
        }
        QueryResults::Graph(triples) => {
            let Some(f) = graph_format else {
                return Ok(Err(not_acceptable(GRAPH_OFFERS)));
            };
            let mut ser = zhkg_graph::vocab::prefixed(RdfSerializer::from_format(f)).for_writer(&mut out);
            for t in triples {
                ser.serialize_triple(&t.map_err(|e| query::evaluation_error(e, limit))?)?;
            }
            ser.finish()?;
            f.media_type()
        }
    };
    Ok(Ok(Answer {
        media_type,
        body: out.into_inner(),
    }))
}

/// The status and message for a failed query.
fn refusal(e: QueryError, max: usize) -> Refusal {
    let status = match &e {
        QueryError::Syntax(_) => StatusCode::BAD_REQUEST,
        QueryError::Update => StatusCode::FORBIDDEN,
        QueryError::Timeout(_) => StatusCode::SERVICE_UNAVAILABLE,
        QueryError::Io(io) if Capped::is_full(io) => {
            return too_large(
                "results",
                max,
                "add a LIMIT (and OFFSET to page), or use `zhkg query`, which streams",
            )
        }
        QueryError::Evaluation(QueryEvaluationError::Dataset(_) | QueryEvaluationError::Unexpected(_)) => {
            StatusCode::INTERNAL_SERVER_ERROR
        }
        QueryError::Evaluation(_) | QueryError::WrongFormat { .. } => StatusCode::BAD_REQUEST,
        QueryError::Io(_) => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    if matches!(e, QueryError::Update) {
        message.push_str("; this endpoint only reads (the graph is changed by `zhkg build`)");
    }
    Refusal::new(status, message)
}

/// Handle a request to the SPARQL endpoint.
pub fn handle(
    evaluator: &Evaluator,
    max_body: usize,
    request: &mut Request<Body>,
) -> Result<Response<Body>, Refusal> {
    let method = request.method().as_str().to_string();
    let mut params = Params::of_url(request);
    let query = match method.as_str() {
        "GET" | "HEAD" => params.one("query")?.map(str::to_string),
        "POST" => match content_type(request).as_deref() {
            Some("application/x-www-form-urlencoded") => {
                let body = read_body(request, max_body)?;
                let in_url = params.has("query");
                params.add_form(&body);
                if in_url && params.all("query").len() > 1 {
                    return Err(Refusal::bad_request(
                        "the query is given both in the URL and in the body",
                    ));
                }
                params.one("query")?.map(str::to_string)
            }
            Some("application/sparql-query") => {
                if params.has("query") {
                    return Err(Refusal::bad_request(
                        "the query is given both in the URL and in the body",
                    ));
                }
                Some(read_body(request, max_body)?)
            }
            Some("application/sparql-update") => return Err(refusal(QueryError::Update, 0)),
            other => {
                return Err(Refusal::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!(
                        "a POSTed query is sent as application/x-www-form-urlencoded or application/sparql-query, not {}",
                        other.unwrap_or("a body without Content-Type")
                    ),
                ))
            }
        },
        _ => return Err(method_not_allowed("GET, HEAD, POST")),
    };
    if params.has("update") {
        return Err(refusal(QueryError::Update, 0));
    }
    let dataset = protocol_dataset(&params)?;
    let Some(query) = query else {
        if method == "POST" {
            return Err(Refusal::bad_request("no `query` parameter in the request"));
        }
        return service_description(evaluator, request);
    };
    let results_format = negotiate(request, RESULT_OFFERS);
    let graph_format = negotiate(request, GRAPH_OFFERS);
    let answer = evaluator.answer(query, dataset, results_format, graph_format)?;
    let body = if method == "HEAD" { Vec::new() } else { answer.body };
    Ok(with_body(StatusCode::OK, answer.media_type, body))
}

/// The dataset of the protocol's `default-graph-uri` and `named-graph-uri` parameters,
/// which replaces the query's FROM and FROM NAMED when either is given.
fn protocol_dataset(params: &Params) -> Result<Option<Dataset>, Refusal> {
    let iris = |name: &str| -> Result<Vec<NamedNode>, Refusal> {
        params
            .all(name)
            .into_iter()
            .map(|iri| {
                NamedNode::new(iri)
                    .map_err(|e| Refusal::bad_request(format!("`{name}` is not an IRI ({e}): {iri}")))
            })
            .collect()
    };
    let d = Dataset {
        default: iris("default-graph-uri")?,
        named: iris("named-graph-uri")?,
    };
    Ok((!d.default.is_empty() || !d.named.is_empty()).then_some(d))
}

/// `405 Method Not Allowed` with the methods that are.
pub fn method_not_allowed(allow: &'static str) -> Refusal {
    Refusal::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("this server only reads the graph: the methods here are {allow}"),
    )
}

/// The SPARQL 1.1 Service Description of this endpoint.
fn service_description(evaluator: &Evaluator, request: &Request<Body>) -> Result<Response<Body>, Refusal> {
    let format = negotiate(request, GRAPH_OFFERS).ok_or_else(|| not_acceptable(GRAPH_OFFERS))?;
    let host = request
        .headers()
        .get(oxhttp::model::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let endpoint = format!("http://{host}{}", request.uri().path());
    let mut ttl = format!(
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<{endpoint}#service> a sd:Service ;
  dcterms:title \"zhkg: who proposed what, in Chinese news\" ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML, formats:SPARQL_Results_CSV,
    formats:SPARQL_Results_TSV, formats:Turtle, formats:N-Triples, formats:RDF_XML, formats:JSON-LD ;
  sd:defaultDataset <{endpoint}#dataset> .
<{endpoint}#dataset> a sd:Dataset ;
  sd:defaultGraph [ a sd:Graph ]"
    );
    for g in evaluator.store.named_graphs() {
        let g = g.map_err(|e| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        ttl.push_str(&format!(" ;\n  sd:namedGraph [ a sd:NamedGraph ; sd:name {g} ]"));
    }
    ttl.push_str(" .\n");
    let mut out = Vec::new();
    let mut ser = zhkg_graph::vocab::prefixed(RdfSerializer::from_format(format))
        .with_prefix("sd", "http://www.w3.org/ns/sparql-service-description#")
        .expect("valid prefix")
        .for_writer(&mut out);
    for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(ttl.as_bytes()) {
        let q = t.map_err(|e| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        ser.serialize_quad(&q)
            .map_err(|e| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    }
    ser.finish()
        .map_err(|e| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let body = if request.method().as_str() == "HEAD" {
        Vec::new()
    } else {
        out
    };
    Ok(with_body(StatusCode::OK, format.media_type(), body))
}
