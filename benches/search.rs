//! The search's cost per keystroke on a generated registry of 100 000 tasks (the
//! bundled plan's 28 tasks cloned with new ids and numbers, each title varied by a
//! town and a batch number, e.g. 深化水环境污染防治(嘉积3期)):
//!
//! - `search_build/100k`: `SearchIndex::build` (readings of every name, title and
//!   text);
//! - `search_fresh/<query>`: `SearchIndex::search(query, 50)` from nothing;
//! - `search_keystroke/<query>`: the query's last character typed into a `Searcher`
//!   that has seen every shorter prefix (the way the UI calls it): `swj` after `s`,
//!   `sw`; `wushui` after `w` … `wushu`. The first character of a word (`s`, `w`,
//!   `水`) has nothing to narrow and costs what a fresh search does.
//!
//! Goal: under 30 ms per keystroke on the 2-core machine.
//!
//! Run: `cargo bench --bench search -- --warm-up-time 1 --measurement-time 3`.

mod common;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use dubang::search::{SearchIndex, Searcher};
use std::hint::black_box;

const TASKS: usize = 100_000;
const LIMIT: usize = 50;

/// What a user types, keystroke by keystroke.
const TYPED: [&[&str]; 3] = [&["s", "sw", "swj"], &["w", "wu", "wushui"], &["水", "水务"]];

fn bench(c: &mut Criterion) {
    let reg = common::titled(TASKS);

    let mut g = c.benchmark_group("search_build");
    g.sample_size(10);
    g.bench_function("100k", |b| b.iter(|| black_box(SearchIndex::build(&reg))));
    g.finish();

    let index = SearchIndex::build(&reg);

    let mut g = c.benchmark_group("search_fresh");
    for word in TYPED {
        for &q in word {
            g.bench_with_input(BenchmarkId::from_parameter(q), q, |b, q| {
                b.iter(|| black_box(index.search(q, LIMIT)))
            });
        }
    }
    g.finish();

    let mut g = c.benchmark_group("search_keystroke");
    for word in TYPED {
        for &q in word {
            // A searcher that has seen every prefix of `q`.
            let chars: Vec<char> = q.chars().collect();
            let mut primed = Searcher::new();
            for n in 1..chars.len() {
                let prefix: String = chars[..n].iter().collect();
                primed.search(&index, &prefix, LIMIT);
            }
            g.bench_with_input(BenchmarkId::from_parameter(q), q, |b, q| {
                b.iter_batched(
                    || primed.clone(),
                    |mut s| black_box(s.search(&index, q, LIMIT)),
                    BatchSize::SmallInput,
                )
            });
            assert_eq!(
                primed.search(&index, q, LIMIT),
                index.search(q, LIMIT),
                "{q}"
            );
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
