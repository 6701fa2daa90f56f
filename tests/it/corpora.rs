//! Consistency checks for the bundled sample corpus in `corpora/`.
//!
//! The gold sentence files and the gold alignment are hand-made; these tests make sure they
//! cannot silently drift from the Markdown sources: every gold segment must appear, in order and
//! with nothing left over, in its source once both are whitespace-normalised (Markdown markers
//! removed, soft line-end hyphens joined), and the beads must cover both sentence files exactly
//! once, monotonically. Only `std` is used.

use std::fs;
use std::path::{Path, PathBuf};

fn corpora_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora")
}

fn read(name: &str) -> String {
    let path = corpora_dir().join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// One parsed bead: source line indices and target line indices.
#[derive(Debug, PartialEq)]
struct Bead {
    src: Vec<usize>,
    tgt: Vec<usize>,
}

fn parse_side(s: &str) -> Result<Vec<usize>, String> {
    let inner = s
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .ok_or_else(|| format!("side {s:?} is not in brackets"))?;
    if inner.trim().is_empty() {
        return Ok(Vec::new());
    }
    inner
        .split(',')
        .map(|n| {
            n.trim()
                .parse::<usize>()
                .map_err(|e| format!("bad index {n:?}: {e}"))
        })
        .collect()
}

fn parse_beads(text: &str) -> Result<Vec<Bead>, String> {
    let mut beads = Vec::new();
    for (no, line) in text.lines().enumerate() {
        let (l, r) = line
            .split_once("]:[")
            .ok_or_else(|| format!("line {}: no \"]:[\" in {line:?}", no + 1))?;
        let src = parse_side(&format!("{l}]")).map_err(|e| format!("line {}: {e}", no + 1))?;
        let tgt = parse_side(&format!("[{r}")).map_err(|e| format!("line {}: {e}", no + 1))?;
        beads.push(Bead { src, tgt });
    }
    Ok(beads)
}

/// Beads must be non-empty, in range, contiguous, monotone and cover every line exactly once.
fn check_beads(beads: &[Bead], n_src: usize, n_tgt: usize) -> Result<(), String> {
    let (mut next_s, mut next_t) = (0usize, 0usize);
    for (k, b) in beads.iter().enumerate() {
        if b.src.is_empty() && b.tgt.is_empty() {
            return Err(format!("bead {k} is empty on both sides"));
        }
        for &i in &b.src {
            if i >= n_src {
                return Err(format!(
                    "bead {k}: source index {i} out of range (< {n_src})"
                ));
            }
            if i != next_s {
                return Err(format!("bead {k}: source index {i}, expected {next_s}"));
            }
            next_s += 1;
        }
        for &j in &b.tgt {
            if j >= n_tgt {
                return Err(format!(
                    "bead {k}: target index {j} out of range (< {n_tgt})"
                ));
            }
            if j != next_t {
                return Err(format!("bead {k}: target index {j}, expected {next_t}"));
            }
            next_t += 1;
        }
    }
    if next_s != n_src || next_t != n_tgt {
        return Err(format!(
            "beads cover {next_s}/{n_src} source and {next_t}/{n_tgt} target lines"
        ));
    }
    Ok(())
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Remove a leading block marker: `#`-heading, list bullet, `1)` / `a)`, footnote definition.
fn strip_marker(line: &str) -> &str {
    let t = line.trim_start();
    let hashes = t.len() - t.trim_start_matches('#').len();
    if hashes > 0 {
        if let Some(rest) = t[hashes..].strip_prefix(' ') {
            return rest;
        }
    }
    for bullet in ["– ", "• ", "- ", "* "] {
        if let Some(rest) = t.strip_prefix(bullet) {
            return rest;
        }
    }
    if let Some(rest) = t.strip_prefix("[^") {
        if let Some((num, after)) = rest.split_once("]: ") {
            if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) {
                return after;
            }
        }
    }
    if let Some((lead, rest)) = t.split_once(") ") {
        let numbered = !lead.is_empty() && lead.bytes().all(|b| b.is_ascii_digit());
        let lettered = lead.len() == 1 && lead.bytes().all(|b| b.is_ascii_lowercase());
        if numbered || lettered {
            return rest;
        }
    }
    t
}

/// The source text as the segmenter should see it: markers gone, soft hyphens joined,
/// whitespace collapsed.
fn normalise_source(md: &str) -> String {
    let mut out = String::new();
    for line in md.lines() {
        let body = strip_marker(line).trim();
        if body.is_empty() {
            out.push(' ');
            continue;
        }
        let first_lower = body.chars().next().is_some_and(|c| c.is_lowercase());
        let soft = out.ends_with('-')
            && first_lower
            && out[..out.len() - 1]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphabetic());
        if soft {
            out.pop();
        } else {
            out.push(' ');
        }
        out.push_str(body);
    }
    collapse_ws(&out)
}

