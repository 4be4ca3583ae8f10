//! The `zhkg` command line: a thin layer over the library.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use zhkg_extract::Extractor;
use zhkg_graph::builder::{build, BuildOptions};
use zhkg_graph::export;
use zhkg_graph::query::{self, Format};

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
    Build(BuildArgs),
    /// Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the store, read-only.
    Query {
        /// Store folder.
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        /// Output format (default: table on a terminal, tsv otherwise; turtle for graphs).
        #[arg(long, short, value_parser = query_format())]
        format: Option<Format>,
        /// Stop the query after this many seconds (0 or inf: no limit).
        #[arg(long, default_value = "60", value_parser = parse_timeout, value_name = "SECONDS")]
        timeout: Limit,
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
        #[arg(long, default_value_t = zhkg_extract::DEFAULT_MAX_BYTES)]
        max_file_size: u64,
        /// A folder of lexicon files whose rows are added to the built-in lexicons (see
        /// `zhkg build --help`).
        #[arg(long, value_name = "DIR")]
        lexicons: Option<PathBuf>,
        /// Article files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Explain why an entity (or a group that proposes or is addressed, 市民) is in the store:
    /// its names, every mention with the rule that found it and its sentence, and the
    /// positions and proposals it takes part in.
    Explain {
        /// Store folder.
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        /// List every rule of recognition and fact extraction, with what it does.
        #[arg(long, conflicts_with = "name")]
        rules: bool,
        /// A name of the entity or group (any of its names, in either script).
        #[arg(required_unless_present = "rules")]
        name: Option<String>,
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
        #[arg(long, short, value_parser = export_format())]
        format: export::Format,
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
        /// Stop a --query after this many seconds (0 or inf: no limit).
        #[arg(long, default_value = "60", value_parser = parse_timeout, value_name = "SECONDS")]
        timeout: Limit,
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
        #[arg(long, default_value = zhkg_graph::push::CORPUS_GRAPH, conflicts_with = "graph_per_document")]
        into: String,
        /// HTTP basic authentication, as USER:PASSWORD.
        #[arg(long)]
        user: Option<String>,
        /// Give up on a request after this many seconds (0 or inf: no limit).
        #[arg(long, default_value = "60", value_parser = parse_timeout, value_name = "SECONDS")]
        timeout: Limit,
        /// Print only errors and the summary.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Serve the store over HTTP, read-only: a SPARQL 1.1 endpoint (/sparql), Graph Store
    /// reads (/store) and a page to explore who proposed what (/).
    #[command(after_help = SERVE_HELP)]
    Serve {
        /// Store folder (opened read-only: a build may run beside the server).
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        /// Address to listen on. Loopback by default; 0.0.0.0:PORT opens it to the network.
        #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDRESS:PORT")]
        bind: String,
        /// Stop each query after this many seconds (0 or inf: no limit); a stopped query
        /// is answered 503.
        #[arg(long, default_value = "60", value_parser = parse_timeout, value_name = "SECONDS")]
        timeout: Limit,
        /// Let web pages from any origin query the server (CORS), e.g. YASGUI on another host.
        #[arg(long)]
        cors: bool,
        /// Another host name clients may use to reach the server (the Host header is
        /// checked against the bound address, against DNS rebinding); repeatable.
        #[arg(long, value_name = "NAME[:PORT]")]
        allow_host: Vec<String>,
        /// Largest request body accepted, in bytes.
        #[arg(long, default_value_t = zhkg_serve::DEFAULT_MAX_BODY, value_name = "BYTES")]
        max_body: usize,
        /// Connections served at once (one thread each); more wait their turn.
        #[arg(long, default_value_t = zhkg_serve::DEFAULT_MAX_CONNECTIONS, value_name = "N")]
        max_connections: usize,
    },
}

const SERVE_HELP: &str = "\
Endpoints:
  /           the page: ready queries, an entity graph to expand, facts with their source
  /sparql     SPARQL 1.1 Protocol (alias /query): GET ?query=, POST form or
              application/sparql-query; JSON, XML, CSV, TSV results; Turtle, N-Triples,
              RDF/XML, JSON-LD graphs (by Accept); updates answered 403
  /store      Graph Store Protocol, read only: ?default, ?graph=IRI, or the whole dataset
  /api/search?q=NAME   entities by any name, either script, pinyin or a fragment

Examples:
  zhkg serve                                   http://127.0.0.1:7878/
  zhkg serve --store kg --bind 127.0.0.1:8000 --timeout 10
  curl -H 'Accept: text/csv' --data-urlencode query@queries/people.rq http://127.0.0.1:7878/sparql";

/// `zhkg build`'s options.
#[derive(clap::Args)]
struct BuildArgs {
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
    #[arg(long, default_value_t = zhkg_extract::DEFAULT_MAX_BYTES)]
    max_file_size: u64,
    /// A folder of lexicon files (organizations.tsv, places.tsv, posts.tsv … in the
    /// built-in formats) whose rows are added to the built-in lexicons.
    #[arg(long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
    /// Print only errors.
    #[arg(long, short)]
    quiet: bool,
    /// Article files or folders (default: corpus/).
    paths: Vec<PathBuf>,
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
        Command::Build(args) => cmd_build(args),
        Command::Query {
            store,
            format,
            timeout,
            expression,
            file,
        } => cmd_query(&store, format, timeout.0, expression, file),
        Command::Extract {
            json,
            tokens,
            max_file_size,
            lexicons,
            files,
        } => cmd_extract(json, tokens, max_file_size, lexicons, &files),
        Command::Explain { rules: true, .. } => {
            for r in zhkg_extract::Rule::ALL {
                println!("{:<28} {}", r.as_str(), r.describe());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { store, name, .. } => cmd_explain(&store, name.as_deref().unwrap_or_default()),
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
                (Some(g), _, _) => Ok(export::Selection::Document(g)),
                (_, Some(q), _) => read_query(&q).map(export::Selection::Construct),
                (_, _, Some(name)) => Ok(export::Selection::Entity { name, depth }),
                _ => Ok(export::Selection::All),
            };
            selection.and_then(|selection| {
                let request = export::Request {
                    format,
                    selection,
                    clusters,
                    timeout: timeout.0,
                };
                cmd_export(&store, &request, out)
            })
        }
        Command::Push {
            store,
            endpoint,
            graph_per_document,
            into,
            user,
            timeout,
            quiet,
        } => cmd_push(&store, endpoint, graph_per_document, into, user, timeout.0, quiet),
        Command::Serve {
            store,
            bind,
            timeout,
            cors,
            allow_host,
            max_body,
            max_connections,
        } => {
            let mut config = zhkg_serve::Config::new(store);
            config.bind = bind;
            config.timeout = timeout.0;
            config.cors = cors;
            config.allowed_hosts = allow_host;
            config.max_body = max_body;
            config.max_connections = max_connections;
            cmd_serve(config)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zhkg: {}", message(&e));
            ExitCode::from(1)
        }
    }
}

