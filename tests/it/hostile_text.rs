//! A registry written by a hostile hand: an escape payload (OSC 52 clipboard, OSC 0
//! title, CSI 2J, the C1 CSI, a bidi override, invisible and width-ambiguous
//! characters) in every string field and in the file's path. Nothing of it may
//! reach the terminal: not through `summary`, `set`, `validate`, `report`, error
//! messages, nor the dashboard's cells. The file itself keeps what was written.

use crate::common;

use chrono::DateTime;
use dubang::lang::Lang;
use dubang::store;
use dubang::tui::app::{App, Command, Tab};
use dubang::tui::theme::Theme;
use dubang::tui::view::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Output;

/// Clipboard write, title change, screen clear, C1 CSI, bidi override, then the
/// invisible and width-disputed characters of the issue.
const PAYLOAD: &str = "\u{1b}]52;c;aGFjaw==\u{7}\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{2066}X\u{3164}\u{115f}\u{2028}\u{34f}\u{180e}\u{61c}\u{e0041}\u{ad}❤️👍🏽👨\u{200d}👩";

/// The keys whose string values are text (never ids, dates or enum values).
const TEXT_KEYS: &[&str] = &[
    "title",
    "notice",
    "issuer",
    "number",
    "source",
    "notes",
    "numeral",
    "name",
    "aliases",
    "short",
    "code",
    "horizon",
    "text",
    "updated_by",
    "by",
    "field",
    "from",
    "to",
    "note",
];

/// What must never reach a terminal: ESC, any C0/C1 control but the line break, a
/// bidi control, and the invisible characters of the payload.
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}'
            | '\u{61c}' | '\u{3164}' | '\u{115f}' | '\u{2028}' | '\u{34f}' | '\u{180e}'
            | '\u{ad}' | '\u{fe0f}' | '\u{200d}' | '\u{1f3fb}'..='\u{1f3ff}'
            | '\u{e0000}'..='\u{e007f}')
}

fn assert_clean(what: &str, text: &str) {
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| forbidden(c)) {
        let from = text[..i].char_indices().rev().nth(30).map_or(0, |(j, _)| j);
        panic!(
            "{what}: U+{:04X} reaches the terminal at byte {i}: …{:?}",
            c as u32,
            &text[from..(i + 8).min(text.len())]
        );
    }
}

fn poison(v: &mut Value, key: Option<&str>) {
    let text = key.is_some_and(|k| TEXT_KEYS.contains(&k));
    match v {
        Value::String(s) if text => s.push_str(PAYLOAD),
        Value::Array(a) => a.iter_mut().for_each(|x| poison(x, key)),
        Value::Object(o) => o.iter_mut().for_each(|(k, x)| poison(x, Some(k))),
        _ => {}
    }
}

/// The bundled plan with history on a task and a goal, a town code and aliases,
/// notes, then the payload appended to every text.
fn hostile_registry() -> Value {
    let mut reg = common::seed();
    let entry = json!({
        "at": "2026-11-20T09:00:00+08:00", "by": "张三", "field": "status",
        "from": "not_started", "to": "in_progress", "note": "已启动", "source": "台账.xlsx"
    });
    reg["tasks"][0]["history"] = json!([entry.clone()]);
    reg["tasks"][0]["updated_by"] = json!("张三");
    reg["goals"][0]["history"] = json!([entry]);
    reg["goals"][0]["horizon"] = json!("2025");
    reg["towns"][0]["code"] = json!("469002100000");
    reg["towns"][0]["aliases"] = json!(["嘉积"]);
    reg["document"]["notes"] = json!(["未能归入的一行"]);
    poison(&mut reg, None);
    reg
}

/// A directory whose name carries the payload, holding the hostile registry.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join(format!("d{PAYLOAD}"));
    std::fs::create_dir(&sub).unwrap();
    let file = sub.join("registry.json");
    let text = serde_json::to_string_pretty(&hostile_registry()).unwrap();
    std::fs::write(&file, text).unwrap();
    (dir, file)
}

