//! QA pass: `tolk batch` never writes over a file it reads (the manifest,
//! `--dict`, any pair's edition).

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use tempfile::TempDir;

const NB: &str = "Det regner i dag. Vi blir hjemme.\n\nI morgen skal vi gå på tur.\n";
const EN: &str = "It is raining today. We stay at home.\n\nTomorrow we will go hiking.\n";

/// `tolk batch MANIFEST [EXTRA…] --out-dir OUT_DIR`.
fn batch(manifest: &Path, extra: &[&OsStr], out_dir: &Path) -> assert_cmd::assert::Assert {
    cargo_bin_cmd!("tolk")
        .arg("batch")
        .arg(manifest)
        .args(extra)
        .arg("--out-dir")
        .arg(out_dir)
        .assert()
}

fn editions(dir: &std::path::Path) {
    fs::write(dir.join("a.nb.txt"), NB).unwrap();
    fs::write(dir.join("a.en.txt"), EN).unwrap();
}

// Regression: a pair whose id matched the manifest's name (`pairs.csv`, id
// `pairs`, --out-dir = the manifest's folder) overwrote the manifest.
#[test]
fn a_pair_output_never_overwrites_the_manifest() {
    let tmp = TempDir::new().unwrap();
    editions(tmp.path());
    let manifest = tmp.path().join("pairs.csv");
    let text = "id,src,tgt\npairs,a.nb.txt,a.en.txt\nok,a.nb.txt,a.en.txt\n";
    fs::write(&manifest, text).unwrap();
    batch(&manifest, &[], tmp.path())
        .code(1)
        .stderr(predicate::str::contains("pair `pairs`"))
        .stderr(predicate::str::contains("also an input"));
    assert_eq!(fs::read_to_string(&manifest).unwrap(), text);
    assert!(tmp.path().join("ok.csv").exists());
}

// Regression: a pair's output named like another pair's edition (`b.csv`
// for pair `b` while pair `c` reads `b.csv`) overwrote that edition.
#[test]
fn a_pair_output_never_overwrites_another_pairs_edition() {
    let tmp = TempDir::new().unwrap();
    editions(tmp.path());
    fs::write(tmp.path().join("b.csv"), NB).unwrap();
    let manifest = tmp.path().join("m.csv");
    fs::write(
        &manifest,
        "id,src,tgt\nb,a.nb.txt,a.en.txt\nc,b.csv,a.en.txt\n",
    )
    .unwrap();
    batch(&manifest, &["--jobs".as_ref(), "1".as_ref()], tmp.path())
        .code(1)
        .stderr(predicate::str::contains("pair `b`"))
        .stderr(predicate::str::contains("also an input"));
    assert_eq!(fs::read_to_string(tmp.path().join("b.csv")).unwrap(), NB);
}

// Regression: a manifest called summary.csv (or timings.csv) in --out-dir
// was replaced by the summary.
#[test]
fn the_summary_never_overwrites_the_manifest() {
    for name in ["summary.csv", "timings.csv"] {
        let tmp = TempDir::new().unwrap();
        editions(tmp.path());
        let manifest = tmp.path().join(name);
        let text = "id,src,tgt\nx,a.nb.txt,a.en.txt\n";
        fs::write(&manifest, text).unwrap();
        batch(&manifest, &[], tmp.path())
            .code(2)
            .stderr(predicate::str::contains(name))
            .stderr(predicate::str::contains("--out-dir"));
        assert_eq!(fs::read_to_string(&manifest).unwrap(), text, "{name}");
        assert!(!tmp.path().join("x.csv").exists(), "{name}");
    }
}

// Regression: the same for a --dict file in --out-dir.
#[test]
fn the_summary_never_overwrites_the_dictionary() {
    let tmp = TempDir::new().unwrap();
    editions(tmp.path());
    let dict = tmp.path().join("summary.csv");
    fs::write(&dict, "regner\training\n").unwrap();
    let manifest = tmp.path().join("m.csv");
    fs::write(&manifest, "id,src,tgt\nx,a.nb.txt,a.en.txt\n").unwrap();
    batch(
        &manifest,
        &["--dict".as_ref(), dict.as_os_str()],
        tmp.path(),
    )
    .code(2)
    .stderr(predicate::str::contains("summary.csv"));
    assert_eq!(fs::read_to_string(&dict).unwrap(), "regner\training\n");
}

// A manifest saved by a Norwegian-locale spreadsheet (`;`, CRLF) was refused
// ("the header has no `id` column (found: id;src;tgt)").
#[test]
fn a_semicolon_or_tab_separated_manifest_is_read() {
    for (sep, eol) in [(";", "\r\n"), ("\t", "\n")] {
        let tmp = TempDir::new().unwrap();
        editions(tmp.path());
        let manifest = tmp.path().join("pairs.csv");
        let text =
            ["id", "src", "tgt"].join(sep) + eol + &["a", "a.nb.txt", "a.en.txt"].join(sep) + eol;
        fs::write(&manifest, text).unwrap();
        batch(&manifest, &[], &tmp.path().join("out")).code(0);
        assert!(tmp.path().join("out").join("a.csv").exists());
    }
}