/// Did the reader of our output go away (`zhkg query … | head`)? Then stopping quietly is
/// the right answer, whichever command was writing.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// An error with its causes, and the command-line hint for it where there is one (the
/// library's messages do not know the flags).
fn message(e: &anyhow::Error) -> String {
    use zhkg_graph::push::PushError;
    use zhkg_graph::store::StoreError;
    let mut text = format!("{e:#}");
    let hint = e.chain().find_map(|c| {
        if let Some(s) = c.downcast_ref::<StoreError>() {
            return match s {
                StoreError::Missing(p) => {
                    Some(format!("build one with `zhkg build --store {}`", p.display()))
                }
                StoreError::Unfinished(p) => Some(format!("run `zhkg build --store {}` again", p.display())),
                StoreError::Version { path, .. } => Some(format!(
                    "with `zhkg build --rebuild --store {} FILES...` (or a new --store folder)",
                    path.display()
                )),
                _ => None,
            };
        }
        if let Some(query::QueryError::Timeout(_)) = c.downcast_ref::<query::QueryError>() {
            return Some("raise the limit with --timeout SECONDS".into());
        }
        if let Some(query::QueryError::WrongFormat { .. }) = c.downcast_ref::<query::QueryError>() {
            return Some("choose another --format".into());
        }
        if let Some(query::QueryError::Update) = c.downcast_ref::<query::QueryError>() {
            return Some("zhkg query only reads the store; change it with `zhkg build`".into());
        }
        match c.downcast_ref::<PushError>() {
            Some(PushError::Timeout { .. }) => Some("raise the limit with --timeout SECONDS".into()),
            Some(PushError::Refused { status: 401, .. }) => Some("give --user USER:PASSWORD".into()),
            _ => None,
        }
    });
    if let Some(h) = hint {
        text.push_str(&format!(" ({h})"));
    }
    text
}

