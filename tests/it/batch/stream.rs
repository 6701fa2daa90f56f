//! `tolk batch - --stream`: records in, records out, failures as records;
//! the bytes for a record never depend on how the stream was cut.

use std::fs;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use tempfile::TempDir;

use crate::util::{mkfifo, spawn_batch};

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
        "Rapporten beskriver året som gikk. Den har 3 deler.\n",
        "The report describes the past year. It has 4 parts.\n",
    ),
];

/// Files under `dir/texts/` and records: path records (relative to `dir`),
/// inline records, a missing file, a line that is not JSON, a record
/// without `tgt`.
fn records(dir: &Path) -> Vec<String> {
    fs::create_dir_all(dir.join("texts")).unwrap();
    let mut out = Vec::new();
    for (id, nb, en) in PAIRS {
        fs::write(dir.join(format!("texts/{id}.nb.txt")), nb).unwrap();
        fs::write(dir.join(format!("texts/{id}.en.txt")), en).unwrap();
        out.push(
            serde_json::json!({"id": id, "src": format!("texts/{id}.nb.txt"), "tgt": format!("texts/{id}.en.txt"), "src_lang": "nb", "tgt_lang": "en"})
                .to_string(),
        );
        out.push(
            serde_json::json!({"id": format!("{id}-inline"), "src_text": nb, "tgt_text": en, "src_lang": "nb", "tgt_lang": "en"})
                .to_string(),
        );
    }
    out.insert(
        2,
        r#"{"id":"missing","src":"texts/missing.nb.txt","tgt":"texts/alpha.en.txt"}"#.into(),
    );
    out.insert(4, "this is not json".into());
    out.insert(5, r#"{"id":"no-tgt","src":"texts/alpha.nb.txt"}"#.into());
    out
}

fn stream(dir: &Path, input: &str, extra: &[&str]) -> (i32, String) {
    let out = cargo_bin_cmd!("tolk")
        .current_dir(dir)
        .args(["batch", "-", "--stream"])
        .args(extra)
        .write_stdin(input)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    (out.status.code().unwrap(), stdout)
}

fn parse(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn each_pair_gives_its_beads_then_one_pair_record_and_failures_are_records() {
    let tmp = TempDir::new().unwrap();
    let recs = records(tmp.path());
    let (code, stdout) = stream(tmp.path(), &(recs.join("\n") + "\n"), &["--jobs", "2"]);
    assert_eq!(code, 0, "failed pairs are records, not a failed run");
    let values = parse(&stdout);
    let pair_records: Vec<&serde_json::Value> =
        values.iter().filter(|v| v["record"] == "pair").collect();
    // one pair record per input line, in input order
    assert_eq!(pair_records.len(), recs.len());
    let ids: Vec<serde_json::Value> = pair_records.iter().map(|v| v["id"].clone()).collect();
    assert_eq!(
        ids,
        serde_json::json!([
            "alpha",
            "alpha-inline",
            "missing",
            "beta",
            null,
            "no-tgt",
            "beta-inline",
            "gamma",
            "gamma-inline"
        ])
        .as_array()
        .unwrap()
        .clone()
    );
    let statuses: Vec<&str> = pair_records
        .iter()
        .map(|v| v["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["ok", "ok", "failed", "ok", "failed", "failed", "ok", "ok", "ok"]
    );
    assert!(pair_records[2]["error"]
        .as_str()
        .unwrap()
        .contains("missing.nb.txt"));
    assert!(pair_records[5]["error"].as_str().unwrap().contains("`tgt`"));
    // Bead records come right before their pair record and carry its id;
    // the counts agree with the pair record.
    let mut beads_seen = 0;
    for v in &values {
        if v["record"] == "bead" {
            beads_seen += 1;
        } else {
            assert_eq!(v["record"], "pair");
            if v["status"] == "ok" {
                assert_eq!(v["beads"].as_u64().unwrap(), beads_seen);
                assert_eq!(v["error"], serde_json::Value::Null);
            } else {
                assert_eq!(beads_seen, 0);
            }
            beads_seen = 0;
        }
    }
    // a file and the same text inline give the same alignment
    let beads_of = |id: &str| -> Vec<serde_json::Value> {
        values
            .iter()
            .filter(|v| v["id"] == id && v["record"] == "bead")
            .map(|v| {
                let mut v = v.clone();
                v.as_object_mut().unwrap().remove("id");
                v
            })
            .collect()
    };
    assert!(!beads_of("alpha").is_empty());
    assert_eq!(beads_of("alpha"), beads_of("alpha-inline"));
}

#[test]
fn cutting_the_stream_into_chunks_or_changing_jobs_never_changes_the_bytes() {
    let tmp = TempDir::new().unwrap();
    let recs = records(tmp.path());
    let (_, whole) = stream(tmp.path(), &(recs.join("\n") + "\n"), &["--jobs", "1"]);
    let (_, threaded) = stream(tmp.path(), &(recs.join("\n") + "\n"), &["--jobs", "3"]);
    assert_eq!(whole, threaded);
    for cut in [1, 2, 4] {
        let mut joined = String::new();
        for chunk in recs.chunks(cut) {
            let (code, out) = stream(tmp.path(), &chunk.join("\n"), &["--jobs", "2"]);
            assert_eq!(code, 0);
            joined.push_str(&out);
        }
        assert_eq!(joined, whole, "chunks of {cut}");
    }
}

#[test]
fn check_puts_findings_into_the_pair_record() {
    let tmp = TempDir::new().unwrap();
    let recs = records(tmp.path());
    let gamma = recs.iter().find(|r| r.contains("\"gamma\"")).unwrap();
    let (code, stdout) = stream(tmp.path(), gamma, &["--check"]);
    assert_eq!(code, 0);
    let values = parse(&stdout);
    let pair = values.last().unwrap();
    assert_eq!(pair["record"], "pair");
    // 3 parts against 4 parts
    assert_eq!(pair["finding_counts"]["number_mismatch"], 1);
    let findings = pair["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f["kind"] == "number_mismatch"));
}

#[test]
fn base_resolves_relative_paths_wherever_the_process_runs() {
    let tmp = TempDir::new().unwrap();
    let recs = records(tmp.path());
    let elsewhere = TempDir::new().unwrap();
    let (_, here) = stream(tmp.path(), &recs[0], &[]);
    let base = tmp.path().to_str().unwrap();
    let (code, there) = stream(elsewhere.path(), &recs[0], &["--base", base]);
    assert_eq!(code, 0);
    assert_eq!(here, there);
    let (_, lost) = stream(elsewhere.path(), &recs[0], &[]);
    assert!(lost.contains("\"status\":\"failed\""), "{lost}");
}

#[test]
fn stream_mode_refuses_a_manifest_file_and_file_options() {
    let tmp = TempDir::new().unwrap();
    let m = tmp.path().join("m.jsonl");
    fs::write(&m, "{}\n").unwrap();
    cargo_bin_cmd!("tolk")
        .args(["batch", m.to_str().unwrap(), "--stream"])
        .assert()
        .code(2);
    for bad in [
        &["--out-dir", "x"][..],
        &["--resume"],
        &["--stdout"],
        &["--shard", "1/2"],
    ] {
        cargo_bin_cmd!("tolk")
            .args(["batch", "-", "--stream"])
            .args(bad)
            .write_stdin("")
            .assert()
            .code(2);
    }
    // an empty stream is no error: nothing in, nothing out
    let (code, out) = stream(tmp.path(), "", &[]);
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn a_bad_tolk_jobs_is_an_error_naming_it() {
    let out = cargo_bin_cmd!("tolk")
        .env("TOLK_JOBS", "many")
        .args(["batch", "-", "--stream"])
        .write_stdin("")
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("TOLK_JOBS=`many`"), "{stderr}");
}

/// A CSV manifest of the pairs (with a missing file in the middle) in `dir`.
fn manifest(dir: &Path) -> std::path::PathBuf {
    records(dir);
    let mut m = String::from("id,src,tgt,src_lang,tgt_lang\n");
    for (i, (id, _, _)) in PAIRS.iter().enumerate() {
        for copy in ["", "-2", "-3"] {
            m.push_str(&format!(
                "{id}{copy},texts/{id}.nb.txt,texts/{id}.en.txt,nb,en\n"
            ));
        }
        if i == 1 {
            m.push_str("missing,texts/missing.nb.txt,texts/alpha.en.txt,nb,en\n");
        }
    }
    let path = dir.join("manifest.csv");
    fs::write(&path, m).unwrap();
    path
}

#[test]
fn merged_shard_summaries_equal_the_unsharded_summary_byte_for_byte() {
    let tmp = TempDir::new().unwrap();
    let m = manifest(tmp.path());
    let (whole, sharded) = (tmp.path().join("whole"), tmp.path().join("sharded"));
    cargo_bin_cmd!("tolk")
        .args(["batch", m.to_str().unwrap(), "--out-dir"])
        .arg(&whole)
        .assert()
        .code(1); // the missing pair
    for k in 1..=3 {
        cargo_bin_cmd!("tolk")
            .args(["batch", m.to_str().unwrap(), "--out-dir"])
            .arg(&sharded)
            .args(["--shard", &format!("{k}/3")])
            .assert()
            .code(if k == 1 { 1 } else { 0 });
    }
    cargo_bin_cmd!("tolk")
        .args(["merge-summaries", m.to_str().unwrap()])
        .arg(&sharded)
        .assert()
        .code(0);
    let merged = fs::read(sharded.join("summary.csv")).unwrap();
    assert_eq!(merged, fs::read(whole.join("summary.csv")).unwrap());
    // Naive concatenation (`tail -n +2` of each shard) is in the wrong order.
    let naive: Vec<u8> = (1..=3)
        .flat_map(|k| {
            let text = fs::read_to_string(sharded.join(format!("summary.{k}-of-3.csv"))).unwrap();
            text.lines()
                .skip(1)
                .map(|l| format!("{l}\n"))
                .collect::<String>()
                .into_bytes()
        })
        .collect();
    assert_ne!(
        &merged[merged.iter().position(|&b| b == b'\n').unwrap() + 1..],
        &naive[..]
    );

    // A lost shard: its ids are listed, exit 1, summary.csv not written.
    fs::remove_file(sharded.join("summary.csv")).unwrap();
    fs::remove_file(sharded.join("summary.2-of-3.csv")).unwrap();
    let out = cargo_bin_cmd!("tolk")
        .args(["merge-summaries", m.to_str().unwrap()])
        .arg(&sharded)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    for id in ["alpha-2", "beta-2", "gamma"] {
        // positions 1, 4, 7 (0-based) are shard 2 of 3
        assert!(stderr.contains(&format!("`{id}`")), "{id}: {stderr}");
    }
    assert!(stderr.contains("3 missing"), "{stderr}");
    assert!(!sharded.join("summary.csv").exists());

    // A shard run twice under different N: ids repeated, exit 1.
    cargo_bin_cmd!("tolk")
        .args(["batch", m.to_str().unwrap(), "--out-dir"])
        .arg(&sharded)
        .args(["--shard", "2/3"])
        .assert()
        .code(0);
    cargo_bin_cmd!("tolk")
        .args(["batch", m.to_str().unwrap(), "--out-dir"])
        .arg(&sharded)
        .args(["--shard", "1/2"])
        .assert()
        .code(1);
    let out = cargo_bin_cmd!("tolk")
        .args(["merge-summaries", m.to_str().unwrap()])
        .arg(&sharded)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("repeated: `alpha`"), "{stderr}");
}

#[test]
fn a_symbolic_link_in_the_out_dir_is_replaced_not_written_through() {
    let tmp = TempDir::new().unwrap();
    let m = manifest(tmp.path());
    let out = tmp.path().join("out");
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir_all(&out).unwrap();
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("victim"), "precious\n").unwrap();
    fs::write(elsewhere.join("victim2"), "precious\n").unwrap();
    std::os::unix::fs::symlink("../elsewhere/victim", out.join("alpha.csv")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("victim2"), out.join("summary.csv")).unwrap();
    cargo_bin_cmd!("tolk")
        .args(["batch", m.to_str().unwrap(), "--out-dir"])
        .arg(&out)
        .assert()
        .code(1);
    for victim in ["victim", "victim2"] {
        assert_eq!(
            fs::read_to_string(elsewhere.join(victim)).unwrap(),
            "precious\n"
        );
    }
    for name in ["alpha.csv", "summary.csv"] {
        let meta = fs::symlink_metadata(out.join(name)).unwrap();
        assert!(meta.is_file(), "{name} is still a link");
    }
    assert!(fs::read_to_string(out.join("alpha.csv"))
        .unwrap()
        .starts_with("pair,"));
}

#[test]
fn a_link_planted_as_the_state_directory_is_refused() {
    let tmp = TempDir::new().unwrap();
    let m = manifest(tmp.path());
    let out = tmp.path().join("out");
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir_all(&out).unwrap();
    fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join(".tolk")).unwrap();
    cargo_bin_cmd!("tolk")
        .args(["batch", m.to_str().unwrap(), "--out-dir"])
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
}

#[test]
fn pairs_whose_outputs_map_to_one_file_are_refused_up_front() {
    let tmp = TempDir::new().unwrap();
    records(tmp.path());
    let cases: &[(&str, &[&str], &str)] = &[
        // pair c.check's alignment would overwrite pair c's findings
        (
            "c\nc.check",
            &["--check", "--format", "jsonl"],
            "findings files",
        ),
        // an id that overwrites a shard's summary
        ("a\nsummary.1-of-2", &["--shard", "2/2"], "summary*.csv"),
        ("a\nTIMINGS", &[], "timings*.csv"),
        // compared without case, as on macOS
        (
            "C\nc.Check",
            &["--check", "--format", "jsonl"],
            "findings files",
        ),
    ];
    for (i, (ids, args, says)) in cases.iter().enumerate() {
        let mut m = String::from("id,src,tgt\n");
        for id in ids.lines() {
            m.push_str(&format!("{id},texts/alpha.nb.txt,texts/alpha.en.txt\n"));
        }
        let path = tmp.path().join(format!("m{i}.csv"));
        fs::write(&path, m).unwrap();
        let out = tmp.path().join(format!("out{i}"));
        let got = cargo_bin_cmd!("tolk")
            .args(["batch", path.to_str().unwrap(), "--out-dir"])
            .arg(&out)
            .args(*args)
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&got.get_output().stderr).into_owned();
        assert!(stderr.contains(says), "case {i}: {stderr}");
        assert!(
            !out.exists() || fs::read_dir(&out).unwrap().count() == 0,
            "case {i} wrote output"
        );
    }
}

