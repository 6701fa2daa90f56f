//! `tolk learn`: a dictionary learned from a manifest or reviewed CSVs,
//! read back by `align --dict` and `batch --dict`; its failure paths.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use tempfile::TempDir;

use crate::util::learn_into;

/// Short report-like pairs we wrote for these tests: "trusselen"/"threat",
/// "regjeringen"/"government" and "etterretning"/"intelligence" recur
/// across documents, always translated the same way, in different company.
const DOCS: &[(&str, &str)] = &[
    (
        "Trusselen fra statlige aktører er høy. Regjeringen styrker beredskapen.\n\n\
         Etterretning fra tjenesten viser økt aktivitet. Fiskerne melder om uvanlige skip.\n",
        "The threat from state actors is high. The government strengthens preparedness.\n\n\
         Intelligence from the service shows increased activity. The fishermen report unusual ships.\n",
    ),
    (
        "Regjeringen la fram en ny strategi i mars. Trusselen mot kritisk infrastruktur øker.\n\n\
         Etterretning deles med allierte. Havnene får nye kameraer.\n",
        "The government presented a new strategy in March. The threat to critical infrastructure is rising.\n\n\
         Intelligence is shared with allies. The harbours get new cameras.\n",
    ),
    (
        "Etterretning om sabotasje er sjelden offentlig. Regjeringen svarer i Stortinget.\n\n\
         Trusselen fra kriminelle nettverk er moderat. Skolene underviser i kildekritikk.\n",
        "Intelligence about sabotage is rarely public. The government answers in Parliament.\n\n\
         The threat from criminal networks is moderate. The schools teach source criticism.\n",
    ),
];

fn manifest(dir: &Path, missing: bool) -> PathBuf {
    let mut m = String::from("id,src,tgt,src_lang,tgt_lang\n");
    for (k, (nb, en)) in DOCS.iter().enumerate() {
        fs::write(dir.join(format!("d{k}.nb.txt")), nb).unwrap();
        fs::write(dir.join(format!("d{k}.en.txt")), en).unwrap();
        m.push_str(&format!("d{k},d{k}.nb.txt,d{k}.en.txt,nb,en\n"));
    }
    if missing {
        m.push_str("gone,gone.nb.txt,d0.en.txt,nb,en\n");
    }
    let path = dir.join("manifest.csv");
    fs::write(&path, m).unwrap();
    path
}

fn pairs_of(tsv: &str) -> Vec<(String, String)> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty() && !l.starts_with("word\t"))
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert_eq!(cells.len(), 4, "word, translation, count, dice: {l}");
            (cells[0].to_string(), cells[1].to_string())
        })
        .collect()
}

#[test]
fn learns_recurring_translations_from_a_manifest() {
    let dir = TempDir::new().unwrap();
    let m = manifest(dir.path(), false);
    let out = dir.path().join("learned.tsv");
    learn_into(&[m.to_str().unwrap()], &out).success();
    let tsv = fs::read_to_string(&out).unwrap();
    assert!(tsv.starts_with("# tolk learn: "), "{tsv}");
    let pairs = pairs_of(&tsv);
    for want in [
        ("trusselen", "threat"),
        ("regjeringen", "government"),
        ("etterretning", "intelligence"),
    ] {
        assert!(
            pairs.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} missing from {pairs:?}"
        );
    }
    // a word seen once is never paired
    assert!(!pairs.iter().any(|(a, _)| a == "fiskerne"), "{pairs:?}");

    // the same bytes whatever the thread count
    let out1 = dir.path().join("learned1.tsv");
    learn_into(&[m.to_str().unwrap(), "-j", "1"], &out1).success();
    assert_eq!(fs::read(&out).unwrap(), fs::read(&out1).unwrap());

    // align and batch read it back
    cargo_bin_cmd!("tolk")
        .args(["align", "--dict"])
        .arg(&out)
        .arg(dir.path().join("d0.nb.txt"))
        .arg(dir.path().join("d0.en.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains("1-1"));
    cargo_bin_cmd!("tolk")
        .args(["batch", "--stdout", "--dict"])
        .arg(&out)
        .arg(&m)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"id\":\"d2\""));
}

