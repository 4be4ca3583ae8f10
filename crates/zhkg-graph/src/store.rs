//! Stage 7: the on-disk oxigraph store.
//!
//! One named graph per article, replaced in a single transaction, so a build killed at
//! any moment leaves every article wholly old or wholly new. The ontology lives in its own
//! graph; a meta graph records the store's format version so that a store written by an
//! incompatible zhkg is detected instead of misread.

use std::path::{Path, PathBuf};

use oxigraph::io::RdfFormat;
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term,
};
use oxigraph::store::{StorageError, Store};

use crate::rdf::document_iri;
use crate::vocab::{zhkg, META_GRAPH, ONTOLOGY_GRAPH};

/// Version of the graph layout in the store. Bump when queries written for an older
/// layout would silently give wrong answers.
pub const FORMAT_VERSION: &str = "2";

/// The ontology, compiled in.
pub const ONTOLOGY_TTL: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../ontology/zhkg.ttl"));

const STORE_NODE: &str = "https://w3id.org/zhkg/id/store";

/// Why a store could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Nothing at the path.
    #[error("no store at {}", .0.display())]
    Missing(PathBuf),
    /// Something else is at the path (a file, or a folder holding other things).
    #[error("{} exists but is not a zhkg store (a file, or a non-empty folder without a store in it)", .0.display())]
    NotAStore(PathBuf),
    /// Another process writes the store.
    #[error("the store at {} is in use by another zhkg process (is a build running?); try again when it ends", .0.display())]
    Locked(PathBuf),
    /// A read-only open failed while another process writes the store.
    #[error("the store at {} is being written by a build and could not be read just now; try again, or when the build ends", .0.display())]
    Busy(PathBuf, #[source] StorageError),
    /// The store was created but a build was stopped before it recorded anything.
    #[error("the store at {} holds nothing yet (its first build was stopped before writing any article)", .0.display())]
    Unfinished(PathBuf),
    /// The store was written by a zhkg with another store format.
    #[error("the store at {} was written by {}: store format {found}, this zhkg reads and writes format {FORMAT_VERSION}; rebuild it from your articles", .path.display(), version_writer(.found))]
    Version {
        /// The store.
        path: PathBuf,
        /// The format version it records.
        found: String,
    },
    /// RocksDB or oxigraph failed.
    #[error("store at {}", .0.display())]
    Storage(PathBuf, #[source] StorageError),
}

fn version_writer(found: &str) -> &'static str {
    match found.parse::<u32>() {
        Ok(v) if FORMAT_VERSION.parse::<u32>().is_ok_and(|ours| v > ours) => {
            "a newer zhkg (upgrade zhkg, or rebuild the store with this one)"
        }
        Ok(_) => "an older zhkg",
        Err(_) => "another version of zhkg",
    }
}

/// RocksDB's own files: `LOCK` comes first (a store being created, or whose first build
/// was killed at once), `CURRENT` once it is set up.
fn looks_like_store(dir: &Path) -> bool {
    dir.join("CURRENT").is_file() || dir.join("LOCK").is_file()
}

fn storage(path: &Path, e: StorageError) -> StoreError {
    let msg = e.to_string();
    if msg.contains("lock") || msg.contains("Resource temporarily unavailable") || msg.contains("LOCK") {
        StoreError::Locked(path.to_path_buf())
    } else {
        StoreError::Storage(path.to_path_buf(), e)
    }
}

/// Open an existing store for reading; several readers may run beside one writer (a
/// reader sees the store as it was when opened).
pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
    if !path.exists() {
        return Err(StoreError::Missing(path.to_path_buf()));
    }
    if !looks_like_store(path) {
        return Err(StoreError::NotAStore(path.to_path_buf()));
    }
    let store = Store::open_read_only(path).map_err(|e| {
        let writing = writer_active(path);
        if !path.join("CURRENT").is_file() && !writing {
            StoreError::Unfinished(path.to_path_buf())
        } else if writing {
            StoreError::Busy(path.to_path_buf(), e)
        } else {
            storage(path, e)
        }
    })?;
    if stored_version(&store).map_err(|e| storage(path, e))?.is_none() {
        // A read-only view taken while a build sets the store up can miss the version;
        // only an idle store without one is really from another zhkg.
        if writer_active(path) {
            return Err(StoreError::Busy(
                path.to_path_buf(),
                StorageError::Other("the build is setting the store up".into()),
            ));
        }
        if !has_content(&store).map_err(|e| storage(path, e))? {
            return Err(StoreError::Unfinished(path.to_path_buf()));
        }
    }
    check_version(&store, path)?;
    Ok(store)
}

