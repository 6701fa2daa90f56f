//! `tolk batch`: manifests, parallel determinism, failures, resume, shards,
//! `--stdout`.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use tempfile::TempDir;

use crate::util::{batch_into, mkfifo, spawn_batch};

/// Short bilingual pairs we wrote for these tests.
const PAIRS: &[(&str, &str, &str)] = &[
    (
        "alpha",
        "Det regner i dag. Vi blir hjemme.\n\nI morgen skal vi gå på tur. Det blir fint.\n",
        "It is raining today. We stay at home.\n\nTomorrow we will go hiking. It will be nice.\n",
    ),
    (
        "beta",
        "# Trusselvurdering\n\nTrusselen er moderat. Den kan endre seg raskt.\n",
        "# Threat assessment\n\nThe threat is moderate. It can change quickly.\n",
    ),
    (
        "gamma",
        "Rapporten beskriver året som gikk.\n",
        "The report describes the past year. It has three parts.\n",
    ),
    (
        "delta",
        "Første setning. Andre setning. Tredje setning.\n",
        "First sentence. Second sentence.\n",
    ),
    (
        "epsilon",
        "Ett avsnitt her.\n\nOg ett til der.\n",
        "One paragraph here.\n\nAnd another one there.\n",
    ),
];

/// Write the pairs into `dir/texts/` and a CSV manifest (relative paths)
/// with an extra pair whose source does not exist.
fn corpus(dir: &Path, with_missing: bool) -> PathBuf {
    fs::create_dir_all(dir.join("texts")).unwrap();
    let mut manifest = String::from("id,src,tgt,src_lang,tgt_lang\n");
    for (i, (id, nb, en)) in PAIRS.iter().enumerate() {
        fs::write(dir.join(format!("texts/{id}.nb.txt")), nb).unwrap();
        fs::write(dir.join(format!("texts/{id}.en.txt")), en).unwrap();
        manifest.push_str(&format!("{id},texts/{id}.nb.txt,texts/{id}.en.txt,nb,en\n"));
        if i == 1 && with_missing {
            manifest.push_str("missing,texts/missing.nb.txt,texts/alpha.en.txt,nb,en\n");
        }
    }
    let path = dir.join("manifest.csv");
    fs::write(&path, manifest).unwrap();
    path
}

/// Every file in `dir` by name, with its bytes (not the run's state in
/// `.tolk/`: locks and completion records).
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name() != ".tolk")
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn names(dir: &Path) -> Vec<String> {
    files(dir).into_iter().map(|(n, _)| n).collect()
}

#[test]
fn jobs_1_and_jobs_3_write_identical_bytes() {
    let tmp = TempDir::new().unwrap();
    let manifest = corpus(tmp.path(), true);
    for (jobs, dir) in [("1", "o1"), ("3", "o3")] {
        batch_into(&manifest, &["--jobs", jobs], &tmp.path().join(dir)).code(1);
    }
    let a = files(&tmp.path().join("o1"));
    let b = files(&tmp.path().join("o3"));
    assert_eq!(
        a.len(),
        PAIRS.len() + 2,
        "{:?}",
        names(&tmp.path().join("o1"))
    );
    assert_eq!(a.len(), b.len());
    for ((na, ba), (nb, bb)) in a.iter().zip(&b) {
        assert_eq!(na, nb);
        if na != "timings.csv" {
            assert_eq!(ba, bb, "{na} differs between --jobs 1 and --jobs 3");
        }
    }
    // timings.csv: same ids, same order; only the seconds may differ.
    let ids = |bytes: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(bytes)
            .lines()
            .map(|l| l.split(',').next().unwrap().to_string())
            .collect()
    };
    let ta = &a.iter().find(|(n, _)| n == "timings.csv").unwrap().1;
    let tb = &b.iter().find(|(n, _)| n == "timings.csv").unwrap().1;
    assert_eq!(ids(ta), ids(tb));
}

