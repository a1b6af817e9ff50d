//! End-to-end test of finding things (issue 5), in tmux: `/swj` filters the Units
//! list to 市水务局, which opens to its tasks and a task's detail; a link chip jumps
//! from there and Backspace / Ctrl-O come back. `:wushui` searches everything by
//! pinyin and opens a task about 污水; a query that matches nothing says so. The
//! tmux harness is in `common`.

use crate::common::*;
use serde_json::Value;

const UNIT: &str = "市水务局";

fn start(t: &Tmux, args: &[&str]) {
    let reg = t.registry_copy();
    let mut all = vec!["--file", reg.as_str()];
    all.extend_from_slice(args);
    let cmd = t.app_command("zh_CN.UTF-8", &all);
    t.spawn(80, 24, &format!("exec {cmd}"));
    t.wait_for("the overview", overview);
}

/// The selected row of the first list on the screen (the line with ▸ after a
/// box's left border).
fn selected(s: &Screen) -> Option<&str> {
    s.lines
        .iter()
        .find_map(|l| l.strip_prefix("│▸"))
        .map(str::trim)
}

/// 市水务局's first task (by number) it leads, from the bundled plan: (number, title,
/// the names of its links in the detail's order — lead, responsible).
fn first_task_of_unit(seed: &Value) -> (u64, String, Vec<String>) {
    let name_of = |id: &Value| {
        ["units", "towns"]
            .iter()
            .flat_map(|k| seed[*k].as_array().unwrap())
            .find(|e| e["id"] == *id)
            .and_then(|e| e["name"].as_str())
            .unwrap()
            .to_string()
    };
    let unit_id = seed["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == UNIT)
        .map(|u| u["id"].clone())
        .expect("市水务局 in the bundled plan");
    let task = seed["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["lead"].as_array().unwrap().contains(&unit_id))
        .min_by_key(|t| t["number"].as_u64())
        .expect("a task 市水务局 leads");
    let links = task["lead"]
        .as_array()
        .unwrap()
        .iter()
        .chain(task["responsible"].as_array().unwrap())
        .map(name_of)
        .collect();
    (
        task["number"].as_u64().unwrap(),
        task["title"].as_str().unwrap().to_string(),
        links,
    )
}

/// `/swj` → 市水务局 → its tasks → the first task → jump to a unit and a town, and back.
#[test]
fn filter_by_initials_open_jump_and_back() {
    need_tmux!();
    let seed = seed();
    let (number, title, links) = first_task_of_unit(&seed);
    assert_eq!(links[0], UNIT, "the task's first link is its lead unit");
    let town = links
        .iter()
        .find(|l| l.ends_with('镇'))
        .expect("the task names a town")
        .clone();
    let units = seed["units"].as_array().unwrap().len();
    let heading = format!("任务 {number} · {title}");

    let t = Tmux::new();
    start(&t, &[]);
    t.keys(&["3"]);
    t.wait_for("the Units tab", |s| s.has(&format!("单位 1/{units}")));
    t.keys(&["/"]);
    t.type_text("swj");
    let filtered = t.wait_for("市水务局 selected by /swj", |s| {
        s.has("/swj") && selected(s).is_some_and(|r| r.starts_with(UNIT))
    });
    assert!(
        filtered.lines.iter().any(|l| l.starts_with("/swj")),
        "the filter is being typed at the bottom:\n{}",
        filtered.dump()
    );
    let box_title = filtered.lines.iter().find(|l| l.contains("/swj")).unwrap();
    assert!(
        box_title.contains("1/") && !box_title.contains(&format!("/{units}")),
        "the list's title counts the matches, not all {units} units: {box_title:?}"
    );

    // Enter: the filter stays, the input closes.
    t.keys(&["Enter"]);
    let kept = t.wait_for("the filter kept", |s| {
        s.has("/swj")
            && !s.lines.iter().any(|l| l.starts_with("/swj"))
            && selected(s).is_some_and(|r| r.starts_with(UNIT))
    });
    // Enter: its tasks; Enter: the first one's detail.
    t.keys(&["Enter"]);
    t.wait_for("市水务局's task list focused", |s| {
        *s != kept
            && s.has(&format!("任务 · {UNIT}"))
            && s.lines
                .iter()
                .any(|l| l.starts_with(&format!("│▸{number:>4}")) && l.contains(&title))
    });
    t.keys(&["Enter"]);
    let detail = t.wait_for("the task's detail", |s| {
        s.has(&heading) && s.has(&format!(">{UNIT}<")) && s.has("全文")
    });

    // Enter on the selected link chip, the lead unit: the Units tab, 市水务局 selected
    // among all the units again (the jump clears that list's filter).
    t.keys(&["Enter"]);
    let jumped = t.wait_for("the jump to 市水务局", |s| {
        !s.has(&heading) && selected(s).is_some_and(|r| r.starts_with(UNIT))
    });
    assert!(
        jumped.last_text_line().ends_with(&format!("→ {UNIT}")),
        "the status line names the jump:\n{}",
        jumped.dump()
    );
    assert!(
        jumped.has("┌ 单位 ") && !jumped.has("/swj"),
        "the jump clears the Units filter:\n{}",
        jumped.dump()
    );
    // Backspace: back in the same detail.
    t.keys(&["BSpace"]);
    t.wait_for("the detail after Backspace", |s| *s == detail);

    // ↓ to the town's chip, Enter: the Towns tab; Ctrl-O: back again.
    t.keys(&["Down"]);
    t.wait_for("the town's chip selected", |s| {
        s.has(&heading) && s.has(&format!(">{town}<"))
    });
    let on_town = t.capture();
    t.keys(&["Enter"]);
    let jumped = t.wait_for("the jump to the town", |s| {
        !s.has(&heading) && s.has("┌ 镇区 ") && selected(s).is_some_and(|r| r.starts_with(&town))
    });
    assert!(
        jumped.last_text_line().ends_with(&format!("→ {town}")),
        "the status line names the jump:\n{}",
        jumped.dump()
    );
    t.keys(&["C-o"]);
    t.wait_for("the detail after Ctrl-O", |s| *s == on_town);
}

/// The same walk with the Units filter left on: a jump to another tab, then
/// Backspace, must return to the detail.
#[test]
fn back_after_a_jump_returns_even_with_a_filter_on_another_tab() {
    need_tmux!();
    let (number, title, links) = first_task_of_unit(&seed());
    let town = links.iter().find(|l| l.ends_with('镇')).expect("a town");
    let heading = format!("任务 {number} · {title}");
    let t = Tmux::new();
    start(&t, &[]);
    t.keys(&["3", "/"]);
    t.type_text("swj");
    t.wait_for("/swj", |s| selected(s).is_some_and(|r| r.starts_with(UNIT)));
    t.keys(&["Enter", "Enter", "Enter"]);
    t.wait_for("the task's detail", |s| s.has(&heading));
    // The second chip is the first responsible town, on the Towns tab.
    t.keys(&["Down"]);
    let detail = t.wait_for("the town's chip selected", |s| {
        s.has(&heading) && s.has(&format!(">{town}<"))
    });
    t.keys(&["Enter"]);
    t.wait_for("the Towns tab", |s| !s.has(&heading) && s.has("┌ 镇区 "));
    t.keys(&["BSpace"]);
    t.wait_for("the detail after Backspace", |s| *s == detail);
}

/// `:` searches everything: `wushui` finds the tasks about 污水 and Enter opens one;
/// `qqqzzz` finds nothing and says so.
#[test]
fn search_everything_by_pinyin() {
    need_tmux!();
    let t = Tmux::new();
    start(&t, &[]);
    t.keys(&[":"]);
    t.wait_for("the search popup", |s| {
        s.has("搜索") && s.has("swj → 市水务局")
    });
    t.type_text("wushui");
    let hits = t.wait_for("hits for wushui", |s| {
        s.has("> wushui") && s.lines.iter().any(|l| l.contains("▸ 任务 "))
    });
    let rows: Vec<&String> = hits.lines.iter().filter(|l| l.contains(" 任务 ")).collect();
    assert!(
        !rows.is_empty() && rows.iter().all(|l| l.contains("污水")),
        "every hit shows the 污水 it matched:\n{}",
        hits.dump()
    );
    // The first hit's task number: the one Enter opens.
    let first = rows
        .iter()
        .find_map(|l| l.split("▸ 任务 ").nth(1))
        // Numbers are right-aligned in their column.
        .and_then(|r| r.trim_start().split(' ').next())
        .expect("the selected hit's task number")
        .to_string();
    t.keys(&["Enter"]);
    let opened = t.wait_for("the hit's detail", |s| {
        s.has(&format!("┌ 任务 {first} · ")) && s.has("全文")
    });
    assert!(
        opened.has("污水"),
        "the task's text has 污水:\n{}",
        opened.dump()
    );

    t.keys(&["Escape"]);
    t.wait_for("back from the detail", |s| {
        !s.has(&format!("┌ 任务 {first} · "))
    });
    t.keys(&[":"]);
    t.wait_for("the search popup", |s| s.has("swj → 市水务局"));
    t.type_text("qqqzzz");
    let none = "没有匹配“qqqzzz”";
    t.wait_for("nothing matches", |s| s.has("> qqqzzz") && s.has(none));
    // Enter has nothing to open; Esc closes the popup.
    t.keys(&["Enter"]);
    t.wait_for("still nothing", |s| s.has(none));
    t.keys(&["Escape"]);
    t.wait_for("the popup closed", |s| !s.has(none) && !s.has("> qqqzzz"));
}

/// In English the empty result says "nothing matches".
#[test]
fn search_with_no_match_says_so_in_english() {
    need_tmux!();
    let t = Tmux::new();
    start(&t, &["--lang", "en"]);
    t.keys(&[":"]);
    t.type_text("qqqzzz");
    t.wait_for("nothing matches", |s| s.has("nothing matches 'qqqzzz'"));
}
