//! Criterion benchmark: the align stage on synthetic input (2,000 and
//! 8,000 segments a side, a near-parallel pair with dropped and merged
//! sentences), so the band's linear growth shows between the two sizes;
//! and the library pipeline on the bundled sample report (its Bokmål and
//! English editions loaded with `Edition::load`, aligned with
//! `align_editions`, the alignment checked with `check_editions`).
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use tolk::align::Aligner;
use tolk::lang::Lang;
use tolk::pipeline::{self, AlignOptions, Edition, LoadOptions};
use tolk::read::BlockKind;
use tolk::segment::Segment;

const NB: &[&str] = &[
    "Regjeringen",
    "la",
    "fram",
    "budsjettet",
    "for",
    "2026",
    "og",
    "trusselen",
    "er",
    "moderat",
    "PST",
    "vurderer",
    "Russland",
    "Kina",
    "sabotasje",
    "mot",
    "Norge",
];
const EN: &[&str] = &[
    "The",
    "government",
    "presented",
    "the",
    "budget",
    "for",
    "2026",
    "and",
    "threat",
    "is",
    "moderate",
    "PST",
    "assesses",
    "Russia",
    "China",
    "sabotage",
    "against",
    "Norway",
];

fn sentence(words: &[&str], k: usize) -> String {
    let n = 5 + k * 7 % 13;
    (0..n)
        .map(|w| words[(k * 31 + w * 17) % words.len()])
        .collect::<Vec<_>>()
        .join(" ")
        + "."
}

fn pair(n: usize) -> (Vec<Segment>, Vec<Segment>) {
    let seg = |k: usize, text: String| Segment {
        para: k / 4,
        kind: BlockKind::Paragraph,
        bytes: 0..text.len(),
        text,
        marker: None,
    };
    let mut src = Vec::new();
    let mut tgt: Vec<Segment> = Vec::new();
    for k in 0..n {
        src.push(seg(k, sentence(NB, k)));
        match k % 50 {
            7 => {}
            23 if !tgt.is_empty() => {
                let last = tgt.last_mut().unwrap();
                last.text = format!("{} {}", last.text, sentence(EN, k));
            }
            _ => tgt.push(seg(k, sentence(EN, k))),
        }
    }
    (src, tgt)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    for n in [2_000, 8_000] {
        let (src, tgt) = pair(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| Aligner::new().align(&src, &tgt, Lang::Nb, Lang::En))
        });
    }
    group.finish();
}

fn editions(c: &mut Criterion) {
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    let load = |name: &str| {
        let path = corpora.join(name);
        Edition::load(&path, &LoadOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let (nb, en) = (load("utsyn-2026.nb.md"), load("utsyn-2026.en.md"));
    let opts = AlignOptions::default();
    let mut group = c.benchmark_group("editions");
    group.sample_size(10);
    group.bench_function("align utsyn-2026 nb-en", |b| {
        b.iter(|| pipeline::align_editions(&nb, &en, &opts))
    });
    let alignment = pipeline::align_editions(&nb, &en, &opts);
    let check = pipeline::check_options(&nb, &en);
    group.bench_function("check utsyn-2026 nb-en", |b| {
        b.iter(|| pipeline::check_editions(&nb, &en, &alignment, &check))
    });
    group.finish();
}

criterion_group!(benches, bench, editions);
criterion_main!(benches);