/// Gold segments, checked one by one against the normalised source, in order.
fn check_sentences(md: &str, gold: &str) -> Result<usize, String> {
    let source = normalise_source(md);
    let mut pos = 0usize;
    let mut count = 0usize;
    for (no, seg) in gold.lines().enumerate() {
        if seg.trim().is_empty() || seg != seg.trim() || seg != collapse_ws(seg) {
            return Err(format!(
                "gold line {}: empty or badly spaced: {seg:?}",
                no + 1
            ));
        }
        if strip_marker(seg) != seg {
            return Err(format!(
                "gold line {}: still has a block marker: {seg:?}",
                no + 1
            ));
        }
        let rest = &source[pos..];
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        if !rest.starts_with(seg) {
            let shown: String = rest.chars().take(80).collect();
            return Err(format!(
                "gold line {}: {seg:?}\n  does not continue the source, which has: {shown:?}",
                no + 1
            ));
        }
        let after = &rest[seg.len()..];
        if !(after.is_empty() || after.starts_with(' ')) {
            return Err(format!("gold line {}: {seg:?} ends inside a word", no + 1));
        }
        pos = source.len() - rest.len() + seg.len();
        count += 1;
    }
    if pos != source.len() {
        let shown: String = source[pos..].chars().take(80).collect();
        return Err(format!("source text not covered by gold: {shown:?}"));
    }
    Ok(count)
}

/// House format of the corpus sources: UTF-8 (checked by reading), LF only, no tabs,
/// lines of at most 90 characters.
fn check_format(name: &str, text: &str) {
    assert!(!text.contains('\r'), "{name}: contains CR line ends");
    assert!(!text.contains('\t'), "{name}: contains tabs");
    assert!(text.ends_with('\n'), "{name}: no final newline");
    for (no, line) in text.lines().enumerate() {
        let n = line.chars().count();
        assert!(n <= 90, "{name}:{}: {n} characters (> 90)", no + 1);
    }
}

#[test]
fn gold_sentences_match_sources() {
    for lang in ["nb", "en"] {
        let md_name = format!("utsyn-2026.{lang}.md");
        let md = read(&md_name);
        check_format(&md_name, &md);
        let gold = read(&format!("utsyn-2026.{lang}.sentences.txt"));
        if let Err(e) = check_sentences(&md, &gold) {
            panic!("utsyn-2026.{lang}: {e}");
        }
    }
}

#[test]
fn gold_beads_cover_both_editions() {
    let n_nb = read("utsyn-2026.nb.sentences.txt").lines().count();
    let n_en = read("utsyn-2026.en.sentences.txt").lines().count();
    let beads = parse_beads(&read("utsyn-2026.gold.beads")).unwrap_or_else(|e| panic!("{e}"));
    if let Err(e) = check_beads(&beads, n_nb, n_en) {
        panic!("utsyn-2026.gold.beads: {e}");
    }
    // The pair is meant to be non-trivial to align.
    let kind = |b: &Bead| (b.src.len(), b.tgt.len());
    for wanted in [(1, 1), (1, 2), (2, 1), (1, 0), (0, 1)] {
        assert!(
            beads.iter().any(|b| kind(b) == wanted),
            "no {}-{} bead in the gold alignment",
            wanted.0,
            wanted.1
        );
    }
}

#[test]
fn other_editions_are_well_formed() {
    for name in ["utsyn-2027.nb.md", "utsyn-2026.nn.md"] {
        let path = corpora_dir().join(name);
        if name.ends_with("nn.md") && !path.exists() {
            continue;
        }
        let text = read(name);
        check_format(name, &text);
        assert!(text.split_whitespace().count() > 500, "{name}: too short");
    }
}

#[test]
fn checker_rejects_broken_beads() {
    let ok = parse_beads("[0]:[0]\n[1, 2]:[1]\n[]:[2]\n[3]:[]\n").unwrap();
    assert_eq!(check_beads(&ok, 4, 3), Ok(()));
    let gap = parse_beads("[0]:[0]\n[2]:[1]\n").unwrap();
    assert!(check_beads(&gap, 3, 2).is_err());
    let back = parse_beads("[0, 1]:[0]\n[1]:[1]\n").unwrap();
    assert!(check_beads(&back, 2, 2).is_err());
    let short = parse_beads("[0]:[0]\n").unwrap();
    assert!(check_beads(&short, 2, 1).is_err());
    let out = parse_beads("[0]:[0, 1]\n").unwrap();
    assert!(check_beads(&out, 1, 1).is_err());
    let empty = parse_beads("[]:[]\n").unwrap();
    assert!(check_beads(&empty, 0, 0).is_err());
    assert!(parse_beads("[0]-[0]\n").is_err());
    assert!(parse_beads("[x]:[0]\n").is_err());
}

#[test]
fn checker_rejects_drifted_sentences() {
    let md = "# Tittel\n\nFørste setning. Andre etterretnings-\ntjeneste her.\n\n– Punkt\n\n[^1]: Note.\n";
    let good = "Tittel\nFørste setning.\nAndre etterretningstjeneste her.\nPunkt\nNote.\n";
    assert_eq!(check_sentences(md, good), Ok(5));
    // a changed word, a dropped segment, a kept marker, a kept soft hyphen, a split word
    for bad in [
        "Tittel\nFørste setning.\nAndre etterretningstjeneste h\ner.\nPunkt\nNote.\n",
        "Tittel\nFørste setninger.\nAndre etterretningstjeneste her.\nPunkt\nNote.\n",
        "Tittel\nFørste setning.\nPunkt\nNote.\n",
        "Tittel\nFørste setning.\nAndre etterretningstjeneste her.\nPunkt\n",
        "# Tittel\nFørste setning.\nAndre etterretningstjeneste her.\nPunkt\nNote.\n",
        "Tittel\nFørste setning.\nAndre etterretnings- tjeneste her.\nPunkt\nNote.\n",
    ] {
        assert!(check_sentences(md, bad).is_err(), "accepted {bad:?}");
    }
}
