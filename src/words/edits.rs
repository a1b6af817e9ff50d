//! The dashboard's words about edits, zh and en: an undo refused because a
//! colleague changed the field since, what an edit changed (the status line), why
//! the file cannot be edited, and the quit dialog over unsaved edits.

use crate::lang::Lang;
use crate::registry::{EditError, Status};
use crate::store::Writable;
use serde_json::Value;
use std::path::Path;

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

/// "撤销" / "undo", the mark of an undo in the history and on the status line.
pub fn undo_mark(lang: Lang) -> &'static str {
    lang.pick("撤销", "undo")
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

/// Why edits are off, for the status line (at start and on every refused edit):
/// `None` is `--read-only`, else what the file check found.
pub fn read_only(lang: Lang, why: Option<&Writable>, file: &Path) -> String {
    let f = crate::registry::sanitize_line(&file.display().to_string());
    let Some(why) = why else {
        return lang
            .pick(
                "只读模式(--read-only):不能修改",
                "read-only mode (--read-only): edits are off",
            )
            .into();
    };
    match (lang, why) {
        (Lang::Zh, Writable::FileNotWritable) => format!("只读:当前用户不能写这个文件 {f}"),
        (Lang::En, Writable::FileNotWritable) => {
            format!("read-only: this user cannot write the file {f}")
        }
        (Lang::Zh, Writable::DirNotWritable(d)) => format!(
            "只读:文件所在目录 {} 不可写(保存要在目录里新建文件再改名)",
            crate::registry::sanitize_line(&d.display().to_string())
        ),
        (Lang::En, Writable::DirNotWritable(d)) => format!(
            "read-only: the directory {} is not writable (a save makes a new file there and renames it)",
            crate::registry::sanitize_line(&d.display().to_string())
        ),
        (Lang::Zh, Writable::ReadOnlyFs) => format!("只读:{f} 所在的文件系统以只读方式挂载"),
        (Lang::En, Writable::ReadOnlyFs) => {
            format!("read-only: the file system of {f} is mounted read-only")
        }
        (Lang::Zh, Writable::Missing) => format!("只读:找不到文件 {f}"),
        (Lang::En, Writable::Missing) => format!("read-only: cannot find the file {f}"),
        (_, Writable::Yes) => String::new(),
    }
}
