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
        (Lang::Zh, Writable::FileNotWritable) => format!("只读:文件不可写 {f}"),
        (Lang::En, Writable::FileNotWritable) => {
            format!("read-only: file not writable: {f}")
        }
        (Lang::Zh, Writable::DirNotWritable(d)) => format!(
            "只读:所在目录不可写 {}(保存要在目录里新建文件再改名)",
            crate::registry::sanitize_line(&d.display().to_string())
        ),
        (Lang::En, Writable::DirNotWritable(d)) => format!(
            "read-only: directory not writable: {} (a save makes a new file there and renames it)",
            crate::registry::sanitize_line(&d.display().to_string())
        ),
        (Lang::Zh, Writable::ReadOnlyFs) => format!("只读:文件系统只读挂载 {f}"),
        (Lang::En, Writable::ReadOnlyFs) => {
            format!("read-only: file system mounted read-only: {f}")
        }
        (Lang::Zh, Writable::Missing) => format!("只读:找不到文件 {f}"),
        (Lang::En, Writable::Missing) => format!("read-only: cannot find the file {f}"),
        (_, Writable::Yes) => String::new(),
    }
}

/// A choice of the quit dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuitChoice {
    Retry,
    WriteAs,
    Discard,
}

/// The quit dialog's words, for `pending` unsaved edits.
pub struct QuitWords {
    lang: Lang,
    pub title: String,
    pub unsaved: String,
}

pub fn quit_words(lang: Lang, pending: usize) -> QuitWords {
    QuitWords {
        lang,
        title: lang
            .pick("退出前:有未保存的修改", "Quit: unsaved edits")
            .into(),
        unsaved: match lang {
            Lang::Zh => format!("有 {pending} 处修改还没有写入文件。"),
            Lang::En if pending == 1 => "1 edit is not in the file yet.".into(),
            Lang::En => format!("{pending} edits are not in the file yet."),
        },
    }
}

impl QuitWords {
    pub fn choice(&self, c: QuitChoice) -> &'static str {
        match c {
            QuitChoice::Retry => self
                .lang
                .pick("重试保存,成功后退出", "retry the save, then quit"),
            QuitChoice::WriteAs => self.lang.pick(
                "另存到其他路径,成功后退出",
                "write to another path, then quit",
            ),
            QuitChoice::Discard => self
                .lang
                .pick("放弃这些修改并退出", "quit and discard these edits"),
        }
    }

    /// Under the choices: Enter takes the selected one, Esc goes back.
    pub fn keys(&self, confirm: &str, cancel: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{confirm} 选定  {cancel} 返回,修改仍保留"),
            Lang::En => format!("{confirm} chooses  {cancel} goes back, edits kept"),
        }
    }

    /// The confirmation asked before discarding.
    pub fn confirm(&self, confirm: &str, cancel: &str) -> String {
        match self.lang {
            Lang::Zh => format!("确定放弃?按 {confirm} 放弃并退出,{cancel} 返回"),
            Lang::En => format!("Discard them? {confirm} discards and quits, {cancel} goes back"),
        }
    }

    /// The hint line while the dialog is open.
    pub fn hint(&self, retry: &str, write: &str, discard: &str, cancel: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{retry} 重试  {write} 另存  {discard} 放弃  {cancel} 返回"),
            Lang::En => format!(
                "{retry} retries  {write} writes elsewhere  {discard} discards  {cancel} back"
            ),
        }
    }
}

/// After a save or a write elsewhere that went through (the status line).
pub fn written_to(lang: Lang, path: &Path) -> String {
    let p = crate::registry::sanitize_line(&path.display().to_string());
    format!("{} {p}", lang.pick("已另存到", "written to"))
}
