//! Exports of the graph for other tools: RDF serializations ([`rdf`]), GraphViz diagrams
//! ([`dot`]), GraphML ([`graphml`]) and property-graph databases ([`neo4j`], [`kuzu`]).
//!
//! Every export starts from a [`Selection`] of the store's quads: the whole dataset, one
//! article's graph, the result of a CONSTRUCT query, or an entity's neighbourhood. The
//! RDF formats write those quads; the others first map them to a [`model::PropertyGraph`]
//! (people, organizations, places, proposals, memberships … as nodes, facts as edges).
//! Files are written under a temporary name and renamed, folders likewise, so a failed
//! export leaves nothing half-written.

use std::collections::BTreeSet;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use oxigraph::io::RdfSerializer;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad, Term};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

pub mod dot;
pub mod graphml;
pub mod kuzu;
pub mod model;
pub mod neo4j;
pub mod rdf;

/// Prefixes used when writing RDF and when shortening IRIs for display.
pub const PREFIXES: &[(&str, &str)] = &[
    ("zhkg", "https://w3id.org/zhkg/ontology#"),
    ("zid", "https://w3id.org/zhkg/id/"),
    ("schema", "http://schema.org/"),
    ("org", "http://www.w3.org/ns/org#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    (
        "nif",
        "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    ),
    ("itsrdf", "http://www.w3.org/2005/11/its/rdf#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

/// A serializer with the project's prefixes declared (for formats that use them).
pub fn prefixed(mut ser: RdfSerializer) -> RdfSerializer {
    for (p, iri) in PREFIXES {
        ser = ser.with_prefix(*p, *iri).expect("valid prefix IRI");
    }
    ser
}

/// `http://schema.org/Person` → `schema:Person`; other IRIs unchanged.
pub fn compact_iri(iri: &str) -> String {
    for (p, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            if !local.is_empty()
                && local
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | '.'))
            {
                return format!("{p}:{local}");
            }
        }
    }
    iri.to_string()
}

/// What `zhkg export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// RDF Turtle (the articles' triples merged, prefixed).
    Turtle,
    /// RDF N-Triples (merged).
    Ntriples,
    /// RDF N-Quads: the whole dataset, one named graph per article.
    Nquads,
    /// RDF TriG: the whole dataset, prefixed.
    Trig,
    /// RDF/XML (merged).
    Rdfxml,
    /// JSON-LD with named graphs.
    Jsonld,
    /// GraphViz source of a diagram (people, organizations, places, proposals).
    Dot,
    /// The diagram rendered to SVG by GraphViz `dot`.
    Svg,
    /// The diagram rendered to PNG by GraphViz `dot`.
    Png,
    /// GraphML (every node and edge of the property graph), e.g. for networkx, Gephi, yEd.
    Graphml,
    /// A folder for `neo4j-admin database import` (typed CSV) plus a LOAD CSV Cypher script.
    Neo4j,
    /// A folder for Kùzu: schema DDL, CSV files and COPY FROM statements.
    Kuzu,
}

impl Format {
    /// The RDF serialization, for RDF formats.
    pub fn rdf(self) -> Option<rdf::Rdf> {
        Some(match self {
            Format::Turtle => rdf::Rdf::Turtle,
            Format::Ntriples => rdf::Rdf::NTriples,
            Format::Nquads => rdf::Rdf::NQuads,
            Format::Trig => rdf::Rdf::TriG,
            Format::Rdfxml => rdf::Rdf::RdfXml,
            Format::Jsonld => rdf::Rdf::JsonLd,
            _ => return None,
        })
    }

    /// Formats written as a folder of files.
    pub fn is_folder(self) -> bool {
        matches!(self, Format::Neo4j | Format::Kuzu)
    }

    /// Where a folder format goes when `--out` is not given.
    pub fn default_folder(self) -> Option<PathBuf> {
        match self {
            Format::Neo4j => Some(PathBuf::from("output/neo4j")),
            Format::Kuzu => Some(PathBuf::from("output/kuzu")),
            _ => None,
        }
    }

    /// Binary output, not for a terminal.
    pub fn is_binary(self) -> bool {
        self == Format::Png
    }
}

