//! `report.html`: one self-contained page (inline CSS, SVG and a few lines
//! of script of our own; nothing fetched) showing a [`Consistency`]
//! analysis: per term, bars of its renderings over the documents in archive
//! order; the inconsistent sentences side by side; a sortable term table.

use std::io::{self, Write};

use super::{Consistency, Term};
use crate::text::escape::html as esc;

/// Colours for renderings, most frequent first; the rest share the last.
const COLOURS: [&str; 7] = [
    "#3b6ea8", "#e08a2c", "#4d9e55", "#c4473d", "#8a62b3", "#8c6d50", "#9a9a9a",
];

/// Terms drawn as bars (the most frequent with more than one rendering).
const MAX_BARS: usize = 24;
/// Sentences shown side by side.
const MAX_SENTENCES: usize = 60;
/// Rows of the term table.
const MAX_TABLE: usize = 400;

const STYLE: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;max-width:1200px}\
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}\
.terms{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:12px}\
.term{border:1px solid #ddd;border-radius:4px;padding:6px 8px}.term h3{margin:0 0 4px;font-size:1em}\
.legend span{display:inline-block;margin-right:8px;font-size:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:3px}\
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}\
th{background:#f3f3f3;cursor:pointer;user-select:none}td.n{text-align:right}.src{color:#555}\
.sent td{width:50%}.where{color:#777;font-size:12px}svg text{font:10px sans-serif;fill:#555}";

const SCRIPT: &str = "document.querySelectorAll('table.sortable th').forEach(function(th,i){\
th.addEventListener('click',function(){var t=th.closest('table'),b=t.tBodies[0],\
r=Array.prototype.slice.call(b.rows),asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';\
r.sort(function(x,y){var a=x.cells[i].dataset.v||x.cells[i].textContent,c=y.cells[i].dataset.v||y.cells[i].textContent,\
p=parseFloat(a),q=parseFloat(c);var d=(!isNaN(p)&&!isNaN(q))?p-q:a.localeCompare(c);return asc?d:-d;});\
r.forEach(function(e){b.appendChild(e);});});});";

fn bars(c: &Consistency, t: &Term, w: &mut dyn Write) -> io::Result<()> {
    let n = c.docs.len().max(1);
    let (width, height, top) = (340.0_f64, 90.0_f64, 6.0_f64);
    let slot = width / n as f64;
    let bar = (slot * 0.8).max(1.0);
    let shown: Vec<usize> = (0..t.renderings.len()).collect();
    let max = (0..n)
        .map(|d| t.renderings.iter().map(|r| r.per_doc[d]).sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    writeln!(
        w,
        "<svg width=\"{width}\" height=\"{}\" role=\"img\" aria-label=\"renderings of {} per document\">",
        height + 16.0,
        esc(&t.term)
    )?;
    for d in 0..n {
        let mut y = height;
        for &k in &shown {
            let v = t.renderings[k].per_doc[d];
            if v == 0 {
                continue;
            }
            let h = (height - top) * v as f64 / max;
            y -= h;
            let colour = COLOURS[k.min(COLOURS.len() - 1)];
            writeln!(
                w,
                "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\" fill=\"{colour}\"><title>{}: {} × {}</title></rect>",
                d as f64 * slot,
                esc(&c.docs[d]),
                v,
                esc(label(&t.renderings[k].text))
            )?;
        }
    }
    writeln!(
        w,
        "<line x1=\"0\" y1=\"{height}\" x2=\"{width}\" y2=\"{height}\" stroke=\"#999\"/>"
    )?;
    writeln!(
        w,
        "<text x=\"0\" y=\"{}\">{}</text><text x=\"{width}\" y=\"{}\" text-anchor=\"end\">{}</text>",
        height + 12.0,
        esc(&c.docs[0]),
        height + 12.0,
        esc(c.docs.last().map_or("", |s| s.as_str()))
    )?;
    writeln!(w, "</svg>")?;
    write!(w, "<div class=\"legend\">")?;
    for (k, r) in t.renderings.iter().enumerate().take(COLOURS.len()) {
        let name = if k == COLOURS.len() - 1 && t.renderings.len() > COLOURS.len() {
            "other".to_string()
        } else {
            label(&r.text).to_string()
        };
        write!(
            w,
            "<span><i style=\"background:{}\"></i>{} ({})</span>",
            COLOURS[k],
            esc(&name),
            r.count
        )?;
    }
    writeln!(w, "</div>")
}

fn label(text: &str) -> &str {
    if text.is_empty() {
        "(none)"
    } else {
        text
    }
}

/// Write the page. `title` names the archive.
pub fn report(c: &Consistency, title: &str, w: &mut dyn Write) -> io::Result<()> {
    writeln!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>tolk consistency: {}</title><style>{STYLE}</style></head><body>",
        esc(title)
    )?;
    let occurrences: usize = c.documents.iter().map(|d| d.term_occurrences).sum();
    let dominant: usize = c.documents.iter().map(|d| d.dominant).sum();
    writeln!(
        w,
        "<h1>Translation consistency: {}</h1><p>{} documents, {} terms, {} repeated sentences \
         translated differently. Overall term consistency {}.</p>",
        esc(title),
        c.docs.len(),
        c.terms.len(),
        c.sentences.len(),
        if occurrences > 0 {
            format!("{:.1} %", 100.0 * dominant as f64 / occurrences as f64)
        } else {
            "n/a".into()
        }
    )?;

    writeln!(
        w,
        "<h2>Renderings per document</h2><p>Each bar is one document, in archive order; \
         colours are renderings, most frequent first.</p><div class=\"terms\">"
    )?;
    for t in c
        .terms
        .iter()
        .filter(|t| t.renderings.len() > 1)
        .take(MAX_BARS)
    {
        writeln!(
            w,
            "<div class=\"term\"><h3>{} <span class=\"where\">{} occurrences</span></h3>",
            esc(&t.term),
            t.frequency
        )?;
        bars(c, t, w)?;
        writeln!(w, "</div>")?;
    }
    writeln!(w, "</div>")?;

    writeln!(
        w,
        "<h2>Repeated sentences translated differently</h2><table class=\"sent\">\
         <thead><tr><th>source</th><th>renderings</th></tr></thead><tbody>"
    )?;
    for s in c.sentences.iter().take(MAX_SENTENCES) {
        write!(w, "<tr><td class=\"src\">{}</td><td>", esc(&s.src))?;
        for r in &s.renderings {
            let places: Vec<String> = r
                .places
                .iter()
                .take(8)
                .map(|p| format!("{}:{}", c.docs[p.doc], p.pair))
                .collect();
            let more = if r.places.len() > 8 { " …" } else { "" };
            write!(
                w,
                "<div>{} <span class=\"where\">({}{})</span></div>",
                esc(&r.text),
                esc(&places.join(" ")),
                more
            )?;
        }
        writeln!(w, "</td></tr>")?;
    }
    if c.sentences.len() > MAX_SENTENCES {
        writeln!(
            w,
            "<tr><td colspan=\"2\">… {} more in sentences.csv</td></tr>",
            c.sentences.len() - MAX_SENTENCES
        )?;
    }
    writeln!(w, "</tbody></table>")?;

    writeln!(
        w,
        "<h2>Terms</h2><p>Click a column to sort.</p><table class=\"sortable\"><thead><tr>\
         <th>term</th><th>occurrences</th><th>dominant rendering</th><th>share</th>\
         <th>renderings</th><th>first</th><th>last</th></tr></thead><tbody>"
    )?;
    for t in c.terms.iter().take(MAX_TABLE) {
        let Some(dom) = t.dominant() else { continue };
        let docs_with = |k: usize| {
            t.renderings
                .iter()
                .flat_map(|r| r.per_doc.iter().enumerate().filter(|(_, &n)| n > 0))
                .map(|(d, _)| d)
                .fold(None, |acc: Option<usize>, d| {
                    Some(match acc {
                        None => d,
                        Some(a) if k == 0 => a.min(d),
                        Some(a) => a.max(d),
                    })
                })
        };
        let others: Vec<String> = t
            .renderings
            .iter()
            .skip(1)
            .take(5)
            .map(|r| format!("{} ({})", label(&r.text), r.count))
            .collect();
        writeln!(
            w,
            "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{:.2}</td>\
             <td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&t.term),
            t.frequency,
            esc(label(&dom.text)),
            dom.share,
            esc(&others.join(", ")),
            esc(docs_with(0).map_or("", |d| c.docs[d].as_str())),
            esc(docs_with(1).map_or("", |d| c.docs[d].as_str())),
        )?;
    }
    writeln!(w, "</tbody></table>")?;

    writeln!(
        w,
        "<h2>Documents</h2><table class=\"sortable\"><thead><tr><th>document</th><th>pairs</th>\
         <th>term consistency</th><th>repeated sentences</th><th>translated differently</th>\
         </tr></thead><tbody>"
    )?;
    for (id, d) in c.docs.iter().zip(&c.documents) {
        writeln!(
            w,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td></tr>",
            esc(id),
            d.pairs,
            d.consistency().map_or(String::new(), |x| format!("{x:.3}")),
            d.repeated,
            d.repeated_differently
        )?;
    }
    writeln!(w, "</tbody></table><script>{SCRIPT}</script></body></html>")
}
