//! Invariants of structure parsing and sentence segmentation, on generated
//! report-like text and on arbitrary strings.

use proptest::prelude::*;
use tolk::lang::Lang;
use tolk::read::{BlockKind, Document};
use tolk::segment::segment;

/// Tokens that exercise the rules: abbreviations, ordinals, numbers, quotes,
/// ellipses, list markers, Markdown markup, URLs, line ends.
const TOKENS: &[&str] = &[
    "Det",
    "regner",
    "i",
    "Oslo",
    "bl.a.",
    "f.eks.",
    "dvs.",
    "ca.",
    "kl.",
    "10.00",
    "nr.",
    "3",
    "17.",
    "mai",
    "2024.",
    "osv.",
    "m.m.",
    "U.S.",
    "Dr.",
    "e.g.",
    "etc.",
    "K.",
    "I.",
    "«Hva",
    "nå?»",
    "og",
    "“Stop!”",
    "...",
    ". . .",
    "…",
    "[...]",
    "12,5",
    "1 250",
    "3.2",
    "www.regjeringen.no",
    "jane.doe@example.com",
    "§",
    "3-1",
    "kap.",
    "(NFD).",
    "etterretnings-",
    "tjenesten",
    "NATO-",
    "land",
    "Hello",
    "world.Today",
    "1)",
    "2)",
    "a.",
    "b.",
    "•",
    "-",
    "–",
    "#",
    "##",
    "[^1]:",
    "¹",
    "Figur",
    "1.1",
    "Side",
    "12",
    "The",
    "report.",
    "said.",
    "?!",
    "æøå",
    "ÆØÅ",
    "\u{301}",
    "\"",
    "'",
    "(",
    ")",
    ":",
    ";",
    ",",
    "\t",
];

const SEPARATORS: &[&str] = &[
    " ", " ", " ", " ", "\n", "\n\n", "\r\n", "\r", "  ", "\n   ",
];

fn document() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec(
            (
                prop::sample::select(TOKENS),
                prop::sample::select(SEPARATORS),
            ),
            0..60,
        ),
    )
        .prop_map(|(bom, parts)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            for (tok, sep) in parts {
                s.push_str(tok);
                s.push_str(sep);
            }
            s
        })
}

fn langs() -> impl Strategy<Value = Lang> {
    prop::sample::select(vec![Lang::Nb, Lang::Nn, Lang::En, Lang::Da, Lang::Other])
}

/// A list marker or footnote label as a reader sees one, independent of
/// the segmenter's code: empty, one bullet, an enumerator ("1)", "(iv)",
/// "a.", "2.)"), superscript digits, up to three digits, or "*"/"†"/"‡".
fn is_marker_shape(m: &str) -> bool {
    let bullets = "-*+–—•◦▪▫‣⁃●○■□►▶➢✓·\u{f0b7}";
    let mut chars = m.chars();
    if m.is_empty() || (chars.next().is_some_and(|c| bullets.contains(c)) && chars.next().is_none())
    {
        return true;
    }
    let core = m.trim_start_matches('(');
    let core = core.trim_end_matches([')', '.']);
    let enumerator = !core.is_empty()
        && core.len() <= 4
        && m.len() > core.len()
        && (core.bytes().all(|b| b.is_ascii_digit())
            || core.len() == 1 && core.bytes().all(|b| b.is_ascii_alphabetic())
            || core.bytes().all(|b| matches!(b, b'i' | b'v' | b'x')));
    enumerator
        || m.chars().all(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c))
        || (m.len() <= 3 && m.bytes().all(|b| b.is_ascii_digit()))
        || m.chars().all(|c| "*†‡".contains(c))
}

