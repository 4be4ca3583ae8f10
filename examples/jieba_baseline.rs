//! The naive baseline zhkg is measured against: jieba-rs part-of-speech tags alone as
//! entities (nr → person, ns → place, nt → organization), with no rules, lexicons,
//! positions or proposals.
//!
//! It speaks the same command-line contract as `zhkg` for `build` and `query`, so the
//! scorer of `../shared/eval` can measure it in the same run:
//!
//! ```sh
//! cargo build --release --examples
//! python3 ../shared/eval/score.py --cli "$CARGO_TARGET_DIR/release/examples/jieba_baseline"
//! ```
//! (`scripts/accuracy.sh` runs both and prints both tables.)

use std::path::PathBuf;
use std::process::ExitCode;

use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad};
use zhkg_extract::Segmenter;
use zhkg_graph::vocab::{dcterms, rdf, schema, skos, zhkg};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => build(&args[1..]),
        Some("query") => query(&args[1..]),
        _ => Err(
            "usage: jieba_baseline build --store DIR FILE... | query --store DIR --format json FILE.rq"
                .into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jieba_baseline: {e}");
            ExitCode::from(1)
        }
    }
}

fn option(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn build(args: &[String]) -> Result<(), String> {
    let store_dir = PathBuf::from(option(args, "--store").ok_or("--store is required")?);
    let files: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--store"))
        .map(|(_, a)| a)
        .collect();
    let store = zhkg_graph::store::open_for_build(&store_dir, false).map_err(|e| e.to_string())?;
    let seg = Segmenter::plain();
    for f in files {
        let source =
            zhkg_extract::read(f.as_ref(), zhkg_extract::DEFAULT_MAX_BYTES).map_err(|p| p.to_string())?;
        let doc = NamedNode::new_unchecked(zhkg_graph::rdf::document_iri(&source.name));
        let g = GraphName::NamedNode(doc.clone());
        let mut quads = vec![
            Quad::new(
                doc.clone(),
                dcterms::IDENTIFIER,
                Literal::new_simple_literal(&source.name),
                g.clone(),
            ),
            Quad::new(
                doc.clone(),
                dcterms::LANGUAGE,
                Literal::new_simple_literal("zh-Hant"),
                g.clone(),
            ),
        ];
        // jieba's dictionary is Simplified: tag the Simplified view, name as written.
        let text = source.decoded.text.replace(['\n', '\r'], "");
        let original: Vec<char> = text.chars().collect();
        let simp = zhkg_extract::to_simplified(&text);
        for t in seg.tag(&simp) {
            let (class, name_of) = match t.tag.as_str() {
                "nr" | "nrfg" | "nrt" => (schema::PERSON, zhkg::PERSON_NAME),
                "ns" => (schema::PLACE, zhkg::PLACE_NAME),
                "nt" => (schema::ORGANIZATION, zhkg::ORGANIZATION_NAME),
                _ => continue,
            };
            let name: String = original[t.start..t.end].iter().collect();
            let kind = class
                .as_str()
                .rsplit('/')
                .next()
                .unwrap_or("x")
                .to_ascii_lowercase();
            let entity = NamedNode::new_unchecked(zhkg_graph::vocab::resource_iri(&zhkg_extract::mint(
                &kind,
                &name,
                &format!("{kind}:{name}"),
            )));
            let s = NamedOrBlankNode::from(entity);
            quads.push(Quad::new(s.clone(), rdf::TYPE, class.into_owned(), g.clone()));
            quads.push(Quad::new(
                s.clone(),
                skos::PREF_LABEL,
                Literal::new_language_tagged_literal_unchecked(&name, "zh-hant"),
                g.clone(),
            ));
            // The name again under the predicate the listing queries scan (people.rq …), as
            // `zhkg_graph::rdf` writes it for zhkg's own entities.
            quads.push(Quad::new(
                s,
                name_of,
                Literal::new_language_tagged_literal_unchecked(name, "zh-hant"),
                g.clone(),
            ));
        }
        zhkg_graph::store::replace_document(&store, &source.name, &quads).map_err(|e| e.to_string())?;
    }
    store.flush().map_err(|e| e.to_string())
}

fn query(args: &[String]) -> Result<(), String> {
    let store_dir = PathBuf::from(option(args, "--store").ok_or("--store is required")?);
    let file = args.last().ok_or("a query file is required")?;
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let store = zhkg_graph::store::open_read_only(&store_dir).map_err(|e| e.to_string())?;
    let mut out = std::io::stdout().lock();
    zhkg_graph::query::run(
        &store,
        &text,
        zhkg_graph::query::Format::Json,
        &zhkg_graph::query::RunOptions::with_timeout(Some(std::time::Duration::from_secs(60))),
        &mut out,
    )
    .map_err(|e| e.to_string())
}