#[test]
fn learns_from_reviewed_csv_rows() {
    let dir = TempDir::new().unwrap();
    let csv = dir.path().join("reviewed.csv");
    fs::write(
        &csv,
        "pair,src_ids,tgt_ids,type,confidence,src_text,tgt_text\n\
         0,0,0,1-1,0.9,Huset er rødt.,The house is red.\n\
         1,1,1,1-1,0.9,Vi maler huset.,We paint the house.\n\
         2,2,2,1-1,0.9,Huset står i skogen.,The house stands in the forest.\n\
         3,3,,1-0,0.5,Bare på norsk.,\n\
         4,4,3,1-1,0.9,Været er fint.,The weather is fine.\n\
         5,5,4,1-1,0.9,Havet er blått.,The sea is blue.\n\
         6,6,5,1-1,0.9,Byen er stor.,The city is big.\n\
         7,7,6,1-1,0.9,Fjellet er høyt.,The mountain is high.\n\
         8,8,7,1-1,0.9,Elva er kald.,The river is cold.\n\
         9,9,8,1-1,0.9,Dalen er bred.,The valley is wide.\n\
         10,10,9,1-1,0.9,Veien er lang.,The road is long.\n",
    )
    .unwrap();
    let out = dir.path().join("d.tsv");
    learn_into(&["--pairs", csv.to_str().unwrap()], &out).success();
    let pairs = pairs_of(&fs::read_to_string(&out).unwrap());
    assert!(
        pairs.contains(&("huset".to_string(), "house".to_string())),
        "{pairs:?}"
    );
    assert!(!pairs.iter().any(|(a, _)| a == "bare"), "{pairs:?}");
}

#[test]
fn a_failing_pair_fails_the_run_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let m = manifest(dir.path(), true);
    let out = dir.path().join("learned.tsv");
    learn_into(&[m.to_str().unwrap()], &out)
        .code(2)
        .stderr(predicate::str::contains("pair `gone` (row 5) failed"))
        .stderr(predicate::str::contains("gone.nb.txt"));
    assert!(!out.exists());
}

#[test]
fn bad_arguments_and_empty_inputs_are_errors() {
    let dir = TempDir::new().unwrap();
    let m = manifest(dir.path(), false);
    let out = dir.path().join("learned.tsv");
    learn_into(&[m.to_str().unwrap(), "--min-dice", "0"], &out)
        .code(2)
        .stderr(predicate::str::contains("--min-dice 0 is out of range"));
    learn_into(&["no-such-manifest.csv"], &out)
        .code(2)
        .stderr(predicate::str::contains("no-such-manifest.csv"));
    // one short pair: nothing recurs, so nothing is learned
    let csv = dir.path().join("one.csv");
    fs::write(
        &csv,
        "pair,src_ids,tgt_ids,type,confidence,src_text,tgt_text\n0,0,0,1-1,0.9,Hei.,Hello.\n",
    )
    .unwrap();
    learn_into(&["--pairs", csv.to_str().unwrap()], &out)
        .code(2)
        .stderr(predicate::str::contains("gave no word pair"));
    // both a manifest and --pairs: a usage error
    cargo_bin_cmd!("tolk")
        .args(["learn", m.to_str().unwrap(), "--pairs"])
        .arg(&csv)
        .assert()
        .code(2);
    assert!(!out.exists());
    // -o naming one of the manifest's editions: refused, the edition kept
    let before = fs::read(dir.path().join("d1.en.txt")).unwrap();
    learn_into(&[m.to_str().unwrap()], &dir.path().join("d1.en.txt"))
        .code(2)
        .stderr(predicate::str::contains("also an input"));
    assert_eq!(fs::read(dir.path().join("d1.en.txt")).unwrap(), before);
    // batch --dict with a missing dictionary: exit 2 before any work
    let out_dir = dir.path().join("aligned");
    cargo_bin_cmd!("tolk")
        .args(["batch", "--dict", "missing.tsv", "--out-dir"])
        .arg(&out_dir)
        .arg(&m)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.tsv"));
    assert!(!out_dir.join("d0.csv").exists());
}

