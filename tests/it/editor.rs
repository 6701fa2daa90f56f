//! The review editor (`tolk align --format html`) in a real browser, and
//! the clean translation memory (TMX/XLIFF leave out identical pairs,
//! `--only-1-1`, `--check` findings).
//!
//! The browser tests drive headless Chromium through WebDriver
//! (`scripts/review-browser.py`, run with the selenium venv that
//! `scripts/browser-env` makes; Debian `chromium` and `chromium-driver`
//! from `scripts/install-deps`). A missing piece fails the test with what
//! to run; nothing is skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{root, tolk as cmd};

fn corpus(name: &str) -> PathBuf {
    root().join("corpora").join(name)
}

/// `$TOLK_SHARED/formats/tmx14.dtd`, else `../shared` beside the checkout
/// (or one level further up for a worktree).
fn dtd() -> PathBuf {
    let mut dirs: Vec<PathBuf> = std::env::var_os("TOLK_SHARED")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    dirs.push(root().join("../shared"));
    dirs.push(root().join("../../shared"));
    dirs.iter()
        .map(|d| d.join("formats/tmx14.dtd"))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("formats/tmx14.dtd not found in {dirs:?}; set TOLK_SHARED"))
}

fn tool(name: &str) -> PathBuf {
    std::env::var_os("PATH")
        .and_then(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        })
        .unwrap_or_else(|| panic!("`{name}` is not installed; run scripts/install-deps"))
}

/// Validate `path` against the TMX 1.4 DTD with xmllint.
fn assert_valid_tmx(path: &Path) {
    let out = Command::new(tool("xmllint"))
        .args(["--noout", "--dtdvalid"])
        .arg(dtd())
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} is not valid TMX 1.4: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Run `tolk` with `args`; returns (stdout, stderr), asserting success.
fn tolk(args: &[&std::ffi::OsStr]) -> (String, String) {
    let out = cmd().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "tolk {args:?}: {err}");
    (String::from_utf8(out.stdout).unwrap(), err)
}

fn os(s: &str) -> &std::ffi::OsStr {
    s.as_ref()
}

/// The review page for `src` ↔ `tgt`, with `tolk align --check`.
fn page(src: &Path, tgt: &Path, out: &Path) {
    tolk(&[
        os("align"),
        src.as_os_str(),
        tgt.as_os_str(),
        os("--format"),
        os("html"),
        os("--check"),
        os("-o"),
        out.as_os_str(),
    ]);
}

/// The python of the selenium venv (made by scripts/browser-env, once per
/// test run: two tests must not build the venv at the same time).
fn browser_python() -> String {
    static PYTHON: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    tool("chromium");
    tool("chromedriver");
    PYTHON
        .get_or_init(|| {
            let out = Command::new(root().join("scripts/browser-env"))
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "scripts/browser-env failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout).unwrap().trim().to_string()
        })
        .clone()
}

