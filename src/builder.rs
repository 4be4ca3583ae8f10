//! `zhkg build`: read files, extract in parallel, write each article's graph.
//!
//! Files are processed in batches: the documents of a batch are analysed on all threads,
//! then written one transaction each, so memory stays bounded by the batch, not the corpus.
//! An article whose text and extractor are unchanged is skipped.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::time::Instant;

use oxigraph::model::Quad;
use oxigraph::store::Store;
use rayon::prelude::*;

use crate::corpus::{self, Problem};
use crate::pipeline::{analyze, Analysis};
use crate::recognize::Kind;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Worker threads for extraction (0: all cores).
    pub threads: usize,
    /// Rebuild articles even when unchanged.
    pub force: bool,
    pub max_bytes: u64,
    /// Documents analysed together before writing.
    pub batch: usize,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            threads: 0,
            force: false,
            max_bytes: crate::decode::DEFAULT_MAX_BYTES,
            batch: 64,
        }
    }
}

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub built: usize,
    pub unchanged: usize,
    pub failed: Vec<Problem>,
    pub notes: Vec<Problem>,
    pub people: usize,
    pub organizations: usize,
    pub places: usize,
    pub positions: usize,
    pub proposals: usize,
    pub triples: usize,
    pub seconds: f64,
}

enum Outcome {
    Built {
        analysis: Box<Analysis>,
        quads: Vec<Quad>,
    },
    Unchanged,
    Failed(Problem),
}

/// Build `files` into `store`. `progress` is called after each document with
/// (documents done, documents in all).
pub fn build(
    store: &Store,
    files: &[PathBuf],
    opts: &BuildOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> BuildReport {
    let start = Instant::now();
    let mut report = BuildReport::default();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .expect("thread pool");
    // Names must be unique: a document is known by its file name.
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut todo = Vec::new();
    for f in files {
        let name = corpus::document_name(f);
        if let Some(first) = seen.get(&name) {
            report.failed.push(Problem {
                path: f.clone(),
                reason: format!(
                    "another file with the same name ({}) is in this build; documents are known by file name",
                    first.display()
                ),
                skipped: false,
            });
        } else {
            seen.insert(name, f.clone());
            todo.push(f.clone());
        }
    }
    let (mut people, mut orgs, mut places) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    let mut done = 0;
    for batch in todo.chunks(opts.batch.max(1)) {
        let outcomes: Vec<Outcome> =
            pool.install(|| batch.par_iter().map(|path| process(store, path, opts)).collect());
        for outcome in outcomes {
            match outcome {
                Outcome::Unchanged => report.unchanged += 1,
                Outcome::Failed(p) => report.failed.push(p),
                Outcome::Built { analysis, quads } => {
                    match crate::store::replace_document(store, &analysis.source.name, &quads) {
                        Ok(()) => {
                            report.built += 1;
                            report.triples += quads.len();
                            report.positions += analysis.facts.positions.len();
                            report.proposals += analysis.facts.proposals.len();
                            let used: BTreeSet<usize> =
                                analysis.linked.of_mention.iter().flatten().copied().collect();
                            for e in used.iter().map(|&i| &analysis.linked.entities[i]) {
                                match e.kind {
                                    Kind::Person => people.insert(e.iri.clone()),
                                    Kind::Organization => orgs.insert(e.iri.clone()),
                                    _ => places.insert(e.iri.clone()),
                                };
                            }
                        }
                        Err(e) => report.failed.push(Problem {
                            path: analysis.source.path.clone().unwrap_or_default(),
                            reason: format!("writing to the store: {e}"),
                            skipped: false,
                        }),
                    }
                }
            }
            done += 1;
            progress(done, todo.len());
        }
    }
    report.people = people.len();
    report.organizations = orgs.len();
    report.places = places.len();
    report.seconds = start.elapsed().as_secs_f64();
    report
}

fn process(store: &Store, path: &std::path::Path, opts: &BuildOptions) -> Outcome {
    let source = match corpus::read(path, opts.max_bytes) {
        Ok(s) => s,
        Err(p) => return Outcome::Failed(p),
    };
    if !opts.force {
        if let Ok(true) = crate::store::is_current(store, &source.name, &source.content_hash()) {
            return Outcome::Unchanged;
        }
    }
    // A bug in a rule must cost one article, not the batch.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let analysis = analyze(source);
        let quads = crate::rdf::document_quads(&analysis);
        (analysis, quads)
    }));
    match result {
        Ok((analysis, quads)) => Outcome::Built {
            analysis: Box::new(analysis),
            quads,
        },
        Err(_) => Outcome::Failed(Problem {
            path: path.to_path_buf(),
            reason: "internal error while extracting (please report this file); nothing was written for it"
                .into(),
            skipped: false,
        }),
    }
}

/// Documents written together when they are all new to the store: one atomic write.
pub const WRITE_GROUP: usize = 32;

/// Write analysed documents (name, quads) as [`build`] does, each wholly or not at all:
/// documents new to the store together in one write without reads (as `Store::extend`),
/// a document already in the store replaced in its own transaction. One result per
/// document, in order.
pub fn write_group<'a>(
    store: &Store,
    docs: impl IntoIterator<Item = (&'a str, &'a [Quad])>,
) -> Vec<Result<(), oxigraph::store::StorageError>> {
    let docs: Vec<(&str, &[Quad])> = docs.into_iter().collect();
    let mut results: Vec<Option<Result<(), oxigraph::store::StorageError>>> =
        docs.iter().map(|_| None).collect();
    let mut new = Vec::new();
    for (i, (name, quads)) in docs.iter().enumerate() {
        match crate::store::has_document(store, name) {
            Ok(false) => new.push(i),
            Ok(true) => results[i] = Some(crate::store::replace_document(store, name, quads)),
            Err(e) => results[i] = Some(Err(e)),
        }
    }
    let together =
        crate::store::add_new_documents(store, new.iter().flat_map(|&i| docs[i].1.iter().cloned()));
    for &i in &new {
        results[i] = Some(match &together {
            Ok(()) => Ok(()),
            // Find out which one failed: each on its own.
            Err(_) => crate::store::add_new_documents(store, docs[i].1.iter().cloned()),
        });
    }
    results
        .into_iter()
        .map(|r| r.expect("every document written"))
        .collect()
}

/// [`write_group`] over `docs` in groups of [`WRITE_GROUP`], stopping at the first error:
/// the benchmark times this against oxigraph's bulk loader.
pub fn write_documents(
    store: &Store,
    docs: &[(String, Vec<Quad>)],
) -> Result<(), oxigraph::store::StorageError> {
    for group in docs.chunks(WRITE_GROUP) {
        for r in write_group(store, group.iter().map(|(n, q)| (n.as_str(), q.as_slice()))) {
            r?;
        }
    }
    Ok(())
}
