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
//! - `filter_fresh/<query>`: `/` over the whole list of 100 000 tasks from nothing
//!   (`SearchIndex::filter(Kind::Task, query)`: every match, no limit, so every
//!   text that gets past its filters is read); `filter_list/<query>`: the same list
//!   the way a dashboard list filters its rows, `Query::matching` over the rows'
//!   task numbers. Floor (`filter_floor/水务`): `str::contains` over every title and text,
//!   what a plain scan of the characters costs without an index (it finds neither
//!   pinyin nor initials).
//!
//! Goal: under 30 ms per keystroke on the 2-core machine.
//!
//! Run: `cargo bench --bench search -- --warm-up-time 1 --measurement-time 3`.

mod common;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use dubang::search::{Kind, SearchIndex, Searcher};
use std::hint::black_box;

const TASKS: usize = 100_000;
const LIMIT: usize = 50;

/// What `/` on a whole task list is given: pinyin still being typed, Chinese,
/// initials, and mixed.
const FILTERED: [&str; 5] = ["wushu", "wushui", "水务", "swj", "污shui"];

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

    let mut g = c.benchmark_group("filter");
    g.sample_size(20);
    for q in FILTERED {
        g.bench_with_input(BenchmarkId::new("filter_fresh", q), q, |b, q| {
            b.iter(|| black_box(index.filter(Kind::Task, q)))
        });
    }
    let rows: Vec<usize> = (0..reg.tasks.len()).collect();
    for q in ["wushu", "水务"] {
        g.bench_with_input(BenchmarkId::new("filter_list", q), q, |b, q| {
            b.iter(|| black_box(index.query(q).matching(Kind::Task, &rows)))
        });
    }
    g.bench_function(BenchmarkId::new("filter_floor", "水务"), |b| {
        b.iter(|| {
            black_box(
                reg.tasks
                    .iter()
                    .filter(|t| t.title.contains("水务") || t.text.contains("水务"))
                    .count(),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
