//! QA pass: an output file never replaces a file the command reads.

use std::fs;

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use tempfile::TempDir;

const NB: &str = "Kina er en stormakt. Vi blir hjemme.\n\nI morgen skal vi gå på tur.\n";
const EN: &str = "China is a great power. We stay at home.\n\nTomorrow we will go hiking.\n";

fn editions(tmp: &TempDir) {
    fs::write(tmp.path().join("nb.txt"), NB).unwrap();
    fs::write(tmp.path().join("en.txt"), EN).unwrap();
}

// Regression: `tolk align … --dict d.tsv -o d.tsv` replaced the dictionary
// with the alignment.
#[test]
fn align_refuses_to_write_over_its_dictionary() {
    let tmp = TempDir::new().unwrap();
    editions(&tmp);
    let dict = tmp.path().join("d.tsv");
    fs::write(&dict, "regner\training\nhjemme\thome\n").unwrap();
    cargo_bin_cmd!("tolk")
        .current_dir(tmp.path())
        .args([
            "align", "nb.txt", "en.txt", "--dict", "d.tsv", "-o", "d.tsv",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "d.tsv: the output path is also an input",
        ));
    assert_eq!(
        fs::read_to_string(&dict).unwrap(),
        "regner\training\nhjemme\thome\n"
    );
}

// Regression: `tolk check … --glossary g.tsv -o g.tsv` replaced the glossary
// with the report.
#[test]
fn check_refuses_to_write_over_its_glossary() {
    let tmp = TempDir::new().unwrap();
    editions(&tmp);
    let glossary = tmp.path().join("g.tsv");
    fs::write(&glossary, "Kina\tChina\n").unwrap();
    for args in [
        &["check", "nb.txt", "en.txt"][..],
        &["check", "--pairs", "pairs.csv"][..],
    ] {
        if args[1] == "--pairs" {
            fs::write(
                tmp.path().join("pairs.csv"),
                "src_text,tgt_text\nKina er en stormakt.,China is a great power.\n",
            )
            .unwrap();
        }
        cargo_bin_cmd!("tolk")
            .current_dir(tmp.path())
            .args(args)
            .args(["--glossary", "g.tsv", "-o", "g.tsv"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "g.tsv: the output path is also an input",
            ));
        assert_eq!(fs::read_to_string(&glossary).unwrap(), "Kina\tChina\n");
    }
}

// Regression: -o files were created mode 0600 (the temporary file's mode)
// whatever the umask, and an existing file's mode was replaced by 0600, so
// a review sheet written to a shared folder became unreadable to others.
#[cfg(unix)]
#[test]
fn output_files_get_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = TempDir::new().unwrap();
    editions(&tmp);
    // what this process's umask gives an ordinary new file
    let probe = tmp.path().join("probe");
    fs::write(&probe, "").unwrap();
    let ordinary = fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
    cargo_bin_cmd!("tolk")
        .current_dir(tmp.path())
        .args(["align", "nb.txt", "en.txt", "-o", "new.csv"])
        .assert()
        .success();
    let mode = fs::metadata(tmp.path().join("new.csv"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, ordinary, "new file: {mode:o}");

    // an existing file keeps its mode
    let existing = tmp.path().join("old.csv");
    fs::write(&existing, "old").unwrap();
    fs::set_permissions(&existing, fs::Permissions::from_mode(0o664)).unwrap();
    cargo_bin_cmd!("tolk")
        .current_dir(tmp.path())
        .args(["align", "nb.txt", "en.txt", "-o", "old.csv"])
        .assert()
        .success();
    let mode = fs::metadata(&existing).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o664, "existing file: {mode:o}");
    assert!(fs::read_to_string(&existing).unwrap().starts_with("pair,"));
}