#[test]
fn learned_entries_keep_surface_forms_counts_and_scores() {
    // Pairs without the word too: a link needs association beyond chance.
    let dir = TempDir::new().unwrap();
    let csv = dir.path().join("reviewed.csv");
    fs::write(
        &csv,
        "src_text,tgt_text\n\
         Aktører i Nord.,Actors in the North.\n\
         Statlige aktører.,State actors.\n\
         Nye aktører kom.,New actors came.\n\
         Været er fint.,The weather is fine.\n\
         Havet er blått.,The sea is blue.\n\
         Byen er stor.,The city is big.\n\
         Fjellet er høyt.,The mountain is high.\n\
         Elva er kald.,The river is cold.\n\
         Dalen er bred.,The valley is wide.\n\
         Veien er lang.,The road is long.\n",
    )
    .unwrap();
    let out = dir.path().join("d.tsv");
    learn_into(&["--pairs", csv.to_str().unwrap()], &out).success();
    let tsv = fs::read_to_string(&out).unwrap();
    // folding is for matching, not for the file (no `aktorer`)
    assert!(tsv.contains("\naktører\tactors\t3\t1.000\n"), "{tsv}");
    assert!(!tsv.contains("aktorer"), "{tsv}");
    assert!(tsv.contains("word\ttranslation\tcount\tdice\n"), "{tsv}");
}

#[test]
fn sharded_learning_merges_to_the_same_bytes() {
    let dir = TempDir::new().unwrap();
    let m = manifest(dir.path(), false);
    let whole = dir.path().join("whole.tsv");
    learn_into(&[m.to_str().unwrap()], &whole).success();
    let mut counts = Vec::new();
    for k in 1..=3 {
        let c = dir.path().join(format!("c{k}.tsv"));
        cargo_bin_cmd!("tolk")
            .args([
                "learn",
                m.to_str().unwrap(),
                "--shard",
                &format!("{k}/3"),
                "--counts-out",
            ])
            .arg(&c)
            .assert()
            .success();
        counts.push(c);
    }
    // merged in any order
    counts.reverse();
    let merged = dir.path().join("merged.tsv");
    cargo_bin_cmd!("tolk")
        .args(["learn", "--merge"])
        .args(&counts)
        .arg("-o")
        .arg(&merged)
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(&whole).unwrap(),
        fs::read_to_string(&merged).unwrap()
    );
    // one shard alone is too little to learn from: the counts are needed
    cargo_bin_cmd!("tolk")
        .args(["learn", "--merge"])
        .arg(&counts[0])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no word pair"));
    // --shard without --counts-out, and a file that is not a counts file
    cargo_bin_cmd!("tolk")
        .args(["learn", m.to_str().unwrap(), "--shard", "1/2"])
        .assert()
        .code(2);
    cargo_bin_cmd!("tolk")
        .args(["learn", "--merge"])
        .arg(&whole)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("whole.tsv").and(predicate::str::contains("counts")));
}

#[test]
fn dict_reads_the_old_two_column_format_too() {
    let dir = TempDir::new().unwrap();
    manifest(dir.path(), false); // writes d0.nb.txt, d0.en.txt
    let old = dir.path().join("old.tsv");
    fs::write(
        &old,
        "# tolk learn: 2 word pairs\ntrusselen\tthreat\nregjeringen\tgovernment\n",
    )
    .unwrap();
    cargo_bin_cmd!("tolk")
        .args(["align", "--dict"])
        .arg(&old)
        .arg(dir.path().join("d0.nb.txt"))
        .arg(dir.path().join("d0.en.txt"))
        .assert()
        .success();
}
