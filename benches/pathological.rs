//! Lenient parse time of each pathological page at four sizes growing 4x, the largest being
//! the full size. Linear parsing shows as a flat bytes-per-second figure across a
//! group; a quadratic step shows as throughput falling about 4x per size.
//!
//! `cargo bench --bench pathological` (a few minutes); one shape: append `-- reply_chain`.
// `criterion_group!` defines an undocumented `pub fn`.
#![allow(missing_docs)]

#[path = "../tests/support/pathological.rs"]
mod pathological;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// Four sizes growing 4x up to `full`.
fn sizes(full: usize) -> [usize; 4] {
    [full / 64, full / 16, full / 4, full]
}

fn bench_shape(c: &mut Criterion, shape: &str, full: usize, build: fn(usize) -> String) {
    let mut group = c.benchmark_group(format!("pathological/{shape}"));
    // Few, short samples: the point is the trend across sizes, not the last percent.
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    for size in sizes(full) {
        let page = build(size);
        group.throughput(Throughput::Bytes(page.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(size), &page, |b, page| {
            b.iter(|| article_dump::parse(black_box(page)))
        });
    }
    group.finish();
}

fn pathological_pages(c: &mut Criterion) {
    use pathological::*;
    bench_shape(c, "single_line", SINGLE_LINE_BYTES, single_line);
    bench_shape(c, "blank_lines", BLANK_LINES, blank_lines);
    bench_shape(c, "many_comments", COMMENTS, many_comments);
    bench_shape(c, "reply_chain", CHAIN_DEPTH, reply_chain);
    bench_shape(c, "reply_to_lines", REPLY_TO_LINES, reply_to_lines);
    bench_shape(c, "date_lines", DATE_LINES, date_lines);
}

criterion_group!(benches, pathological_pages);
criterion_main!(benches);