// Regression: `-o current.csv`, where current.csv is a symbolic link to
// this year's file, replaced the link with a plain file and left the file
// it pointed to stale. The file pointed to is written now (also a dangling
// link's target, and through a chain of links), and the link stays.
#[cfg(unix)]
#[test]
fn output_through_a_symbolic_link_writes_the_file_it_points_to() {
    use std::os::unix::fs::symlink;
    let tmp = TempDir::new().unwrap();
    editions(&tmp);
    fs::create_dir(tmp.path().join("2026")).unwrap();
    fs::write(tmp.path().join("2026/report.csv"), "old").unwrap();
    symlink("2026/report.csv", tmp.path().join("current.csv")).unwrap();
    symlink("current.csv", tmp.path().join("latest.csv")).unwrap();
    symlink("2026/new.csv", tmp.path().join("dangling.csv")).unwrap();
    for (link, target) in [
        ("current.csv", "2026/report.csv"),
        ("latest.csv", "2026/report.csv"),
        ("dangling.csv", "2026/new.csv"),
    ] {
        fs::write(tmp.path().join("2026/report.csv"), "old").unwrap();
        cargo_bin_cmd!("tolk")
            .current_dir(tmp.path())
            .args(["align", "nb.txt", "en.txt", "-o", link])
            .assert()
            .success();
        let meta = fs::symlink_metadata(tmp.path().join(link)).unwrap();
        assert!(meta.file_type().is_symlink(), "{link} is no longer a link");
        let written = fs::read_to_string(tmp.path().join(target)).unwrap();
        assert!(written.starts_with("pair,"), "{target}: {written}");
    }
    // A loop of links is refused with a message, nothing written.
    symlink("loop-b.csv", tmp.path().join("loop-a.csv")).unwrap();
    symlink("loop-a.csv", tmp.path().join("loop-b.csv")).unwrap();
    cargo_bin_cmd!("tolk")
        .current_dir(tmp.path())
        .args(["align", "nb.txt", "en.txt", "-o", "loop-a.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "loop-a.csv: too many levels of symbolic links",
        ));
}

// Regression: `tolk align - -` read standard input for the source, then
// found it empty for the target, and said "<stdin>: no text to process (the
// file is empty …)", which blames the input rather than the arguments.
#[test]
fn standard_input_given_twice_is_refused_clearly() {
    let tmp = TempDir::new().unwrap();
    editions(&tmp);
    for args in [
        &["align", "-", "-"][..],
        &["check", "-", "-"][..],
        &["diff", "-", "-"][..],
        &["diff", "-", "nb.txt", "--translation", "-"][..],
        &["learn", "--pairs", "-", "--pairs", "-"][..],
    ] {
        cargo_bin_cmd!("tolk")
            .current_dir(tmp.path())
            .args(args)
            .write_stdin(NB)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(
                "standard input (-) can be given only once",
            ));
    }
}

// Regression: a bad language code was reported as "--lang: unknown language
// `zz`" whichever flag (or manifest column) gave it, and without the file.
#[test]
fn a_bad_language_code_names_the_file_it_was_given_for() {
    let tmp = TempDir::new().unwrap();
    editions(&tmp);
    fs::write(
        tmp.path().join("m.csv"),
        "id,src,tgt,src_lang,tgt_lang\nx,nb.txt,en.txt,nb,zz\n",
    )
    .unwrap();
    for args in [
        &["align", "nb.txt", "en.txt", "--tgt-lang", "zz"][..],
        &["check", "nb.txt", "en.txt", "--tgt-lang", "zz"][..],
        &["batch", "m.csv", "--stdout"][..],
    ] {
        let assert = cargo_bin_cmd!("tolk")
            .current_dir(tmp.path())
            .args(args)
            .assert()
            .stderr(predicate::str::contains("en.txt: unknown language `zz`"))
            .stderr(predicate::str::contains("--lang").not());
        let code = assert.get_output().status.code();
        assert_eq!(
            code,
            Some(if args[0] == "batch" { 1 } else { 2 }),
            "{args:?}"
        );
    }
    fs::write(
        tmp.path().join("p.csv"),
        "src_text,tgt_text\nVi blir hjemme.,We stay at home.\n",
    )
    .unwrap();
    cargo_bin_cmd!("tolk")
        .current_dir(tmp.path())
        .args(["check", "--pairs", "p.csv", "--tgt-lang", "zz"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--tgt-lang: unknown language `zz`",
        ));
}

// Regression: a write error (disk full) did not name the output file for
// align, segment, convert, check, diff and learn ("tolk: error: No space
// left on device"), and extract named its input file instead.
#[cfg(target_os = "linux")]
#[test]
fn a_write_error_names_the_output_file() {
    let tmp = TempDir::new().unwrap();
    editions(&tmp);
    let ok = cargo_bin_cmd!("tolk")
        .current_dir(tmp.path())
        .args(["align", "nb.txt", "en.txt", "-o", "pairs.csv"])
        .assert()
        .success();
    drop(ok);
    for args in [
        &["align", "nb.txt", "en.txt"][..],
        &["align", "nb.txt", "en.txt", "--format", "tmx"][..],
        &["segment", "nb.txt"][..],
        &["extract", "nb.txt"][..],
        &["convert", "pairs.csv", "--to", "xliff"][..],
        &["check", "nb.txt", "en.txt", "--format", "html"][..],
        &["diff", "nb.txt", "en.txt"][..],
        &["diff", "nb.txt", "nb.txt", "--translation", "en.txt"][..],
        // (a pair of short editions is too little to learn a dictionary
        // from; the counts are written the same way)
        &["learn", "--pairs", "pairs.csv", "--counts-out", "/dev/full"][..],
    ] {
        let out = cargo_bin_cmd!("tolk")
            .current_dir(tmp.path())
            .args(args)
            .args(["-o", "/dev/full"])
            .assert()
            .code(2)
            .get_output()
            .clone();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("/dev/full: cannot write") && !stderr.contains("nb.txt: cannot write"),
            "{args:?}: {stderr}"
        );
    }
}

