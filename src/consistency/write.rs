//! The tables of a [`Consistency`] analysis: `terms.csv`, `terms.jsonl`,
//! `sentences.csv` and `documents.csv`. Each writes to any `io::Write`.

use std::io::{self, Write};

use super::{Consistency, Place};

fn csv_err(e: ::csv::Error) -> io::Error {
    crate::output::csv::csv_io(e)
}

fn ids<'a>(c: &'a Consistency, per_doc: &[usize]) -> Vec<&'a str> {
    per_doc
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(d, _)| c.docs[d].as_str())
        .collect()
}

fn text(c: &Consistency, p: Place) -> (&str, &str) {
    c.texts
        .get(&p)
        .map_or(("", ""), |(s, t)| (s.as_str(), t.as_str()))
}

/// The columns of `terms.csv`.
pub const TERM_COLUMNS: [&str; 17] = [
    "term",
    "words",
    "frequency",
    "termhood",
    "glossary",
    "rendering",
    "evidence",
    "count",
    "share",
    "documents",
    "first",
    "last",
    "dice",
    "log_likelihood",
    "example_doc",
    "example_pair",
    "example",
];

struct TermRow<'a> {
    cells: Vec<String>,
    docs: Vec<&'a str>,
    /// Occurrences rendered so in each of `docs`.
    counts: Vec<usize>,
    src: &'a str,
    tgt: &'a str,
}

fn term_rows(c: &Consistency) -> Vec<TermRow<'_>> {
    let mut out = Vec::new();
    for t in &c.terms {
        for r in &t.renderings {
            let docs = ids(c, &r.per_doc);
            let (src, tgt) = text(c, r.example);
            out.push(TermRow {
                cells: vec![
                    t.term.clone(),
                    t.words.to_string(),
                    t.frequency.to_string(),
                    format!("{:.2}", t.termhood),
                    if t.glossary { "yes" } else { "no" }.into(),
                    r.text.clone(),
                    r.evidence.as_str().into(),
                    r.count.to_string(),
                    format!("{:.3}", r.share),
                    docs.join(" "),
                    docs.first().copied().unwrap_or("").into(),
                    docs.last().copied().unwrap_or("").into(),
                    format!("{:.3}", r.dice),
                    format!("{:.1}", r.g2),
                    c.docs[r.example.doc].clone(),
                    r.example.pair.to_string(),
                    format!("{src} ⇒ {tgt}"),
                ],
                docs,
                counts: r.per_doc.iter().copied().filter(|&n| n > 0).collect(),
                src,
                tgt,
            });
        }
    }
    out
}

/// `terms.csv`: one row per term × rendering (see [`TERM_COLUMNS`]);
/// `documents` holds the ids separated by spaces, `example` the example
/// pair as `source ⇒ target`.
pub fn terms_csv(c: &Consistency, w: &mut dyn Write) -> io::Result<()> {
    let mut cw = ::csv::Writer::from_writer(w);
    cw.write_record(TERM_COLUMNS).map_err(csv_err)?;
    for row in term_rows(c) {
        cw.write_record(&row.cells).map_err(csv_err)?;
    }
    cw.flush()
}

/// `terms.jsonl`: the rows of `terms.csv` as JSON objects, with
/// `documents` a list, `counts` the occurrences rendered so in each of
/// them, and the example as `example_src`/`example_tgt`.
pub fn terms_jsonl(c: &Consistency, w: &mut dyn Write) -> io::Result<()> {
    for row in term_rows(c) {
        let mut obj = serde_json::Map::new();
        for (k, v) in TERM_COLUMNS.iter().zip(&row.cells) {
            let value = match *k {
                "words" | "frequency" | "count" | "example_pair" => {
                    serde_json::Value::from(v.parse::<u64>().unwrap_or(0))
                }
                "termhood" | "share" | "dice" | "log_likelihood" => {
                    serde_json::Value::from(v.parse::<f64>().unwrap_or(0.0))
                }
                "glossary" => serde_json::Value::from(v == "yes"),
                "documents" => {
                    obj.insert("documents".into(), row.docs.clone().into());
                    obj.insert("counts".into(), row.counts.clone().into());
                    continue;
                }
                "example" => continue,
                _ => serde_json::Value::from(v.clone()),
            };
            obj.insert((*k).into(), value);
        }
        obj.insert("example_src".into(), row.src.into());
        obj.insert("example_tgt".into(), row.tgt.into());
        serde_json::to_writer(&mut *w, &obj)?;
        writeln!(w)?;
    }
    Ok(())
}

/// `sentences.csv`: one row per inconsistent sentence × rendering:
/// `sentence` (a number, 1 for the most frequent), `source`, `within`
/// (`yes` when it repeats inside one document), `rendering` (1 = most
/// frequent), `target`, `count`, `documents` (ids, space-separated) and
/// `pairs` (`doc:pair`, space-separated).
pub fn sentences_csv(c: &Consistency, w: &mut dyn Write) -> io::Result<()> {
    let mut cw = ::csv::Writer::from_writer(w);
    cw.write_record([
        "sentence",
        "source",
        "within",
        "rendering",
        "target",
        "count",
        "documents",
        "pairs",
    ])
    .map_err(csv_err)?;
    for (i, s) in c.sentences.iter().enumerate() {
        let within = if s.within_document() { "yes" } else { "no" };
        for (k, r) in s.renderings.iter().enumerate() {
            let mut docs: Vec<&str> = Vec::new();
            for p in &r.places {
                let id = c.docs[p.doc].as_str();
                if docs.last() != Some(&id) && !docs.contains(&id) {
                    docs.push(id);
                }
            }
            let pairs: Vec<String> = r
                .places
                .iter()
                .map(|p| format!("{}:{}", c.docs[p.doc], p.pair))
                .collect();
            cw.write_record([
                (i + 1).to_string(),
                s.src.clone(),
                within.into(),
                (k + 1).to_string(),
                r.text.clone(),
                r.places.len().to_string(),
                docs.join(" "),
                pairs.join(" "),
            ])
            .map_err(csv_err)?;
        }
    }
    cw.flush()
}

/// `documents.csv`: per document in archive order: `doc`, `pairs`,
/// `term_occurrences`, `dominant`, `term_consistency` (empty without
/// terms), `repeated_sentences`, `repeated_differently`.
pub fn documents_csv(c: &Consistency, w: &mut dyn Write) -> io::Result<()> {
    let mut cw = ::csv::Writer::from_writer(w);
    cw.write_record([
        "doc",
        "pairs",
        "term_occurrences",
        "dominant",
        "term_consistency",
        "repeated_sentences",
        "repeated_differently",
    ])
    .map_err(csv_err)?;
    for (id, d) in c.docs.iter().zip(&c.documents) {
        cw.write_record([
            id.clone(),
            d.pairs.to_string(),
            d.term_occurrences.to_string(),
            d.dominant.to_string(),
            d.consistency().map_or(String::new(), |x| format!("{x:.3}")),
            d.repeated.to_string(),
            d.repeated_differently.to_string(),
        ])
        .map_err(csv_err)?;
    }
    cw.flush()
}