fn dubang(file: &Path, args: &[&str]) -> Output {
    std::process::Command::new(common::binary())
        .arg("--file")
        .arg(file)
        .args(args)
        .env("DUBANG_USER", "李四")
        .env_remove("DUBANG_FILE")
        .env("XDG_CONFIG_HOME", file.parent().unwrap())
        .output()
        .unwrap()
}

fn check_output(what: &str, out: &Output) {
    assert_clean(
        &format!("{what} stdout"),
        &String::from_utf8_lossy(&out.stdout),
    );
    assert_clean(
        &format!("{what} stderr"),
        &String::from_utf8_lossy(&out.stderr),
    );
}

#[test]
fn no_escape_reaches_the_cli_output() {
    let (_dir, file) = setup();
    for lang in ["zh", "en"] {
        let run = |args: &[&str]| {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            dubang(&file, &all)
        };
        let out = run(&["summary"]);
        assert!(out.status.success(), "summary: {out:?}");
        check_output("summary", &out);
        let out = run(&["validate"]);
        assert!(out.status.success(), "validate: {out:?}");
        check_output("validate", &out);
        let out = run(&["set", "1", "--progress", "30", "--note", "进展顺利"]);
        assert!(out.status.success(), "set: {out:?}");
        check_output("set", &out);
        let out = run(&["set", "no-such-task", "--progress", "30"]);
        assert!(!out.status.success());
        check_output("set (unknown task)", &out);
        let out = run(&["report", "--format", "md"]);
        assert!(out.status.success(), "report: {out:?}");
        check_output("report md", &out);
        let md = file.with_file_name(format!("r{PAYLOAD}.md"));
        let out = run(&["report", "--format", "md", "--out", md.to_str().unwrap()]);
        assert!(out.status.success(), "report --out: {out:?}");
        check_output("report --out", &out);
        assert_clean("report file", &std::fs::read_to_string(&md).unwrap());
    }
    // Data on disk stays as written: the edits went on top of the payload.
    let disk: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert!(
        disk["goals"][0]["horizon"]
            .as_str()
            .unwrap()
            .ends_with(PAYLOAD),
        "the file lost what its author wrote"
    );
    // A broken registry at a hostile path: its error names the path, cleaned.
    let broken = file.with_file_name(format!("b{PAYLOAD}.json"));
    std::fs::write(&broken, "{\"format\": \"dubang/1\u{1b}[2J\"}").unwrap();
    for args in [&["validate"][..], &["summary"][..]] {
        let out = dubang(&broken, args);
        assert!(!out.status.success());
        check_output("broken registry", &out);
    }
}

#[test]
fn no_escape_reaches_the_dashboard() {
    let (_dir, file) = setup();
    let reg = store::load(&file).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    use Command::*;
    let screens: Vec<Vec<Command>> = vec![
        vec![],
        vec![GoTab(Tab::Sections), Open],
        vec![GoTab(Tab::Sections), Open, Open],
        vec![GoTab(Tab::Units), Open],
        vec![GoTab(Tab::Towns), Open],
        vec![GoTab(Tab::Goals)],
        vec![GoTab(Tab::Goals), Open],
        vec![GoTab(Tab::Units), Problems],
        vec![Help],
    ];
    for lang in [Lang::Zh, Lang::En] {
        for cmds in &screens {
            let mut app = App::new(reg.clone(), file.clone(), lang, now);
            for &c in cmds {
                app.update(c);
            }
            for (w, h) in [(80, 24), (200, 60)] {
                let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
                t.draw(|f| draw(f, &app, &Theme::dark())).unwrap();
                let cells: String = t
                    .backend()
                    .buffer()
                    .content
                    .iter()
                    .map(|c| c.symbol())
                    .collect();
                assert_clean(&format!("dashboard {cmds:?} {w}x{h}"), &cells);
            }
        }
    }
}
