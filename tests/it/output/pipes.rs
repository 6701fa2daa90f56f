//! QA pass: every subcommand and output format treats a closed standard
//! output (`tolk … | head -1`) as the end, not as an error.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use tempfile::TempDir;

/// Two editions long enough that every output overflows a pipe buffer.
fn corpus(dir: &Path) {
    let mut nb = String::new();
    let mut en = String::new();
    let mut nb2 = String::new();
    for i in 0..3000 {
        nb.push_str(&format!(
            "Setning nummer {i} handler om tema {} og Norge.\n\n",
            i % 7
        ));
        en.push_str(&format!(
            "Sentence number {i} is about topic {} and Norway.\n\n",
            i % 7
        ));
        let j = if i % 10 == 0 { i + 1 } else { i };
        nb2.push_str(&format!(
            "Setning nummer {j} handler om tema {} og Norge.\n\n",
            i % 7
        ));
    }
    fs::write(dir.join("nb.txt"), nb).unwrap();
    fs::write(dir.join("en.txt"), en).unwrap();
    fs::write(dir.join("nb2.txt"), nb2).unwrap();
    fs::write(
        dir.join("manifest.csv"),
        "id,src,tgt\na,nb.txt,en.txt\nb,nb.txt,en.txt\n",
    )
    .unwrap();
    let pairs = Command::new(assert_cmd::cargo::cargo_bin!("tolk"))
        .current_dir(dir)
        .args(["align", "nb.txt", "en.txt", "-o", "pairs.csv"])
        .status()
        .unwrap();
    assert!(pairs.success());
    // the same text on both sides: one `untranslated` finding per pair
    let same = Command::new(assert_cmd::cargo::cargo_bin!("tolk"))
        .current_dir(dir)
        .args(["align", "nb.txt", "nb.txt", "-o", "same.csv"])
        .status()
        .unwrap();
    assert!(same.success());
}

/// Run `args`, read one byte of standard output, close it, and return the
/// exit code and standard error.
fn closed_early(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("tolk"))
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    stdout.read_exact(&mut byte).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

// Regression: `tolk diff OLD NEW --pairs PAIRS | head -1` and
// `tolk check … --format csv | head -1` printed "Broken pipe" and exited 2:
// their CSV writers turned the I/O error into a plain message.
#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    corpus(dir);
    let mut cases: Vec<Vec<&str>> = Vec::new();
    for f in ["text", "tsv", "csv", "jsonl"] {
        cases.push(vec!["segment", "nb.txt", "--format", f]);
    }
    for f in ["csv", "tsv", "jsonl", "beads", "tmx", "xliff", "html"] {
        cases.push(vec!["align", "nb.txt", "en.txt", "--format", f]);
    }
    for f in ["csv", "tsv", "jsonl", "tmx", "xliff", "html"] {
        cases.push(vec!["convert", "pairs.csv", "--to", f]);
    }
    for f in ["csv", "jsonl", "md", "html"] {
        cases.push(vec!["check", "--pairs", "same.csv", "--format", f]);
    }
    for f in ["text", "md", "html", "jsonl"] {
        cases.push(vec!["diff", "nb.txt", "nb2.txt", "--format", f]);
    }
    cases.push(vec!["diff", "nb.txt", "nb2.txt", "--pairs", "pairs.csv"]);
    cases.push(vec!["diff", "nb.txt", "nb2.txt", "--translation", "en.txt"]);
    cases.push(vec!["extract", "nb.txt"]);
    cases.push(vec!["batch", "manifest.csv", "--stdout"]);
    let mut failures = Vec::new();
    for args in &cases {
        let (code, stderr) = closed_early(dir, args);
        let check_findings = args[0] == "check" && code == Some(1);
        if !(code == Some(0) || check_findings) || stderr.contains("error") {
            failures.push(format!(
                "{}: exit {code:?}, stderr {stderr:?}",
                args.join(" ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
