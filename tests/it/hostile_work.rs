//! Bounded work per key: a long paste, a long note, a long history.
//!
//! - a 1 MB paste into the note input is taken in one piece (linear), cut at the
//!   note's limit with a message, and Esc right after it closes the input;
//! - `dubang set --note-file FILE` and `--note -` (standard input) take a long note
//!   without passing it through the shell, and one over the limit is refused in one line;
//! - the task detail of a task with 300 000 history entries draws only what is
//!   visible (each key is cheap), and End shows the oldest entry at once, laid out
//!   from the end (End and the pages near it cost what a short history does).

use crate::common;

use chrono::{DateTime, Duration as Days};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dubang::lang::Lang;
use dubang::registry::HistoryEntry;
use dubang::store;
use dubang::tui::app::{App, Command, Tab};
use dubang::tui::edit::Mode;
use dubang::tui::theme::Theme;
use dubang::tui::view::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

fn app() -> App {
    let reg = store::parse_bytes(Path::new("r.json"), store::BUNDLED.as_bytes()).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let mut a = App::new(
        reg,
        PathBuf::from("/srv/dubang/registry.json"),
        Lang::Zh,
        now,
    );
    // The size `screen` draws at, as the event loop tells the state.
    a.resize(80, 24);
    a
}

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| draw(f, app, &Theme::dark())).unwrap();
    common::buffer_rows(t.backend().buffer()).join("\n")
}

