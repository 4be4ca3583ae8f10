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
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad, Term};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;

pub mod dot;
pub mod graphml;
pub mod kuzu;
pub mod model;
pub mod neo4j;
pub mod rdf;

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// Every format, in the order help lists them.
    pub const ALL: [Format; 12] = [
        Format::Turtle,
        Format::Ntriples,
        Format::Nquads,
        Format::Trig,
        Format::Rdfxml,
        Format::Jsonld,
        Format::Dot,
        Format::Svg,
        Format::Png,
        Format::Graphml,
        Format::Neo4j,
        Format::Kuzu,
    ];

    /// The name users type (`--format trig`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Turtle => "turtle",
            Format::Ntriples => "ntriples",
            Format::Nquads => "nquads",
            Format::Trig => "trig",
            Format::Rdfxml => "rdfxml",
            Format::Jsonld => "jsonld",
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Graphml => "graphml",
            Format::Neo4j => "neo4j",
            Format::Kuzu => "kuzu",
        }
    }

    /// One line saying what the format writes.
    pub fn help(self) -> &'static str {
        match self {
            Format::Turtle => "RDF Turtle (the articles' triples merged, prefixed)",
            Format::Ntriples => "RDF N-Triples (merged)",
            Format::Nquads => "RDF N-Quads: the whole dataset, one named graph per article",
            Format::Trig => "RDF TriG: the whole dataset, prefixed",
            Format::Rdfxml => "RDF/XML (merged)",
            Format::Jsonld => "JSON-LD with named graphs",
            Format::Dot => "GraphViz source of a diagram (people, organizations, places, proposals)",
            Format::Svg => "the diagram rendered to SVG by GraphViz dot",
            Format::Png => "the diagram rendered to PNG by GraphViz dot",
            Format::Graphml => {
                "GraphML (every node and edge of the property graph), for networkx, Gephi, yEd"
            }
            Format::Neo4j => {
                "a folder for neo4j-admin database import (typed CSV) plus a LOAD CSV Cypher script"
            }
            Format::Kuzu => "a folder for Kùzu: schema DDL, CSV files and COPY FROM statements",
        }
    }

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
}

