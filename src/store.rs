//! Stage 7: the on-disk oxigraph store.
//!
//! One named graph per article, replaced in a single transaction, so a build killed at
//! any moment leaves every article wholly old or wholly new. The ontology lives in its own
//! graph; a meta graph records the store's format version so that a store written by an
//! incompatible zhkg is detected instead of misread.

use std::fmt;
use std::path::{Path, PathBuf};

use oxigraph::io::RdfFormat;
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term,
};
use oxigraph::store::{StorageError, Store};

use crate::rdf::{document_iri, extractor_id};
use crate::vocab::{zhkg, META_GRAPH, ONTOLOGY_GRAPH};

/// Version of the graph layout in the store. Bump when queries written for an older
/// layout would silently give wrong answers.
pub const FORMAT_VERSION: &str = "1";

/// The ontology, compiled in.
pub const ONTOLOGY_TTL: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/ontology/zhkg.ttl"));

const STORE_NODE: &str = "https://w3id.org/zhkg/id/store";

/// Why a store could not be used.
#[derive(Debug)]
pub enum StoreError {
    Missing(PathBuf),
    NotAStore(PathBuf),
    Locked(PathBuf),
    Version { path: PathBuf, found: String },
    Storage(PathBuf, StorageError),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Missing(p) => write!(f, "no store at {} (build one with `zhkg build --store {}`)", p.display(), p.display()),
            StoreError::NotAStore(p) => write!(f, "{} exists but is not a zhkg store (a non-empty folder without a store in it)", p.display()),
            StoreError::Locked(p) => write!(f, "the store at {} is in use by another zhkg process (is a build running?); try again when it ends", p.display()),
            StoreError::Version { path, found } => write!(
                f,
                "the store at {} was written by another version of zhkg (store format {found}, this zhkg writes {FORMAT_VERSION}); rebuild it with `zhkg build --rebuild --store {}`",
                path.display(),
                path.display()
            ),
            StoreError::Storage(p, e) => write!(f, "store at {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for StoreError {}

fn looks_like_store(dir: &Path) -> bool {
    dir.join("CURRENT").is_file()
}

fn storage(path: &Path, e: StorageError) -> StoreError {
    let msg = e.to_string();
    if msg.contains("lock") || msg.contains("Resource temporarily unavailable") || msg.contains("LOCK") {
        StoreError::Locked(path.to_path_buf())
    } else {
        StoreError::Storage(path.to_path_buf(), e)
    }
}

/// Open an existing store for reading; several readers may run beside one writer.
pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
    if !path.exists() {
        return Err(StoreError::Missing(path.to_path_buf()));
    }
    if !looks_like_store(path) {
        return Err(StoreError::NotAStore(path.to_path_buf()));
    }
    let store = Store::open_read_only(path).map_err(|e| storage(path, e))?;
    check_version(&store, path)?;
    Ok(store)
}

/// Open (or create) a store for writing. With `rebuild`, an existing store's content is
/// dropped first, whatever version wrote it.
pub fn open_for_build(path: &Path, rebuild: bool) -> Result<Store, StoreError> {
    if path.exists()
        && !looks_like_store(path)
        && path.read_dir().map(|mut d| d.next().is_some()).unwrap_or(true)
    {
        return Err(StoreError::NotAStore(path.to_path_buf()));
    }
    let store = Store::open(path).map_err(|e| storage(path, e))?;
    if rebuild {
        store.clear().map_err(|e| storage(path, e))?;
    }
    match stored_version(&store).map_err(|e| storage(path, e))? {
        Some(_) => check_version(&store, path)?,
        None => {
            // A new store: record the format, load the ontology.
            let mut t = store.start_transaction().map_err(|e| storage(path, e))?;
            t.insert(&meta_quad(
                zhkg::FORMAT_VERSION,
                Literal::new_simple_literal(FORMAT_VERSION),
            ));
            t.commit().map_err(|e| storage(path, e))?;
        }
    }
    load_ontology(&store).map_err(|e| storage(path, e))?;
    Ok(store)
}

fn meta_quad(p: NamedNodeRef<'_>, o: impl Into<Term>) -> Quad {
    Quad::new(
        NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(STORE_NODE)),
        p.into_owned(),
        o.into(),
        GraphName::NamedNode(NamedNode::new_unchecked(META_GRAPH)),
    )
}

