//! `zhkg build`: read files, extract in parallel, write each article's graph.
//!
//! Documents are analysed on all threads and written by the calling thread as they come
//! (new articles a group at a time in one atomic write, changed ones one transaction
//! each), so memory stays bounded by the documents in flight, not the corpus, and a build
//! killed at any moment leaves each article wholly old or wholly new.
//! An article whose text and extractor are unchanged is skipped. A panic in a rule costs
//! its article, not the batch.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::time::Instant;

use oxigraph::model::Quad;
use oxigraph::store::Store;
use rayon::prelude::*;

use zhkg_extract::Kind;
use zhkg_extract::Problem;
use zhkg_extract::{Analysis, Extractor};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Worker threads for extraction (0: all cores).
    pub threads: usize,
    /// Rebuild articles even when unchanged.
    pub force: bool,
    pub max_bytes: u64,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            threads: 0,
            force: false,
            max_bytes: zhkg_extract::DEFAULT_MAX_BYTES,
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

thread_local! {
    /// Set while this thread extracts one article, under `catch_unwind`.
    static IN_ARTICLE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The message and place of the last panic caught while extracting an article.
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Make panics inside one article's extraction quiet: their message goes into that
/// article's one-line failure instead of a multi-line report on standard error. Panics
/// anywhere else are reported as before. For programs (like the command line) that own
/// the process's panic hook.
pub fn quiet_article_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if IN_ARTICLE.with(|f| f.get()) {
            let msg = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            let place = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{msg}{place}")));
        } else {
            previous(info);
        }
    }));
}

