//! What Chinese users type on the command line (issue 11, items 19, 20, 22): full-width
//! digits, Chinese dates and status synonyms are taken; impossible dates are refused
//! with their reason; `set` reports in the words the reader reads.

use crate::edit_common::*;
use dubang::registry::Status;
use dubang::store;

#[test]
fn set_takes_what_a_chinese_user_types() {
    let (_dir, file) = fixture();
    for (args, status, progress, due) in [
        (
            &[
                "3",
                "进行中",
                "--progress",
                "６０％",
                "--due",
                "2025年6月30日",
            ][..],
            Status::InProgress,
            60,
            "2025-06-30",
        ),
        (
            &["4", "受阻", "--due", "2025/7/1"][..],
            Status::Blocked,
            0,
            "2025-07-01",
        ),
        (
            &["5", "--due", "20251231"][..],
            Status::NotStarted,
            0,
            "2025-12-31",
        ),
        (
            &["6", "--due", "2025.6.30"][..],
            Status::NotStarted,
            0,
            "2025-06-30",
        ),
        (
            &["7", "--due", "2025-2-3"][..],
            Status::NotStarted,
            0,
            "2025-02-03",
        ),
        (
            &["8", "推进中", "--progress", "６０"][..],
            Status::InProgress,
            60,
            "",
        ),
        (&["9", "受阻"][..], Status::Blocked, 0, ""),
        (&["9", "未开始"][..], Status::NotStarted, 0, ""),
    ] {
        let out = run(set_cmd(&file, args));
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let reg = store::load(&file).unwrap();
        let number: u32 = args[0].parse().unwrap();
        let t = reg.tasks.iter().find(|t| t.number == number).unwrap();
        assert_eq!(t.progress, progress, "{args:?}");
        if args.len() > 1 && !args[1].starts_with("--") {
            assert_eq!(t.status, status, "{args:?}");
        }
        if !due.is_empty() {
            assert_eq!(t.due.map(|d| d.to_string()).as_deref(), Some(due));
        }
    }
    // Stored as YYYY-MM-DD, whatever was typed.
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("\"due\": \"2025-02-03\""),
        "normalised on disk"
    );
}

#[test]
fn impossible_dates_are_usage_errors_with_their_reason() {
    let (_dir, file) = fixture();
    let before = std::fs::read(&file).unwrap();
    for (date, zh, en) in [
        (
            "0000-01-01",
            "年份应在 2000 到 2100 之间",
            "the year must be from 2000 to 2100",
        ),
        (
            "3025-06-30",
            "年份应在 2000 到 2100 之间",
            "the year must be from 2000 to 2100",
        ),
        (
            "2025-02-30",
            "日历上没有这一天",
            "the calendar has no such day",
        ),
        ("2025年6月", "2026年6月30日", "2026年6月30日"),
    ] {
        for (lang, want) in [("zh", zh), ("en", en)] {
            let mut c = set_cmd(&file, &["1", "--due", date]);
            c.args(["--lang", lang]);
            let out = run(c);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{date} {lang}: {err}");
            assert_eq!(err.lines().count(), 1, "{date} {lang}: {err}");
            assert!(
                err.contains(want) && err.contains(date),
                "{date} {lang}: {err}"
            );
        }
    }
    assert_eq!(std::fs::read(&file).unwrap(), before);
}
