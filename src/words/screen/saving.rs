//! The words of a save running in the background: the status line while it runs
//! or waits for the lock, and quitting once it is done.

use crate::lang::Lang;

/// The status line while edits are on their way to the file.
pub fn saving(lang: Lang, count: usize) -> String {
    match lang {
        Lang::Zh => format!("正在保存 {count} 项修改(行首 * 为未存入文件)"),
        Lang::En => format!("saving {count} edit(s) (rows marked * are not in the file yet)"),
    }
}

/// The status line while the save waits for someone else's lock; `holder` is
/// who holds it, when the system says.
pub fn waiting_for_lock(lang: Lang, holder: Option<&str>) -> String {
    match (lang, holder) {
        (Lang::Zh, Some(h)) => format!("等待文件锁({h} 正在保存),可以继续操作"),
        (Lang::Zh, None) => "等待文件锁(另一人正在保存),可以继续操作".into(),
        (Lang::En, Some(h)) => format!("waiting for the file lock (held by {h}); keys still work"),
        (Lang::En, None) => "waiting for the file lock (someone else is saving); keys still work".into(),
    }
}

/// `q` while a save runs: the dashboard quits once it is done.
pub fn quit_after_save(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "保存完成后退出",
        Lang::En => "quitting once the save is done",
    }
}

/// Marks a task row whose edit is not in the file yet (on its way, or kept from a
/// failed save). One narrow column in every terminal.
pub const UNSAVED_MARK: &str = "*";