#[test]
fn stdout_is_identical_for_any_jobs_and_in_manifest_order() {
    let tmp = TempDir::new().unwrap();
    let manifest = corpus(tmp.path(), false);
    let run = |jobs: &str| {
        cargo_bin_cmd!("tolk")
            .args(["batch", manifest.to_str().unwrap(), "--stdout", "-j", jobs])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
    let text = String::from_utf8(one).unwrap();
    let mut order: Vec<String> = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = v["id"].as_str().unwrap().to_string();
        assert!(v["type"].is_string(), "{line}");
        if order.last() != Some(&id) {
            assert!(!order.contains(&id), "pair {id} is not contiguous");
            order.push(id);
        }
    }
    let expected: Vec<&str> = PAIRS.iter().map(|p| p.0).collect();
    assert_eq!(order, expected);
}

#[test]
fn a_failing_pair_is_reported_and_the_others_still_run() {
    let tmp = TempDir::new().unwrap();
    let manifest = corpus(tmp.path(), true);
    let out = tmp.path().join("out");
    batch_into(&manifest, &[], &out)
        .code(1)
        .stderr(predicate::str::contains("pair `missing` (manifest row 4)"))
        .stderr(predicate::str::contains("missing.nb.txt: cannot read"))
        .stderr(predicate::str::contains("1 failed"));
    for (id, _, _) in PAIRS {
        let csv = fs::read_to_string(out.join(format!("{id}.csv"))).unwrap();
        assert!(csv.lines().count() >= 1, "{id}.csv is empty");
    }
    assert!(!out.join("missing.csv").exists());
    let summary = fs::read_to_string(out.join("summary.csv")).unwrap();
    let lines: Vec<&str> = summary.lines().collect();
    assert!(lines[0].starts_with("id,status,error,src_lang,tgt_lang,src_segments"));
    assert!(lines[1].starts_with("alpha,ok,,nb,en,"), "{}", lines[1]);
    assert!(lines[3].starts_with("missing,failed,"), "{}", lines[3]);
    assert_eq!(lines.len(), PAIRS.len() + 2);
    // No temporary files are left behind.
    assert!(names(&out).iter().all(|n| !n.starts_with(".tolk")));
}

#[test]
fn summary_counts_match_the_pair_output() {
    let tmp = TempDir::new().unwrap();
    let manifest = corpus(tmp.path(), false);
    let out = tmp.path().join("out");
    batch_into(&manifest, &["--format", "jsonl"], &out).success();
    let summary = fs::read_to_string(out.join("summary.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(summary.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let id = &rec[0];
        let jsonl = fs::read_to_string(out.join(format!("{id}.jsonl"))).unwrap();
        let beads: Vec<serde_json::Value> = jsonl
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(rec[col("beads")].parse::<usize>().unwrap(), beads.len());
        let ones = beads.iter().filter(|b| b["type"] == "1-1").count();
        assert_eq!(rec[col("beads_1-1")].parse::<usize>().unwrap(), ones);
        let src: usize = beads
            .iter()
            .map(|b| b["src"].as_array().unwrap().len())
            .sum();
        assert_eq!(rec[col("src_segments")].parse::<usize>().unwrap(), src);
        let conf: f64 = rec[col("mean_confidence")].parse().unwrap();
        assert!((0.0..=1.0).contains(&conf));
    }
}

#[test]
fn resume_keeps_complete_pairs_with_their_statistics_and_redoes_damaged_ones() {
    let tmp = TempDir::new().unwrap();
    let manifest = corpus(tmp.path(), false);
    let out = tmp.path().join("out");
    let run = || {
        batch_into(&manifest, &["--resume", "--check"], &out).success();
    };
    run();
    let without_timings = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        files(dir)
            .into_iter()
            .filter(|(n, _)| n != "timings.csv")
            .collect()
    };
    let first = without_timings(&out);
    let summary = fs::read(out.join("summary.csv")).unwrap();
    // Not a terminal: no progress bar on stderr.
    batch_into(&manifest, &["--resume", "--check"], &out)
        .success()
        .stderr(predicate::str::contains("pairs,").not())
        .stderr(predicate::str::contains("\r").not());
    // Resumed pairs keep their statistics: the summary is the same bytes.
    assert_eq!(fs::read(out.join("summary.csv")).unwrap(), summary);
    // Damage: a missing output, a truncated one, an empty one, a missing
    // findings file, a lost completion record.
    fs::remove_file(out.join("beta.csv")).unwrap();
    let alpha = fs::read(out.join("alpha.csv")).unwrap();
    fs::write(out.join("alpha.csv"), &alpha[..alpha.len() / 2]).unwrap();
    fs::write(out.join("gamma.csv"), "").unwrap();
    fs::remove_file(out.join("delta.check.jsonl")).unwrap();
    fs::remove_file(out.join(".tolk/done/epsilon.json")).unwrap();
    fs::write(out.join("epsilon.csv"), "not what tolk wrote\n").unwrap();
    // A temporary file a killed run left for one of its outputs.
    fs::write(out.join(".tolk-alpha.csv.AbC123"), "half").unwrap();
    fs::write(out.join(".tolk-someone-else.txt"), "not ours").unwrap();
    run();
    fs::remove_file(out.join(".tolk-someone-else.txt")).unwrap();
    assert_eq!(without_timings(&out), first);
    assert_eq!(fs::read(out.join("summary.csv")).unwrap(), summary);
}

