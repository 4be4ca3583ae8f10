//! The `zhkg` command line: a thin layer over the library.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use zhkg::builder::{build, BuildOptions};
use zhkg::query::{self, Format};

const AFTER_HELP: &str = "\
Exit status: 0 when everything worked; 1 when something failed: a file could not be read
or built (each such file gets one line naming it, and the rest of the batch is still
built), a query was refused, malformed, failed or ran out of time, or the store could not
be opened (missing, in use by another build, written by another zhkg version); 2 on a
usage error. Files skipped in folders (not *.txt, symbolic link loops) are notes, not
failures.

Examples:
  zhkg build                                 build corpus/ into output/store
  zhkg build --store kg articles/ extra.txt  build a folder and a file into ./kg
  zhkg query queries/who-proposed-what.rq    run a ready query
  zhkg query -e 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }'";

/// Turn Chinese news text into a knowledge graph: people, organizations, places,
/// positions and proposals, in an RDF store you can query with SPARQL.
#[derive(Parser)]
#[command(name = "zhkg", version, about, after_help = AFTER_HELP, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract facts from articles into an on-disk store (one named graph per article).
    ///
    /// Rebuilding an article replaces its graph; unchanged articles are skipped. Folders
    /// contribute their *.txt files; files named explicitly are read whatever their name.
    Build {
        /// Store folder (created if missing).
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        /// Threads (default: all cores): N extract in parallel while this one writes; with 1,
        /// one thread does everything, in file order.
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Rebuild articles even when their text is unchanged.
        #[arg(long)]
        force: bool,
        /// Empty the store first (needed after upgrading to an incompatible zhkg).
        #[arg(long)]
        rebuild: bool,
        /// Largest file accepted, in bytes.
        #[arg(long, default_value_t = zhkg::decode::DEFAULT_MAX_BYTES)]
        max_file_size: u64,
        /// Print only errors.
        #[arg(long, short)]
        quiet: bool,
        /// Article files or folders (default: corpus/).
        paths: Vec<PathBuf>,
    },
    /// Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the store, read-only.
    Query {
        /// Store folder.
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        /// Output format (default: table on a terminal, tsv otherwise; turtle for graphs).
        #[arg(long, short, value_enum)]
        format: Option<Format>,
        /// Stop the query after this many seconds (0: no limit).
        #[arg(long, default_value_t = 60.0, value_parser = parse_timeout)]
        timeout: f64,
        /// The query text, instead of a file.
        #[arg(long, short = 'e', conflicts_with = "file")]
        expression: Option<String>,
        /// A file holding the query (`-` for standard input).
        #[arg(required_unless_present = "expression")]
        file: Option<PathBuf>,
    },
    /// Show what zhkg extracts from articles, without a store: sentences, mentions with
    /// the rule that found them, positions and proposals.
    Extract {
        /// Print JSON (one object per article) instead of text.
        #[arg(long)]
        json: bool,
        /// Also print the segmenter's tokens and tags under each sentence.
        #[arg(long)]
        tokens: bool,
        /// Largest file accepted, in bytes.
        #[arg(long, default_value_t = zhkg::decode::DEFAULT_MAX_BYTES)]
        max_file_size: u64,
        /// Article files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Explain why an entity is in the store: its names, every mention with the rule that
    /// found it and its sentence, and the positions and proposals it takes part in.
    Explain {
        /// Store folder.
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        /// A name of the entity (any of its names, in either script).
        name: String,
    },
    /// Export the graph for other tools: RDF for triple stores, GraphViz diagrams,
    /// GraphML, and folders for the Neo4j and Kùzu property-graph databases.
    ///
    /// The whole store by default; or one article (--graph), the result of a CONSTRUCT
    /// query (--query), or an entity's neighbourhood (--entity, --depth).
    #[command(after_help = EXPORT_HELP)]
    Export {
        /// Store folder.
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        /// What to write.
        #[arg(long, short, value_enum)]
        format: zhkg::export::Format,
        /// Output file (default: standard output); for neo4j and kuzu a folder (default:
        /// output/neo4j, output/kuzu), replaced as a whole.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Only this article's graph (its file name).
        #[arg(long, conflicts_with_all = ["query", "entity"])]
        graph: Option<String>,
        /// Export what this CONSTRUCT (or DESCRIBE) query returns (`-` for standard input).
        #[arg(long, conflicts_with = "entity")]
        query: Option<PathBuf>,
        /// Only the neighbourhood of the person, organization or place with this name
        /// (as written, either script) or IRI.
        #[arg(long)]
        entity: Option<String>,
        /// How many facts away from --entity to go (1: its proposals and memberships; 2:
        /// also their places, organizations and addressees).
        #[arg(long, default_value_t = 2, requires = "entity")]
        depth: usize,
        /// Diagrams: box each article's proposals (and the entities only it names).
        #[arg(long)]
        clusters: bool,
        /// Stop a --query after this many seconds.
        #[arg(long, default_value_t = 60.0)]
        timeout: f64,
    },
    /// Send the articles' graphs to a remote triple store with the SPARQL 1.1 Graph Store
    /// HTTP Protocol (one PUT per graph, so pushing again replaces rather than duplicates).
    #[command(after_help = PUSH_HELP)]
    Push {
        /// Store folder.
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        /// The remote store's Graph Store Protocol URL, e.g.
        /// http://localhost:8890/sparql-graph-crud (Virtuoso), http://localhost:3030/ds/data
        /// (Fuseki), http://localhost:7878/store (oxigraph server).
        #[arg(long)]
        endpoint: String,
        /// One remote named graph per article (the article's IRI, as in the local store);
        /// without it, all articles go into one graph (--into).
        #[arg(long)]
        graph_per_document: bool,
        /// The remote graph receiving all articles when not --graph-per-document.
        #[arg(long, default_value = zhkg::push::CORPUS_GRAPH, conflicts_with = "graph_per_document")]
        into: String,
        /// HTTP basic authentication, as USER:PASSWORD.
        #[arg(long)]
        user: Option<String>,
        /// Give up on a request after this many seconds.
        #[arg(long, default_value_t = 60.0)]
        timeout: f64,
        /// Print only errors and the summary.
        #[arg(long, short)]
        quiet: bool,
    },
}

