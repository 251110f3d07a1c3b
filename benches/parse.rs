//! Parse throughput against the floor of any line-oriented parser, over the very same bytes:
//! counting newlines with `memchr`, and `str::lines().count()`.
//!
//! - `reference`: the reference page, `tests/data/000.txt`;
//! - `corpus`: 1,000 generated pages of every language, layout and shape (seeds 0..1000),
//!   parsed one page at a time (throughput is their total size);
//! - `size`: one site's page grown from 8 KB to 64 MB (`tests/support/sized.rs`); a flat
//!   bytes-per-second figure across the group means the cost per byte does not grow;
//! - `real`: the 69 real page dumps of `tests/data` (the 12 hand-annotated pages, 11
//!   wpDiscuz pages through five HTML-to-text converters, 2 through pandoc), parsed one page
//!   at a time. They carry a seventh of the generated pages' comments per kilobyte (0.3
//!   against 2.0), but their ratio to the baselines varies by converter more than by
//!   comments: BeautifulSoup's dumps (mostly blank lines, which `str::lines` pays for and
//!   the parser folds) run at over half the speed of `str::lines`, markdown dumps and the
//!   hand-annotated pages at about a fifth (`benches/PERFORMANCE.md`).
//!
//! `cargo bench --bench parse` (a few minutes); one group: append `-- corpus`. Compare each
//! parse figure with the baselines of the same run: the machine is shared and noisy.
#![allow(missing_docs)] // criterion_group! generates undocumented public functions

#[path = "../tests/support/generator.rs"]
mod generator;
#[path = "../tests/support/sized.rs"]
mod sized;

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion, Throughput};

/// Number of pages in the corpus group.
const CORPUS_PAGES: u64 = 1_000;

/// Page sizes of the `size` group.
const SIZES: [(usize, &str); 6] = [
    (8 << 10, "8KB"),
    (64 << 10, "64KB"),
    (512 << 10, "512KB"),
    (4 << 20, "4MB"),
    (32 << 20, "32MB"),
    (64 << 20, "64MB"),
];

fn newlines_memchr(pages: &[String]) -> usize {
    pages.iter().map(|p| memchr::memchr_iter(b'\n', p.as_bytes()).count()).sum()
}

fn lines_count(pages: &[String]) -> usize {
    pages.iter().map(|p| p.lines().count()).sum()
}

fn parse_all(pages: &[String]) -> usize {
    pages.iter().map(|p| article_dump::parse(p).map_or(0, |d| d.warnings.len())).sum()
}

/// The three functions over the same pages, `parse` named by `id` (`id` is the page size in
/// the `size` group).
fn bench_three(group: &mut BenchmarkGroup<'_, WallTime>, id: &str, pages: &[String]) {
    let bytes: usize = pages.iter().map(String::len).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_with_input(BenchmarkId::new("memchr", id), pages, |b, p| {
        b.iter(|| newlines_memchr(black_box(p)))
    });
    group.bench_with_input(BenchmarkId::new("lines", id), pages, |b, p| b.iter(|| lines_count(black_box(p))));
    group.bench_with_input(BenchmarkId::new("parse", id), pages, |b, p| b.iter(|| parse_all(black_box(p))));
}

fn reference(c: &mut Criterion) {
    let pages = [include_str!("../tests/data/000.txt").to_owned()];
    let mut group = c.benchmark_group("reference");
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    bench_three(&mut group, "000", &pages);
    group.finish();
}

fn corpus(c: &mut Criterion) {
    let pages: Vec<String> = (0..CORPUS_PAGES)
        .map(|seed| {
            generator::generate(seed, &generator::Options::random(&mut generator::Rng::new(seed))).text
        })
        .collect();
    let mut group = c.benchmark_group("corpus");
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    bench_three(&mut group, "1000", &pages);
    group.finish();
}

fn size(c: &mut Criterion) {
    let mut group = c.benchmark_group("size");
    group.warm_up_time(Duration::from_millis(500));
    for (bytes, label) in SIZES {
        let pages = [sized::sized_page(1, bytes)];
        // Few samples for the big pages: the point is the trend, and each run takes seconds.
        group.sample_size(if bytes > 1 << 20 { 10 } else { 30 });
        group.measurement_time(Duration::from_secs(if bytes > 1 << 20 { 8 } else { 3 }));
        bench_three(&mut group, label, &pages);
    }
    group.finish();
}

/// The real page dumps of `tests/data`: its top-level pages and `html/CONVERTER/` ones, in
/// name order.
fn real_pages() -> Vec<String> {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let texts_in = |dir: std::path::PathBuf| {
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.expect("a directory entry").path())
            .collect();
        paths.sort();
        paths
    };
    let mut paths: Vec<_> = texts_in(data.clone());
    for converter in texts_in(data.join("html")) {
        if converter.is_dir() {
            paths.extend(texts_in(converter));
        }
    }
    paths
        .into_iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .map(|path| std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

fn real(c: &mut Criterion) {
    let pages = real_pages();
    let mut group = c.benchmark_group("real");
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    bench_three(&mut group, &pages.len().to_string(), &pages);
    group.finish();
}

criterion_group!(benches, reference, corpus, real, size);
criterion_main!(benches);
