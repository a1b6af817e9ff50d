//! The reader's language and the keys in force, end to end: the popups drawn in both
//! languages (snapshots), the bundled plan opening in Chinese under `LANG=C.UTF-8`,
//! `--lang zh` errors (the importer's problems too) in Chinese, and a rebinding
//! reaching the picker and the slides of the real binary.

use crate::common::{self, *};
use chrono::DateTime;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dubang::lang::Lang;
use dubang::store;
use dubang::tui::app::{App, Command, Tab};
use dubang::tui::theme::Theme;
use dubang::tui::view::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

fn app(lang: Lang) -> App {
    let reg = store::parse_bytes(Path::new("registry.json"), store::BUNDLED.as_bytes()).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    App::new(reg, PathBuf::from("/srv/dubang/registry.json"), lang, now)
}

fn render(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, app, &Theme::dark())).unwrap();
    let rows = common::buffer_rows(t.backend().buffer());
    for (y, r) in rows.iter().enumerate() {
        assert_eq!(dubang::text::width(r), w as usize, "row {y}: {r:?}");
    }
    rows.join("\n")
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
}

/// How to get to a popup.
type Reach = fn(&mut App);

/// (name, how to get there) of each popup.
fn popups() -> Vec<(&'static str, Reach)> {
    use Command::*;
    vec![
        ("picker", |a: &mut App| {
            for c in [GoTab(Tab::Sections), Down, Open, Down, Status] {
                a.update(c);
            }
            typed(a, "j");
        }),
        ("note", |a: &mut App| {
            for c in [GoTab(Tab::Sections), Down, Open, Down, Note] {
                a.update(c);
            }
            typed(a, "已召开推进会");
        }),
        ("due_error", |a: &mut App| {
            for c in [GoTab(Tab::Sections), Down, Open, Down, Due] {
                a.update(c);
            }
            typed(a, "2026-13-01");
            a.handle(&Event::Key(KeyEvent::new(
                KeyCode::Enter,
                KeyModifiers::NONE,
            )));
        }),
        ("search_empty", |a: &mut App| {
            a.update(Search);
        }),
        ("search", |a: &mut App| {
            a.update(Search);
            typed(a, "swj");
        }),
        ("filter", |a: &mut App| {
            for c in [GoTab(Tab::Sections), Down, Open, Down, Filter] {
                a.update(c);
            }
            typed(a, "wushui");
        }),
        ("quit_unsaved", |a: &mut App| {
            unsaved_edit(a);
            a.update(Quit);
        }),
        ("quit_discard", |a: &mut App| {
            unsaved_edit(a);
            a.update(Quit);
            typed(a, "d");
        }),
    ]
}

/// An edit kept after a failed save, on task 12 (shown on top of the registry).
fn unsaved_edit(a: &mut App) {
    use dubang::registry::{Edit, EditTarget, Op, Status};
    for c in [Command::GoTab(Tab::Sections), Command::Down, Command::Open] {
        a.update(c);
    }
    a.pending.push(Edit {
        target: EditTarget::Task("t12".into()),
        op: Op::SetStatus {
            to: Status::InProgress,
        },
        note: None,
        by: "liwei".into(),
        at: a.now,
    });
}

#[test]
fn every_popup_in_both_languages() {
    for (lang, tag) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        for (name, reach) in popups() {
            let mut a = app(lang);
            reach(&mut a);
            insta::assert_snapshot!(format!("popup_{name}_{tag}_80x24"), render(&a, 80, 24));
        }
    }
}