const EXPORT_HELP: &str = "\
Examples:
  zhkg export -f turtle -o output/graph.ttl             the articles' triples, merged
  zhkg export -f trig -o output/graph.trig              every named graph (reload: round trip)
  zhkg export -f png -o output/sample-graph.png --clusters    diagram of the corpus
  zhkg export -f svg --entity 徐莉 -o xu-li.svg           one person's neighbourhood
  zhkg export -f neo4j                                  output/neo4j: neo4j-admin CSV + Cypher
  zhkg export -f kuzu                                   output/kuzu: DDL + CSV for COPY FROM
  zhkg export -f graphml -o output/graph.graphml";

const PUSH_HELP: &str = "\
Examples:
  zhkg push --endpoint http://localhost:8890/sparql-graph-crud --graph-per-document
  zhkg push --endpoint http://localhost:3030/ds/data --user admin:secret

The ontology goes to its own graph too. The store must accept writes from zhkg: Virtuoso
needs `GRANT SPARQL_UPDATE TO \"SPARQL\"` for /sparql-graph-crud (or use --user with its
authenticated endpoint); Fuseki needs a dataset opened for update.";

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            store,
            threads,
            force,
            rebuild,
            max_file_size,
            quiet,
            paths,
        } => cmd_build(&store, threads, force, rebuild, max_file_size, quiet, paths),
        Command::Query {
            store,
            format,
            timeout,
            expression,
            file,
        } => cmd_query(&store, format, timeout, expression, file),
        Command::Extract {
            json,
            tokens,
            max_file_size,
            files,
        } => cmd_extract(json, tokens, max_file_size, &files),
        Command::Explain { store, name } => cmd_explain(&store, &name),
        Command::Export {
            store,
            format,
            out,
            graph,
            query,
            entity,
            depth,
            clusters,
            timeout,
        } => {
            let selection = match (graph, query, entity) {
                (Some(g), _, _) => Ok(zhkg::export::Selection::Document(g)),
                (_, Some(q), _) => read_text(&q).map(zhkg::export::Selection::Construct),
                (_, _, Some(name)) => Ok(zhkg::export::Selection::Entity { name, depth }),
                _ => Ok(zhkg::export::Selection::All),
            };
            selection.and_then(|sel| cmd_export(&store, format, out, sel, clusters, timeout))
        }
        Command::Push {
            store,
            endpoint,
            graph_per_document,
            into,
            user,
            timeout,
            quiet,
        } => cmd_push(&store, endpoint, graph_per_document, into, user, timeout, quiet),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("zhkg: {e}");
            ExitCode::from(1)
        }
    }
}