#[test]
fn a_megabyte_paste_is_cut_at_the_note_limit_and_esc_closes_it() {
    let mut a = app();
    for c in [
        Command::GoTab(Tab::Sections),
        Command::Open,
        Command::Open,
        Command::Note,
    ] {
        a.update(c);
    }
    assert!(matches!(a.mode, Mode::Input(_)), "the note input is open");
    let big = "推进会议纪要已印发。".repeat(110_000);
    assert!(big.len() > 3_000_000);
    let t = Instant::now();
    a.handle(&Event::Paste(big));
    let s = screen(&a);
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    let Mode::Input(state) = &a.mode else {
        panic!("the paste closed the input")
    };
    assert_eq!(state.input.value().chars().count(), 10_000);
    assert!(s.contains("备注最多 10000 字"), "{s}");
    a.handle(&Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
    assert!(!matches!(a.mode, Mode::Input(_)), "Esc closes the input");
}

/// Runs `dubang --file FILE set 1 ARGS`, with `stdin` on standard input.
fn set(file: &Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = std::process::Command::new(common::binary())
        .args(["--lang", "zh", "--file"])
        .arg(file)
        .args(["set", "1"])
        .args(args)
        .env("DUBANG_USER", "王五")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn last_note(file: &Path) -> String {
    let reg = store::load(file).unwrap();
    let t = &reg.tasks[reg.find_task("1").unwrap()];
    t.history.last().unwrap().note.clone().unwrap()
}

#[test]
fn long_notes_come_from_a_file_or_standard_input_up_to_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("registry.json");
    std::fs::write(&file, store::BUNDLED).unwrap();
    // 9 000 Chinese characters (27 kB) from standard input, 9 600 from a file.
    let long = "调度".repeat(4_500);
    let out = set(&file, &["--note", "-"], &long);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(last_note(&file), long);
    let note = dir.path().join("note.txt");
    std::fs::write(&note, "落实到位".repeat(2_400)).unwrap();
    let out = set(&file, &["--note-file", note.to_str().unwrap()], "");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(last_note(&file).chars().count(), 9_600);
    // Over the limit: one line, exit 1, nothing written.
    let before = std::fs::read(&file).unwrap();
    std::fs::write(&note, "超".repeat(10_001)).unwrap();
    let out = set(&file, &["--note-file", note.to_str().unwrap()], "");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("10001") && err.contains("10000"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn a_huge_history_costs_little_per_key_and_still_scrolls_to_the_end() {
    let _quiet = common::timing();
    let mut a = app();
    for c in [Command::GoTab(Tab::Sections), Command::Open, Command::Open] {
        a.update(c);
    }
    let task = a.view().detail.expect("the detail is open").task;
    let start = DateTime::parse_from_rfc3339("2020-01-01T09:00:00+08:00").unwrap();
    let n = 300_000;
    a.reg.write().tasks[task].history = (0..n)
        .map(|i| HistoryEntry {
            at: start + Days::minutes(i),
            by: "张三".into(),
            field: "note".into(),
            from: None,
            to: None,
            note: Some(format!(
                "第 {i} 次调度:项目前期工作有序推进,用地、资金等要素保障到位。"
            )),
            source: None,
            undo: false,
        })
        .collect();
    screen(&a);
    let t = Instant::now();
    for _ in 0..20 {
        a.update(Command::PageDown);
        screen(&a);
    }
    let took = t.elapsed();
    assert!(took < Duration::from_secs(2), "20 pages took {took:?}");
    // End shows the oldest entry at once, and it, the pages near it and Home cost
    // what they cost in a short history: the detail is laid out from its end, never
    // measured whole (which took seconds per key).
    let t = Instant::now();
    a.update(Command::Bottom);
    let s = screen(&a);
    assert!(
        s.contains("第 0 次调度"),
        "End shows the oldest entry:\n{s}"
    );
    assert!(!s.contains("第 20 次调度"), "{s}");
    // A page up shows newer entries, next to the oldest.
    for _ in 0..5 {
        a.update(Command::PageUp);
        screen(&a);
    }
    let up = screen(&a);
    let near = (1..200).any(|k| up.contains(&format!("第 {k} 次调度")));
    assert!(!up.contains("第 0 次调度") && near, "{up}");
    // As many pages down come back to the end, and no further.
    for _ in 0..6 {
        a.update(Command::PageDown);
        screen(&a);
    }
    assert_eq!(screen(&a), s, "back at the end");
    a.update(Command::Top);
    let top = screen(&a);
    assert!(
        top.contains(&format!("第 {} 次调度", n - 1)),
        "Home: the newest:\n{top}"
    );
    a.update(Command::Bottom);
    assert_eq!(screen(&a), s);
    // Loose, for a debug build on a busy machine: it took over a minute.
    let took = t.elapsed();
    assert!(
        took < Duration::from_secs(5),
        "End, pages and Home took {took:?}"
    );
}

/// A history a few screens long: End and the pages up from it show the same rows
/// as paging down from the top to the end and back up (laid out from the end or
/// from the top, the detail is one document), and Home is its top.
#[test]
fn pages_from_the_end_show_the_document_paged_from_the_top() {
    let mut a = app();
    for c in [Command::GoTab(Tab::Sections), Command::Open, Command::Open] {
        a.update(c);
    }
    let task = a.view().detail.expect("the detail is open").task;
    let start = DateTime::parse_from_rfc3339("2020-01-01T09:00:00+08:00").unwrap();
    a.reg.write().tasks[task].history = (0..60)
        .map(|i| HistoryEntry {
            at: start + Days::days(i),
            by: "张三".into(),
            field: "note".into(),
            from: None,
            to: None,
            // Notes of one to three rows, so entries differ in height.
            note: Some(format!(
                "第 {i} 次调度:{}",
                "要素保障到位。".repeat(i as usize % 3 * 5 + 1)
            )),
            source: None,
            undo: false,
        })
        .collect();
    let home = screen(&a);
    // Down from the top, one page at a time, to the end.
    let mut from_top = vec![home.clone()];
    loop {
        a.update(Command::PageDown);
        let s = screen(&a);
        if Some(&s) == from_top.last() {
            break;
        }
        from_top.push(s);
    }
    assert!(from_top.len() > 4, "a few screens long");
    let mut up_from_bottom = Vec::new();
    for _ in 0..from_top.len() + 1 {
        a.update(Command::PageUp);
        up_from_bottom.push(screen(&a));
    }
    a.update(Command::Top);
    assert_eq!(screen(&a), home);
    a.update(Command::Bottom);
    assert_eq!(&screen(&a), from_top.last().unwrap(), "End is the end");
    assert!(screen(&a).contains("第 0 次调度"));
    for (k, want) in up_from_bottom.iter().enumerate() {
        a.update(Command::PageUp);
        assert_eq!(&screen(&a), want, "page {} up from the end", k + 1);
    }
    assert_eq!(screen(&a), home, "pages up from the end reach the top");
}

/// The path input (`w`) after a 1 MB paste: the row shows the part of the path
/// around the caret, inside the box, and the caret is inside the box too (it sat
/// on the right border once an ASCII path outgrew the field); Home and End bring
/// either end of the path into view, and a key costs about what it does in a
/// short path (each key redrew the whole megabyte: about 0.1 s in a release build).
#[test]
fn a_megabyte_path_shows_the_caret_and_its_neighbours_inside_the_box() {
    let _quiet = common::timing();
    for (path, start) in [
        (
            format!("/srv/共享/{}末尾.json", "督办台账-".repeat(200_000)),
            "/srv/共享/督办",
        ),
        (
            format!("/srv/{}end.json", "plan/".repeat(220_000)),
            "/srv/plan/",
        ),
    ] {
        assert!(path.len() > 1_000_000);
        let mut a = app();
        a.update(Command::WriteAs);
        assert!(matches!(a.mode, Mode::Input(_)), "the path input is open");
        a.handle(&Event::Paste(path.clone()));
        let end = &path[path.len() - 8..];
        let t = Instant::now();
        for (code, near) in [
            (None, end),
            (Some(KeyCode::Home), start),
            (Some(KeyCode::End), end),
        ] {
            if let Some(code) = code {
                a.handle(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
            }
            let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
            t.draw(|f| draw(f, &a, &Theme::dark())).unwrap();
            let cursor = t.get_cursor_position().unwrap();
            let rows = common::buffer_rows(t.backend().buffer());
            let row = &rows[cursor.y as usize];
            assert!(dubang::text::width(row) <= 80, "{row}");
            assert!(row.contains(near), "{code:?}: {near} in {row}");
            // Columns of the row: the caret is left of the box's right border.
            let cells = common::cells(row);
            let right = cells
                .iter()
                .rposition(|&c| c == '│')
                .expect("the box's border");
            assert!(
                (cursor.x as usize) < right,
                "{code:?}: caret at {} on {row}",
                cursor.x
            );
            let before: String = cells[..cursor.x as usize]
                .iter()
                .filter(|&&c| c != common::WIDE_TAIL)
                .collect();
            match code {
                Some(KeyCode::Home) => assert!(before.ends_with("│ "), "{row}"),
                _ => assert!(before.ends_with(end), "{code:?}: {before}"),
            }
        }
        // Ten keys in the middle of the path, each with its frame. A loose bound, for
        // a debug build on a busy machine (about 0.15 s a key here, 2 ms in a release
        // build: `cargo bench --bench paste`); redrawing the whole value took about
        // 4 s a key.
        for _ in 0..10 {
            a.handle(&Event::Key(KeyEvent::new(
                KeyCode::Left,
                KeyModifiers::NONE,
            )));
            screen(&a);
        }
        let took = t.elapsed();
        assert!(took < Duration::from_secs(15), "13 keys took {took:?}");
    }
}