/// `dubang ARGS` with a clean environment and the given LANG.
fn dubang(home: &Path, lang_env: &str, args: &[&str]) -> std::process::Output {
    Process::new(binary())
        .args(args)
        .env_remove("DUBANG_FILE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("SUDO_USER", "tester")
        .env("LANG", lang_env)
        .output()
        .expect("the binary runs")
}

/// Words of two ASCII letters or more outside paths, back-quoted commands, quoted
/// values, options and the OS's own words in parentheses.
fn english(s: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut skip: Option<char> = None;
    for c in s.chars() {
        match (skip, c) {
            (None, '`') => skip = Some('`'),
            (None, '“') => skip = Some('”'),
            (Some(close), c) if c == close => skip = None,
            (Some(_), _) => {}
            (None, c) => plain.push(c),
        }
    }
    let allowed = [
        "dubang",
        "YYYY-MM-DD",
        "none",
        "UTF-8",
        "id",
        "JSON",
        "json",
        "os",
        "error",
        // A product's name and an option's metavariable (`--towns FILE`).
        "Word",
        "FILE",
    ];
    plain
        .split(|c: char| c.is_whitespace() || (!c.is_ascii() && c != '-'))
        .flat_map(|w| w.split([':', ',', '(', ')', '、', ';']))
        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 2)
        .filter(|w| !w.contains('/') && !w.starts_with("--") && !w.contains('.'))
        .filter(|w| !allowed.contains(w))
        .map(str::to_string)
        .collect()
}