#[test]
fn a_second_runner_of_the_same_shard_refuses_while_the_first_runs() {
    let tmp = TempDir::new().unwrap();
    corpus(tmp.path(), false);
    // The first runner blocks on a pair whose source is a FIFO nobody has
    // opened for writing yet, holding its shard's lock.
    let fifo = tmp.path().join("texts/slow.nb.txt");
    mkfifo(&fifo);
    let manifest = tmp.path().join("slow.csv");
    fs::write(
        &manifest,
        "id,src,tgt,src_lang,tgt_lang\nslow,texts/slow.nb.txt,texts/alpha.en.txt,nb,en\nbeta,texts/beta.nb.txt,texts/beta.en.txt,nb,en\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let mut first = spawn_batch(&manifest, &["--shard", "1/2"], &out);
    let lock = out.join(".tolk/lock.1-of-2");
    for _ in 0..200 {
        if lock.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    // A retry of the same shard refuses; another shard runs.
    batch_into(&manifest, &["--shard", "1/2"], &out)
        .code(2)
        .stderr(predicate::str::contains(
            "another tolk batch is running shard 1/2",
        ));
    batch_into(&manifest, &["--shard", "2/2"], &out).success();
    fs::write(
        &fifo,
        fs::read(tmp.path().join("texts/alpha.nb.txt")).unwrap(),
    )
    .unwrap();
    assert!(first.wait().unwrap().success());
    assert!(out.join("slow.csv").exists());
    // The lock went with the first runner: the shard can run again.
    batch_into(&manifest, &["--shard", "1/2", "--resume"], &out).success();
}

#[test]
fn shard_by_id_keeps_a_pair_in_its_shard_when_the_manifest_grows() {
    let tmp = TempDir::new().unwrap();
    let manifest = corpus(tmp.path(), false);
    let text = fs::read_to_string(&manifest).unwrap();
    let (header, rows) = text.split_once('\n').unwrap();
    let grown = tmp.path().join("grown.csv");
    fs::write(
        &grown,
        format!("{header}\nextra,texts/alpha.nb.txt,texts/alpha.en.txt,nb,en\n{rows}"),
    )
    .unwrap();
    let shard_ids = |m: &Path, k: usize| -> Vec<String> {
        let out = tmp.path().join(format!(
            "o-{k}-{}",
            m.file_name().unwrap().to_string_lossy()
        ));
        batch_into(m, &["--shard-by", "id", "--shard", &format!("{k}/3")], &out).success();
        let s = fs::read_to_string(out.join(format!("summary.{k}-of-3.csv"))).unwrap();
        s.lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_string())
            .filter(|id| id != "extra")
            .collect()
    };
    let mut all = Vec::new();
    for k in 1..=3 {
        let before = shard_ids(&manifest, k);
        assert_eq!(before, shard_ids(&grown, k), "shard {k}");
        all.extend(before);
    }
    all.sort();
    assert_eq!(all, ["alpha", "beta", "delta", "epsilon", "gamma"]);
}

#[test]
fn shards_cover_the_manifest_once_and_name_their_summaries() {
    let tmp = TempDir::new().unwrap();
    let manifest = corpus(tmp.path(), false);
    let out = tmp.path().join("out");
    for k in 1..=2 {
        batch_into(&manifest, &["--shard", &format!("{k}/2")], &out).success();
    }
    let s1 = fs::read_to_string(out.join("summary.1-of-2.csv")).unwrap();
    let s2 = fs::read_to_string(out.join("summary.2-of-2.csv")).unwrap();
    let ids = |s: &str| -> Vec<String> {
        s.lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_string())
            .collect()
    };
    // 1-based K: shard 1/2 takes manifest positions 0, 2, 4.
    assert_eq!(ids(&s1), ["alpha", "gamma", "epsilon"]);
    assert_eq!(ids(&s2), ["beta", "delta"]);
    assert!(!out.join("summary.csv").exists());
    // Together the shards wrote what one unsharded run writes.
    let whole = tmp.path().join("whole");
    batch_into(&manifest, &[], &whole).success();
    for (id, _, _) in PAIRS {
        let name = format!("{id}.csv");
        assert_eq!(
            fs::read(out.join(&name)).unwrap(),
            fs::read(whole.join(&name)).unwrap()
        );
    }
}

