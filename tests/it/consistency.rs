//! `tolk consistency`, and `check` over several documents: the binary end
//! to end on small report-like editions written for these tests.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use tempfile::TempDir;

/// Three yearly editions as aligned-pairs CSVs. "trusselen" is "threat"
/// except once in 2025 ("menace"); the sentence "Regjeringen styrker
/// beredskapen i nord." is translated differently in 2025.
const YEARS: &[(&str, &[(&str, &str)])] = &[
    (
        "fokus-2024",
        &[
            (
                "Trusselen fra statlige aktører er høy.",
                "The threat from state actors is high.",
            ),
            (
                "Regjeringen styrker beredskapen i nord.",
                "The government strengthens preparedness in the north.",
            ),
            (
                "Trusselen mot kritisk infrastruktur øker.",
                "The threat to critical infrastructure is rising.",
            ),
            (
                "Etterretning deles med allierte.",
                "Intelligence is shared with allies.",
            ),
            (
                "Fiskerne melder om uvanlige skip.",
                "The fishermen report unusual ships.",
            ),
        ],
    ),
    (
        "fokus-2025",
        &[
            (
                "Trusselen fra statlige aktører er høy.",
                "The threat from state actors is high.",
            ),
            (
                "Regjeringen styrker beredskapen i nord.",
                "The government is strengthening its preparedness in the north.",
            ),
            (
                "Trusselen fra kriminelle nettverk er moderat.",
                "The menace from criminal networks is moderate.",
            ),
            (
                "Etterretning om sabotasje er sjelden offentlig.",
                "Intelligence about sabotage is rarely public.",
            ),
            ("Havnene får nye kameraer.", "The harbours get new cameras."),
        ],
    ),
    (
        "fokus-2026",
        &[
            (
                "Trusselen fra statlige aktører er høy.",
                "The threat from state actors is high.",
            ),
            (
                "Regjeringen styrker beredskapen i nord.",
                "The government strengthens preparedness in the north.",
            ),
            (
                "Trusselen i det digitale rom vokser.",
                "The threat in the digital domain is growing.",
            ),
            (
                "Etterretning viser økt aktivitet.",
                "Intelligence shows increased activity.",
            ),
            (
                "Skolene underviser i kildekritikk.",
                "The schools teach source criticism.",
            ),
        ],
    ),
];

fn write_csvs(dir: &Path) -> Vec<PathBuf> {
    YEARS
        .iter()
        .map(|(name, rows)| {
            let mut csv = String::from("pair,src_ids,tgt_ids,type,confidence,src_text,tgt_text\n");
            for (i, (s, t)) in rows.iter().enumerate() {
                csv.push_str(&format!("{i},{i},{i},1-1,0.9,\"{s}\",\"{t}\"\n"));
            }
            let path = dir.join(format!("{name}.csv"));
            fs::write(&path, csv).unwrap();
            path
        })
        .collect()
}

fn consistency(csvs: &[PathBuf], out: &Path) -> assert_cmd::assert::Assert {
    let mut cmd = cargo_bin_cmd!("tolk");
    cmd.arg("consistency");
    for c in csvs {
        cmd.arg("--pairs").arg(c);
    }
    cmd.arg("--out-dir").arg(out).assert()
}