/// Check every invariant for `text`.
fn check(text: &str, lang: Lang) -> Result<(), TestCaseError> {
    let doc = Document::from_text("t.md", text);
    let segs = segment(&doc, lang);
    let mut covered = vec![0u8; text.len()];
    let mut prev_end = 0;
    for s in &segs {
        let r = s.bytes.clone();
        prop_assert!(r.start < r.end, "empty segment {:?}", s);
        prop_assert!(r.end <= text.len());
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        prop_assert!(r.start >= prev_end, "segments out of order or overlapping");
        prev_end = r.end;
        let slice = &text[r.clone()];
        prop_assert_eq!(slice, slice.trim(), "segment bytes are not trimmed");
        // no segment crosses its block
        let block = doc.blocks[s.para].range();
        prop_assert!(block.start <= r.start && r.end <= block.end);
        prop_assert_eq!(doc.blocks[s.para].kind, s.kind);
        // the display text is the original bytes with line ends joined and
        // soft hyphens dropped: equal once white space and hyphens are removed
        let strip = |x: &str| -> String {
            x.chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .collect()
        };
        prop_assert_eq!(strip(slice), strip(&s.text));
        prop_assert!(!s.text.trim().is_empty());
        for b in &mut covered[r] {
            *b += 1;
        }
    }
    // every non-space byte inside a block line (i.e. outside Markdown markup
    // such as `#`, `[^1]:`, setext underlines, and the BOM) and outside a
    // list or footnote marker is in exactly one segment; no other byte is
    let mut in_line = vec![false; text.len()];
    for block in &doc.blocks {
        for line in &block.lines {
            for b in &mut in_line[line.clone()] {
                *b = true;
            }
        }
    }
    for (para, block) in doc.blocks.iter().enumerate() {
        if !matches!(block.kind, BlockKind::ListItem | BlockKind::Footnote) {
            continue;
        }
        let first = block.lines[0].clone();
        let Some(seg) = segs.iter().find(|s| s.para == para) else {
            continue;
        };
        let prefix = &text[first.start..seg.bytes.start.max(first.start)];
        prop_assert!(
            is_marker_shape(prefix.trim()),
            "{:?} left out of a {:?} is no marker",
            prefix,
            block.kind
        );
        let line = &text[first.clone()];
        let mut chars = line.chars();
        if let (Some(c), Some(' ')) = (chars.next(), chars.next()) {
            let rest = chars.as_str();
            if "•–-*".contains(c) && rest.starts_with(char::is_alphanumeric) {
                prop_assert!(!prefix.is_empty(), "bullet {:?} inside the segment", c);
            }
        }
        for b in &mut in_line[first.start..first.start + prefix.len()] {
            *b = false;
        }
    }
    // a marker of an item run together with the one before ("a) … b) …")
    for s in &segs {
        if let Some(m) = s.marker.clone() {
            prop_assert!(m.end <= s.bytes.start, "marker {:?} after its segment", m);
            let shown = &text[m.clone()];
            let extracted = s.kind == BlockKind::Footnote;
            prop_assert!(
                is_marker_shape(shown) || extracted,
                "marker {:?} of {:?}",
                shown,
                s
            );
            for b in &mut in_line[m] {
                *b = false;
            }
        }
    }
    for (i, ch) in text.char_indices() {
        if ch.is_whitespace() || ch == '\u{feff}' {
            continue;
        }
        if in_line[i] {
            prop_assert_eq!(
                covered[i],
                1,
                "byte {} ({:?}) covered {} times",
                i,
                ch,
                covered[i]
            );
        } else {
            prop_assert_eq!(covered[i], 0, "markup byte {} ({:?}) in a segment", i, ch);
        }
    }
    Ok(())
}

proptest! {
    // 512 cases by default; PROPTEST_CASES raises it for a longer run
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512)
    ))]

    #[test]
    fn invariants_on_report_like_text(text in document(), lang in langs()) {
        check(&text, lang)?;
    }

    #[test]
    fn invariants_on_arbitrary_text(text in "\\PC{0,200}", lang in langs()) {
        check(&text, lang)?;
    }

    #[test]
    fn invariants_on_arbitrary_text_with_line_ends(text in "[a-zA-Z0-9 .!?\\n\\r#*•\\-–)(\\[\\]^:¹«»]{0,120}", lang in langs()) {
        check(&text, lang)?;
    }
}

#[test]
fn markup_is_outside_segments() {
    let text = "# Tittel\n\n[^1]: Fotnote her.\n\n• Punkt en.\n";
    let doc = Document::from_text("t.md", text);
    let segs = segment(&doc, Lang::Nb);
    let texts: Vec<&str> = segs.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["Tittel", "Fotnote her.", "Punkt en."]);
    assert_eq!(&text[segs[2].bytes.clone()], "Punkt en.");
    assert_eq!(tolk::segment::marker(&doc, &segs[2]), Some("•"));
    assert_eq!(&text[segs[0].bytes.clone()], "Tittel");
}

#[test]
fn wrapped_paragraph_and_soft_hyphen() {
    let text = "Etterretnings-\ntjenesten vurderer at NATO-\nland og Nærings-\nog fiskeridepartementet\nmå samarbeide. Neste setning.\n";
    let doc = Document::from_text("t.md", text);
    let segs = segment(&doc, Lang::Nb);
    assert_eq!(segs.len(), 2);
    assert_eq!(
        segs[0].text,
        "Etterretningstjenesten vurderer at NATO-land og Nærings- og fiskeridepartementet må samarbeide."
    );
    // the byte range still points at the original, line breaks included
    assert_eq!(segs[0].bytes.start, 0);
    assert_eq!(&text[segs[0].bytes.clone()][..15], "Etterretnings-\n");
    assert_eq!(&text[segs[1].bytes.clone()], "Neste setning.");
}

#[test]
fn bom_and_crlf_keep_file_offsets() {
    let text = "\u{feff}Første setning.\r\nAndre linje. Tredje.\r\n";
    let doc = Document::from_text("t.txt", text);
    let segs = segment(&doc, Lang::Nb);
    let texts: Vec<&str> = segs.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["Første setning.", "Andre linje.", "Tredje."]);
    assert_eq!(segs[0].bytes.start, 3);
    for s in &segs {
        assert!(!text[s.bytes.clone()].contains('\u{feff}'));
    }
}

#[test]
fn no_sentence_crosses_a_heading_or_list_item() {
    let text = "1 Innledning\nDette er teksten. Den fortsetter\n– i en liste. Som slutter\n";
    let doc = Document::from_text("t.md", text);
    let segs = segment(&doc, Lang::Nb);
    let texts: Vec<&str> = segs.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "1 Innledning",
            "Dette er teksten.",
            "Den fortsetter",
            "i en liste.",
            "Som slutter"
        ]
    );
}