/// Which part of the store an export covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every graph: the articles, the ontology and the store's meta graph.
    All,
    /// One article's named graph, by file name.
    Document(String),
    /// The triples a CONSTRUCT (or DESCRIBE) query returns, in the default graph.
    Construct(String),
    /// The descriptions of everything within `depth` facts of the entities named `name`
    /// (a label in either script, or an IRI).
    Entity { name: String, depth: usize },
}

/// Why an export failed.
#[derive(Debug)]
pub enum ExportError {
    NoDocument(String),
    NoEntity(String),
    Query(String),
    NotAGraphQuery,
    Storage(String),
    Io(PathBuf, std::io::Error),
    Render(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::NoDocument(d) => write!(f, "no article named {d} in the store (list them with `zhkg query -e 'SELECT ?d WHERE {{ GRAPH ?g {{ ?g <http://purl.org/dc/terms/identifier> ?d }} }}'`)"),
            ExportError::NoEntity(n) => write!(f, "no person, organization or place is named {n} in the store (names as written, in either script; see `zhkg query queries/people.rq`)"),
            ExportError::Query(m) => write!(f, "--query: {m}"),
            ExportError::NotAGraphQuery => write!(f, "--query needs a CONSTRUCT or DESCRIBE query (it returns the triples to export)"),
            ExportError::Storage(m) => write!(f, "reading the store: {m}"),
            ExportError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            ExportError::Render(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for ExportError {}

fn storage(e: impl fmt::Display) -> ExportError {
    ExportError::Storage(e.to_string())
}

/// The quads a selection covers, in a stable order.
pub fn select(store: &Store, selection: &Selection, timeout: Duration) -> Result<Vec<Quad>, ExportError> {
    let mut quads = match selection {
        Selection::All => store.iter().collect::<Result<Vec<_>, _>>().map_err(storage)?,
        Selection::Document(name) => {
            let docs = crate::store::documents(store).map_err(storage)?;
            if !docs.contains(name) {
                return Err(ExportError::NoDocument(name.clone()));
            }
            let g = NamedNode::new_unchecked(crate::rdf::document_iri(name));
            store
                .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref())))
                .collect::<Result<Vec<_>, _>>()
                .map_err(storage)?
        }
        Selection::Construct(query) => construct(store, query, timeout)?,
        Selection::Entity { name, depth } => neighbourhood(store, name, *depth)?,
    };
    quads.sort_unstable_by_key(|q| q.to_string());
    quads.dedup();
    Ok(quads)
}

fn construct(store: &Store, query: &str, timeout: Duration) -> Result<Vec<Quad>, ExportError> {
    crate::query::check(query).map_err(|e| ExportError::Query(e.to_string()))?;
    let token = CancellationToken::new();
    let prepared = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .parse_query(query)
        .map_err(|e| ExportError::Query(e.to_string()))?;
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if done_rx.recv_timeout(timeout).is_err() {
            token.cancel();
        }
    });
    let result = (|| {
        let results = prepared
            .on_store(store)
            .execute()
            .map_err(|e| ExportError::Query(e.to_string()))?;
        let QueryResults::Graph(triples) = results else {
            return Err(ExportError::NotAGraphQuery);
        };
        let mut out = Vec::new();
        for t in triples {
            let t = t.map_err(|e| ExportError::Query(e.to_string()))?;
            out.push(t.in_graph(GraphName::DefaultGraph));
        }
        Ok(out)
    })();
    let _ = done_tx.send(());
    let _ = watchdog.join();
    result
}

/// Is this graph article data (not the ontology or the store's bookkeeping)?
pub fn is_data_graph(g: &GraphName) -> bool {
    match g {
        GraphName::NamedNode(n) => {
            n.as_str() != crate::vocab::ONTOLOGY_GRAPH && n.as_str() != crate::vocab::META_GRAPH
        }
        _ => true,
    }
}