#[test]
fn summary_ids_that_look_like_formulas_are_guarded_and_still_merge() {
    let tmp = TempDir::new().unwrap();
    records(tmp.path());
    let m = tmp.path().join("m.csv");
    fs::write(
        &m,
        "id,src,tgt\n=1+1,texts/alpha.nb.txt,texts/alpha.en.txt\n@x,texts/beta.nb.txt,texts/beta.en.txt\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    for k in ["1/2", "2/2"] {
        cargo_bin_cmd!("tolk")
            .args(["batch", m.to_str().unwrap(), "--shard", k, "--out-dir"])
            .arg(&out)
            .assert()
            .success();
    }
    cargo_bin_cmd!("tolk")
        .args(["merge-summaries", m.to_str().unwrap()])
        .arg(&out)
        .assert()
        .success();
    let summary = fs::read_to_string(out.join("summary.csv")).unwrap();
    let ids: Vec<&str> = summary
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids, ["'=1+1", "'@x"]);
}

/// Wait up to 5 s for `cond`.
fn eventually(mut cond: impl FnMut() -> bool) -> bool {
    for _ in 0..200 {
        if cond() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    false
}

fn alive(pid: &str) -> bool {
    // A zombie has been killed; it only waits for its parent to reap it.
    fs::read_to_string(format!("/proc/{}/stat", pid.trim())).is_ok_and(|s| {
        !s.rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z')
    })
}

fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tolk-"))
        .collect()
}

