//! Words about an edit's fields and values, zh and en: a field's name, a history
//! value as people read it, and an undo refused because someone changed the field
//! since (an [`EditError`], said on the status line and by `dubang set`).

use crate::lang::Lang;
use crate::registry::{EditError, Status};
use serde_json::Value;

/// A field's name as the history shows it.
pub fn field(lang: Lang, field: &str) -> String {
    let (zh, en) = match field {
        "status" => ("状态", "status"),
        "progress" => ("进度", "progress"),
        "due" => ("截止日期", "due date"),
        "note" => ("备注", "note"),
        other => return other.to_string(),
    };
    lang.pick(zh, en).to_string()
}

/// A history value as people read it: a status by its name, progress with %, a
/// date as it is, nothing as "-".
pub fn value(lang: Lang, v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => match s.parse::<Status>() {
            Ok(st) => super::status(lang, st).to_string(),
            Err(_) => s.clone(),
        },
        Some(Value::Number(n)) => format!("{n}%"),
        Some(Value::Null) | None => "-".into(),
        Some(other) => other.to_string(),
    }
}

/// Why an undo was refused: who changed the field since, when, to what.
pub fn changed_since(lang: Lang, e: &EditError) -> String {
    let EditError::ChangedSince {
        field: f,
        by,
        at,
        now,
    } = e
    else {
        return super::edit_error(lang, e);
    };
    let f = field(lang, f);
    let now = value(lang, now.as_ref());
    let when = at.map(|t| t.format("%m-%d %H:%M").to_string());
    match lang {
        Lang::Zh => {
            let who = match (by, &when) {
                (Some(b), Some(w)) => format!("已被 {b} 于 {w} 改为"),
                (Some(b), None) => format!("已被 {b} 改为"),
                _ => "已被改为".into(),
            };
            format!("未撤销:{f}{who} {now},保留对方的修改")
        }
        Lang::En => {
            let who = match (by, &when) {
                (Some(b), Some(w)) => format!(" by {b} at {w}"),
                (Some(b), None) => format!(" by {b}"),
                _ => String::new(),
            };
            format!("not undone: the {f} was changed to {now}{who} since; their change stays")
        }
    }
}