/// `--format` values of `zhkg query`, with their help.
fn query_format() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(Format::ALL.map(|f| PossibleValue::new(f.name()).help(f.help())))
        .try_map(|s| s.parse::<Format>())
}

/// `--format` values of `zhkg export`, with their help.
fn export_format() -> impl TypedValueParser<Value = export::Format> {
    PossibleValuesParser::new(export::Format::ALL.map(|f| PossibleValue::new(f.name()).help(f.help())))
        .try_map(|s| s.parse::<export::Format>())
}

/// A time limit given with `--timeout` (`None`: no limit).
#[derive(Debug, Clone, Copy)]
struct Limit(Option<Duration>);

/// `--timeout`: seconds; `0`, `inf` or `none` for no limit (the same for every command).
fn parse_timeout(s: &str) -> Result<Limit, String> {
    let bad = || format!("`{s}` is not a number of seconds (0 or inf: no limit)");
    if matches!(
        s.trim().to_ascii_lowercase().as_str(),
        "inf" | "infinity" | "none"
    ) {
        return Ok(Limit(None));
    }
    let v: f64 = s.trim().parse().map_err(|_| bad())?;
    if v == 0.0 {
        return Ok(Limit(None));
    }
    if !v.is_finite() || !(0.0..=1e9).contains(&v) {
        return Err(bad());
    }
    Ok(Limit(Some(Duration::from_secs_f64(v))))
}

/// The extractor: built-in lexicons, plus a folder's when given.
fn extractor(lexicons: Option<&Path>) -> anyhow::Result<Extractor> {
    let extractor = match lexicons {
        Some(dir) => Extractor::with_lexicon_folder(dir)?,
        None => Extractor::embedded(),
    };
    extractor.prepare();
    Ok(extractor)
}

fn cmd_build(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let BuildArgs {
        store: store_dir,
        threads,
        force,
        rebuild,
        max_file_size,
        lexicons,
        quiet,
        mut paths,
    } = args;
    let store_dir = store_dir.as_path();
    if paths.is_empty() {
        let default = PathBuf::from("corpus");
        if !default.is_dir() {
            anyhow::bail!("no articles named and no corpus/ folder here; give files or folders to build");
        }
        paths.push(default);
    }
    let extractor = extractor(lexicons.as_deref())?;
    zhkg_graph::builder::quiet_article_panics();
    let (files, discovery) = zhkg_extract::discover(&paths);
    if let Some(parent) = store_dir.parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent)?;
        }
    }
    let store = zhkg_graph::store::open_for_build(store_dir, rebuild)?;
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
    let report = build(&store, &extractor, &files, &opts, &|done, _| {
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

/// A query from a file, or standard input for `-`.
fn read_query(path: &Path) -> anyhow::Result<String> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        Ok(s)
    } else {
        std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
    }
}