fn records(path: &Path) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn renderings_per_document_and_sentences_translated_differently() {
    let dir = TempDir::new().unwrap();
    let csvs = write_csvs(dir.path());
    let out = dir.path().join("out");
    consistency(&csvs, &out).success();

    let header = csv::Reader::from_path(out.join("terms.csv"))
        .unwrap()
        .headers()
        .unwrap()
        .clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let terms = records(&out.join("terms.csv"));
    let row = |term: &str, rendering: &str| {
        terms
            .iter()
            .find(|r| &r[col("term")] == term && &r[col("rendering")] == rendering)
            .unwrap_or_else(|| panic!("no row {term} → {rendering} in {terms:?}"))
            .clone()
    };
    let threat = row("trusselen", "threat");
    assert_eq!(&threat[col("count")], "5");
    assert_eq!(
        &threat[col("documents")],
        "fokus-2024 fokus-2025 fokus-2026"
    );
    assert_eq!(&threat[col("first")], "fokus-2024");
    assert_eq!(&threat[col("last")], "fokus-2026");
    assert_eq!(&threat[col("share")], "0.833");
    let menace = row("trusselen", "menace");
    assert_eq!(&menace[col("count")], "1");
    assert_eq!(&menace[col("documents")], "fokus-2025");
    assert!(menace[col("example")].contains("The menace from criminal networks"));
    row("etterretning", "intelligence");
    // surface forms kept: æ, ø, å are letters, not accents to fold away
    assert!(
        terms.iter().any(|r| &r[col("term")] == "aktører"),
        "{terms:?}"
    );
    assert!(!terms.iter().any(|r| &r[col("term")] == "aktorer"));

    let sentences = records(&out.join("sentences.csv"));
    assert_eq!(sentences.len(), 2, "{sentences:?}");
    assert_eq!(&sentences[0][1], "Regjeringen styrker beredskapen i nord.");
    assert_eq!(
        &sentences[0][4],
        "The government strengthens preparedness in the north."
    );
    assert_eq!(&sentences[0][6], "fokus-2024 fokus-2026");
    assert_eq!(&sentences[0][7], "fokus-2024:1 fokus-2026:1");
    assert_eq!(&sentences[1][7], "fokus-2025:1");

    let docs = records(&out.join("documents.csv"));
    let ids: Vec<&str> = docs.iter().map(|r| r.get(0).unwrap()).collect();
    assert_eq!(ids, ["fokus-2024", "fokus-2025", "fokus-2026"]);
    // 2025 repeats two sentences of 2024, one translated differently
    assert_eq!((&docs[1][5], &docs[1][6]), ("2", "1"));
    assert_eq!((&docs[0][5], &docs[0][6]), ("0", "0"));

    let jsonl = fs::read_to_string(out.join("terms.jsonl")).unwrap();
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert!(
        first["documents"].is_array() && first["count"].is_u64(),
        "{first}"
    );
    assert_eq!(jsonl.lines().count(), terms.len());
    // per-document counts, one per listed document, adding up to `count`
    for line in jsonl.lines() {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        let counts: Vec<u64> = row["counts"]
            .as_array()
            .unwrap_or_else(|| panic!("{row}"))
            .iter()
            .map(|n| n.as_u64().unwrap())
            .collect();
        assert_eq!(counts.len(), row["documents"].as_array().unwrap().len());
        assert!(counts.iter().all(|&n| n > 0), "{row}");
        assert_eq!(counts.iter().sum::<u64>(), row["count"].as_u64().unwrap());
    }

    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<svg") && html.contains("trusselen"));
    // self-contained: nothing fetched
    for bad in ["src=\"http", "href=\"http", "<link", "@import", "url("] {
        assert!(!html.contains(bad), "report.html has {bad}");
    }
    assert_eq!(records(&out.join("errors.csv")).len(), 0);
}

