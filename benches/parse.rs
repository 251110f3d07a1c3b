//! Placeholder: the parse benchmarks land with the speed work.
#![allow(missing_docs)] // criterion_group! generates undocumented public functions
use criterion::{criterion_group, criterion_main, Criterion};

fn parse_reference(c: &mut Criterion) {
    let page = include_str!("../tests/data/000.txt");
    c.bench_function("parse reference page", |b| b.iter(|| article_dump::parse(std::hint::black_box(page))));
}

criterion_group!(benches, parse_reference);
criterion_main!(benches);