#[test]
fn sigterm_and_sigint_remove_the_temporary_files_of_the_run() {
    for signal in ["TERM", "INT"] {
        let tmp = TempDir::new().unwrap();
        records(tmp.path());
        let fifo = tmp.path().join("texts/slow.nb.txt");
        mkfifo(&fifo);
        let m = tmp.path().join("m.csv");
        fs::write(
            &m,
            "id,src,tgt\nslow,texts/slow.nb.txt,texts/alpha.en.txt\n",
        )
        .unwrap();
        let out = tmp.path().join("out");
        let mut child = spawn_batch(&m, &[], &out);
        // summary.csv and timings.csv are open (as temporaries) while the
        // pair waits for its source.
        assert!(eventually(|| out.exists() && temporaries(&out).len() == 2));
        std::process::Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!status.success());
        assert_eq!(temporaries(&out), Vec::<String>::new(), "SIG{signal}");
    }
}

/// A stand-in for pdftotext that never finishes: it records its pid and
/// its child's, then waits.
fn hanging_pdftotext(dir: &Path) -> std::path::PathBuf {
    let bin = dir.join("bin");
    fs::create_dir_all(&bin).unwrap();
    let script = bin.join("pdftotext");
    fs::write(
        &script,
        format!(
            "#!/bin/sh\nsleep 60 &\necho $! > {0}/grandchild.pid\necho $$ > {0}/child.pid\nwait\n",
            dir.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

fn path_with(bin: &Path) -> String {
    format!("{}:{}", bin.display(), std::env::var("PATH").unwrap())
}

#[test]
fn pdftotext_is_stopped_with_its_process_group_at_the_time_limit() {
    let tmp = TempDir::new().unwrap();
    let bin = hanging_pdftotext(tmp.path());
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edition.nb.pdf");
    let start = std::time::Instant::now();
    let out = cargo_bin_cmd!("tolk")
        .env("PATH", path_with(&bin))
        .args(["--timeout", "1", "segment"])
        .arg(&pdf)
        .assert()
        .code(2);
    assert!(start.elapsed().as_secs() < 30);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("did not finish within 1 s"), "{stderr}");
    assert!(stderr.contains("edition.nb.pdf"), "{stderr}");
    for pid in ["child.pid", "grandchild.pid"] {
        let pid = fs::read_to_string(tmp.path().join(pid)).unwrap();
        assert!(eventually(|| !alive(&pid)), "{pid} still runs");
    }
}

#[test]
fn pdftotext_dies_with_a_killed_tolk() {
    let tmp = TempDir::new().unwrap();
    let bin = hanging_pdftotext(tmp.path());
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edition.nb.pdf");
    let mut tolk = std::process::Command::new(assert_cmd::cargo::cargo_bin!("tolk"))
        .env("PATH", path_with(&bin))
        .arg("segment")
        .arg(&pdf)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pidfile = tmp.path().join("child.pid");
    assert!(eventually(
        || fs::read_to_string(&pidfile).is_ok_and(|s| s.ends_with('\n'))
    ));
    let pid = fs::read_to_string(&pidfile).unwrap();
    tolk.kill().unwrap(); // SIGKILL: tolk cannot clean up
    tolk.wait().unwrap();
    assert!(eventually(|| !alive(&pid)), "pdftotext outlived tolk");
    // its own child is orphaned, not ours to reap; end it
    let grandchild = fs::read_to_string(tmp.path().join("grandchild.pid")).unwrap();
    let _ = std::process::Command::new("kill")
        .arg(grandchild.trim())
        .status();
}

#[test]
fn terminal_formats_show_escape_sequences_escaped_and_markdown_shows_html_as_text() {
    let tmp = TempDir::new().unwrap();
    let nb = tmp.path().join("e.nb.txt");
    let en = tmp.path().join("e.en.txt");
    // A window-title sequence, a screen clear, a bidi override, raw HTML.
    fs::write(
        &nb,
        "Det er 3 epler. Se \x1b]0;pwned\x07 og \x1b[2J her \u{202e}<script>alert(1)</script>.\n",
    )
    .unwrap();
    fs::write(
        &en,
        "There are 4 apples. See \x1b[31m red <script>alert(1)</script>.\n",
    )
    .unwrap();
    let run = |args: &[&str]| -> String {
        let out = cargo_bin_cmd!("tolk").args(args).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let (nb, en) = (nb.to_str().unwrap(), en.to_str().unwrap());
    for (args, html) in [
        (vec!["segment", nb], false),
        (vec!["check", nb, en], false),
        (vec!["diff", nb, en], false),
        (vec!["diff", nb, en, "--color", "always"], false),
        (vec!["check", nb, en, "--format", "md"], true),
        (vec!["diff", nb, en, "--format", "md"], true),
    ] {
        let out = run(&args);
        assert!(out.contains("\\u{1b}]0;pwned\\u{7}"), "{args:?}: {out}");
        assert!(!out.contains("\x1b]") && !out.contains("\x1b[2J") && !out.contains('\u{7}'));
        if args.contains(&"always") {
            // tolk's own colours are still there
            assert!(out.contains("\x1b[31m"));
        } else {
            assert!(!out.contains('\x1b'), "{args:?}");
        }
        if html {
            assert!(out.contains("&lt;script&gt;"), "{args:?}: {out}");
            assert!(!out.contains("<script>"), "{args:?}");
        }
    }
}

/// A DOCX whose `word/document.xml` is `xml`, deflated.
fn docx_with(xml: &str) -> Vec<u8> {
    use std::io::Write as _;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_docx_expanding_to_far_more_than_its_size_is_refused_before_it_fills_memory() {
    let tmp = TempDir::new().unwrap();
    let para = "<w:p><w:r><w:t>Det regner i dag, og vi blir hjemme.</w:t></w:r></w:p>";
    let body = |n: usize| {
        format!(
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{}</w:body></w:document>",
            para.repeat(n)
        )
    };
    // ~20 MB of XML in a file of well under 200 kB: far beyond 100 times
    // its size and the 16 MiB any file may use, well under the old 200 MiB.
    let bomb = docx_with(&body(20_000_000 / para.len()));
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    let path = tmp.path().join("bomb.docx");
    fs::write(&path, &bomb).unwrap();
    let out = cargo_bin_cmd!("tolk")
        .arg("extract")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bomb.docx") && stderr.contains("100 times the file's size"),
        "{stderr}"
    );
    // An ordinary document of the same shape is read.
    let fine = docx_with(&body(2_000));
    let path = tmp.path().join("fine.docx");
    fs::write(&path, &fine).unwrap();
    cargo_bin_cmd!("tolk")
        .arg("extract")
        .arg(&path)
        .assert()
        .success();
}
