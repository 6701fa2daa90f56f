//! A self-contained HTML review page: one file, inline CSS and a few lines
//! of inline JavaScript, no external assets — it works offline and opens
//! from a USB stick.
//!
//! The two editions stand side by side, one table row per pair:
//!
//! - the confidence cell is coloured: red below 0.5, orange below 0.7,
//!   yellow below 0.9 ([`REVIEW_THRESHOLD`]), green from 0.9;
//! - pairs that are not 1-1 have their type highlighted, and a one-sided
//!   pair (1-0, 0-1) shows a hatched, empty cell on its missing side;
//! - headings (on either side) are section anchors (`#p12` = pair 12), and a
//!   side panel lists them as a table of contents;
//! - a drop-down filter shows only pairs below 0.9, 0.7 or 0.5, or only
//!   pairs that are not 1-1 (headings stay visible for orientation);
//!   `page.html?filter=lt90` (`lt70`, `lt50`, `odd`) opens it filtered.
//!
//! The page is written row by row; only the headings for the table of
//! contents are kept until the end. Filtering swaps one class on the table
//! (pure CSS), and row groups use `content-visibility: auto`, so pages with
//! tens of thousands of pairs open and filter quickly.

use std::io::{self, Write};

use super::{format_confidence, is_xml_char, Options, Row, Summary, REVIEW_THRESHOLD};

