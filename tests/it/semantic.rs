//! `--semantic`: the failure paths without a usable model, and output that
//! does not depend on the thread count.

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use std::fs;
use std::path::PathBuf;
use tempfile::TempDir;

const SAMPLE_NB: &str = "corpora/utsyn-2026.nb.md";
const SAMPLE_EN: &str = "corpora/utsyn-2026.en.md";

/// The installed model, as tolk finds it by default (scripts/test runs
/// scripts/install-model first).
fn installed_model() -> PathBuf {
    let path = tolk::encode::model_path(None);
    assert!(
        path.is_file(),
        "{}: no model; run scripts/install-model (scripts/test does)",
        path.display()
    );
    path
}

#[test]
fn missing_model_names_the_install_script_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("pairs.csv");
    let model = dir.path().join("no-such-model.bin");
    for cmd in ["align", "check"] {
        let mut c = cargo_bin_cmd!("tolk");
        c.args([cmd, SAMPLE_NB, SAMPLE_EN, "--semantic", "--model"])
            .arg(&model)
            .arg("-o")
            .arg(&out);
        c.assert()
            .code(2)
            .stderr(predicate::str::contains("scripts/install-model"))
            .stderr(predicate::str::contains("no-such-model.bin"));
        assert!(!out.exists(), "{cmd} wrote output");
    }
    // The default place, through TOLK_MODEL.
    cargo_bin_cmd!("tolk")
        .args(["align", SAMPLE_NB, SAMPLE_EN, "--semantic", "-o"])
        .arg(&out)
        .env("TOLK_MODEL", &model)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("scripts/install-model"));
    assert!(!out.exists());
}

#[test]
fn corrupt_model_is_an_error_not_a_panic() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("pairs.csv");
    let model = dir.path().join("e5-small-q4.bin");
    fs::write(&model, b"E5S1 this is not a model").unwrap();
    cargo_bin_cmd!("tolk")
        .args(["align", SAMPLE_NB, SAMPLE_EN, "--semantic", "--model"])
        .arg(&model)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("scripts/install-model"))
        .stderr(predicate::str::contains("panicked").not());
    assert!(!out.exists());
}

#[test]
fn model_without_semantic_is_refused() {
    cargo_bin_cmd!("tolk")
        .args(["align", SAMPLE_NB, SAMPLE_EN, "--model", "x.bin"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--semantic"));
}

#[test]
fn semantic_output_is_the_same_with_one_or_two_threads() {
    let model = installed_model();
    let run = |threads: &str| {
        let out = cargo_bin_cmd!("tolk")
            .args([
                "align",
                SAMPLE_NB,
                SAMPLE_EN,
                "--semantic",
                "--format",
                "jsonl",
                "--model",
            ])
            .arg(&model)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("2"));
}

#[test]
fn confidences_are_calibrated_with_the_table_of_the_mode() {
    use tolk::align::calibrate::{confidence, Table};
    let model = installed_model();
    let run = |semantic: bool, raw: bool| {
        let mut cmd = cargo_bin_cmd!("tolk");
        cmd.args(["align", SAMPLE_NB, SAMPLE_EN, "--format", "jsonl"]);
        if semantic {
            cmd.arg("--semantic").arg("--model").arg(&model);
        }
        if raw {
            cmd.env("TOLK_RAW_CONFIDENCE", "1");
        } else {
            cmd.env_remove("TOLK_RAW_CONFIDENCE");
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        crate::util::jsonl(&out.stdout)
    };
    for semantic in [false, true] {
        let (posteriors, calibrated) = (run(semantic, true), run(semantic, false));
        assert_eq!(posteriors.len(), calibrated.len());
        let mut differ = 0;
        for (p, c) in posteriors.iter().zip(&calibrated) {
            assert_eq!((&p["src"], &p["tgt"]), (&c["src"], &c["tgt"]));
            let n = |v: &serde_json::Value| v.as_array().unwrap().len();
            let (s, t) = (n(&c["src"]), n(&c["tgt"]));
            let raw = p["confidence"].as_f64().unwrap();
            let want = confidence(Table::of(semantic), s, t, raw);
            assert_eq!(c["confidence"].as_f64().unwrap(), want, "{c}");
            if want != confidence(Table::of(!semantic), s, t, raw) {
                differ += 1;
            }
        }
        // the two tables tell these beads apart
        assert!(differ > 0, "semantic {semantic}");
    }
}
