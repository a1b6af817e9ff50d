//! The 台账 workbook (xlsx, five sheets) of a generated 10 000-task registry, every
//! third task with a progress note; and of the bundled plan. The issue asks for the
//! large one in under a second.
//!
//! cargo bench --bench report -- --warm-up-time 1 --measurement-time 5

mod common;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use dubang::lang::Lang;
use dubang::registry::{Edit, EditTarget, Index, Op, Registry, Status};
use dubang::report::{Format, Thresholds, render};

fn generated(n: usize) -> Registry {
    let mut reg = common::scaled(n, |_, _| {});
    for (i, t) in reg.tasks.clone().iter().enumerate().step_by(3) {
        let e = Edit::new(
            EditTarget::Task(t.id.clone()),
            Op::SetStatus {
                to: Status::InProgress,
            },
        )
        .with_note(format!(
            "第{i}次督办：已召开推进会，明确责任分工，\"按月\"报送进展"
        ));
        dubang::registry::apply(&mut reg, &e).unwrap();
    }
    reg
}

fn bench_xlsx(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let th = Thresholds::default();
    let mut group = c.benchmark_group("report_xlsx");
    for (name, reg, samples) in [
        ("bundled", common::bundled(), 30),
        ("10k_tasks", generated(10_000), 10),
    ] {
        group.sample_size(samples);
        let ix = Index::build(&reg);
        let all: Vec<usize> = (0..reg.tasks.len()).collect();
        group.bench_function(name, |b| {
            b.iter(|| {
                render(&reg, &ix, &all, Format::Xlsx, Lang::Zh, today, &th)
                    .unwrap()
                    .len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_xlsx);
criterion_main!(benches);
