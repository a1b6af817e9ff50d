//! The words of the activity list (`dubang log`, the dashboard's activity view and the
//! Overview's last changes), zh and en: a field, a value, a change, what it belongs to.

use crate::lang::Lang;
use crate::registry::activity::{Activity, Subject};
use crate::registry::{HistoryEntry, Registry, Status};
use serde_json::Value;

/// A history field as the reader calls it.
pub fn field(lang: Lang, f: &str) -> String {
    let (zh, en) = match f {
        "status" => ("状态", "status"),
        "progress" => ("进度", "progress"),
        "due" => ("截止日期", "due"),
        "note" => ("备注", "note"),
        other => return other.to_string(),
    };
    lang.pick(zh, en).to_string()
}

/// A recorded value: a status in the reader's words, a progress with %, none as -.
pub fn value(lang: Lang, v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "-".into(),
        Some(Value::String(s)) => match s.parse::<Status>() {
            Ok(st) => crate::words::status(lang, st).to_string(),
            Err(_) => s.clone(),
        },
        Some(Value::Number(n)) => format!("{n}%"),
        Some(other) => other.to_string(),
    }
}

/// "进度 10% → 20%", "备注"; an undo marked 撤销 / undo.
pub fn change(lang: Lang, h: &HistoryEntry) -> String {
    let f = field(lang, &h.field);
    let mut s = if h.field == "note" || (h.from.is_none() && h.to.is_none()) {
        f
    } else {
        format!(
            "{f} {} → {}",
            value(lang, h.from.as_ref()),
            value(lang, h.to.as_ref())
        )
    };
    if h.undo {
        s = format!("{} {s}", lang.pick("撤销", "undo"));
    }
    s
}

/// "#12 标题" for a task, "目标 g2025" / "goal g2025" for a goal.
pub fn subject(lang: Lang, reg: &Registry, s: Subject) -> String {
    match s {
        Subject::Task(i) => format!("#{} {}", reg.tasks[i].number, reg.tasks[i].title),
        Subject::Goal(i) => format!("{} {}", lang.pick("目标", "goal"), reg.goals[i].id),
    }
}

/// The column headers of the list: when, who, task, change, note.
pub fn headers(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Zh => ["时间", "修改人", "任务", "修改", "备注"],
        Lang::En => ["when", "by", "task", "change", "note"],
    }
}

/// Nothing to list.
pub fn none(lang: Lang) -> &'static str {
    lang.pick("没有符合条件的修改", "no edits match")
}

/// `--by` names nobody.
pub fn unknown_person(lang: Lang, who: &str, known: &[String]) -> String {
    let list = known.join(lang.pick("、", ", "));
    match (lang, known.is_empty()) {
        (Lang::Zh, true) => format!("--by “{who}” 没有对应的人:历史里还没有任何修改"),
        (Lang::Zh, false) => format!("--by “{who}” 没有对应的人;可用的值:{list}"),
        (Lang::En, true) => format!("--by '{who}' matches nobody: the history has no edits yet"),
        (Lang::En, false) => format!("--by '{who}' matches nobody; valid values: {list}"),
    }
}

/// `--since` that is neither a date nor a number of days.
pub fn bad_since(lang: Lang, s: &str) -> String {
    match lang {
        Lang::Zh => format!("--since “{s}” 无效:请写日期(2026-06-01)或天数(7d)"),
        Lang::En => {
            format!("--since '{s}' is not a date or a number of days: use 2026-06-01 or 7d")
        }
    }
}

/// The columns of one edit: when, who (their name when the people list has it),
/// task, change, note (the first line).
pub fn row(lang: Lang, reg: &Registry, a: &Activity<'_>) -> [String; 5] {
    let h = a.entry;
    [
        h.at.format("%Y-%m-%d %H:%M").to_string(),
        crate::words::person(lang, reg, &h.by),
        subject(lang, reg, a.subject),
        change(lang, h),
        h.note
            .as_deref()
            .and_then(|n| n.lines().next())
            .unwrap_or("")
            .to_string(),
    ]
}