#[test]
fn lang_zh_says_every_cli_error_in_chinese() {
    let home = tempfile::tempdir().unwrap();
    let reg = home.path().join("registry.json");
    std::fs::write(&reg, store::BUNDLED).unwrap();
    let file = reg.to_str().unwrap();
    let missing = home.path().join("nowhere.json");
    let missing = missing.to_str().unwrap();
    let cases: &[&[&str]] = &[
        &["set", "99", "done", "--file", file],
        &["set", "12", "--due", "2026-13-01", "--file", file],
        &["set", "12", "--progress", "abc", "--file", file],
        &["set", "12", "doing", "--file", file],
        &["set", "12", "--file", file],
        &["set", "12", "done", "--progress", "50", "--file", file],
        &["validate", "--file", missing],
        &["summary", "--file", missing],
        &["import", missing],
        &[
            "report", "--format", "md", "--status", "foo", "--file", file,
        ],
        &[
            "report",
            "--format",
            "csv",
            "--out",
            "/nonexistent/x.csv",
            "--file",
            file,
        ],
        &["report", "--format", "md", "--file", missing],
        &["ledger", "send", "--unit", "swj", "--file", file],
        &["ledger", "send", "--file", file],
    ];
    for args in cases {
        let mut all = vec!["--lang", "zh"];
        all.extend_from_slice(args);
        let out = dubang(home.path(), "C.UTF-8", &all);
        let err = String::from_utf8_lossy(&out.stderr);
        // A value `set` cannot take is a usage error; the rest failed on the data.
        let usage = (args[0] == "set"
            && (args.contains(&"--due") || args.contains(&"abc") || args.contains(&"doing")))
            || args.contains(&"foo")
            || (args[0] == "ledger" && !args.contains(&missing));
        let code = if usage { 2 } else { 1 };
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        assert!(err.starts_with("dubang: "), "{args:?}: {err}");
        let words = english(err.trim_start_matches("dubang: "));
        assert!(words.is_empty(), "{args:?}: {err}\n  English: {words:?}");
        assert!(err.chars().any(|c| c > '\u{2e80}'), "{args:?}: {err}");
    }
    // And what succeeds says so in Chinese.
    let out = dubang(
        home.path(),
        "C.UTF-8",
        &["--lang", "zh", "set", "12", "推进中", "--file", file],
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(
        said.starts_with("任务 12:未启动 → 推进中,已保存到 "),
        "{said}"
    );
    let out = dubang(
        home.path(),
        "C.UTF-8",
        &["--lang", "zh", "validate", "--file", file],
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("有效(8 个章节,28 项任务"), "{said}");
}

/// Broken documents and the English the importer says of each, with its place.
const BROKEN: &[(&str, &[u8], &str)] = &[
    (
        "unclosed.txt",
        "一、重点任务\n1.做事（市水务局负责）\n2.建设（牵头单位：市水务局\n".as_bytes(),
        ":3:5: task 2: the annotation opened with （ is not closed: expected ） at the end of the task",
    ),
    (
        "order.txt",
        "一、重点任务\n1.做事（市水务局负责）\n3.建设（市水务局负责）\n".as_bytes(),
        ":3:1: expected task 2 here, found task 3: tasks must be numbered in order",
    ),
    (
        "part.txt",
        "一、重点任务\n1.做事（市水务局负责）\n二、主要任务\n说明文字。\n".as_bytes(),
        ":3:1: part 二、主要任务 holds no task while other parts do",
    ),
    ("empty.txt", b"", ":1:1: the document is empty"),
    ("binary.txt", b"ab\n\0cd", ":2:1: binary data here"),
];

/// Each line of stderr is `dubang: FILE:LINE:COLUMN: ` and Chinese after it.
fn chinese_problems(path: &str, err: &str) {
    assert!(!err.trim().is_empty());
    for line in err.lines() {
        let rest = line
            .strip_prefix("dubang: ")
            .and_then(|l| l.strip_prefix(path))
            .unwrap_or_else(|| panic!("not `dubang: {path}…`: {line}"));
        let (place, said) = rest[1..]
            .split_once(": ")
            .unwrap_or_else(|| panic!("no place: {line}"));
        let (l, c) = place.split_once(':').expect("LINE:COLUMN");
        assert!(
            l.parse::<usize>().is_ok() && c.parse::<usize>().is_ok(),
            "{line}"
        );
        let words = english(said);
        assert!(words.is_empty(), "{line}\n  English: {words:?}");
        assert!(said.chars().any(|c| c > '\u{2e80}'), "{line}");
    }
}

#[test]
fn lang_zh_says_import_problems_in_chinese_and_lang_en_in_english() {
    let home = tempfile::tempdir().unwrap();
    for (name, bytes, english_says) in BROKEN {
        let doc = home.path().join(name);
        std::fs::write(&doc, bytes).unwrap();
        let path = doc.to_str().unwrap();
        let out = dubang(home.path(), "C.UTF-8", &["--lang", "zh", "import", path]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        chinese_problems(path, &err);
        // A Chinese document under a locale that names no language: Chinese too.
        if std::str::from_utf8(bytes).is_ok_and(|t| t.chars().any(|c| c > '\u{2e80}')) {
            let out = dubang(home.path(), "C.UTF-8", &["import", path]);
            chinese_problems(path, &String::from_utf8_lossy(&out.stderr));
        }
        // --lang en (or an English locale) keeps the English words.
        for (lang_env, args) in [
            ("C.UTF-8", &["--lang", "en", "import", path][..]),
            ("en_GB.UTF-8", &["import", path]),
        ] {
            let out = dubang(home.path(), lang_env, args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{name}: {err}");
            assert!(
                err.contains(&format!("dubang: {path}{english_says}")),
                "{name}: {err}"
            );
        }
    }
}

#[test]
fn lang_zh_import_check_and_allow_partial_say_their_problems_in_chinese() {
    let home = tempfile::tempdir().unwrap();
    let (name, bytes, english_says) = BROKEN[1];
    let doc = home.path().join(name);
    std::fs::write(&doc, bytes).unwrap();
    let path = doc.to_str().unwrap();
    let out = dubang(
        home.path(),
        "C.UTF-8",
        &["--lang", "zh", "import", "--check", path],
    );
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    let problems: Vec<&str> = report
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .filter(|l| l.starts_with(path))
        .collect();
    assert_eq!(problems.len(), 1, "{report}");
    chinese_problems(path, &format!("dubang: {}", problems[0]));
    assert!(
        problems[0].contains(":3:1: 此处应为第 2 项任务，却是第 3 项"),
        "{report}"
    );
    for line in report.lines() {
        let words = english(line);
        assert!(words.is_empty(), "{line}\n  English: {words:?}");
    }
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        english(err.trim_start_matches("dubang: ")).is_empty(),
        "{err}"
    );
    assert!(err.contains("1 处无法定位"), "{err}");

    // --allow-partial: what was left out, the notes and what was written.
    let json = home.path().join("out.json");
    let json = json.to_str().unwrap();
    let args = ["import", "--allow-partial", path, "-o", json];
    let out = dubang(
        home.path(),
        "C.UTF-8",
        &[&["--lang", "zh"][..], &args].concat(),
    );
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    for line in err.lines() {
        let words = english(line.trim_start_matches("dubang: "));
        assert!(words.is_empty(), "{line}\n  English: {words:?}");
    }
    assert!(err.contains("dubang: 未导入："), "{err}");
    assert!(err.contains("dubang: 已写入 "), "{err}");
    let saved = std::fs::read_to_string(json).unwrap();
    assert!(
        saved.contains("未导入：第 3 行第 1 列：此处应为第 2 项任务"),
        "{saved}"
    );
    // And in English when asked.
    let out = dubang(
        home.path(),
        "C.UTF-8",
        &[&["--lang", "en"][..], &args].concat(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("dubang: left out: {path}{english_says}")),
        "{err}"
    );
    assert!(err.contains("dubang: wrote "), "{err}");

    // A town list that cannot be used, said in the document's language.
    let towns = home.path().join("towns.json");
    std::fs::write(&towns, r#"{"towns": []}"#).unwrap();
    let towns = towns.to_str().unwrap();
    let out = dubang(home.path(), "C.UTF-8", &["import", "--towns", towns, path]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.trim(), format!("dubang: {towns}：镇（区）名单是空的"));
}

#[test]
fn a_locale_that_names_no_language_opens_the_plan_in_its_own() {
    need_tmux!();
    let t = Tmux::new();
    // The bundled plan, as a bare `dubang` on a fresh server opens it.
    t.spawn(80, 24, &format!("exec {}", t.app_command("C.UTF-8", &[])));
    let s = t.wait_for("the overview in Chinese", |s| {
        s.has_all(&["概览", "章节", "单位"])
    });
    assert!(!s.has("Overview"), "{}", s.dump());
    t.keys(&["q"]);
    let t = Tmux::new();
    t.spawn(
        80,
        24,
        &format!("exec {}", t.app_command("POSIX", &["--lang", "en"])),
    );
    t.wait_for("--lang en wins", |s| s.has_all(&["Overview", "Sections"]));
    t.keys(&["q"]);
    let t = Tmux::new();
    t.spawn(
        80,
        24,
        &format!("exec {}", t.app_command("en_US.UTF-8", &[])),
    );
    t.wait_for("a locale naming English wins over the plan", |s| {
        s.has("Overview")
    });
    t.keys(&["q"]);
}

#[test]
fn rebound_keys_reach_the_picker_and_the_slides() {
    need_tmux!();
    let t = Tmux::new();
    t.write_config(
        "[keys]\nquit = \"X\"\ndown = [\"J\", \"Down\"]\n[keys.picker]\nconfirm = \"y\"\n",
    );
    let reg = t.registry_copy();
    t.spawn(
        100,
        30,
        &format!(
            "exec {}",
            t.app_command("C.UTF-8", &["--lang", "en", "--file", &reg])
        ),
    );
    t.wait_for("the overview", |s| s.has("Overview"));
    // Sections, the first section's tasks, the picker: its hints name y.
    t.keys(&["2", "Enter", "s"]);
    t.wait_for("the picker's hint names y", |s| {
        s.has(" y picks") && s.has("↑J y  Esc cancels")
    });
    t.keys(&["J", "Enter"]);
    t.wait_for("Enter does not pick any more", |s| s.has(" y picks"));
    t.keys(&["y"]);
    t.wait_for("y picked in progress", |s| {
        s.has("未启动 → 推进中") || s.has("not started → in progress")
    });
    // Presentation: J pages, q does nothing, x leaves.
    t.keys(&["P"]);
    t.wait_for("the first slide", |s| s.has("1 / 13"));
    t.keys(&["J"]);
    t.wait_for("J pages on", |s| s.has("2 / 13"));
    t.keys(&["q", "J"]);
    t.wait_for("q did not leave", |s| s.has("3 / 13"));
    t.keys(&["X"]);
    t.wait_for("x left the slides", |s| s.has("Sections") && !s.has("/ 13"));
    t.keys(&["X"]);
    t.wait_format("#{pane_dead}", |v| v.trim() == "1", "X quits");
}
