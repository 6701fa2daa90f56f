//! Criterion benchmark: align stage.
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let _ = c;
}

criterion_group!(benches, bench);
criterion_main!(benches);
