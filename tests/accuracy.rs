//! Accuracy on the development articles, measured with the project's scorer
//! (`../shared/eval/score.py`), must not fall below the floors the README reports.

mod common;

use std::process::Command;

use common::*;

#[test]
fn development_set_scores_stay_above_their_floors() {
    let scorer = project().join("../shared/eval/score.py");
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
    let f1 = |k: &str| {
        report[k]["f1"]
            .as_f64()
            .unwrap_or_else(|| panic!("no {k} in {report}"))
    };
    for (measure, floor) in [
        ("entities (micro)", 0.90),
        ("positions", 0.95),
        ("proposals", 0.85),
        ("proposal places", 0.85),
    ] {
        assert!(
            f1(measure) >= floor,
            "{measure} F1 {} fell below {floor}: {report}",
            f1(measure)
        );
    }
}