fn drive(args: &[&std::ffi::OsStr], env: &[(&str, &str)]) -> String {
    let out = Command::new(browser_python())
        .arg(root().join("scripts/review-browser.py"))
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "review-browser.py {args:?}: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn review_editor_in_chromium_keeps_work_and_exports_csv_and_tmx() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("review.html");
    let other = dir.path().join("other.html");
    page(
        &corpus("utsyn-2026.nb.md"),
        &corpus("utsyn-2026.en.md"),
        &html,
    );
    page(
        &corpus("utsyn-2026.nn.md"),
        &corpus("utsyn-2026.en.md"),
        &other,
    );
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    drive(
        &[
            os("edit"),
            html.as_os_str(),
            other.as_os_str(),
            out.as_os_str(),
        ],
        &[],
    );
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("result.json")).unwrap()).unwrap();
    let n = r["pairs_before"].as_u64().unwrap();
    assert_eq!(r["progress_before"], format!("0 of {n} reviewed"));
    // accepting moved the focus on to the next pair
    assert_eq!(r["after_accept_current"], 1);
    assert_eq!(r["merged_label"], "10+11");
    // split (2-3 → 1-1 and 1-2), unlink (2-3 → 2-0 and 0-3), each undone
    assert_eq!(r["after_split"], n);
    assert_eq!(r["after_split_undo"], n - 1);
    assert_eq!(r["after_unlink"], n);
    assert_eq!(r["unlinked_kinds"], serde_json::json!(["2-0", "0-3"]));
    assert_eq!(r["merged_label_after_undo"], "10+11");
    assert_eq!(r["focus_visible"], "solid");
    // reloaded: the merge, the verdict and the edit are all still there
    assert_eq!(r["pairs_after_reload"], n - 1);
    assert_eq!(
        r["progress_after_reload"],
        format!("1 of {} reviewed", n - 1)
    );
    assert!(r["message_after_reload"]
        .as_str()
        .unwrap()
        .starts_with("Restored your work"));
    assert_eq!(r["edited_text_after_reload"], true);
    // the page made from other documents does not apply the saved work
    let msg = r["other_message"].as_str().unwrap();
    assert!(msg.contains("belongs to other documents"), "{msg}");
    assert!(msg.contains("not applied"), "{msg}");
    assert!(r["other_progress"].as_str().unwrap().starts_with("0 of "));

    // The exported CSV: what the reviewer did, readable by tolk convert.
    let csv_path = PathBuf::from(r["csv"].as_str().unwrap());
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "\u{FEFF}pair,src_ids,tgt_ids,type,confidence,src_text,tgt_text,moved,status,note"
    );
    assert_eq!(lines.len() as u64, n); // header + n - 1 pairs
    assert!(lines[1].ends_with(",ok,"), "{}", lines[1]);
    assert!(lines[4].contains("This document is fiction, edited in the browser."));
    assert!(
        lines[11].starts_with("10,10+11,10+11+12,2-3,,"),
        "{}",
        lines[11]
    );
    let converted = dir.path().join("converted.tmx");
    let (_, err) = tolk(&[
        os("convert"),
        csv_path.as_os_str(),
        os("--to"),
        os("tmx"),
        os("-o"),
        converted.as_os_str(),
    ]);
    assert!(err.contains("same text left out"), "{err}");
    assert_valid_tmx(&converted);
    let tmx_path = PathBuf::from(r["tmx"].as_str().unwrap());
    assert_valid_tmx(&tmx_path);
    // the page's own TMX is the one tolk convert makes of its CSV
    assert_eq!(
        std::fs::read_to_string(&tmx_path).unwrap(),
        std::fs::read_to_string(&converted).unwrap()
    );
}

/// The sample with two errors planted in its English edition (a wrong
/// number, a sentence left in Norwegian); its third error is its own: an
/// English-only sentence that the aligner pairs one sentence off.
fn planted(dir: &Path) -> PathBuf {
    let en = std::fs::read_to_string(corpus("utsyn-2026.en.md")).unwrap();
    let planted = en
        .replacen("registered 1,250 flights", "registered 1,520 flights", 1)
        .replacen(
            "\nA threat assessment is not a prediction.",
            "\nEn trusselvurdering er ikke en spådom.",
            1,
        );
    assert!(planted.contains("1,520") && planted.contains("spådom"));
    let path = dir.join("utsyn-2026.planted.en.md");
    std::fs::write(&path, planted).unwrap();
    path
}

#[test]
fn scripted_review_of_the_planted_sample_gives_the_expected_tmx() {
    let dir = tempfile::tempdir().unwrap();
    let en = planted(dir.path());
    let html = dir.path().join("review.html");
    page(&corpus("utsyn-2026.nb.md"), &en, &html);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let fixes = serde_json::json!({
        "edit": [
            ["registered 1,520 flights", "We registered 1,250 flights by Russian military aircraft close to Norwegian airspace, an increase of 12.5 per cent on the year before."],
            ["En trusselvurdering er ikke en spådom.", "A threat assessment is not a prediction."],
        ],
        "move_source_up": ["Rådene er oversatt til engelsk"],
    });
    let report = drive(
        &[os("scripted"), html.as_os_str(), out.as_os_str()],
        &[("TOLK_REVIEW_FIXES", &fixes.to_string())],
    );
    let r: serde_json::Value = serde_json::from_str(&report).unwrap();
    let tmx_path = PathBuf::from(r["tmx"].as_str().unwrap());
    assert_valid_tmx(&tmx_path);
    let tmx = std::fs::read_to_string(&tmx_path).unwrap();
    // the three fixes, checked on their own
    assert!(!tmx.contains("1,520"));
    assert!(!tmx.contains("<tuv xml:lang=\"en-GB\"><seg>En trusselvurdering"));
    assert!(tmx.contains("<seg>A threat assessment is not a prediction.</seg>"));
    assert!(tmx.contains("<seg>We registered 1,250 flights"));
    assert!(tmx.contains(
        "<seg>Rådene er oversatt til engelsk og er gratis tilgjengelige.</seg></tuv>\n      \
         <tuv xml:lang=\"en-GB\"><seg>The advice has been translated into English and is freely available.</seg>"
    ));
    assert!(!tmx.contains("<seg>Printed copies can be ordered"));
    let expected =
        std::fs::read_to_string(root().join("tests/fixtures/review/utsyn-2026.reviewed.tmx"))
            .unwrap()
            .replace(
                "creationtoolversion=\"VERSION\"",
                &format!("creationtoolversion=\"{}\"", env!("CARGO_PKG_VERSION")),
            );
    assert_eq!(
        tmx, expected,
        "the reviewed TMX differs from tests/fixtures/review/utsyn-2026.reviewed.tmx"
    );
    // and tolk convert makes the same TMX of the exported CSV
    let converted = dir.path().join("converted.tmx");
    tolk(&[
        os("convert"),
        os(r["csv"].as_str().unwrap()),
        os("--to"),
        os("tmx"),
        os("-o"),
        converted.as_os_str(),
    ]);
    assert_eq!(std::fs::read_to_string(&converted).unwrap(), tmx);
}

