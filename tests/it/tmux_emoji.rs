//! Emoji whose width terminals disagree on (VS16 presentation, skin tones, ZWJ
//! families, flags) and the Hangul filler U+3164 in a task title, through a real
//! terminal at 80 columns: every captured row has the width tmux gives it and the
//! boxes keep their borders, in the task list and in the task's detail.

use crate::common::{self, Tmux, have_tmux, layout};

#[test]
fn emoji_in_a_title_keep_rows_and_borders_intact() {
    if !have_tmux() {
        eprintln!("skipped: tmux is not installed");
        return;
    }
    let t = Tmux::new();
    let mut reg = common::seed();
    let row = "❤️👍🏽👨\u{200d}👩\u{200d}👧\u{3164}🇨🇳☺️✌🏿\u{115f}👩\u{200d}💻";
    let title = reg["tasks"][0]["title"].as_str().unwrap().to_string();
    reg["tasks"][0]["title"] = format!("{row}{title}{}", row.repeat(3)).into();
    let file = t.path("emoji.json");
    std::fs::write(&file, serde_json::to_string_pretty(&reg).unwrap()).unwrap();
    let cmd = t.app_command("zh_CN.UTF-8", &["--file", file.to_str().unwrap()]);
    t.spawn(80, 24, &format!("exec {cmd}"));
    t.wait_for("the overview", common::overview);
    // Sections, into the first section's tasks (the emoji row), then its detail.
    // Each step waits for a mark of its screen: the list's title, then the task
    // list's selected row, then the detail's full-text heading.
    let steps: [(&str, &str, &str); 3] = [
        ("2", "sections", "章节 1/8"),
        ("Enter", "tasks", "▸   1 "),
        ("Enter", "detail", "全文"),
    ];
    for (key, what, mark) in steps {
        t.keys(&[key]);
        let s = t.wait_for(what, |s| s.has("持续巩固") && s.has(mark));
        if let Err(e) = layout(&s) {
            panic!("{what}: {e}\n{}", s.dump());
        }
    }
}
