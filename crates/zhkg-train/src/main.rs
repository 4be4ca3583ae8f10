//! Train zhkg's named-entity tagger (see `src/ner.rs`) from IOB2 files.
//!
//! ```text
//! cargo run --release -p zhkg-train --bin train-ner -- \
//!     --train '../shared/ner/zh_gsd-ud-train.iob2*3' --train data/msra-train.iob2 \
//!     --dev ../shared/ner/zh_gsd-ud-dev.iob2 --dev data/msra-dev.iob2 \
//!     --epochs 20 --prune 3 --out crates/zhkg-extract/data/models/ner.bin \
//!     [--seed 20240607] [--margin 60] [--dropout 0.2]
//! ```
//!
//! `--train` and `--dev` may be repeated; `FILE*N` reads a training file N times (quote it
//! in the shell). The pass kept is the one with the best mean, over the development files,
//! of the document-level micro F1 (then of the span-level one). The shipped model's full
//! recipe, MSRA preparation included, is `scripts/train_ner.sh` (see
//! `crates/zhkg-extract/data/models/README.md`).
//!
//! Deterministic: fixed-seed shuffles, fixed feature hashes. Prints the development scores
//! of every pass, keeps the best pass, and ends with a table of span-level and
//! document-level scores of the model and of the jieba part-of-speech baseline on each
//! development file.

use std::process::ExitCode;
use std::time::Instant;

use zhkg_extract::ner::train::{self, Document, TrainConfig};
use zhkg_extract::ner::{Context, NerModel};
use zhkg_extract::{Extractor, Segmenter};
use zhkg_train::{read, table};

struct Args {
    /// Training files, each with how many times its documents are repeated.
    train: Vec<(String, usize)>,
    dev: Vec<String>,
    out: Option<String>,
    cfg: TrainConfig,
}

const USAGE: &str = "usage: train-ner --train FILE[*N]... --dev FILE... [--out FILE] [--epochs N] [--seed N] \
     [--prune W] [--margin M] [--dropout P]\n  (--train and --dev may be repeated; FILE*N repeats a training file N times)";

fn parse_args() -> Result<Args, String> {
    let mut train = Vec::new();
    let mut dev = Vec::new();
    let mut out = None;
    let mut cfg = TrainConfig::default();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--train" => {
                let v = value()?;
                train.push(match v.rsplit_once('*') {
                    Some((f, n)) => (f.to_string(), n.parse().map_err(|e| format!("--train {v}: {e}"))?),
                    None => (v, 1),
                });
            }
            "--dev" => dev.push(value()?),
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
    if train.is_empty() || dev.is_empty() {
        return Err(USAGE.to_string());
    }
    Ok(Args { train, dev, out, cfg })
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

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let mut train_docs = Vec::new();
    for (path, times) in &args.train {
        let docs = read(path)?;
        let (d, s, n) = count(&docs);
        println!("train: {path} ×{times} — {d} documents, {s} sentences, {n} names");
        for _ in 0..*times {
            train_docs.extend(docs.iter().cloned());
        }
    }
    let mut dev_docs = Vec::new();
    for path in &args.dev {
        let docs = read(path)?;
        let (d, s, n) = count(&docs);
        println!("dev:   {path} — {d} documents, {s} sentences, {n} names");
        dev_docs.push(docs);
    }
    println!("config: {:?}", args.cfg);

    let started = Instant::now();
    // The lexicons and segmenter the features read (the model being trained is not used).
    let extractor = Extractor::embedded();
    let cx = Context::of(&extractor);
    let trained = train::train_multi(cx, &train_docs, &dev_docs, &args.cfg, |r| {
        let devs: Vec<String> = r
            .devs
            .iter()
            .map(|s| format!("span {:.4} doc {:.4}", s.span_micro.f1(), s.doc_micro.f1()))
            .collect();
        println!(
            "epoch {:>2}: {:>5}/{} sentences wrong, {:>8} features, {:>8} weights, dev [{}]  ({:.0?})",
            r.epoch,
            r.mistakes,
            r.sentences,
            r.features,
            r.weights,
            devs.join(" | "),
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

    for (path, docs) in args.dev.iter().zip(&dev_docs) {
        let model_scores = train::evaluate(cx, &trained.model, docs);
        let plain = train::baseline_scores(cx, docs, &Segmenter::plain());
        let lexicon = train::baseline_scores(cx, docs, extractor.segmenter());
        println!("\nscores on {path} (span: exact spans per sentence; doc: distinct names per document)");
        table(&[
            ("model", &model_scores),
            ("jieba POS", &plain),
            ("jieba POS + lexicons", &lexicon),
        ]);
    }
    Ok(())
}

fn main() -> ExitCode {
    zhkg_train::exit(run())
}