fn cmd_query(
    store_dir: &Path,
    format: Option<Format>,
    timeout: Option<Duration>,
    expression: Option<String>,
    file: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let text = match (expression, file) {
        (Some(e), _) => e,
        (None, Some(f)) => read_query(&f)?,
        (None, None) => anyhow::bail!("give a query file or -e QUERY"),
    };
    // Check the query before touching the store, so syntax errors come first.
    query::check(&text)?;
    let store = zhkg_graph::store::open_read_only(store_dir)?;
    let stdout = std::io::stdout();
    let format = format.unwrap_or(if stdout.is_terminal() {
        Format::Table
    } else {
        Format::Tsv
    });
    if zhkg_graph::store::writer_active(store_dir) {
        eprintln!(
            "note: a build is writing the store at {}; these results show it as it was a moment ago",
            store_dir.display()
        );
    }
    // This process is ours: a query that ignores its cancellation is ended here.
    let opts = query::RunOptions {
        timeout,
        when_stuck: Some(std::sync::Arc::new(|limit| {
            let e = anyhow::Error::new(query::QueryError::Timeout(limit));
            eprintln!("zhkg: {}", message(&e));
            std::process::exit(1);
        })),
        ..Default::default()
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    query::run(&store, &text, format, &opts, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn cmd_export(store_dir: &Path, request: &export::Request, out: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let format = request.format;
    if let export::Selection::Construct(q) = &request.selection {
        // Check the query before touching the store, so syntax errors come first.
        query::check(q).map_err(|e| anyhow::anyhow!("--query: {e}"))?;
    }
    if format == export::Format::Png && out.is_none() && std::io::stdout().is_terminal() {
        anyhow::bail!("--format png writes an image: give --out FILE or redirect standard output");
    }
    let out = out.or_else(|| {
        format
            .is_folder()
            .then(|| PathBuf::from("output").join(format.name()))
    });
    let store = zhkg_graph::store::open_read_only(store_dir)?;
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    let target = match &out {
        Some(p) => export::Target::Path(p.clone()),
        None => export::Target::Stream(&mut lock),
    };
    let outcome = export::run(&store, request, target)?;
    for w in &outcome.warnings {
        eprintln!("warning: {w}");
    }
    if let Some(path) = &out {
        let place = path.display();
        match &outcome.written {
            export::Written::Statements(n) => eprintln!("wrote {n} statements to {place}"),
            export::Written::Diagram => eprintln!("wrote the diagram to {place}"),
            export::Written::Graph { nodes, edges } => {
                eprintln!("wrote {nodes} nodes and {edges} edges to {place}")
            }
            export::Written::Folder(f) => eprintln!(
                "wrote {} nodes and {} relationships in {} files to {place}",
                f.nodes,
                f.relationships,
                f.files.len()
            ),
        }
    }
    Ok(ExitCode::SUCCESS)
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
    timeout: Option<Duration>,
    quiet: bool,
) -> anyhow::Result<ExitCode> {
    use zhkg_graph::push::{push, PushOptions};
    let store = zhkg_graph::store::open_read_only(store_dir)?;
    let opts = PushOptions {
        endpoint,
        per_document,
        into,
        user,
        timeout,
    };
    // On a terminal a bar (graphs sent, graphs/s) stands in for the line per request.
    let bar = if !quiet && std::io::stderr().is_terminal() {
        let graphs = zhkg_graph::store::documents(&store)?.len() + 1;
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

fn cmd_extract(
    json: bool,
    tokens: bool,
    max_file_size: u64,
    lexicons: Option<PathBuf>,
    files: &[PathBuf],
) -> anyhow::Result<ExitCode> {
    let extractor = extractor(lexicons.as_deref())?;
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for f in files {
        let source = match zhkg_extract::read(f, max_file_size) {
            Ok(s) => s,
            Err(p) => {
                eprintln!("error: {p}");
                failed = true;
                continue;
            }
        };
        let a = extractor.analyze(source);
        if json {
            serde_json::to_writer(&mut out, &zhkg_extract::to_json(&a))?;
            writeln!(out)?;
        } else {
            zhkg_extract::write_text(&a, tokens, &mut out)?;
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
    let store = zhkg_graph::store::open_read_only(store_dir)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let n = zhkg_graph::explain::explain(&store, name, &mut out)?;
    out.flush()?;
    if n == 0 {
        eprintln!(
            "zhkg: no person, organization, place or addressed group named {name} in {}",
            store_dir.display()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_serve(config: zhkg_serve::Config) -> anyhow::Result<ExitCode> {
    let store_dir = config.store.clone();
    let server = zhkg_serve::Server::start(config)?;
    if zhkg_graph::store::writer_active(&store_dir) {
        eprintln!(
            "note: a build is writing the store at {}; the server shows it as it was when it started",
            store_dir.display()
        );
    }
    for a in server.addrs() {
        eprintln!(
            "zhkg: serving {} at http://{a}/ (SPARQL: http://{a}/sparql)",
            store_dir.display()
        );
    }
    server.join()?;
    Ok(ExitCode::SUCCESS)
}
