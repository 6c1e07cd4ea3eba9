//! Every step of every conformance vector passes through the Rust API, and
//! every step kind of the spec is exercised.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use numconc_vectors::{check, eval, Answer, STEP_KINDS};

fn vectors() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("vectors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_step_of_every_vector_passes() {
    let files = vectors();
    assert!(files.len() >= 9, "the public vectors are in tests/vectors");
    let mut kinds = BTreeSet::new();
    let mut failures = Vec::new();
    let mut steps = 0;
    for path in &files {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for r in check(&v).unwrap() {
            steps += 1;
            kinds.insert(r.kind.clone());
            if let Some(m) = r.mismatch {
                failures.push(format!(
                    "{}: step {} ({}): {m}",
                    path.display(),
                    r.step,
                    r.kind
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(steps > 150);
    assert_eq!(
        kinds,
        STEP_KINDS
            .iter()
            .map(|k| (*k).to_string())
            .collect::<BTreeSet<_>>()
    );
}

#[test]
fn eval_answers_every_step() {
    for path in vectors() {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let answers = eval(&v).unwrap();
        assert_eq!(answers.len(), v["steps"].as_array().unwrap().len());
        assert!(answers.iter().all(|a| matches!(a, Answer::Value(_))));
    }
}

#[test]
fn a_wrong_expectation_is_reported() {
    let path = vectors()
        .into_iter()
        .find(|p| p.to_string_lossy().contains("05_"))
        .unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["steps"][0]["expect"]["total"] = "0.01".into();
    let results = check(&v).unwrap();
    assert!(results[0].mismatch.is_some());
    v["steps"][0] = serde_json::json!({"fly": {}, "expect": {}});
    let results = check(&v).unwrap();
    assert!(results[0]
        .mismatch
        .as_deref()
        .unwrap_or_default()
        .contains("unsupported"));
}
