//! Train zhkg's named-entity tagger (see `crates/zhkg-extract/src/ner.rs`) from IOB2 files.
//!
//! ```text
//! cargo run --release -p zhkg-train --bin train-ner -- \
//!     --train ../shared/ner/zh_gsd-ud-train.iob2 --dev ../shared/ner/zh_gsd-ud-dev.iob2 \
//!     --out crates/zhkg-extract/data/models/ner.bin [--epochs 20] [--seed 20240607] [--prune 1] [--margin 60] [--dropout 0.2]
//! ```
//!
//! Deterministic: fixed-seed shuffles, fixed feature hashes. Prints the development scores
//! of every pass, keeps the best pass, and ends with a table of span-level and
//! document-level scores of the model and of the jieba part-of-speech baseline.

use std::process::ExitCode;
use std::time::Instant;

use zhkg_extract::ner::train::{self, Document, Prf, Scores, TrainConfig};
use zhkg_extract::ner::{Context, NerLabel, NerModel};
use zhkg_extract::{Extractor, Segmenter};

struct Args {
    train: String,
    dev: String,
    out: Option<String>,
    cfg: TrainConfig,
}

const USAGE: &str =
    "usage: train-ner --train FILE --dev FILE [--out FILE] [--epochs N] [--seed N] [--prune W]";

fn parse_args() -> Result<Args, String> {
    let mut train = None;
    let mut dev = None;
    let mut out = None;
    let mut cfg = TrainConfig::default();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--train" => train = Some(value()?),
            "--dev" => dev = Some(value()?),
            "--out" => out = Some(value()?),
            "--epochs" => cfg.epochs = value()?.parse().map_err(|e| format!("--epochs: {e}"))?,
            "--seed" => cfg.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--margin" => cfg.margin = value()?.parse().map_err(|e| format!("--margin: {e}"))?,
            "--dropout" => cfg.dropout = value()?.parse().map_err(|e| format!("--dropout: {e}"))?,
            "--prune" => cfg.prune = value()?.parse().map_err(|e| format!("--prune: {e}"))?,
            "-h" | "--help" => return Err(USAGE.to_string()),
            _ => return Err(format!("unknown argument {a}\n{USAGE}")),
        }
    }
    Ok(Args {
        train: train.ok_or(USAGE)?,
        dev: dev.ok_or(USAGE)?,
        out,
        cfg,
    })
}

fn read(path: &str) -> Result<Vec<Document>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    train::read_iob2(&text).map_err(|e| format!("{path}: {e}"))
}

fn count(docs: &[Document]) -> (usize, usize, usize) {
    let sentences = docs.iter().map(|d| d.sentences.len()).sum();
    let names = docs
        .iter()
        .flat_map(|d| &d.sentences)
        .map(|s| s.spans.len())
        .sum();
    (docs.len(), sentences, names)
}

fn row(system: &str, typ: &str, span: &Prf, doc: &Prf) {
    println!(
        "{system:<22} {typ:<5} {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}  {:>5}",
        span.precision(),
        span.recall(),
        span.f1(),
        doc.precision(),
        doc.recall(),
        doc.f1(),
        span.tp + span.fn_,
    );
}

fn table(rows: &[(&str, &Scores)]) {
    println!(
        "{:<22} {:<5} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}  {:>5}",
        "system", "type", "spanP", "spanR", "spanF1", "docP", "docR", "docF1", "gold"
    );
    for (name, s) in rows {
        for l in NerLabel::ALL {
            let k = NerLabel::ALL.iter().position(|&x| x == l).unwrap_or(0);
            row(name, l.as_str(), &s.span[k], &s.doc[k]);
        }
        row(name, "micro", &s.span_micro, &s.doc_micro);
    }
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let train_docs = read(&args.train)?;
    let dev_docs = read(&args.dev)?;
    let (d, s, n) = count(&train_docs);
    println!("train: {} — {d} documents, {s} sentences, {n} names", args.train);
    let (d, s, n) = count(&dev_docs);
    println!("dev:   {} — {d} documents, {s} sentences, {n} names", args.dev);
    println!("config: {:?}", args.cfg);

    // The lexicons and segmenter the features read (the model being trained is not used).
    let extractor = Extractor::embedded();
    let cx = Context::of(&extractor);
    let started = Instant::now();
    let trained = train::train(cx, &train_docs, &dev_docs, &args.cfg, |r| {
        println!(
            "epoch {:>2}: {:>4}/{} sentences wrong, {:>7} features, dev span F1 {:.4}, doc F1 {:.4}  ({:.0?})",
            r.epoch,
            r.mistakes,
            r.sentences,
            r.features,
            r.dev.span_micro.f1(),
            r.dev.doc_micro.f1(),
            started.elapsed(),
        );
    });
    let elapsed = started.elapsed();
    let bytes = trained.model.to_bytes();
    println!(
        "best epoch {} — {} weights, {} bytes, score temperature {:.2}, trained in {:.1?}",
        trained.best_epoch,
        trained.model.len(),
        bytes.len(),
        trained.model.temperature(),
        elapsed
    );
    if let Some(out) = &args.out {
        // What is written must be what was measured.
        let back = NerModel::from_bytes(&bytes)?;
        if back != trained.model {
            return Err("the model does not survive its file format".into());
        }
        std::fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?;
        println!("wrote {out}");
    }

    let model_scores = train::evaluate(cx, &trained.model, &dev_docs);
    let plain = train::baseline_scores(cx, &dev_docs, &Segmenter::plain());
    let lexicon = train::baseline_scores(cx, &dev_docs, extractor.segmenter());
    println!(
        "\nscores on {} (span: exact spans per sentence; doc: distinct names per document)",
        args.dev
    );
    table(&[
        ("model", &model_scores),
        ("jieba POS", &plain),
        ("jieba POS + lexicons", &lexicon),
    ]);
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
