//! `tolk align` as a program: formats, --unit, --dict and its failure paths.

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use std::fs;
use tempfile::TempDir;

use crate::util::align_nb_en;

fn fixture(dir: &TempDir) -> (String, String) {
    let nb = dir.path().join("nb.txt");
    let en = dir.path().join("en.txt");
    fs::write(
        &nb,
        "Trusselvurdering 2026\n\nRussland er den største trusselen. I 2025 ble 14 personer utvist.\n\nKina er også aktiv.\n",
    )
    .unwrap();
    fs::write(
        &en,
        "Threat Assessment 2026\n\nRussia is the greatest threat. In 2025, 14 people were expelled.\n\nChina is also active.\n",
    )
    .unwrap();
    (nb.display().to_string(), en.display().to_string())
}

#[test]
fn beads_format_lists_every_segment() {
    let dir = TempDir::new().unwrap();
    let (nb, en) = fixture(&dir);
    align_nb_en(&nb, &en, &["--format", "beads"])
        .success()
        .stdout("[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n");
}

#[test]
fn paragraph_unit_groups_sentences() {
    let dir = TempDir::new().unwrap();
    let (nb, en) = fixture(&dir);
    align_nb_en(&nb, &en, &["--format", "beads", "--unit", "paragraph"])
        .success()
        .stdout("[0]:[0]\n[1, 2]:[1, 2]\n[3]:[3]\n");
}

#[test]
fn jsonl_has_byte_offsets_into_the_files() {
    let dir = TempDir::new().unwrap();
    let (nb, en) = fixture(&dir);
    let out = align_nb_en(&nb, &en, &["--format", "jsonl"])
        .success()
        .get_output()
        .clone();
    let nb_text = fs::read_to_string(&nb).unwrap();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let r = v["src_bytes"].as_array().unwrap();
        let (a, b) = (
            r[0].as_u64().unwrap() as usize,
            r[1].as_u64().unwrap() as usize,
        );
        assert_eq!(&nb_text[a..b], v["src_text"].as_str().unwrap());
        let c = v["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c));
    }
}

#[test]
fn dict_is_accepted() {
    let dir = TempDir::new().unwrap();
    let (nb, en) = fixture(&dir);
    let dict = dir.path().join("d.tsv");
    fs::write(&dict, "russland\trussia\ntrussel\tthreat\n").unwrap();
    align_nb_en(
        &nb,
        &en,
        &["--format", "beads", "--dict", dict.to_str().unwrap()],
    )
    .success()
    .stdout("[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n");
}

#[test]
fn missing_dict_is_an_error_naming_the_file() {
    let dir = TempDir::new().unwrap();
    let (nb, en) = fixture(&dir);
    let out = dir.path().join("out.csv");
    cargo_bin_cmd!("tolk")
        .args(["align", &nb, &en, "--dict", "/nonexistent/dict.tsv", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/dict.tsv"));
    assert!(!out.exists(), "no output file on error");
}

#[test]
fn dict_without_pairs_is_an_error_saying_what_to_do() {
    let dir = TempDir::new().unwrap();
    let (nb, en) = fixture(&dir);
    let dict = dir.path().join("d.tsv");
    fs::write(&dict, "no tabs here\n").unwrap();
    cargo_bin_cmd!("tolk")
        .args(["align", &nb, &en])
        .arg("--dict")
        .arg(&dict)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("d.tsv").and(predicate::str::contains("TAB")));
}
