//! Criterion benchmark: the segment stage (structure parsing and sentence
//! segmentation) on Norwegian Bokmål report text, reported in bytes/s.
//!
//! The input is `corpora/*.nb.md` when present (repeated to ~1 MB), else a
//! ~1 MB text the bench generates from its own sentences: hard-wrapped
//! paragraphs full of abbreviations, ordinals, dates and numbers, with
//! headings and bullet lists between them.
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tolk::lang::Lang;
use tolk::read::Document;

const SENTENCES: &[&str] = &[
    "Etterretningstjenesten vurderer at trusselen fra statlige aktører vil øke i 2026.",
    "Russland har bl.a. trappet opp sine cyberoperasjoner mot norsk infrastruktur.",
    "Angrepet ble oppdaget 24. februar 2022 kl. 04.30 norsk tid.",
    "Ifølge St.meld. nr. 21 (2016–2017) skal innsatsen økes med ca. 1,2 mrd. kroner.",
    "Dette gjelder f.eks. energi, transport, telekommunikasjon osv. Neste avsnitt handler om Kina.",
    "«Hva skjer nå?» spurte direktøren, og svarte selv at situasjonen er alvorlig.",
    "Se kap. 4 og s. 12 i rapporten, jf. § 3-1 første ledd.",
    "Under 2. verdenskrig var situasjonen en annen, men i 3. kvartal 2024 endret den seg.",
    "Prof. K. Nordmann og dr.philos. O. Hansen har skrevet om dette på www.regjeringen.no.",
    "Antallet hendelser steg fra 1 250 til 3 400, dvs. en økning på 172 pst. Det er mye.",
];

fn generated() -> String {
    let mut out = String::new();
    let mut i = 0usize;
    let mut section = 1;
    while out.len() < 1_000_000 {
        out.push_str(&format!("{section} Trusselbildet i {section}. kvartal\n\n"));
        section += 1;
        for _ in 0..4 {
            // one paragraph of six sentences, hard-wrapped at ~72 columns
            let mut para = String::new();
            for _ in 0..6 {
                para.push_str(SENTENCES[i % SENTENCES.len()]);
                para.push(' ');
                i += 7;
            }
            let mut col = 0;
            for word in para.split_whitespace() {
                if col + word.len() > 72 {
                    out.push('\n');
                    col = 0;
                } else if col > 0 {
                    out.push(' ');
                    col += 1;
                }
                out.push_str(word);
                col += word.len();
            }
            out.push_str("\n\n");
        }
        out.push_str("Utvalget anbefaler:\n• økt satsing på forebygging\n• bedre koordinering mellom etatene\n\n");
    }
    out
}

fn corpus() -> Option<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).ok()? {
        let path = entry.ok()?.path();
        let name = path.file_name()?.to_string_lossy().into_owned();
        if name.ends_with(".nb.md") || name.ends_with(".nb.txt") {
            text.push_str(&std::fs::read_to_string(&path).ok()?);
            text.push_str("\n\n");
        }
    }
    if text.trim().is_empty() {
        return None;
    }
    let one = text.clone();
    while text.len() < 1_000_000 {
        text.push_str(&one);
    }
    Some(text)
}

fn bench(c: &mut Criterion) {
    let (label, text) = match corpus() {
        Some(t) => ("corpora-nb", t),
        None => ("generated-nb", generated()),
    };
    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function(format!("parse+segment/{label}"), |b| {
        b.iter(|| {
            let doc = Document::from_text("bench.md", black_box(text.as_str()));
            let segs = tolk::segment::segment(&doc, Lang::Nb);
            black_box(segs.len())
        })
    });
    let doc = Document::from_text("bench.md", text.as_str());
    group.bench_function(format!("segment-only/{label}"), |b| {
        b.iter(|| black_box(tolk::segment::segment(black_box(&doc), Lang::Nb).len()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