fn cmd_build(
    store_dir: &Path,
    threads: usize,
    force: bool,
    rebuild: bool,
    max_file_size: u64,
    quiet: bool,
    mut paths: Vec<PathBuf>,
) -> anyhow::Result<ExitCode> {
    if paths.is_empty() {
        let default = PathBuf::from("corpus");
        if !default.is_dir() {
            anyhow::bail!("no articles named and no corpus/ folder here; give files or folders to build");
        }
        paths.push(default);
    }
    zhkg::builder::quiet_article_panics();
    let (files, discovery) = zhkg::corpus::discover(&paths);
    if let Some(parent) = store_dir.parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent)?;
        }
    }
    let store = zhkg::store::open_for_build(store_dir, rebuild)?;
    let opts = BuildOptions {
        threads,
        force,
        max_bytes: max_file_size,
    };
    let bar = if !quiet && std::io::stderr().is_terminal() && files.len() > 1 {
        let b = ProgressBar::new(files.len() as u64);
        b.set_style(bar_style(
            "{spinner} {bar:30} {pos}/{len} articles  {rate} articles/s  eta {eta}",
        ));
        Some(b)
    } else {
        None
    };
    let report = build(&store, &files, &opts, &|done, _| {
        if let Some(b) = &bar {
            b.set_position(done as u64);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    store.flush()?;
    let mut failed = 0;
    for p in discovery.iter().chain(&report.failed).chain(&report.notes) {
        if p.skipped {
            if !quiet {
                eprintln!("note: {p}");
            }
        } else {
            failed += 1;
            eprintln!("error: {p}");
        }
    }
    if !quiet {
        println!(
            "{} documents built, {} unchanged, {} failed in {:.1} s: {} people, {} organizations, {} places, {} positions, {} proposals, {} triples -> {}",
            report.built,
            report.unchanged,
            failed,
            report.seconds,
            report.people,
            report.organizations,
            report.places,
            report.positions,
            report.proposals,
            report.triples,
            store_dir.display()
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `--timeout`: a number of seconds, 0 for no limit.
fn parse_timeout(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .parse()
        .map_err(|_| format!("`{s}` is not a number of seconds"))?;
    if !v.is_finite() || !(0.0..=1e9).contains(&v) {
        return Err(format!(
            "`{s}` is not a number of seconds from 0 (no limit) to 1e9"
        ));
    }
    Ok(v)
}

fn cmd_query(
    store_dir: &Path,
    format: Option<Format>,
    timeout: f64,
    expression: Option<String>,
    file: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let text = match (expression, file) {
        (Some(e), _) => e,
        (None, Some(f)) if f.as_os_str() == "-" => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            s
        }
        (None, Some(f)) => {
            std::fs::read_to_string(&f).map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))?
        }
        (None, None) => unreachable!("clap requires a query"),
    };
    // Check the query before touching the store, so syntax errors come first.
    query::check(&text)?;
    let store = zhkg::store::open_read_only(store_dir)?;
    let stdout = std::io::stdout();
    let format = format.unwrap_or(if stdout.is_terminal() {
        Format::Table
    } else {
        Format::Tsv
    });
    if zhkg::store::writer_active(store_dir) {
        eprintln!(
            "note: a build is writing the store at {}; these results show it as it was a moment ago",
            store_dir.display()
        );
    }
    let opts = query::RunOptions {
        timeout: (timeout > 0.0).then(|| Duration::from_secs_f64(timeout)),
        exit_when_stuck: true,
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    match query::run_with(&store, &text, format, &opts, &mut out) {
        Ok(()) => {}
        Err(query::QueryError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            return Ok(ExitCode::SUCCESS)
        }
        Err(e) => return Err(e.into()),
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn read_text(path: &Path) -> anyhow::Result<String> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        Ok(s)
    } else {
        std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
    }
}

fn cmd_export(
    store_dir: &Path,
    format: zhkg::export::Format,
    out: Option<PathBuf>,
    selection: zhkg::export::Selection,
    clusters: bool,
    timeout: f64,
) -> anyhow::Result<ExitCode> {
    use zhkg::export::{self, dot, model::PropertyGraph, Format, Selection};
    if let Selection::Construct(q) = &selection {
        // Check the query before touching the store, so syntax errors come first.
        query::check(q).map_err(|e| anyhow::anyhow!("--query: {e}"))?;
    }
    if format.is_binary() && out.is_none() && std::io::stdout().is_terminal() {
        anyhow::bail!("--format {format:?} writes an image: give --out FILE or redirect standard output");
    }
    let store = zhkg::store::open_read_only(store_dir)?;
    let timeout = Duration::from_secs_f64(timeout.max(0.001));
    let quads = export::select(&store, &selection, timeout)?;

    // Write `bytes`-producing output to --out (atomically) or standard output.
    let emit =
        |write: &mut dyn FnMut(&mut dyn Write) -> Result<(), export::ExportError>| -> anyhow::Result<()> {
            match &out {
                Some(path) => export::write_file_atomically(path, |w| write(w))?,
                None => {
                    let mut w = std::io::BufWriter::new(std::io::stdout().lock());
                    match write(&mut w).and_then(|()| {
                        w.flush()
                            .map_err(|e| export::ExportError::Io("standard output".into(), e))
                    }) {
                        Err(export::ExportError::Io(_, e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                        r => r?,
                    }
                }
            }
            Ok(())
        };
    let target = out
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "standard output".into());

    if let Some(rdf) = format.rdf() {
        let mut n = 0;
        emit(&mut |w| {
            n = export::rdf::write(&quads, rdf, w)
                .map_err(|e| export::ExportError::Io(target.clone().into(), e))?;
            Ok(())
        })?;
        if out.is_some() {
            eprintln!("wrote {n} statements to {target}");
        }
        return Ok(ExitCode::SUCCESS);
    }

    let pg = PropertyGraph::from_quads(&quads);
    match format {
        Format::Dot | Format::Svg | Format::Png => {
            let focus: Vec<String> = match &selection {
                Selection::Entity { name, .. } => {
                    pg.find(name).iter().map(|&i| pg.graph[i].iri.clone()).collect()
                }
                _ => Vec::new(),
            };
            let title = diagram_title(&pg, &selection);
            let source = dot::to_dot(
                &pg,
                &dot::DotOptions {
                    clusters,
                    title: Some(title),
                    focus,
                    proposal_chars: 0,
                },
            );
            let bytes = match format {
                Format::Dot => source.into_bytes(),
                _ => {
                    if dot::cjk_font_installed() == Some(false) {
                        eprintln!("warning: no font with Chinese characters is installed, so labels may show as empty boxes; install one (Debian/Ubuntu: `apt-get install fonts-noto-cjk`)");
                    }
                    let image = if format == Format::Svg {
                        dot::Image::Svg
                    } else {
                        dot::Image::Png
                    };
                    let (bytes, warnings) = dot::render(&source, image)?;
                    if !warnings.is_empty() {
                        eprintln!("GraphViz: {warnings}");
                    }
                    bytes
                }
            };
            emit(&mut |w| {
                w.write_all(&bytes)
                    .map_err(|e| export::ExportError::Io(target.clone().into(), e))
            })?;
            if out.is_some() {
                eprintln!("wrote the diagram to {target}");
            }
        }
        Format::Graphml => {
            emit(&mut |w| export::graphml::write(&pg, w))?;
            if out.is_some() {
                eprintln!(
                    "wrote {} nodes and {} edges to {target}",
                    pg.graph.node_count(),
                    pg.graph.edge_count()
                );
            }
        }
        Format::Neo4j | Format::Kuzu => {
            let dir = out
                .clone()
                .or_else(|| format.default_folder())
                .expect("folder format");
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "neo4j".into());
            let mut written = None;
            export::write_dir_atomically(&dir, |tmp| {
                written = Some(if format == Format::Neo4j {
                    export::neo4j::write(&pg, tmp, &name)?
                } else {
                    export::kuzu::write(&pg, tmp)?
                });
                Ok(())
            })?;
            let w = written.expect("written");
            eprintln!(
                "wrote {} nodes and {} relationships in {} files to {}",
                w.nodes,
                w.relationships,
                w.files.len(),
                dir.display()
            );
        }
        _ => unreachable!("RDF formats handled above"),
    }
    Ok(ExitCode::SUCCESS)
}

fn diagram_title(pg: &zhkg::export::model::PropertyGraph, selection: &zhkg::export::Selection) -> String {
    use zhkg::export::model::Kind;
    use zhkg::export::Selection;
    let (nodes, _) = pg.counts();
    let n = |k: Kind| nodes.get(&k).copied().unwrap_or(0);
    let what = format!(
        "{} 項建議 proposals · {} 人 people",
        n(Kind::Proposal),
        n(Kind::Person)
    );
    match selection {
        Selection::All => format!("zhkg：{} 篇文章 articles · {what}", n(Kind::Article)),
        Selection::Document(d) => {
            let title = pg
                .graph
                .node_weights()
                .find(|a| a.kind == Kind::Article)
                .and_then(|a| a.text("title"))
                .unwrap_or("");
            format!("{title}  ({d}) · {what}")
        }
        Selection::Construct(_) => format!("zhkg CONSTRUCT · {what}"),
        Selection::Entity { name, depth } => format!("{name}（{depth} 步 steps）· {what}"),
    }
}

/// A progress bar style; `{rate}` is items per second with one decimal.
fn bar_style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .expect("valid template")
        .with_key(
            "rate",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.1}", s.per_sec());
            },
        )
}

