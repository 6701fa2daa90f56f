//! Writers for a check [`Report`]: human summary, CSV, JSON Lines, Markdown
//! and a self-contained HTML page. Each writes to any `io::Write` and does
//! no I/O of its own.

use std::io::{self, Write};
use std::ops::Range;

use super::{range_json, Finding, Kind, Report, Severity};
use crate::text::escape::html as esc;

/// Output formats of `tolk check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// Human summary grouped by kind.
    Summary,
    /// CSV, one finding per row, in a spreadsheet's conventions or not.
    Csv(crate::output::csv::Sheet),
    /// JSON Lines, one finding per line.
    Jsonl,
    /// Markdown: a section per kind with a table.
    Md,
    /// One self-contained HTML page.
    Html,
}

/// Names of the two inputs, shown in headers.
#[derive(Debug, Clone, Default)]
pub struct Titles {
    /// Source file name.
    pub src: String,
    /// Target file name.
    pub tgt: String,
    /// The review page the HTML report links pairs to (`review.html` →
    /// `review.html#p12`), when there is one.
    pub review_page: Option<String>,
}

/// Write `report` in `format`.
pub fn write(
    format: ReportFormat,
    report: &Report,
    titles: &Titles,
    w: &mut dyn Write,
) -> io::Result<()> {
    match format {
        ReportFormat::Summary => summary(report, titles, w),
        ReportFormat::Csv(sheet) => csv(report, sheet, w),
        ReportFormat::Jsonl => jsonl(report, w),
        ReportFormat::Md => markdown(report, titles, w),
        ReportFormat::Html => html(report, titles, w),
    }
}

fn severity_counts(report: &Report) -> String {
    let c = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    format!(
        "{} error, {} warning, {} info",
        c(Severity::Error),
        c(Severity::Warning),
        c(Severity::Info)
    )
}

fn clip(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

/// The human summary: counts, then findings grouped by kind.
pub fn summary(report: &Report, titles: &Titles, w: &mut dyn Write) -> io::Result<()> {
    writeln!(
        w,
        "tolk check: {} ↔ {}: {} pairs, {} findings ({})",
        shown(&titles.src),
        shown(&titles.tgt),
        report.pairs,
        report.findings.len(),
        severity_counts(report)
    )?;
    for kind in Kind::ALL {
        let fs: Vec<&Finding> = report.findings.iter().filter(|f| f.kind == kind).collect();
        if fs.is_empty() {
            continue;
        }
        writeln!(w)?;
        writeln!(w, "{} ({})", kind, fs.len())?;
        for f in fs {
            match &f.doc {
                Some(doc) => writeln!(
                    w,
                    "  {:<7} {} pair {:>4}  {}",
                    f.severity,
                    shown(doc),
                    f.pair,
                    shown(&f.message)
                )?,
                None => writeln!(
                    w,
                    "  {:<7} pair {:>4}  {}",
                    f.severity,
                    f.pair,
                    shown(&f.message)
                )?,
            }
            if !f.src_text.is_empty() {
                writeln!(w, "           src: {}", shown(&clip(&f.src_text, 100)))?;
            }
            if !f.tgt_text.is_empty() {
                writeln!(w, "           tgt: {}", shown(&clip(&f.tgt_text, 100)))?;
            }
        }
    }
    Ok(())
}

fn range_cols(r: &Option<Range<usize>>) -> (String, String) {
    match r {
        Some(r) => (r.start.to_string(), r.end.to_string()),
        None => (String::new(), String::new()),
    }
}

/// CSV: kind, severity, pair, pairs, src_ids, tgt_ids, byte ranges, texts,
/// message, doc (empty for one pair of editions). `sheet`: `--excel` and
/// `--delimiter`.
pub fn csv(report: &Report, sheet: crate::output::csv::Sheet, w: &mut dyn Write) -> io::Result<()> {
    let mut cw = sheet.writer(w)?;
    // keeps a broken pipe recognisable (`tolk … | head` exits 0)
    let to_io = crate::error::csv_io;
    cw.write_record([
        "kind",
        "severity",
        "pair",
        "pairs",
        "src_ids",
        "tgt_ids",
        "src_start",
        "src_end",
        "tgt_start",
        "tgt_end",
        "src_text",
        "tgt_text",
        "message",
        "doc",
    ])
    .map_err(to_io)?;
    for f in &report.findings {
        let (ss, se) = range_cols(&f.src_bytes);
        let (ts, te) = range_cols(&f.tgt_bytes);
        cw.write_record([
            f.kind.as_str(),
            f.severity.as_str(),
            &f.pair.to_string(),
            &sheet.ids(&f.pairs),
            &sheet.ids(&f.src_ids),
            &sheet.ids(&f.tgt_ids),
            &ss,
            &se,
            &ts,
            &te,
            &sheet.text(&f.src_text),
            &sheet.text(&f.tgt_text),
            &sheet.text(&f.message),
            &sheet.text(f.doc.as_deref().unwrap_or("")),
        ])
        .map_err(to_io)?;
    }
    cw.flush()
}

/// One finding as a JSON object (keys: kind, severity, pair, pairs,
/// src_ids, tgt_ids, src_bytes, tgt_bytes, src_text, tgt_text, message, and
/// `doc` when the finding names its document).
pub fn finding_json(f: &Finding) -> serde_json::Value {
    let mut v = serde_json::json!({
        "kind": f.kind.as_str(),
        "severity": f.severity.as_str(),
        "pair": f.pair,
        "pairs": f.pairs,
        "src_ids": f.src_ids,
        "tgt_ids": f.tgt_ids,
        "src_bytes": range_json(&f.src_bytes),
        "tgt_bytes": range_json(&f.tgt_bytes),
        "src_text": f.src_text,
        "tgt_text": f.tgt_text,
        "message": f.message,
    });
    if let Some(doc) = &f.doc {
        v["doc"] = serde_json::Value::from(doc.as_str());
    }
    v
}

/// JSON Lines, one finding per line.
pub fn jsonl(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        writeln!(w, "{}", finding_json(f))?;
    }
    Ok(())
}

