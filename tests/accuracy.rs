//! Accuracy on every development set, measured with the project's scorer
//! (`../shared/eval/score_all.py`: the seed pages, dev-hk, dev-cn, dev-pdf and all of them
//! together), must not fall below floors set a little under what the README reports.

mod common;

use std::process::Command;

use common::*;

/// (set, measure, floor): F1 floors, a little under the figures measured when they were set.
const FLOORS: &[(&str, &str, f64)] = &[
    ("seeds", "entities (micro)", 0.92),
    ("seeds", "positions", 0.95),
    ("seeds", "proposals", 0.85),
    ("seeds", "proposal places", 0.85),
    ("dev-cn", "entities (micro)", 0.87),
    ("dev-cn", "positions", 0.94),
    ("dev-cn", "proposals", 0.81),
    ("dev-hk", "entities (micro)", 0.91),
    ("dev-hk", "positions", 0.93),
    ("dev-hk", "proposals", 0.88),
    ("dev-pdf", "entities (micro)", 0.88),
    ("dev-pdf", "positions", 0.93),
    ("dev-pdf", "proposals", 0.76),
    ("all", "entities (micro)", 0.90),
    ("all", "people", 0.975),
    ("all", "positions", 0.95),
    ("all", "proposals", 0.83),
    ("all", "proposal places", 0.80),
];

#[test]
fn every_development_set_stays_above_its_floors() {
    let scorer = project().join("../shared/eval/score_all.py");
    assert!(
        scorer.exists(),
        "{} is missing: the scorer must sit beside the clone",
        scorer.display()
    );
    let out = Command::new("python3")
        .arg(&scorer)
        .args(["--cli", bin().to_str().unwrap(), "--json"])
        .current_dir(project())
        .output()
        .expect("run the scorer");
    assert!(out.status.success(), "scorer failed: {}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut low = Vec::new();
    for &(set, measure, floor) in FLOORS {
        let scores = if set == "all" {
            &report["all"]
        } else {
            &report["sets"][set]
        };
        let f1 = scores[measure]["f1"]
            .as_f64()
            .unwrap_or_else(|| panic!("no {measure} for {set} in {report}"));
        if f1 < floor {
            low.push(format!("{set} {measure}: F1 {f1:.3} < {floor}"));
        }
    }
    assert!(low.is_empty(), "below the floors:\n{}", low.join("\n"));
}

/// The naive baseline (`examples/jieba_baseline.rs`, which `cargo test` builds beside the
/// binary) must still speak the scorer's contract: its people, organizations and places have
/// to reach the listing queries, or the README's comparison reads 0.
#[test]
fn the_jieba_baseline_still_answers_the_contract_queries() {
    let baseline = bin()
        .parent()
        .unwrap()
        .join("examples")
        .join(format!("jieba_baseline{}", std::env::consts::EXE_SUFFIX));
    assert!(baseline.exists(), "{} was not built", baseline.display());
    let out = Command::new("python3")
        .arg(project().join("../shared/eval/score_all.py"))
        .args(["--cli", baseline.to_str().unwrap(), "--json"])
        .current_dir(project())
        .output()
        .expect("run the scorer");
    assert!(out.status.success(), "scorer failed: {}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f1 = report["all"]["entities (micro)"]["f1"].as_f64().unwrap();
    assert!(f1 >= 0.35, "the baseline's entities F1 over all sets is {f1:.3}");
}
