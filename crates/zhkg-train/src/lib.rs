//! What the trainer's binaries share: reading IOB2 files, score tables, the exit status.

use std::process::ExitCode;

use zhkg_extract::ner::train::{self, Document, Prf, Scores};
use zhkg_extract::ner::NerLabel;

/// The documents of an IOB2 file.
pub fn read(path: &str) -> Result<Vec<Document>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    train::read_iob2(&text).map_err(|e| format!("{path}: {e}"))
}

/// Print span- and document-level scores per type and micro-averaged, one table with a
/// row group per system.
pub fn table(rows: &[(&str, &Scores)]) {
    println!(
        "{:<22} {:<5} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}  {:>5} {:>5}",
        "system", "type", "spanP", "spanR", "spanF1", "docP", "docR", "docF1", "spans", "names"
    );
    let row = |system: &str, typ: &str, span: &Prf, doc: &Prf| {
        println!(
            "{system:<22} {typ:<5} {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}  {:>5} {:>5}",
            span.precision(),
            span.recall(),
            span.f1(),
            doc.precision(),
            doc.recall(),
            doc.f1(),
            span.tp + span.fn_,
            doc.tp + doc.fn_,
        );
    };
    for (system, s) in rows {
        for (k, l) in NerLabel::ALL.iter().enumerate() {
            row(system, l.as_str(), &s.span[k], &s.doc[k]);
        }
        row(system, "micro", &s.span_micro, &s.doc_micro);
    }
}

/// The exit status of a binary's run: its error on standard error and failure, or success.
pub fn exit(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