/// Does another process hold the store's write lock (a build is running)? RocksDB locks
/// `LOCK` with fcntl; this asks the kernel with F_GETLK, without taking the lock.
///
/// Never call this in a process that has the store open for writing: closing any file
/// descriptor of `LOCK` drops the process's own fcntl locks on it.
#[cfg(unix)]
pub fn writer_active(path: &Path) -> bool {
    use std::os::fd::AsRawFd;
    let Ok(file) = std::fs::File::open(path.join("LOCK")) else {
        return false;
    };
    // SAFETY: flock is plain data; fcntl(F_GETLK) only writes into it.
    let mut lock: libc::flock = unsafe { std::mem::zeroed() };
    lock.l_type = libc::F_WRLCK as libc::c_short;
    lock.l_whence = libc::SEEK_SET as libc::c_short;
    let r = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETLK, &mut lock) };
    r == 0 && lock.l_type != libc::F_UNLCK as libc::c_short
}

#[cfg(not(unix))]
pub fn writer_active(_path: &Path) -> bool {
    false
}

/// Open (or create) a store for writing. With `rebuild`, an existing store's content is
/// dropped first, whatever version wrote it. Setting up a new store (format version,
/// ontology) is one transaction, so a build killed at any moment leaves either no store
/// content or a complete one.
pub fn open_for_build(path: &Path, rebuild: bool) -> Result<Store, StoreError> {
    if path.is_file() {
        return Err(StoreError::NotAStore(path.to_path_buf()));
    }
    if path.exists()
        && !looks_like_store(path)
        && path.read_dir().map(|mut d| d.next().is_some()).unwrap_or(true)
    {
        return Err(StoreError::NotAStore(path.to_path_buf()));
    }
    remove_stray_bulk_files(path);
    let store = Store::open(path).map_err(|e| storage(path, e))?;
    let version = if rebuild {
        None
    } else {
        match stored_version(&store).map_err(|e| storage(path, e))? {
            Some(v) => {
                check_version(&store, path)?;
                Some(v)
            }
            // Content without a version: written by a zhkg too old to record one.
            None if has_content(&store).map_err(|e| storage(path, e))? => {
                return Err(StoreError::Version {
                    path: path.to_path_buf(),
                    found: "none recorded".into(),
                })
            }
            None => None,
        }
    };
    let setup = || -> Result<(), StorageError> {
        let g = NamedNode::new_unchecked(ONTOLOGY_GRAPH);
        let mut t = store.start_transaction()?;
        if rebuild {
            t.clear()?;
        }
        if version.is_none() {
            t.insert(&meta_quad(
                zhkg::FORMAT_VERSION,
                Literal::new_simple_literal(FORMAT_VERSION),
            ));
        }
        // (Re)load the ontology, which may have changed with zhkg.
        t.clear_graph(g.as_ref())?;
        t.load_from_slice(
            oxigraph::io::RdfParser::from_format(RdfFormat::Turtle)
                .with_default_graph(g.as_ref())
                .without_named_graphs(),
            ONTOLOGY_TTL.as_bytes(),
        )
        .map_err(|e| StorageError::Other(Box::new(e)))?;
        t.commit()
    };
    setup().map_err(|e| storage(path, e))?;
    Ok(store)
}

/// A build killed while the bulk loader wrote its sorted files (`bulk-*.sst`, not yet
/// part of the store) leaves them behind; remove them unless a build is running.
fn remove_stray_bulk_files(path: &Path) {
    if writer_active(path) {
        return;
    }
    let Ok(dir) = path.read_dir() else { return };
    for entry in dir.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Does the store hold any quad at all?
fn has_content(store: &Store) -> Result<bool, StorageError> {
    Ok(store
        .quads_for_pattern(None, None, None, None)
        .next()
        .transpose()?
        .is_some())
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

/// Is the document already in the store with this content and this extractor?
pub fn is_current(store: &Store, name: &str, hash: &str, extractor: &str) -> Result<bool, StorageError> {
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
    Ok(has(zhkg::CONTENT_HASH, hash)? && has(zhkg::EXTRACTOR, extractor)?)
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
/// reads nothing: oxigraph's bulk loader writes sorted files for every index and RocksDB
/// ingests them all at once on `commit` (far cheaper than [`replace_document`]'s
/// transaction). Only for documents known to be absent: nothing is removed first.
pub fn add_new_documents(store: &Store, quads: impl IntoIterator<Item = Quad>) -> Result<(), StorageError> {
    let mut loader = store.bulk_loader();
    loader.load_quads(quads)?;
    loader.commit()
}

/// Documents a build must have written before it compacts the store as it ends.
pub const COMPACT_AFTER: usize = 1000;

/// Merge each index's files into one sorted run (RocksDB's full compaction). Every new
/// group of articles is ingested as new files; a large build leaves dozens per index,
/// which every lookup then has to search (queries ran 4 to 7 times slower on a
/// 10,000-article store). Costs about 4 s per 1,000 articles.
pub fn compact(store: &Store) -> Result<(), StorageError> {
    store.optimize()
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