named_formats!(Format);

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
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// No article of that file name is in the store.
    #[error("no article named {0} in the store (list them with `zhkg query -e 'SELECT ?d WHERE {{ GRAPH ?g {{ ?g <http://purl.org/dc/terms/identifier> ?d }} }}'`)")]
    NoDocument(String),
    /// No person, organization or place has that name.
    #[error("no person, organization or place is named {0} in the store (names as written, in either script; see `zhkg query queries/people.rq`)")]
    NoEntity(String),
    /// The CONSTRUCT query of the selection failed.
    #[error("the selection's query")]
    Query(#[source] crate::query::QueryError),
    /// The selection's query is not a CONSTRUCT or DESCRIBE.
    #[error("the selection needs a CONSTRUCT or DESCRIBE query (it returns the triples to export)")]
    NotAGraphQuery,
    /// Reading the store failed.
    #[error("reading the store")]
    Storage(#[source] oxigraph::store::StorageError),
    /// Writing a file (or standard output) failed.
    #[error("{}", .0.display())]
    Io(PathBuf, #[source] std::io::Error),
    /// GraphViz failed or is missing.
    #[error("{0}")]
    Render(String),
}

impl ExportError {
    /// Did writing fail because the reader went away (a closed pipe)?
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, ExportError::Io(_, e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

fn storage(e: oxigraph::store::StorageError) -> ExportError {
    ExportError::Storage(e)
}

/// The quads a selection covers, in a stable order.
pub fn select(
    store: &Store,
    selection: &Selection,
    timeout: Option<Duration>,
) -> Result<Vec<Quad>, ExportError> {
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

fn construct(store: &Store, query: &str, timeout: Option<Duration>) -> Result<Vec<Quad>, ExportError> {
    let opts = crate::query::RunOptions::with_timeout(timeout);
    let mut not_graph = false;
    let quads = crate::query::evaluate(store, query, &opts, |results, limit| {
        let QueryResults::Graph(triples) = results else {
            not_graph = true;
            return Ok(Vec::new());
        };
        triples
            .map(|t| {
                t.map(|t| t.in_graph(GraphName::DefaultGraph))
                    .map_err(|e| crate::query::evaluation_error(e, limit))
            })
            .collect()
    })
    .map_err(ExportError::Query)?;
    if not_graph {
        return Err(ExportError::NotAGraphQuery);
    }
    Ok(quads)
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

/// What a folder export holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FolderContents {
    /// Nodes written.
    pub nodes: usize,
    /// Relationships written.
    pub relationships: usize,
    /// The files, relative to the folder.
    pub files: Vec<String>,
}

/// One export: what to write and from which part of the store.
#[derive(Debug, Clone)]
pub struct Request {
    /// What to write.
    pub format: Format,
    /// Which part of the store.
    pub selection: Selection,
    /// Diagrams: box each article's proposals.
    pub clusters: bool,
    /// Time limit of a CONSTRUCT selection (`None`: no limit).
    pub timeout: Option<Duration>,
}

/// Where an export goes: a file or folder (written atomically) or a stream.
pub enum Target<'a> {
    /// A file, or a folder for [`Format::is_folder`] formats; replaced only on success.
    Path(PathBuf),
    /// A stream (standard output); folder formats cannot go there.
    Stream(&'a mut dyn Write),
}

/// What an export wrote, for the summary line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// RDF statements.
    Statements(usize),
    /// A diagram (DOT, SVG or PNG).
    Diagram,
    /// A property graph in one file.
    Graph {
        /// Nodes written.
        nodes: usize,
        /// Edges written.
        edges: usize,
    },
    /// A folder for a property-graph database.
    Folder(FolderContents),
}

/// The outcome of [`run`]: what was written and any warnings (a missing Chinese font,
/// GraphViz's own messages).
#[derive(Debug, Clone)]
pub struct Outcome {
    /// What was written.
    pub written: Written,
    /// Things the user should know; the export still succeeded.
    pub warnings: Vec<String>,
}

/// Select the quads of `request.selection` from `store` and write them in
/// `request.format` to `target`.
pub fn run(store: &Store, request: &Request, target: Target<'_>) -> Result<Outcome, ExportError> {
    let quads = select(store, &request.selection, request.timeout)?;
    let mut warnings = Vec::new();
    let format = request.format;
    if format.is_folder() {
        let Target::Path(dir) = target else {
            return Err(ExportError::Render(format!(
                "format {format} writes a folder, not a stream"
            )));
        };
        let pg = model::PropertyGraph::from_quads(&quads);
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| format.name().into());
        let mut written = None;
        write_dir_atomically(&dir, |tmp| {
            written = Some(if format == Format::Neo4j {
                neo4j::write(&pg, tmp, &name)?
            } else {
                kuzu::write(&pg, tmp)?
            });
            Ok(())
        })?;
        let written = Written::Folder(written.expect("the folder was written"));
        return Ok(Outcome { written, warnings });
    }
    let written = emit(target, |w, place| {
        if let Some(rdf) = format.rdf() {
            let n = rdf::write(&quads, rdf, w).map_err(|e| ExportError::Io(place.into(), e))?;
            return Ok(Written::Statements(n));
        }
        let pg = model::PropertyGraph::from_quads(&quads);
        if format == Format::Graphml {
            graphml::write(&pg, w)?;
            let (nodes, edges) = (pg.graph.node_count(), pg.graph.edge_count());
            return Ok(Written::Graph { nodes, edges });
        }
        let bytes = diagram(&pg, request, &mut warnings)?;
        w.write_all(&bytes)
            .map_err(|e| ExportError::Io(place.into(), e))?;
        Ok(Written::Diagram)
    })?;
    Ok(Outcome { written, warnings })
}

/// Write through `write` to a file (atomically) or a stream; `write` gets the place's
/// name for its errors.
fn emit(
    target: Target<'_>,
    write: impl FnOnce(&mut dyn Write, &Path) -> Result<Written, ExportError>,
) -> Result<Written, ExportError> {
    match target {
        Target::Path(path) => {
            let mut written = None;
            write_file_atomically(&path, |w| {
                written = Some(write(w, &path)?);
                Ok(())
            })?;
            Ok(written.expect("the file was written"))
        }
        Target::Stream(w) => {
            let place = Path::new("standard output");
            let written = write(&mut *w, place)?;
            w.flush().map_err(|e| ExportError::Io(place.into(), e))?;
            Ok(written)
        }
    }
}

/// The diagram of a property graph: DOT source, or an image rendered by GraphViz.
fn diagram(
    pg: &model::PropertyGraph,
    request: &Request,
    warnings: &mut Vec<String>,
) -> Result<Vec<u8>, ExportError> {
    let focus: Vec<String> = match &request.selection {
        Selection::Entity { name, .. } => pg.find(name).iter().map(|&i| pg.graph[i].iri.clone()).collect(),
        _ => Vec::new(),
    };
    let source = dot::to_dot(
        pg,
        &dot::DotOptions {
            clusters: request.clusters,
            title: Some(dot::title(pg, &request.selection)),
            focus,
            proposal_chars: 0,
        },
    );
    let image = match request.format {
        Format::Svg => dot::Image::Svg,
        Format::Png => dot::Image::Png,
        _ => return Ok(source.into_bytes()),
    };
    if dot::cjk_font_installed() == Some(false) {
        warnings.push("no font with Chinese characters is installed, so labels may show as empty boxes; install one (Debian/Ubuntu: `apt-get install fonts-noto-cjk`)".into());
    }
    let (bytes, messages) = dot::render(&source, image)?;
    if !messages.is_empty() {
        warnings.push(format!("GraphViz: {messages}"));
    }
    Ok(bytes)
}