// Regression: `-o newdir/` (a directory path that does not exist) failed at
// the very end with "newdir/: cannot write: Not a directory".
#[test]
fn an_output_path_ending_in_a_slash_is_refused_up_front() {
    let tmp = TempDir::new().unwrap();
    editions(&tmp);
    cargo_bin_cmd!("tolk")
        .current_dir(tmp.path())
        .args(["align", "nb.txt", "en.txt", "-o", "newdir/"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "newdir/: is a directory path; give a file name for -o",
        ));
    assert!(!tmp.path().join("newdir").exists());
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tolk-"))
        .collect();
    assert!(leftovers.is_empty());
}

// Regression: `--out-dir FILE` said "cannot create the output directory …:
// File exists" instead of saying that the path is a file.
#[test]
fn an_out_dir_that_is_a_file_is_named_as_such() {
    let tmp = TempDir::new().unwrap();
    editions(&tmp);
    fs::write(tmp.path().join("m.csv"), "id,src,tgt\nx,nb.txt,en.txt\n").unwrap();
    cargo_bin_cmd!("tolk")
        .current_dir(tmp.path())
        .args(["batch", "m.csv", "--out-dir", "nb.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "nb.txt: --out-dir is not a directory",
        ));
    assert_eq!(fs::read_to_string(tmp.path().join("nb.txt")).unwrap(), NB);
}

// Regression: `tolk align --delimiter '|'` (any delimiter but , ; or tab)
// wrote a CSV that `tolk convert` could not read back ("missing required
// column `src_text`"): the reader looked only for , ; and tab.
#[test]
fn every_delimiter_align_writes_convert_reads_back() {
    let tmp = TempDir::new().unwrap();
    editions(&tmp);
    let mut expected = None;
    for delimiter in [",", "|", "#", ":", " ", ";", "tab"] {
        cargo_bin_cmd!("tolk")
            .current_dir(tmp.path())
            .args([
                "align",
                "nb.txt",
                "en.txt",
                "-o",
                "d.csv",
                "--delimiter",
                delimiter,
            ])
            .assert()
            .success();
        let got = cargo_bin_cmd!("tolk")
            .current_dir(tmp.path())
            .args(["convert", "d.csv", "--to", "tsv"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let got = String::from_utf8(got).unwrap();
        // the comma file is the reference: its texts, one row per pair
        let expected = expected.get_or_insert_with(|| got.clone());
        assert!(got.contains("\tKina er en stormakt.\tChina is a great power.\t"));
        assert_eq!(&got, expected, "--delimiter {delimiter:?}");
    }
}

// `--delimiter` and `--excel` given with an output format they do not
// change used to be ignored without a word.
#[test]
fn spreadsheet_options_with_another_format_are_warned_about() {
    let tmp = TempDir::new().unwrap();
    editions(&tmp);
    let run = |format: &str, extra: &[&str]| -> String {
        let out = cargo_bin_cmd!("tolk")
            .current_dir(tmp.path())
            .args(["align", "nb.txt", "en.txt", "--format", format])
            .args(extra)
            .args(["-o", "out"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = run("tmx", &["--excel", "--delimiter", ";"]);
    assert!(
        err.contains("--delimiter changes only CSV output; ignored with --format tmx"),
        "{err}"
    );
    assert!(
        err.contains("--excel changes only CSV and TSV output"),
        "{err}"
    );
    let err = run("tsv", &["--excel", "--delimiter", ";"]);
    assert!(
        err.contains("--delimiter changes only CSV") && !err.contains("--excel"),
        "{err}"
    );
    let err = run("csv", &["--excel", "--delimiter", ";"]);
    assert!(!err.contains("warning"), "{err}");
}
