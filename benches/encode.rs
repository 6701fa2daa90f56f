//! The sentence encoder: tokenizing and embedding the Bokmål and English
//! sentences of the bundled sample report. Needs the model
//! (`scripts/install-model`). For the comparison with the package's engine,
//! run `scripts/bench-encoder`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tolk::encode::{model_path, Encoder};

fn sentences() -> Vec<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    ["nb", "en"]
        .iter()
        .flat_map(|l| {
            let path = format!("{root}/corpora/utsyn-2026.{l}.sentences.txt");
            std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{path}: {e}"))
                .lines()
                .filter(|s| !s.trim().is_empty())
                .take(40)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn encode(c: &mut Criterion) {
    let enc = Encoder::open(&model_path(None)).unwrap_or_else(|e| panic!("{e}"));
    let owned = sentences();
    let texts: Vec<&str> = owned.iter().map(String::as_str).collect();
    let mut g = c.benchmark_group("encode");
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function("tokenize 80 sentences", |b| {
        b.iter(|| texts.iter().map(|t| enc.token_ids(t).len()).sum::<usize>())
    });
    g.sample_size(10);
    g.bench_function("embed 80 sentences", |b| b.iter(|| enc.embed(&texts)));
    g.finish();
}

criterion_group!(benches, encode);
criterion_main!(benches);