enum Outcome {
    Built {
        /// The path as given (the analysis holds the canonical one).
        path: PathBuf,
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
    extractor: &Extractor,
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
        let name = zhkg_extract::document_name(f);
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
    // Workers analyse documents in parallel and hand them over through a short queue;
    // this thread writes them (see `write_group`) as they come. Memory stays bounded by
    // the documents in flight, whatever the size of the corpus.
    // With one thread, everything (writing included) runs on this thread, in file order.
    let sequential = pool.current_num_threads() <= 1;
    let mut in_order = todo.iter();
    // Room for a whole group beyond the one being written, so that workers keep
    // extracting while this thread writes (writing a group takes as long as extracting
    // several documents); still a bound on the documents held at once.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Outcome>(WRITE_GROUP + pool.current_num_threads());
    std::thread::scope(|scope| {
        let todo = &todo;
        let pool = &pool;
        if sequential {
            drop(tx);
        } else {
            scope.spawn(move || {
                pool.install(|| {
                    todo.par_iter().for_each_with(tx, |tx, path| {
                        // The receiver only goes away if this thread's caller panicked.
                        let _ = tx.send(process(store, extractor, path, opts));
                    })
                })
            });
        }
        // Built documents are written WRITE_GROUP at a time (see `write_group`), or
        // sooner when the first of them has waited WRITE_INTERVAL: slow articles still
        // reach the store every second or so, and a killed build loses little work.
        let mut pending: Vec<(PathBuf, Box<Analysis>, Vec<Quad>)> = Vec::new();
        let mut waiting_since = std::time::Instant::now();
        loop {
            use std::sync::mpsc::RecvTimeoutError;
            let (outcome, end) = if sequential || pending.is_empty() {
                let o = if sequential {
                    in_order.next().map(|path| process(store, extractor, path, opts))
                } else {
                    rx.recv().ok()
                };
                let end = o.is_none();
                (o, end)
            } else {
                match rx.recv_timeout(WRITE_INTERVAL.saturating_sub(waiting_since.elapsed())) {
                    Ok(o) => (Some(o), false),
                    Err(RecvTimeoutError::Timeout) => (None, false),
                    Err(RecvTimeoutError::Disconnected) => (None, true),
                }
            };
            let arrived = outcome.is_some();
            match outcome {
                None => {}
                Some(Outcome::Unchanged) => report.unchanged += 1,
                Some(Outcome::Failed(p)) => report.failed.push(p),
                Some(Outcome::Built {
                    path,
                    analysis,
                    quads,
                }) => {
                    if pending.is_empty() {
                        waiting_since = std::time::Instant::now();
                    }
                    pending.push((path, analysis, quads));
                }
            }
            if arrived {
                done += 1;
                progress(done, todo.len());
            }
            if pending.len() < WRITE_GROUP && !end && waiting_since.elapsed() < WRITE_INTERVAL {
                continue;
            }
            let written = write_group(
                store,
                pending
                    .iter()
                    .map(|(_, a, q)| (a.source.name.as_str(), q.as_slice())),
            );
            for ((path, analysis, quads), result) in pending.drain(..).zip(written) {
                match result {
                    Ok(()) => {
                        report.built += 1;
                        report.triples += quads.len();
                        report.positions += analysis.facts.positions.len();
                        report.proposals += analysis.facts.proposals.len();
                        let used: BTreeSet<_> =
                            analysis.linked.of_mention.iter().flatten().copied().collect();
                        for e in used.iter().map(|&i| &analysis.linked.entities[i]) {
                            match e.kind {
                                Kind::Person => people.insert(e.id.clone()),
                                Kind::Organization => orgs.insert(e.id.clone()),
                                _ => places.insert(e.id.clone()),
                            };
                        }
                        if !analysis.source.decoded.text.chars().any(zhkg_extract::is_han) {
                            report.notes.push(Problem {
                                path: path.clone(),
                                reason:
                                    "no Chinese characters in it: built, but there was nothing to extract"
                                        .into(),
                                skipped: true,
                            });
                        }
                    }
                    Err(e) => report.failed.push(Problem {
                        path,
                        reason: format!("writing to the store: {e}; its previous version, if any, is kept"),
                        skipped: false,
                    }),
                }
            }
            if end {
                break;
            }
        }
    });
    if report.built >= crate::store::COMPACT_AFTER {
        if let Err(e) = crate::store::compact(store) {
            report.notes.push(Problem {
                path: PathBuf::from("."),
                reason: format!("the store could not be compacted ({e}): every article was written, but queries will be slower until the next large build"),
                skipped: false,
            });
        }
    }
    // Workers finish in any order; report in the order of the files.
    report.failed.sort_by(|a, b| a.path.cmp(&b.path));
    report.notes.sort_by(|a, b| a.path.cmp(&b.path));
    report.people = people.len();
    report.organizations = orgs.len();
    report.places = places.len();
    report.seconds = start.elapsed().as_secs_f64();
    report
}

fn process(store: &Store, extractor: &Extractor, path: &std::path::Path, opts: &BuildOptions) -> Outcome {
    let source = match zhkg_extract::read(path, opts.max_bytes) {
        Ok(s) => s,
        Err(p) => return Outcome::Failed(p),
    };
    if !opts.force {
        if let Ok(true) =
            crate::store::is_current(store, &source.name, &source.content_hash(), extractor.id())
        {
            return Outcome::Unchanged;
        }
    }
    // A bug in a rule must cost one article, not the batch.
    IN_ARTICLE.with(|f| f.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let analysis = extractor.analyze(source);
        let quads = crate::rdf::document_quads(&analysis);
        (analysis, quads)
    }));
    IN_ARTICLE.with(|f| f.set(false));
    match result {
        Ok((analysis, quads)) => Outcome::Built {
            path: path.to_path_buf(),
            analysis: Box::new(analysis),
            quads,
        },
        Err(payload) => {
            let what = LAST_PANIC
                .with(|p| p.take())
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Outcome::Failed(Problem {
                path: path.to_path_buf(),
                reason: format!(
                    "internal error while extracting ({}); nothing was written for it; please report this file",
                    what.replace('\n', " ")
                ),
                skipped: false,
            })
        }
    }
}

/// Documents written together when they are all new to the store: one atomic write.
pub const WRITE_GROUP: usize = 128;
/// The longest an analysed document waits for its group before it is written.
pub const WRITE_INTERVAL: std::time::Duration = std::time::Duration::from_secs(1);

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
