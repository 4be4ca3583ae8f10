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
Exit status: 0 when everything worked; 1 when something failed (a file could not be
built, a query was refused or failed, the store could not be opened); 2 on a usage error.

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
        /// Worker threads for extraction (default: all cores).
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
        /// Stop the query after this many seconds.
        #[arg(long, default_value_t = 60.0)]
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
    /// Export the graph for other tools: RDF serializations for triple stores.
    Export {
        /// Store folder.
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        /// What to write.
        #[arg(long, short, value_enum)]
        format: ExportFormat,
        /// Output file (default: standard output).
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Only this article's graph (its file name).
        #[arg(long)]
        graph: Option<String>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Rdfxml,
    Jsonld,
}

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
        } => cmd_export(&store, format, out, graph),
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
        ..Default::default()
    };
    let bar = if !quiet && std::io::stderr().is_terminal() && files.len() > 1 {
        let b = ProgressBar::new(files.len() as u64);
        b.set_style(
            ProgressStyle::with_template("{spinner} {bar:30} {pos}/{len} articles  {per_sec}  eta {eta}")
                .expect("valid template"),
        );
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
    for p in discovery.iter().chain(&report.failed) {
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
    let timeout = Duration::from_secs_f64(timeout.max(0.001));
    let mut out = std::io::BufWriter::new(stdout.lock());
    match query::run(&store, &text, format, timeout, &mut out) {
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

fn cmd_export(
    store_dir: &Path,
    format: ExportFormat,
    out: Option<PathBuf>,
    graph: Option<String>,
) -> anyhow::Result<ExitCode> {
    use zhkg::export::rdf::{write, Rdf};
    let store = zhkg::store::open_read_only(store_dir)?;
    let rdf = match format {
        ExportFormat::Turtle => Rdf::Turtle,
        ExportFormat::Ntriples => Rdf::NTriples,
        ExportFormat::Nquads => Rdf::NQuads,
        ExportFormat::Trig => Rdf::TriG,
        ExportFormat::Rdfxml => Rdf::RdfXml,
        ExportFormat::Jsonld => Rdf::JsonLd,
    };
    let graph_iri = match &graph {
        Some(name) => {
            if !zhkg::store::documents(&store)?.contains(name) {
                anyhow::bail!("no article named {name} in the store at {}", store_dir.display());
            }
            Some(oxigraph::model::NamedNode::new(zhkg::rdf::document_iri(name))?)
        }
        None => None,
    };
    let n = match &out {
        Some(path) => {
            // Write to a temporary file and rename, so a failed export leaves no half file.
            let tmp = path.with_extension("partial");
            let mut w = std::io::BufWriter::new(
                std::fs::File::create(&tmp).map_err(|e| anyhow::anyhow!("{}: {e}", tmp.display()))?,
            );
            let n = write(&store, rdf, graph_iri.as_ref().map(|g| g.as_ref()), &mut w)?;
            w.flush()?;
            drop(w);
            std::fs::rename(&tmp, path)?;
            n
        }
        None => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            let n = write(&store, rdf, graph_iri.as_ref().map(|g| g.as_ref()), &mut w)?;
            w.flush()?;
            n
        }
    };
    if let Some(path) = out {
        eprintln!("wrote {n} statements to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
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
