//! Editing on the dashboard: the undo mark, why the file cannot be edited, and the
//! dialog on quitting with unsaved edits.

use crate::lang::Lang;
use crate::store::Writable;
use std::path::Path;

/// One field per phrase: [`ZH`] and [`EN`] must both give each one.
pub struct Edits {
    /// The mark of an undo, in the history and on the status line.
    pub undo: &'static str,
    /// Between the fields one edit changed ("未启动 → 推进中,0% → 60%").
    pub list_sep: &'static str,
    pub quit_title: &'static str,
    pub quit_retry: &'static str,
    pub quit_write_as: &'static str,
    pub quit_discard: &'static str,
}

pub const ZH: Edits = Edits {
    undo: "撤销",
    list_sep: ",",
    quit_title: "退出前:有未保存的修改",
    quit_retry: "重试保存,成功后退出",
    quit_write_as: "另存到其他路径,成功后退出",
    quit_discard: "放弃这些修改并退出",
};

pub const EN: Edits = Edits {
    undo: "undo",
    list_sep: ", ",
    quit_title: "Quit: unsaved edits",
    quit_retry: "retry the save, then quit",
    quit_write_as: "write to another path, then quit",
    quit_discard: "quit and discard these edits",
};

/// Why edits are off, for the status line (at start and on every refused edit):
/// `None` is `--read-only`, else what the file check found. The cause comes
/// first, so a narrow status line still shows it.
pub fn read_only(lang: Lang, why: Option<&Writable>, file: &Path) -> String {
    let f = crate::registry::sanitize_line(&file.display().to_string());
    let zh = lang == Lang::Zh;
    let Some(why) = why else {
        return if zh {
            "只读模式(--read-only):不能修改".into()
        } else {
            "read-only mode (--read-only): edits are off".into()
        };
    };
    match why {
        Writable::FileNotWritable if zh => format!("只读:文件不可写 {f}"),
        Writable::FileNotWritable => format!("read-only: file not writable: {f}"),
        Writable::DirNotWritable(d) => {
            let d = crate::registry::sanitize_line(&d.display().to_string());
            if zh {
                format!("只读:所在目录不可写 {d}(保存要在目录里新建文件再改名)")
            } else {
                format!(
                    "read-only: directory not writable: {d} (a save makes a new file there and renames it)"
                )
            }
        }
        Writable::ReadOnlyFs if zh => format!("只读:文件系统只读挂载 {f}"),
        Writable::ReadOnlyFs => format!("read-only: file system mounted read-only: {f}"),
        Writable::Missing if zh => format!("只读:找不到文件 {f}"),
        Writable::Missing => format!("read-only: cannot find the file {f}"),
        Writable::Yes => String::new(),
    }
}

/// The quit dialog's first line: how many edits the file has not taken.
pub fn quit_unsaved(lang: Lang, pending: usize) -> String {
    match lang {
        Lang::Zh => format!("有 {pending} 处修改还没有写入文件。"),
        Lang::En if pending == 1 => "1 edit is not in the file yet.".into(),
        Lang::En => format!("{pending} edits are not in the file yet."),
    }
}

/// Under the choices: the confirm key takes the selected one, cancel goes back.
pub fn quit_keys(lang: Lang, confirm: &str, cancel: &str) -> String {
    match lang {
        Lang::Zh => format!("{confirm} 选定  {cancel} 返回,修改仍保留"),
        Lang::En => format!("{confirm} chooses  {cancel} goes back, edits kept"),
    }
}

/// The confirmation asked before discarding.
pub fn quit_confirm(lang: Lang, confirm: &str, cancel: &str) -> String {
    match lang {
        Lang::Zh => format!("确定放弃?按 {confirm} 放弃并退出,{cancel} 返回"),
        Lang::En => format!("Discard them? {confirm} discards and quits, {cancel} goes back"),
    }
}

/// The hint line while the quit dialog is open.
pub fn quit_hint(lang: Lang, retry: &str, write: &str, discard: &str, cancel: &str) -> String {
    match lang {
        Lang::Zh => format!("{retry} 重试  {write} 另存  {discard} 放弃  {cancel} 返回"),
        Lang::En => {
            format!("{retry} retries  {write} writes elsewhere  {discard} discards  {cancel} back")
        }
    }
}