const STYLE: &str = r#"
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#fafafa}
header{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid #ddd;padding:8px 16px 8px 276px}
header h1{font-size:17px;margin:0 0 4px}
.bar{display:flex;gap:16px;align-items:center;flex-wrap:wrap;font-size:13px}
.key span{display:inline-block;padding:0 6px;border-radius:3px;margin-right:4px}
nav{position:fixed;top:0;left:0;bottom:0;width:260px;overflow:auto;background:#f0f2f5;border-right:1px solid #ddd;padding:10px 12px;font-size:13px;z-index:3}
nav h2{font-size:14px;margin:4px 0 8px}
nav ol{margin:0;padding-left:18px}
nav li{margin:2px 0}
nav a{color:#1a4f8b;text-decoration:none}
main{margin-left:260px;padding:0 16px 40px}
table{width:100%;border-collapse:collapse;table-layout:fixed;background:#fff}
th{position:sticky;top:62px;background:#eef1f4;text-align:left;font-weight:600;padding:4px 6px;border-bottom:1px solid #ccc;z-index:1}
td{vertical-align:top;padding:4px 6px;border-bottom:1px solid #eee;white-space:pre-wrap;overflow-wrap:anywhere}
col.n{width:56px}col.c{width:62px}col.k{width:44px}
td.n a{color:#888;text-decoration:none;font-size:12px}
td.c,td.k{font-variant-numeric:tabular-nums;text-align:center;font-size:12px}
tbody{content-visibility:auto;contain-intrinsic-size:auto 12000px}
tr.q0 td.c,.key .q0{background:#f8c4c4}
tr.q1 td.c,.key .q1{background:#fbd9a8}
tr.q2 td.c,.key .q2{background:#fbf0a6}
tr.q3 td.c,.key .q3{background:#cdeccf}
tr.m td.k,.key .m{background:#d9c9f2;font-weight:600}
tr.o td.e,.key .o{background:repeating-linear-gradient(45deg,#f3f3f3,#f3f3f3 6px,#e4e4e4 6px,#e4e4e4 12px)}
tr.o td.k{background:#e4e4e4;font-weight:600}
tr.h td.t{font-weight:700;font-size:15px;background:#f4f7fb}
#t.lt90 tbody tr.q3:not(.h),#t.lt70 tbody tr.q3:not(.h),#t.lt70 tbody tr.q2:not(.h),#t.lt50 tbody tr:not(.q0):not(.qn):not(.h),#t.odd tbody tr.r11:not(.h){display:none}
footer{margin:16px 0;color:#555;font-size:13px}
"#;

const SCRIPT: &str = r#"
(function(){var t=document.getElementById('t'),f=document.getElementById('f');
var m=/[?&]filter=(\w+)/.exec(location.search);if(m)f.value=m[1];
function go(){t.className=f.value;}f.addEventListener('change',go);go();
document.getElementById('n').textContent=document.getElementById('stats').textContent;})();
"#;

/// Append `text` escaped for HTML; characters XML/HTML cannot hold become
/// U+FFFD (counted in `replaced`).
fn esc(text: &str, replaced: &mut usize, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if !is_xml_char(c) => {
                *replaced += 1;
                out.push('\u{FFFD}');
            }
            c => out.push(c),
        }
    }
}

/// The confidence bucket class: `q0` < 0.5 ≤ `q1` < 0.7 ≤ `q2` < 0.9 ≤ `q3`;
/// `qn` when unknown.
pub fn bucket(confidence: Option<f64>) -> &'static str {
    match confidence {
        None => "qn",
        Some(c) if c < 0.5 => "q0",
        Some(c) if c < 0.7 => "q1",
        Some(c) if c < REVIEW_THRESHOLD => "q2",
        Some(_) => "q3",
    }
}

/// Rows per `<tbody>` group (each group is skipped by the browser's layout
/// while off screen).
const GROUP: usize = 200;

/// Write `rows` as a review page.
pub fn write(
    opts: &Options,
    rows: impl Iterator<Item = Row>,
    w: &mut dyn Write,
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut buf = String::new();
    let mut title = String::from("tolk review");
    let names: Vec<&str> = [opts.src_name.as_str(), opts.tgt_name.as_str()]
        .into_iter()
        .filter(|n| !n.is_empty())
        .collect();
    if !names.is_empty() {
        title.push_str(": ");
        esc(&names.join(" ↔ "), &mut summary.replaced_chars, &mut title);
    }
    let mut src_lang = String::new();
    esc(&opts.src_locale, &mut summary.replaced_chars, &mut src_lang);
    let mut tgt_lang = String::new();
    esc(&opts.tgt_locale, &mut summary.replaced_chars, &mut tgt_lang);
    write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"tolk {}\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <header>\n<h1>{title}</h1>\n<div class=\"bar\">\n\
         <label>Show <select id=\"f\">\
         <option value=\"\">all pairs</option>\
         <option value=\"lt90\">confidence below 0.9</option>\
         <option value=\"lt70\">confidence below 0.7</option>\
         <option value=\"lt50\">confidence below 0.5</option>\
         <option value=\"odd\">pairs that are not 1-1</option>\
         </select></label>\n<span id=\"n\"></span>\n\
         <span class=\"key\"><span class=\"q0\">&lt; 0.5</span><span class=\"q1\">&lt; 0.7</span>\
         <span class=\"q2\">&lt; 0.9</span><span class=\"q3\">≥ 0.9</span>\
         <span class=\"m\">not 1-1</span><span class=\"o\">one-sided</span></span>\n\
         </div>\n</header>\n<main>\n<table id=\"t\">\n\
         <colgroup><col class=\"n\"><col class=\"c\"><col class=\"k\"><col><col></colgroup>\n\
         <thead><tr><th>pair</th><th>conf.</th><th>type</th><th lang=\"{src_lang}\">{src_lang}</th>\
         <th lang=\"{tgt_lang}\">{tgt_lang}</th></tr></thead>\n<tbody>\n",
        env!("CARGO_PKG_VERSION")
    )?;
    let mut toc = String::new();
    let (mut multi, mut one_sided, mut low) = (0usize, 0usize, 0usize);
    for row in rows {
        if summary.written > 0 && summary.written % GROUP == 0 {
            w.write_all(b"</tbody>\n<tbody>\n")?;
        }
        buf.clear();
        let q = bucket(row.confidence);
        let is_11 = row.src.len() == 1 && row.tgt.len() == 1;
        let one = row.is_one_sided();
        let heading = row.is_heading();
        if q != "q3" {
            low += 1;
        }
        buf.push_str(&format!("<tr id=\"p{}\" class=\"{q}", row.pair));
        if is_11 {
            buf.push_str(" r11");
        } else if one {
            one_sided += 1;
            buf.push_str(" o");
        } else {
            multi += 1;
            buf.push_str(" m");
        }
        if heading {
            buf.push_str(" h");
        }
        buf.push_str(&format!(
            "\"><td class=\"n\"><a href=\"#p{0}\">{0}</a></td><td class=\"c\">{1}</td><td class=\"k\">{2}</td>",
            row.pair,
            format_confidence(row.confidence),
            row.kind()
        ));
        for (lang, text) in [(&src_lang, &row.src_text), (&tgt_lang, &row.tgt_text)] {
            let class = if text.is_empty() { "e" } else { "t" };
            buf.push_str(&format!("<td class=\"{class}\" lang=\"{lang}\">"));
            esc(text, &mut summary.replaced_chars, &mut buf);
            buf.push_str("</td>");
        }
        buf.push_str("</tr>\n");
        if heading {
            let label = if row.src_text.is_empty() {
                &row.tgt_text
            } else {
                &row.src_text
            };
            let short: String = label.chars().take(80).collect();
            toc.push_str(&format!("<li><a href=\"#p{}\">", row.pair));
            esc(&short, &mut summary.replaced_chars, &mut toc);
            toc.push_str("</a></li>\n");
        }
        w.write_all(buf.as_bytes())?;
        summary.written += 1;
    }
    let n = summary.written;
    let toc_html = if toc.is_empty() {
        "<p>(no headings)</p>\n".to_string()
    } else {
        format!("<ol>\n{toc}</ol>\n")
    };
    write!(
        w,
        "</tbody>\n</table>\n<footer id=\"stats\">{n} pairs: {} 1-1, {multi} other, {one_sided} one-sided; {low} below {REVIEW_THRESHOLD}.</footer>\n</main>\n\
         <nav><h2>Sections</h2>\n{toc_html}</nav>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        n - multi - one_sided
    )?;
    Ok(summary)
}
