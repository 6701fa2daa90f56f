//! Under a memory limit (`prlimit --as`, as `ulimit -v` or a batch
//! system's memory request sets it) an input whose alignment tables do not
//! fit is a clear error naming the files, exit 2 (a failed pair in batch),
//! instead of an abort with "memory allocation failed".

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// The address-space limit: more than tolk needs to read and segment the
/// big side below (about 400 MB in a debug build, with its 100 MB binary
/// mapped), less than its first alignment table (about 960 MiB).
const LIMIT: u64 = 700 << 20;

/// 600,000 one-word segments against one sentence: cheap to read, but the
/// band of the alignment is as long as the big side.
fn big_pair(dir: &Path) {
    fs::write(dir.join("big.nb.txt"), "ja\n".repeat(600_000)).unwrap();
    fs::write(dir.join("small.en.txt"), "This is one sentence.\n").unwrap();
}

/// `tolk ARGS` in `dir` under [`LIMIT`], with one thread.
fn limited(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new("prlimit");
    cmd.arg(format!("--as={LIMIT}"))
        .arg("--")
        .arg(assert_cmd::cargo::cargo_bin!("tolk"))
        .args(args)
        .current_dir(dir)
        .env("TOLK_JOBS", "1");
    let out = if let Some(input) = stdin {
        use std::io::Write;
        let mut child = cmd
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("prlimit (util-linux) runs");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    } else {
        cmd.output().expect("prlimit (util-linux) runs")
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("memory allocation of"),
        "aborted instead of failing cleanly: {stderr}"
    );
    out
}

#[test]
fn align_past_the_memory_limit_is_an_error_naming_the_files() {
    let dir = tempfile::tempdir().unwrap();
    big_pair(dir.path());
    let out = limited(
        dir.path(),
        &[
            "align",
            "--presegmented",
            "--src-lang",
            "nb",
            "--tgt-lang",
            "en",
            "big.nb.txt",
            "small.en.txt",
            "-o",
            "out.csv",
        ],
        None,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("tolk: error: big.nb.txt and small.en.txt: not enough memory"),
        "{stderr}"
    );
    assert!(stderr.contains("ulimit -v"), "says what to do: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!dir.path().join("out.csv").exists(), "nothing written");
}

#[test]
fn batch_and_stream_fail_only_the_pair_past_the_memory_limit() {
    let dir = tempfile::tempdir().unwrap();
    big_pair(dir.path());
    fs::write(dir.path().join("a.nb.txt"), "Det regner. Vi blir hjemme.\n").unwrap();
    fs::write(dir.path().join("a.en.txt"), "It rains. We stay at home.\n").unwrap();
    fs::write(
        dir.path().join("m.csv"),
        "id,src,tgt,src_lang,tgt_lang\nbig,big.nb.txt,small.en.txt,nb,en\na,a.nb.txt,a.en.txt,nb,en\n",
    )
    .unwrap();
    let out = limited(
        dir.path(),
        &["batch", "m.csv", "--presegmented", "--out-dir", "out"],
        None,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("pair `big`") && stderr.contains("not enough memory"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let summary = fs::read_to_string(dir.path().join("out/summary.csv")).unwrap();
    let rows: Vec<&str> = summary.lines().collect();
    assert!(rows[1].starts_with("big,failed,"), "{summary}");
    assert!(rows[1].contains("big.nb.txt and small.en.txt: not enough memory"));
    assert!(rows[2].starts_with("a,ok,"), "{summary}");
    assert!(dir.path().join("out/a.csv").exists());
    assert!(!dir.path().join("out/big.csv").exists());

    let records = "{\"id\":\"big\",\"src\":\"big.nb.txt\",\"tgt\":\"small.en.txt\",\"src_lang\":\"nb\",\"tgt_lang\":\"en\"}\n\
                   {\"id\":\"a\",\"src\":\"a.nb.txt\",\"tgt\":\"a.en.txt\",\"src_lang\":\"nb\",\"tgt_lang\":\"en\"}\n";
    let out = limited(
        dir.path(),
        &["batch", "-", "--stream", "--presegmented"],
        Some(records),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let pairs: Vec<serde_json::Value> = crate::util::jsonl(&out.stdout)
        .into_iter()
        .filter(|r| r["record"] == "pair")
        .collect();
    assert_eq!(pairs.len(), 2);
    assert_eq!(pairs[0]["status"], "failed");
    assert!(pairs[0]["error"]
        .as_str()
        .unwrap()
        .contains("not enough memory"));
    assert_eq!(pairs[1]["status"], "ok");
}