#[test]
fn more_shards_than_pairs_gives_an_empty_summary() {
    let tmp = TempDir::new().unwrap();
    let manifest = corpus(tmp.path(), false);
    let out = tmp.path().join("out");
    batch_into(&manifest, &["--shard", "9/9"], &out).success();
    let s = fs::read_to_string(out.join("summary.9-of-9.csv")).unwrap();
    assert_eq!(s.lines().count(), 1);
}

#[test]
fn bad_shard_values_are_refused() {
    for bad in ["0/2", "3/2", "1/0", "2", "x/y"] {
        cargo_bin_cmd!("tolk")
            .args(["batch", "m.csv", "--stdout", "--shard", bad])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("1 ≤ K ≤ N"));
    }
}

#[test]
fn manifest_from_stdin_resolves_paths_against_the_working_directory() {
    let tmp = TempDir::new().unwrap();
    corpus(tmp.path(), false);
    let jsonl = "{\"id\":\"a\",\"src\":\"texts/alpha.nb.txt\",\"tgt\":\"texts/alpha.en.txt\"}\n\
                 {\"id\":\"b\",\"src\":\"texts/beta.nb.txt\",\"tgt\":\"texts/beta.en.txt\",\"src_lang\":\"nb\"}\n";
    for args in [&["batch", "-"][..], &["batch", "--manifest", "-"][..]] {
        let out = cargo_bin_cmd!("tolk")
            .current_dir(tmp.path())
            .args(args)
            .args(["--stdout", "-j", "2"])
            .write_stdin(jsonl)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).unwrap();
        assert!(text.lines().next().unwrap().starts_with("{\"id\":\"a\","));
        assert!(text.lines().last().unwrap().starts_with("{\"id\":\"b\","));
    }
}

#[test]
fn every_format_writes_files_with_its_extension() {
    let tmp = TempDir::new().unwrap();
    let manifest = corpus(tmp.path(), false);
    for format in ["csv", "tsv", "jsonl", "beads"] {
        let out = tmp.path().join(format);
        batch_into(&manifest, &["--format", format], &out).success();
        let f = fs::read_to_string(out.join(format!("delta.{format}"))).unwrap();
        assert!(!f.is_empty());
    }
}

#[test]
fn a_bad_manifest_stops_before_anything_is_written() {
    let tmp = TempDir::new().unwrap();
    let cases: &[(&str, &str)] = &[
        ("id,source,tgt\na,b,c\n", "no `src` column"),
        ("id,src,tgt\na,x,y\na,z,w\n", "duplicate id `a`"),
        ("id,src,tgt\n../up,x,y\n", "cannot name an output file"),
        ("id,src,tgt\n", "lists no pairs"),
        ("{\"id\":\"a\",\"src\":1}\n", "line 1"),
        ("id,src,tgt\nsummary,x,y\n", "summary*.csv"),
        ("id,src,tgt\nSummary,x,y\n", "summary*.csv"),
        ("id,src,tgt\nFokus,x,y\nfokus,z,w\n", "duplicate id `fokus`"),
    ];
    for (i, (text, message)) in cases.iter().enumerate() {
        let manifest = tmp.path().join(format!("m{i}.csv"));
        fs::write(&manifest, text).unwrap();
        let out = tmp.path().join(format!("out{i}"));
        batch_into(&manifest, &[], &out)
            .code(2)
            .stderr(predicate::str::contains(*message))
            .stderr(predicate::str::contains(format!("m{i}.csv")));
        assert!(
            !out.exists() || names(&out).is_empty(),
            "case {i} wrote output"
        );
    }
}