fn neighbourhood(store: &Store, name: &str, depth: usize) -> Result<Vec<Quad>, ExportError> {
    let all: Vec<Quad> = store
        .iter()
        .filter(|q| q.as_ref().map_or(true, |q| is_data_graph(&q.graph_name)))
        .collect::<Result<_, _>>()
        .map_err(storage)?;
    let graph = model::PropertyGraph::from_quads(&all);
    let start = graph.find(name);
    if start.is_empty() {
        return Err(ExportError::NoEntity(name.to_string()));
    }
    let mut keep: BTreeSet<String> = graph.neighbourhood(&start, depth);
    // The roles of memberships and posts come along, so their labels do.
    let roles: Vec<String> = all
        .iter()
        .filter(|q| q.predicate == crate::vocab::org::ROLE)
        .filter(|q| matches!(&q.subject, oxigraph::model::NamedOrBlankNode::NamedNode(s) if keep.contains(s.as_str())))
        .filter_map(|q| term_iri(&q.object).map(str::to_string))
        .collect();
    keep.extend(roles);
    Ok(all
        .into_iter()
        .filter(|q| match &q.subject {
            oxigraph::model::NamedOrBlankNode::NamedNode(s) => keep.contains(s.as_str()),
            _ => false,
        })
        .collect())
}

/// Does `term` name a node (not a literal)?
pub(crate) fn term_iri(t: &Term) -> Option<&str> {
    match t {
        Term::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

/// Write a file atomically: `write` fills a temporary file beside `path`, which is renamed
/// to `path` only when everything was written.
pub fn write_file_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| ExportError::Io(parent.to_path_buf(), e))?;
    }
    let tmp = temp_sibling(path);
    let io = |e| ExportError::Io(tmp.clone(), e);
    let result = (|| {
        let file = std::fs::File::create(&tmp).map_err(io)?;
        let mut w = std::io::BufWriter::new(file);
        write(&mut w)?;
        let file = w.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)?;
        std::fs::rename(&tmp, path).map_err(|e| ExportError::Io(path.to_path_buf(), e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Write a folder atomically: `fill` writes into an empty temporary folder beside `dir`,
/// which then replaces `dir` (an earlier export there is removed only after success).
pub fn write_dir_atomically(
    dir: &Path,
    fill: impl FnOnce(&Path) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| ExportError::Io(parent.to_path_buf(), e))?;
    }
    let tmp = temp_sibling(dir);
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir(&tmp).map_err(|e| ExportError::Io(tmp.clone(), e))?;
    let result = fill(&tmp).and_then(|()| {
        let old = dir.with_file_name(format!(
            ".{}.old-{}",
            dir.file_name().unwrap_or_default().to_string_lossy(),
            std::process::id()
        ));
        let had_old = dir.exists();
        if had_old {
            std::fs::rename(dir, &old).map_err(|e| ExportError::Io(dir.to_path_buf(), e))?;
        }
        match std::fs::rename(&tmp, dir) {
            Ok(()) => {
                if had_old {
                    let _ = std::fs::remove_dir_all(&old);
                }
                Ok(())
            }
            Err(e) => {
                if had_old {
                    let _ = std::fs::rename(&old, dir);
                }
                Err(ExportError::Io(dir.to_path_buf(), e))
            }
        }
    });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

fn temp_sibling(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

/// Write one file of a folder export.
pub(crate) fn write_in(dir: &Path, name: &str, content: &[u8]) -> Result<(), ExportError> {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| ExportError::Io(parent.to_path_buf(), e))?;
    }
    std::fs::write(&path, content).map_err(|e| ExportError::Io(path, e))
}

/// One CSV field, always quoted (RFC 4180: quotes doubled); line breaks become spaces so
/// that every record is one line (neo4j-admin needs no --multiline-fields).
pub(crate) fn csv_field(value: &str) -> String {
    let one_line: String = value
        .chars()
        .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
        .collect();
    format!("\"{}\"", one_line.replace('"', "\"\""))
}

/// One CSV record; a missing value is an empty unquoted field (no property, NULL).
pub(crate) fn csv_line(fields: &[Option<String>]) -> String {
    let mut line = fields
        .iter()
        .map(|f| f.as_deref().map(csv_field).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// A CSV record whose fields are already formatted (headers).
pub(crate) fn csv_header(fields: &[String]) -> String {
    let mut line = fields.join(",");
    line.push('\n');
    line
}