/// Pairs whose two sides are the same text are left out of TMX and XLIFF
/// by default and the note says so; `--include-identical` keeps them.
#[test]
fn identical_pairs_stay_out_of_the_translation_memory() {
    let dir = tempfile::tempdir().unwrap();
    let en = planted(dir.path());
    let nb = corpus("utsyn-2026.nb.md");
    for format in ["tmx", "xliff"] {
        let (out, err) = tolk(&[
            os("align"),
            nb.as_os_str(),
            en.as_os_str(),
            os("--format"),
            os(format),
        ]);
        assert!(
            !out.contains(">En trusselvurdering er ikke en spådom.<"),
            "{format}"
        );
        assert!(!out.contains(">3 Iran<"), "{format}");
        assert!(
            err.contains("4 pair(s) whose two sides are the same text left out")
                && err.contains("pass --include-identical to keep them"),
            "{err}"
        );
        let (kept, err) = tolk(&[
            os("align"),
            nb.as_os_str(),
            en.as_os_str(),
            os("--format"),
            os(format),
            os("--include-identical"),
        ]);
        assert!(
            kept.contains(">En trusselvurdering er ikke en spådom.<"),
            "{format}"
        );
        assert!(!err.contains("same text"), "{err}");
    }
}

#[test]
fn only_1_1_leaves_out_every_other_bead() {
    let (out, err) = tolk(&[
        os("align"),
        corpus("utsyn-2026.nb.md").as_os_str(),
        corpus("utsyn-2026.en.md").as_os_str(),
        os("--format"),
        os("tmx"),
        os("--only-1-1"),
    ]);
    let types: Vec<&str> = out
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<prop type=\"x-type\">"))
        .collect();
    assert!(types.len() > 150);
    assert!(types.iter().all(|t| *t == "1-1</prop>"), "{types:?}");
    assert!(
        err.contains("pair(s) that are not 1-1 left out of the TMX (--only-1-1)"),
        "{err}"
    );
}