fn stored_version(store: &Store) -> Result<Option<String>, StorageError> {
    let meta = NamedNode::new_unchecked(META_GRAPH);
    let node = NamedNode::new_unchecked(STORE_NODE);
    for q in store.quads_for_pattern(
        Some(node.as_ref().into()),
        Some(zhkg::FORMAT_VERSION),
        None,
        Some(GraphNameRef::NamedNode(meta.as_ref())),
    ) {
        if let Term::Literal(l) = q?.object {
            return Ok(Some(l.value().to_string()));
        }
    }
    Ok(None)
}

fn check_version(store: &Store, path: &Path) -> Result<(), StoreError> {
    match stored_version(store).map_err(|e| storage(path, e))? {
        Some(v) if v == FORMAT_VERSION => Ok(()),
        Some(v) => Err(StoreError::Version {
            path: path.to_path_buf(),
            found: v,
        }),
        None => Err(StoreError::Version {
            path: path.to_path_buf(),
            found: "unknown".into(),
        }),
    }
}

/// (Re)load the ontology into its graph, in one transaction.
fn load_ontology(store: &Store) -> Result<(), StorageError> {
    let g = NamedNode::new_unchecked(ONTOLOGY_GRAPH);
    let mut t = store.start_transaction()?;
    t.clear_graph(g.as_ref())?;
    t.load_from_slice(
        oxigraph::io::RdfParser::from_format(RdfFormat::Turtle)
            .with_default_graph(g.as_ref())
            .without_named_graphs(),
        ONTOLOGY_TTL.as_bytes(),
    )
    .map_err(|e| StorageError::Other(Box::new(e)))?;
    t.commit()
}

/// Is the document already in the store with this content and this extractor?
pub fn is_current(store: &Store, name: &str, hash: &str) -> Result<bool, StorageError> {
    let g = NamedNode::new_unchecked(document_iri(name));
    let graph = GraphNameRef::NamedNode(g.as_ref());
    let has = |p: NamedNodeRef<'_>, v: &str| -> Result<bool, StorageError> {
        store.contains(oxigraph::model::QuadRef::new(
            g.as_ref(),
            p,
            oxigraph::model::LiteralRef::new_simple_literal(v),
            graph,
        ))
    };
    Ok(has(zhkg::CONTENT_HASH, hash)? && has(zhkg::EXTRACTOR, &extractor_id())?)
}

/// Replace one document's graph with `quads`, atomically.
pub fn replace_document(store: &Store, name: &str, quads: &[Quad]) -> Result<(), StorageError> {
    let g = NamedNode::new_unchecked(document_iri(name));
    let mut t = store.start_transaction()?;
    t.clear_graph(g.as_ref())?;
    t.insert_named_graph(g.as_ref());
    t.extend(quads.iter());
    t.commit()
}

/// Is there a graph for this document in the store?
pub fn has_document(store: &Store, name: &str) -> Result<bool, StorageError> {
    store.contains_named_graph(NamedNodeRef::new_unchecked(&document_iri(name)))
}

/// Add the graphs of documents that are not in the store yet, in one atomic write that
/// reads nothing (far cheaper than [`replace_document`]'s transaction). Only for
/// documents known to be absent: nothing is removed first.
pub fn add_new_documents(store: &Store, quads: impl IntoIterator<Item = Quad>) -> Result<(), StorageError> {
    store.extend(quads)
}

/// Names of the documents in the store.
pub fn documents(store: &Store) -> Result<Vec<String>, StorageError> {
    let mut out = Vec::new();
    for q in store.quads_for_pattern(None, Some(crate::vocab::dcterms::IDENTIFIER), None, None) {
        let q = q?;
        if let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) = (&q.subject, &q.graph_name) {
            if s == g {
                if let Term::Literal(l) = &q.object {
                    out.push(l.value().to_string());
                }
            }
        }
    }
    out.sort();
    Ok(out)
}
