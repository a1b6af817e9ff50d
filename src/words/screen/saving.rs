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
pub fn waiting_for_lock(lang: Lang, holder: Option<(&str, u32)>) -> String {
    match (lang, holder) {
        (Lang::Zh, Some((who, pid))) => {
            format!("等待文件锁:{who}(进程 {pid})正在保存,可以继续操作")
        }
        (Lang::Zh, None) => "等待文件锁:另一人正在保存,可以继续操作".into(),
        (Lang::En, Some((who, pid))) => {
            format!("waiting for the file lock held by {who} (pid {pid}); keys still work")
        }
        (Lang::En, None) => {
            "waiting for the file lock (someone else is saving); keys still work".into()
        }
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

/// Edits a killed session could not save, offered on this start.
pub fn recovered(lang: Lang, count: usize) -> String {
    match lang {
        Lang::Zh => format!("找回 {count} 项上次退出前未保存的修改(行首 *):r 保存,w 另存,q 可放弃"),
        Lang::En => format!(
            "recovered {count} edit(s) not saved before the last exit (marked *): r saves them, w writes elsewhere, q can discard them"
        ),
    }
}

/// A recovery file that cannot be read: left where it is.
pub fn recovery_unreadable(lang: Lang, path: &std::path::Path) -> String {
    match lang {
        Lang::Zh => format!("恢复文件无法读取,未使用:{}", path.display()),
        Lang::En => format!(
            "cannot read the recovery file, not used: {}",
            path.display()
        ),
    }
}

/// On stderr after a signal: where the unsaved edits went.
pub fn rescued(lang: Lang, result: &Result<std::path::PathBuf, String>) -> String {
    match (lang, result) {
        (Lang::Zh, Ok(p)) => format!("dubang: 未保存的修改已存入 {},下次启动时找回", p.display()),
        (Lang::En, Ok(p)) => format!(
            "dubang: unsaved edits kept in {}; the next start offers them",
            p.display()
        ),
        (Lang::Zh, Err(e)) => format!("dubang: 未保存的修改无法存入恢复文件:{e}"),
        (Lang::En, Err(e)) => {
            format!("dubang: unsaved edits could not be kept in a recovery file: {e}")
        }
    }
}