/// With `--check`, TMX leaves out pairs with an error-level finding
/// (`--include-flagged` keeps them, marked); XLIFF keeps them marked
/// needs-review-translation. Both stay valid and readable by
/// translate-toolkit.
#[test]
fn check_findings_in_tmx_and_xliff() {
    let dir = tempfile::tempdir().unwrap();
    let en = planted(dir.path());
    let nb = corpus("utsyn-2026.nb.md");
    let tmx = dir.path().join("flagged.tmx");
    let (_, err) = tolk(&[
        os("align"),
        nb.as_os_str(),
        en.as_os_str(),
        os("--check"),
        os("-o"),
        tmx.as_os_str(),
        os("--format"),
        os("tmx"),
    ]);
    let text = std::fs::read_to_string(&tmx).unwrap();
    assert!(
        !text.contains("1,520"),
        "the wrong number stayed in the TMX"
    );
    assert!(
        err.contains("1 pair(s) with an error-level check finding left out of the TMX"),
        "{err}"
    );
    assert!(
        !text.contains(">info "),
        "info-level findings are not marked"
    );
    assert_valid_tmx(&tmx);
    let (text, _) = tolk(&[
        os("align"),
        nb.as_os_str(),
        en.as_os_str(),
        os("--check"),
        os("--include-flagged"),
        os("--format"),
        os("tmx"),
    ]);
    let tu = text
        .split("<tu ")
        .find(|tu| tu.contains("1,520"))
        .expect("--include-flagged keeps the pair");
    assert!(
        tu.contains("<prop type=\"x-tolk-finding\">error number_mismatch: "),
        "{tu}"
    );

    let xlf = dir.path().join("flagged.xlf");
    tolk(&[
        os("align"),
        nb.as_os_str(),
        en.as_os_str(),
        os("--check"),
        os("--format"),
        os("xliff"),
        os("-o"),
        xlf.as_os_str(),
    ]);
    let text = std::fs::read_to_string(&xlf).unwrap();
    let unit = text
        .split("<trans-unit ")
        .find(|u| u.contains("1,520"))
        .unwrap();
    // confidence ≥ 0.9 alone would have made it `translated`
    assert!(
        unit.contains("<target state=\"needs-review-translation\">"),
        "{unit}"
    );
    assert!(unit.contains("<note from=\"tolk-check\" priority=\"1\">error number_mismatch"));
    // translate-toolkit reads both files, and sees the review state
    let python = {
        let po2tmx = std::fs::read_to_string(tool("po2tmx")).unwrap();
        let first = po2tmx
            .lines()
            .next()
            .unwrap_or("")
            .trim_start_matches("#!")
            .trim()
            .to_string();
        first
            .strip_prefix("/usr/bin/env ")
            .unwrap_or(&first)
            .to_string()
    };
    let tmx_path = dir.path().join("flagged.tmx");
    let out = Command::new(python)
        .args([
            "-c",
            "import sys\nfrom translate.storage import tmx, xliff\n\
             t = tmx.tmxfile.parsefile(sys.argv[1]); x = xliff.xlifffile.parsefile(sys.argv[2])\n\
             us = [u for u in x.units if not u.isheader()]\n\
             flagged = [u for u in us if '1,520' in u.target]\n\
             print(len([u for u in t.units if not u.isheader()]), len(us), flagged[0].isfuzzy() or not flagged[0].isapproved())",
        ])
        .arg(&tmx_path)
        .arg(&xlf)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8(out.stdout).unwrap();
    let v: Vec<&str> = said.split_whitespace().collect();
    assert!(
        v[0].parse::<usize>().unwrap() > 150 && v[1].parse::<usize>().unwrap() > 150,
        "{said}"
    );
    assert_eq!(v[2], "True");
}

/// Texts holding `</script>` or `<!--` cannot break out of the page's data.
#[test]
fn page_data_is_escaped_for_the_script_element() {
    let dir = tempfile::tempdir().unwrap();
    let nb = dir.path().join("a.nb.txt");
    let en = dir.path().join("a.en.txt");
    std::fs::write(
        &nb,
        "Teksten </script><script>alert(1)</script> er farlig.\n\nEn <!-- kommentar --> her.\n",
    )
    .unwrap();
    std::fs::write(
        &en,
        "The text </script><script>alert(1)</script> is dangerous.\n\nA <!-- comment --> here.\n",
    )
    .unwrap();
    let (html, _) = tolk(&[
        os("align"),
        nb.as_os_str(),
        en.as_os_str(),
        os("--format"),
        os("html"),
    ]);
    assert_eq!(
        html.matches("<script").count(),
        4,
        "only the page's own script elements"
    );
    assert!(!html.contains("<!--"));
    assert!(html.contains("\\u003c/script\\u003e"));
    for needle in ["src=\"http", "href=\"http", "<link", "@import", "url(http"] {
        assert!(!html.contains(needle), "external asset: {needle}");
    }
}

#[test]
fn include_flagged_needs_check() {
    let out = cmd()
        .args(["align", "a", "b", "--include-flagged"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--check"));
}

/// `tolk check --format html --review-page review.html` links every pair
/// of a finding into the review page, which opens on that pair.
#[test]
fn check_report_links_pairs_to_the_review_page() {
    let dir = tempfile::tempdir().unwrap();
    let en = planted(dir.path());
    let out = cmd()
        .args(["check", "--format", "html", "--review-page", "review.html"])
        .arg(corpus("utsyn-2026.nb.md"))
        .arg(&en)
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("<td class=\"num\"><a href=\"review.html#p42\">42</a></td>"));
    // a passage over two pairs: both linked
    assert!(
        html.contains("<a href=\"review.html#p187\">187</a>–<a href=\"review.html#p188\">188</a>")
    );
    assert!(!html.contains("<script"));
}