#[test]
fn missing_manifest_is_exit_2() {
    cargo_bin_cmd!("tolk")
        .args(["batch", "/nonexistent/manifest.csv", "--stdout"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/nonexistent/manifest.csv: cannot read",
        ));
}

#[test]
fn an_out_dir_that_cannot_be_created_is_exit_2() {
    let tmp = TempDir::new().unwrap();
    let manifest = corpus(tmp.path(), false);
    let file = tmp.path().join("plain-file");
    fs::write(&file, "x").unwrap();
    // As root a permission bit would not stop us; a path under a regular file does.
    batch_into(&manifest, &[], &file.join("out"))
        .code(2)
        .stderr(predicate::str::contains(
            "cannot create the output directory",
        ))
        .stderr(predicate::str::contains("plain-file/out"));
    batch_into(&manifest, &[], &file)
        .code(2)
        .stderr(predicate::str::contains("plain-file"));
    assert_eq!(fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn an_output_that_would_overwrite_an_input_fails_that_pair_only() {
    let tmp = TempDir::new().unwrap();
    let manifest = corpus(tmp.path(), false);
    // Pair `clash` reads texts/clash.csv, which is also its output path
    // when --out-dir is texts/.
    fs::write(tmp.path().join("texts/clash.csv"), "Hei. Hallo.\n").unwrap();
    let mut m = fs::read_to_string(&manifest).unwrap();
    m.push_str("clash,texts/clash.csv,texts/alpha.en.txt,nb,en\n");
    fs::write(&manifest, m).unwrap();
    batch_into(&manifest, &[], &tmp.path().join("texts"))
        .code(1)
        .stderr(predicate::str::contains(
            "clash.csv: the output path is also an input",
        ))
        .stderr(predicate::str::contains(
            "choose another --out-dir or rename pair `clash`",
        ));
    assert_eq!(
        fs::read_to_string(tmp.path().join("texts/clash.csv")).unwrap(),
        "Hei. Hallo.\n"
    );
    assert!(tmp.path().join("texts/alpha.csv").exists());
}

#[test]
fn out_dir_or_stdout_is_required_and_resume_needs_files() {
    cargo_bin_cmd!("tolk")
        .args(["batch", "m.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--out-dir"));
    cargo_bin_cmd!("tolk")
        .args(["batch", "m.csv", "--stdout", "--resume"])
        .assert()
        .code(2);
    cargo_bin_cmd!("tolk")
        .args(["batch", "m.csv", "--out-dir", "o", "--jobs", "0"])
        .assert()
        .code(2);
}

#[test]
fn help_documents_exit_codes_and_sharding() {
    cargo_bin_cmd!("tolk")
        .args(["batch", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes:"))
        .stdout(predicate::str::contains("at least one pair failed"))
        .stdout(predicate::str::contains("--shard"));
}

#[test]
fn stdout_with_out_dir_writes_only_the_summary() {
    let tmp = TempDir::new().unwrap();
    let manifest = corpus(tmp.path(), true);
    let out = tmp.path().join("out");
    let assert = batch_into(&manifest, &["--stdout"], &out).code(1);
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(stdout.lines().all(|l| !l.contains("\"id\":\"missing\"")));
    assert!(stdout.contains("\"id\":\"epsilon\""));
    assert_eq!(names(&out), ["summary.csv", "timings.csv"]);
}

#[test]
fn check_writes_findings_per_pair_and_counts_them_in_the_summary() {
    let tmp = TempDir::new().unwrap();
    // The corpora sample has a Bokmål-only paragraph (an omission) and an
    // English-only sentence (an addition); "alpha" is a clean pair.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::create_dir_all(tmp.path().join("texts")).unwrap();
    fs::write(tmp.path().join("texts/alpha.nb.txt"), PAIRS[0].1).unwrap();
    fs::write(tmp.path().join("texts/alpha.en.txt"), PAIRS[0].2).unwrap();
    let manifest = tmp.path().join("manifest.csv");
    fs::write(
        &manifest,
        format!(
            "id,src,tgt\nalpha,texts/alpha.nb.txt,texts/alpha.en.txt\nutsyn,{},{}\n",
            root.join("corpora/utsyn-2026.nb.md").display(),
            root.join("corpora/utsyn-2026.en.md").display()
        ),
    )
    .unwrap();
    let out = tmp.path().join("out");
    cargo_bin_cmd!("tolk")
        .arg("batch")
        .arg(&manifest)
        .arg("--out-dir")
        .arg(&out)
        .args(["--check", "--jobs", "2"])
        .assert()
        .success();
    for id in ["alpha", "utsyn"] {
        assert!(out.join(format!("{id}.csv")).exists(), "{id}.csv");
        assert!(
            out.join(format!("{id}.check.jsonl")).exists(),
            "{id}.check.jsonl"
        );
    }
    let summary = fs::read_to_string(out.join("summary.csv")).unwrap();
    let mut lines = summary.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let utsyn: Vec<&str> = lines
        .find(|l| l.starts_with("utsyn,"))
        .unwrap()
        .split(',')
        .collect();
    let jsonl = fs::read_to_string(out.join("utsyn.check.jsonl")).unwrap();
    for kind in ["omission", "addition", "name_mismatch"] {
        let in_summary: usize = utsyn[col(&format!("findings_{kind}"))].parse().unwrap();
        let in_file = jsonl
            .lines()
            .filter(|l| l.contains(&format!("\"kind\":\"{kind}\"")))
            .count();
        assert_eq!(
            in_summary, in_file,
            "{kind}: summary = findings in the file"
        );
    }
    assert!(utsyn[col("findings_omission")] != "0", "{jsonl}");
    assert!(utsyn[col("findings_addition")] != "0", "{jsonl}");
    // Without --check the findings columns are present but empty.
    let plain = tmp.path().join("plain");
    cargo_bin_cmd!("tolk")
        .arg("batch")
        .arg(&manifest)
        .arg("--out-dir")
        .arg(&plain)
        .assert()
        .success();
    let summary = fs::read_to_string(plain.join("summary.csv")).unwrap();
    let alpha: Vec<&str> = summary.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(alpha[col("findings_omission")], "");
    assert!(!plain.join("alpha.check.jsonl").exists());
}

#[test]
fn check_and_stdout_are_refused_together() {
    let tmp = TempDir::new().unwrap();
    let manifest = corpus(tmp.path(), false);
    cargo_bin_cmd!("tolk")
        .arg("batch")
        .arg(&manifest)
        .args(["--stdout", "--check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--check"));
}

#[test]
fn file_names_and_ids_from_the_manifest_are_shown_escaped_on_the_terminal() {
    let tmp = TempDir::new().unwrap();
    let m = tmp.path().join("m.jsonl");
    let run = |record: &str| {
        fs::write(&m, format!("{record}\n")).unwrap();
        let out = cargo_bin_cmd!("tolk")
            .args(["batch", m.to_str().unwrap(), "--out-dir"])
            .arg(tmp.path().join("out"))
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!stderr.contains(['\u{1b}', '\u{7}']), "{stderr:?}");
        (out.status.code(), stderr)
    };
    // A missing file whose name would retitle the terminal (OSC 0), and an
    // id that would recolour it.
    let (code, stderr) = run(r#"{"id":"c","src":"miss\u001b]0;PWNED\u0007.txt","tgt":"t.txt"}"#);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("miss\\u{1b}]0;PWNED\\u{7}.txt"), "{stderr}");
    let (code, stderr) = run(r#"{"id":"a\u001b[31mb","src":"s.txt","tgt":"t.txt"}"#);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("`a\\u{1b}[31mb` cannot name"), "{stderr}");
}