fn cmd_push(
    store_dir: &Path,
    endpoint: String,
    per_document: bool,
    into: String,
    user: Option<String>,
    timeout: f64,
    quiet: bool,
) -> anyhow::Result<ExitCode> {
    use zhkg::push::{push, PushOptions};
    let store = zhkg::store::open_read_only(store_dir)?;
    let opts = PushOptions {
        endpoint,
        per_document,
        into,
        user,
        timeout: Duration::from_secs_f64(timeout.max(0.001)),
    };
    // On a terminal a bar (graphs sent, graphs/s) stands in for the line per request.
    let bar = if !quiet && std::io::stderr().is_terminal() {
        let graphs = zhkg::store::documents(&store)?.len() + 1;
        let b = ProgressBar::new(graphs as u64);
        b.set_style(bar_style(
            "{spinner} {bar:30} {pos}/{len} graphs  {rate} graphs/s  eta {eta}  {wide_msg}",
        ));
        Some(b)
    } else {
        None
    };
    let report = push(&store, &opts, &mut |line: &str| match &bar {
        Some(b) => {
            b.inc(1);
            b.set_message(line.to_string());
        }
        None if !quiet => eprintln!("{line}"),
        None => {}
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let report = report?;
    println!("{}", report.summary(&opts.endpoint));
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        for f in &report.failed {
            eprintln!("error: {f}");
        }
        ExitCode::from(1)
    })
}

