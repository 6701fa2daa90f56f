//! QA pass: `tolk check` on sentences a report is full of.

use assert_cmd::cargo::cargo_bin_cmd;
use tempfile::TempDir;

/// The `number_mismatch` messages `tolk check --pairs` gives one pair.
fn number_findings(src: &str, tgt: &str) -> Vec<String> {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("pairs.csv");
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(["src_text", "tgt_text"]).unwrap();
    w.write_record([src, tgt]).unwrap();
    w.flush().unwrap();
    let out = cargo_bin_cmd!("tolk")
        .args(["check", "--pairs"])
        .arg(&path)
        .args(["--format", "jsonl", "--src-lang", "nb", "--tgt-lang", "en"])
        .output()
        .unwrap();
    assert!(out.status.code().unwrap_or(2) < 2, "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["kind"] == "number_mismatch")
        .map(|v| v["message"].as_str().unwrap().to_string())
        .collect()
}

// Regression: every four-digit number was also read as a 24-hour time
// ("2024" = 20:24 = 8:24 pm), so a year put 20, 8 and 24 in the pool of
// values and hid a wrong percentage in the same sentence.
#[test]
fn a_year_does_not_hide_a_wrong_number_as_a_clock_time() {
    for (src, tgt) in [
        (
            "Andelen steg til 24 prosent i 2024.",
            "The share rose to 20 percent in 2024.",
        ),
        (
            "Andelen steg til 8 prosent i 2024.",
            "The share rose to 20 percent in 2024.",
        ),
    ] {
        assert_eq!(number_findings(src, tgt).len(), 1, "{src} / {tgt}");
    }
    let f = number_findings("Tallet er 5 i 2024.", "The figure is 8 in 2024.");
    assert!(f.len() == 1 && f[0].contains("“8”"), "{f:?}");
}

// A four-digit time marked as one still matches.
#[test]
fn a_marked_four_digit_time_still_matches() {
    for (src, tgt) in [
        ("Møtet startet 1200 GMT.", "The meeting began at 12:00 GMT."),
        ("Møtet startet kl. 1430.", "The meeting began at 2:30 pm."),
        ("Angrepet kom 0545 norsk tid.", "The attack came at 5:45."),
        (
            "Andelen steg til 24 prosent i 2024.",
            "The share rose to 24 per cent in 2024.",
        ),
    ] {
        assert!(number_findings(src, tgt).is_empty(), "{src} / {tgt}");
    }
}

// A header-only export used to give "0 pairs" and exit 0: a CI gate on
// `check --pairs` passed on nothing.
#[test]
fn pairs_file_with_only_a_header_is_refused() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("empty.csv");
    std::fs::write(
        &path,
        "pair,src_ids,tgt_ids,type,confidence,src_text,tgt_text\n",
    )
    .unwrap();
    let out = tmp.path().join("report.txt");
    let res = cargo_bin_cmd!("tolk")
        .args(["check", "--pairs"])
        .arg(&path)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(res.status.code(), Some(2), "{res:?}");
    let err = String::from_utf8_lossy(&res.stderr);
    assert!(
        err.contains("empty.csv") && err.contains("no aligned pairs"),
        "{err}"
    );
    assert!(!out.exists(), "nothing may be written");
}

// `check` on two files in one language and `diff` on two languages ran
// without a word: the user had picked the wrong command.
#[test]
fn the_wrong_command_for_the_languages_is_warned_about() {
    let corpora = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    let tmp = TempDir::new().unwrap();
    let run = |cmd: &str, a: &str, b: &str| -> String {
        let out = cargo_bin_cmd!("tolk")
            .arg(cmd)
            .arg(corpora.join(a))
            .arg(corpora.join(b))
            .arg("-o")
            .arg(tmp.path().join("out"))
            .output()
            .unwrap();
        assert!(out.status.code().unwrap_or(2) < 2, "{out:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = run("check", "utsyn-2026.en.md", "utsyn-2026.en.md");
    assert!(
        err.contains("are both `en`") && err.contains("use tolk diff"),
        "{err}"
    );
    let err = run("diff", "utsyn-2026.nb.md", "utsyn-2026.en.md");
    assert!(
        err.contains("is `en`") && err.contains("use tolk check"),
        "{err}"
    );
    // The right commands stay quiet (Bokmål against Nynorsk is two editions).
    assert!(!run("check", "utsyn-2026.nb.md", "utsyn-2026.nn.md").contains("warning"));
    assert!(!run("diff", "utsyn-2026.nb.md", "utsyn-2027.nb.md").contains("warning"));
}