#[test]
fn a_glossary_term_is_tracked_and_its_bad_rows_are_named() {
    let dir = TempDir::new().unwrap();
    let csvs = write_csvs(dir.path());
    let glossary = dir.path().join("g.tsv");
    fs::write(
        &glossary,
        "term\trendering\nkritisk infrastruktur\tcritical infrastructure\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let mut cmd = cargo_bin_cmd!("tolk");
    cmd.arg("consistency");
    for c in &csvs {
        cmd.arg("--pairs").arg(c);
    }
    cmd.arg("--out-dir")
        .arg(&out)
        .arg("--glossary")
        .arg(&glossary);
    cmd.assert().success();
    let terms = fs::read_to_string(out.join("terms.csv")).unwrap();
    assert!(
        terms.contains("kritisk infrastruktur,2,1,")
            && terms.contains(",yes,critical infrastructure,glossary,1,"),
        "{terms}"
    );

    fs::write(&glossary, "trussel\tthreat\n\tmenace\n").unwrap();
    let out2 = dir.path().join("out2");
    let mut cmd = cargo_bin_cmd!("tolk");
    cmd.arg("consistency");
    for c in &csvs {
        cmd.arg("--pairs").arg(c);
    }
    cmd.arg("--out-dir")
        .arg(&out2)
        .arg("--glossary")
        .arg(&glossary);
    cmd.assert()
        .code(2)
        .stderr(predicate::str::contains("g.tsv").and(predicate::str::contains("row 2")));
    assert!(!out2.exists(), "nothing is written on bad input");
}

#[test]
fn mixed_languages_are_refused_naming_both_files() {
    let dir = TempDir::new().unwrap();
    let mut csvs = write_csvs(dir.path());
    // one document exported the other way round
    let swapped = dir.path().join("swapped.csv");
    let mut csv = String::from("src_text,tgt_text\n");
    for (s, t) in YEARS[0].1 {
        csv.push_str(&format!("\"{t}\",\"{s}\"\n"));
    }
    fs::write(&swapped, csv).unwrap();
    csvs.push(swapped);
    let out = dir.path().join("out");
    consistency(&csvs, &out).code(2).stderr(
        predicate::str::contains("fokus-2024.csv")
            .and(predicate::str::contains("swapped.csv"))
            .and(predicate::str::contains("languages differ")),
    );
    assert!(!out.exists());
}

fn write_editions(dir: &Path) -> PathBuf {
    let mut m = String::from("id,src,tgt,src_lang,tgt_lang\n");
    for (name, rows) in YEARS {
        let nb: Vec<&str> = rows.iter().map(|r| r.0).collect();
        let en: Vec<&str> = rows.iter().map(|r| r.1).collect();
        fs::write(dir.join(format!("{name}.nb.txt")), nb.join("\n\n") + "\n").unwrap();
        fs::write(dir.join(format!("{name}.en.txt")), en.join("\n\n") + "\n").unwrap();
        m.push_str(&format!("{name},{name}.nb.txt,{name}.en.txt,nb,en\n"));
    }
    let path = dir.join("manifest.csv");
    fs::write(&path, m).unwrap();
    path
}

#[test]
fn a_manifest_is_aligned_first_and_a_failing_pair_goes_to_errors_csv() {
    let dir = TempDir::new().unwrap();
    let manifest = write_editions(dir.path());
    let out1 = dir.path().join("out1");
    cargo_bin_cmd!("tolk")
        .args(["consistency", "-j", "1"])
        .arg(&manifest)
        .arg("--out-dir")
        .arg(&out1)
        .assert()
        .success();
    let out2 = dir.path().join("out2");
    cargo_bin_cmd!("tolk")
        .args(["consistency", "-j", "2"])
        .arg(&manifest)
        .arg("--out-dir")
        .arg(&out2)
        .assert()
        .success();
    for f in [
        "terms.csv",
        "terms.jsonl",
        "sentences.csv",
        "documents.csv",
        "report.html",
    ] {
        assert_eq!(
            fs::read(out1.join(f)).unwrap(),
            fs::read(out2.join(f)).unwrap(),
            "{f} differs with the thread count"
        );
    }
    let sentences = fs::read_to_string(out1.join("sentences.csv")).unwrap();
    assert!(sentences.contains("fokus-2025:1"), "{sentences}");

    // a pair whose edition is missing: reported, the others go on, exit 1
    let mut m = fs::read_to_string(&manifest).unwrap();
    m.push_str("gone,gone.nb.txt,fokus-2024.en.txt,nb,en\n");
    fs::write(&manifest, m).unwrap();
    let out3 = dir.path().join("out3");
    cargo_bin_cmd!("tolk")
        .arg("consistency")
        .arg(&manifest)
        .arg("--out-dir")
        .arg(&out3)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("gone"));
    let errors = records(&out3.join("errors.csv"));
    assert_eq!(errors.len(), 1);
    assert_eq!((&errors[0][0], &errors[0][1]), ("gone", "5"));
    assert!(errors[0][2].contains("gone.nb.txt"), "{errors:?}");
    assert_eq!(
        fs::read(out1.join("terms.csv")).unwrap(),
        fs::read(out3.join("terms.csv")).unwrap()
    );

    // an empty manifest is an error
    let empty = dir.path().join("empty.csv");
    fs::write(&empty, "id,src,tgt\n").unwrap();
    cargo_bin_cmd!("tolk")
        .arg("consistency")
        .arg(&empty)
        .arg("--out-dir")
        .arg(dir.path().join("out4"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty.csv").and(predicate::str::contains("no pairs")));
    assert!(!dir.path().join("out4").exists());
}

/// Regression: concatenated CSVs failed with "pair 0 is also used in row 2";
/// several `--pairs` are checked one document at a time and every finding
/// names its document.
/// `--semantic` aligns the manifest's pairs with the encoder: the tables
/// are those of the pairs `tolk align --semantic` writes, and not those of
/// the plain alignment (on the bundled sample the encoder moves a pair).
#[test]
fn semantic_aligns_the_manifest_with_the_encoder() {
    let model = tolk::encode::model_path(None);
    assert!(
        model.is_file(),
        "{}: no model; run scripts/install-model (scripts/test does)",
        model.display()
    );
    let dir = TempDir::new().unwrap();
    let (nb, en) = ("corpora/utsyn-2026.nb.md", "corpora/utsyn-2026.en.md");
    let manifest = dir.path().join("manifest.csv");
    let root = env!("CARGO_MANIFEST_DIR");
    fs::write(
        &manifest,
        format!("id,src,tgt,src_lang,tgt_lang\nutsyn,{root}/{nb},{root}/{en},nb,en\n"),
    )
    .unwrap();
    let run = |extra: &[&str], out: &str| {
        cargo_bin_cmd!("tolk")
            .arg("consistency")
            .args(extra)
            .arg("--out-dir")
            .arg(dir.path().join(out))
            .assert()
            .success();
    };
    let m = manifest.to_str().unwrap();
    run(&[m, "--semantic"], "semantic");
    run(&[m], "plain");
    let aligned = dir.path().join("utsyn.csv");
    cargo_bin_cmd!("tolk")
        .args([
            "align",
            "--semantic",
            nb,
            en,
            "--src-lang",
            "nb",
            "--tgt-lang",
            "en",
            "-o",
        ])
        .arg(&aligned)
        .assert()
        .success();
    run(&["--pairs", aligned.to_str().unwrap()], "pairs");
    let read = |out: &str, f: &str| fs::read_to_string(dir.path().join(out).join(f)).unwrap();
    for f in ["terms.csv", "sentences.csv", "documents.csv"] {
        assert_eq!(read("semantic", f), read("pairs", f), "{f}");
    }
    assert_ne!(read("semantic", "terms.csv"), read("plain", "terms.csv"));

    // Without a model: exit 2 naming the install script, nothing written;
    // with --pairs (nothing to align) --semantic is refused.
    let out = dir.path().join("none");
    cargo_bin_cmd!("tolk")
        .args(["consistency", m, "--semantic", "--model"])
        .arg(dir.path().join("no-such-model.bin"))
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("scripts/install-model"));
    cargo_bin_cmd!("tolk")
        .args(["consistency", "--semantic", "--pairs"])
        .arg(&aligned)
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--semantic"));
    assert!(!out.exists());
}

#[test]
fn check_with_several_csvs_names_the_document_of_every_finding() {
    let dir = TempDir::new().unwrap();
    let csvs = write_csvs(dir.path());
    // an omission in 2025: a row with no English
    let mut text = fs::read_to_string(&csvs[1]).unwrap();
    text.push_str("5,5,,1-0,0.5,\"Dette avsnittet ble ikke oversatt til engelsk.\",\n");
    fs::write(&csvs[1], text).unwrap();
    let out = cargo_bin_cmd!("tolk")
        .args(["check", "--format", "jsonl", "--fail-on", "info"])
        .arg("--pairs")
        .arg(&csvs[0])
        .arg("--pairs")
        .arg(&csvs[1])
        .arg("--pairs")
        .arg(&csvs[2])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let findings: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!findings.is_empty());
    assert!(
        findings.iter().all(|f| f["doc"].is_string()),
        "{findings:?}"
    );
    let omission = findings
        .iter()
        .find(|f| f["kind"] == "omission")
        .expect("the omission is found per document");
    assert_eq!(omission["doc"], "fokus-2025");
    assert_eq!(omission["pair"], 5);

    let csv_out = cargo_bin_cmd!("tolk")
        .args(["check", "--format", "csv", "--fail-on", "error"])
        .arg("--pairs")
        .arg(&csvs[0])
        .arg("--pairs")
        .arg(&csvs[1])
        .assert()
        .get_output()
        .stdout
        .clone();
    let csv_out = String::from_utf8(csv_out).unwrap();
    assert!(
        csv_out.lines().next().unwrap().ends_with(",doc"),
        "{csv_out}"
    );
    assert!(csv_out.contains(",fokus-2025\n"), "{csv_out}");
}

#[test]
fn batch_check_findings_carry_the_pair_id() {
    let dir = TempDir::new().unwrap();
    let manifest = write_editions(dir.path());
    fs::write(
        dir.path().join("fokus-2026.en.txt"),
        "The threat from state actors is high.\n\nThe government strengthens preparedness in the north.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    cargo_bin_cmd!("tolk")
        .args(["batch", "--check"])
        .arg(&manifest)
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .success();
    let findings = fs::read_to_string(out.join("fokus-2026.check.jsonl")).unwrap();
    assert!(!findings.is_empty());
    for line in findings.lines() {
        let f: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(f["doc"], "fokus-2026", "{line}");
    }
}

#[test]
fn report_renders_in_chromium() {
    let dir = TempDir::new().unwrap();
    let csvs = write_csvs(dir.path());
    let out = dir.path().join("out");
    consistency(&csvs, &out).success();
    let html = out.join("report.html");
    let png = crate::output::browser::screenshot(html.to_str().unwrap(), &dir.path().join("r.png"));
    assert!(png.starts_with(b"\x89PNG"));
}