fn cmd_extract(json: bool, tokens: bool, max_file_size: u64, files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for f in files {
        let source = match zhkg::corpus::read(f, max_file_size) {
            Ok(s) => s,
            Err(p) => {
                eprintln!("error: {p}");
                failed = true;
                continue;
            }
        };
        let a = zhkg::pipeline::analyze(source);
        if json {
            serde_json::to_writer(&mut out, &zhkg::report::to_json(&a))?;
            writeln!(out)?;
        } else {
            zhkg::report::write_text(&a, tokens, &mut out)?;
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn cmd_explain(store_dir: &Path, name: &str) -> anyhow::Result<ExitCode> {
    let store = zhkg::store::open_read_only(store_dir)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let broken_pipe = |e: &std::io::Error| e.kind() == std::io::ErrorKind::BrokenPipe;
    let n = match zhkg::explain::explain(&store, name, &mut out) {
        Ok(n) => n,
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(broken_pipe) => {
            return Ok(ExitCode::SUCCESS)
        }
        Err(e) => anyhow::bail!("{e}"),
    };
    match out.flush() {
        Err(e) if !broken_pipe(&e) => return Err(e.into()),
        _ => {}
    }
    if n == 0 {
        eprintln!(
            "zhkg: no person, organization or place named {name} in {}",
            store_dir.display()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