fn md_cell(s: &str) -> String {
    md_text(&s.replace('\\', "\\\\").replace(['\n', '\r'], " "))
}

/// Text for a Markdown table cell: `|` escaped, HTML (`<script>`, `&`)
/// written as entities so a Markdown renderer shows it instead of running
/// it, control characters as with [`shown`].
pub fn md_text(s: &str) -> String {
    shown(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
}

/// Text for a terminal: control characters (an escape sequence that would
/// recolour, retitle or clear the terminal, a NUL, a carriage return) and
/// the Unicode bidirectional overrides are written as `\u{1b}` and so on;
/// tabs stay. Anything else is returned unchanged.
pub fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    fn hidden(c: char) -> bool {
        (c.is_control() && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }
    if !s.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Markdown: a count table, then a section per kind.
pub fn markdown(report: &Report, titles: &Titles, w: &mut dyn Write) -> io::Result<()> {
    writeln!(
        w,
        "# tolk check: {} ↔ {}",
        md_cell(&titles.src),
        md_cell(&titles.tgt)
    )?;
    writeln!(w)?;
    writeln!(
        w,
        "{} pairs, {} findings ({}).",
        report.pairs,
        report.findings.len(),
        severity_counts(report)
    )?;
    writeln!(w)?;
    writeln!(w, "| kind | findings |")?;
    writeln!(w, "|---|---:|")?;
    for kind in Kind::ALL {
        writeln!(w, "| {} | {} |", kind, report.count(kind))?;
    }
    for kind in Kind::ALL {
        let fs: Vec<&Finding> = report.findings.iter().filter(|f| f.kind == kind).collect();
        if fs.is_empty() {
            continue;
        }
        writeln!(w)?;
        writeln!(w, "## {} ({})", kind, fs.len())?;
        writeln!(w)?;
        writeln!(w, "| severity | pair | source | target | message |")?;
        writeln!(w, "|---|---:|---|---|---|")?;
        for f in fs {
            writeln!(
                w,
                "| {} | {} | {} | {} | {} |",
                f.severity,
                f.pair,
                md_cell(&f.src_text),
                md_cell(&f.tgt_text),
                md_cell(&f.message)
            )?;
        }
    }
    Ok(())
}

/// Shared page style for the report and diff pages.
pub const CSS: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;width:100%;margin-bottom:2em}\
td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}\
th{background:#f3f3f3}.error{color:#b00020;font-weight:bold}.warning{color:#a65e00}\
.info{color:#555}del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}\
.num{text-align:right;font-variant-numeric:tabular-nums}tr.moved td{background:#eef}\
tr.added td{background:#efe}tr.deleted td{background:#fee}";

/// The pairs of a finding for the HTML report: the anchor pair first, then
/// runs of the others it covers (a moved passage: the other place, `57–58`),
/// each number a link into the review page when there is one.
fn pair_links(f: &Finding, review_page: Option<&str>) -> String {
    let link = |p: usize| match review_page {
        Some(url) => format!("<a href=\"{}#p{p}\">{p}</a>", esc(url)),
        None => p.to_string(),
    };
    let mut rest: Vec<usize> = f.pairs.iter().copied().filter(|p| *p > f.pair).collect();
    rest.sort_unstable();
    rest.dedup();
    let mut out = link(f.pair);
    let mut run_end = f.pair;
    let mut i = 0;
    while i < rest.len() {
        let start = rest[i];
        let mut end = start;
        while i + 1 < rest.len() && rest[i + 1] == end + 1 {
            i += 1;
            end = rest[i];
        }
        if start == run_end + 1 {
            // continues the anchor's run: 12–14
            out.push_str(&format!("–{}", link(end)));
        } else if start == end {
            out.push_str(&format!(" {}", link(start)));
        } else {
            out.push_str(&format!(" {}–{}", link(start), link(end)));
        }
        run_end = end;
        i += 1;
    }
    out
}

/// A self-contained HTML page (no scripts, no external resources).
pub fn html(report: &Report, titles: &Titles, w: &mut dyn Write) -> io::Result<()> {
    let title = format!("tolk check: {} ↔ {}", titles.src, titles.tgt);
    writeln!(w, "<!DOCTYPE html>")?;
    writeln!(w, "<html lang=\"en\"><head><meta charset=\"utf-8\">")?;
    writeln!(w, "<title>{}</title>", esc(&title))?;
    writeln!(w, "<style>{CSS}</style></head><body>")?;
    writeln!(w, "<h1>{}</h1>", esc(&title))?;
    writeln!(
        w,
        "<p>{} pairs, {} findings ({}).</p>",
        report.pairs,
        report.findings.len(),
        severity_counts(report)
    )?;
    writeln!(w, "<table><tr><th>kind</th><th>findings</th></tr>")?;
    for kind in Kind::ALL {
        writeln!(
            w,
            "<tr><td><a href=\"#{k}\">{k}</a></td><td class=\"num\">{}</td></tr>",
            report.count(kind),
            k = kind
        )?;
    }
    writeln!(w, "</table>")?;
    for kind in Kind::ALL {
        let fs: Vec<&Finding> = report.findings.iter().filter(|f| f.kind == kind).collect();
        if fs.is_empty() {
            continue;
        }
        writeln!(w, "<h2 id=\"{kind}\">{kind} ({})</h2>", fs.len())?;
        writeln!(
            w,
            "<table><tr><th>severity</th><th>pair</th><th>source</th><th>target</th><th>message</th></tr>"
        )?;
        for f in fs {
            writeln!(
                w,
                "<tr><td class=\"{s}\">{s}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                pair_links(f, titles.review_page.as_deref()),
                esc(&f.src_text),
                esc(&f.tgt_text),
                esc(&f.message),
                s = f.severity
            )?;
        }
        writeln!(w, "</table>")?;
    }
    writeln!(w, "</body></html>")
}
