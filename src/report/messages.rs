//! What `dubang report` and `dubang ledger` say on standard error — a filter value
//! that names nothing, a binary file refused on a terminal, what was written, a
//! write that failed — in the reader's language, so a Chinese report run says no
//! English sentence.

use super::filter::UnknownValue;
use crate::lang::Lang;
use std::path::Path;

/// `--unit 'swj' could mean several; say which: 市水务局, 市商务局`.
pub fn unknown_value(lang: Lang, e: &UnknownValue) -> String {
    let list = e.valid.join(lang.pick("、", ", "));
    match (lang, e.ambiguous) {
        (Lang::Zh, true) => format!("{} “{}” 可指多个,请写明是哪一个:{list}", e.option, e.value),
        (Lang::Zh, false) => format!("{} “{}” 没有对应的项;可用的值:{list}", e.option, e.value),
        (Lang::En, _) => e.to_string(),
    }
}

/// xlsx and docx are never written to a terminal.
pub fn binary_needs_out(lang: Lang, ext: &str) -> String {
    match lang {
        Lang::Zh => format!(".{ext} 文件不能显示在终端上:请加 --out 文件.{ext}(或用管道)"),
        Lang::En => {
            format!(
                "a .{ext} file cannot be shown in a terminal: add --out FILE.{ext} (or pipe it)"
            )
        }
    }
}

pub fn no_match(lang: Lang) -> String {
    lang.pick(
        "没有符合筛选条件的任务;报告只有表头",
        "no task matches the filters; the report has its headers only",
    )
    .to_string()
}

pub fn wrote(lang: Lang, path: &Path, tasks: usize) -> String {
    match lang {
        Lang::Zh => format!("已写入 {}({tasks} 项任务)", path.display()),
        Lang::En => format!("wrote {} ({tasks} tasks)", path.display()),
    }
}

/// The report or a unit's workbook could not be made (an error of the writer).
pub fn cannot_make(lang: Lang, e: &dyn std::fmt::Display) -> String {
    match lang {
        Lang::Zh => format!("无法生成文件({e})"),
        Lang::En => format!("cannot make the file ({e})"),
    }
}

/// `PATH: cannot write (no such directory)`; `why` is already in the reader's language.
pub fn cannot_write(lang: Lang, path: &Path, why: &str) -> String {
    match lang {
        Lang::Zh => format!("{}:无法写入({why})", path.display()),
        Lang::En => format!("{}: cannot write ({why})", path.display()),
    }
}

pub fn cannot_write_stdout(lang: Lang, e: &std::io::Error) -> String {
    match lang {
        Lang::Zh => format!("无法写到标准输出({e})"),
        Lang::En => format!("cannot write to standard output ({e})"),
    }
}

pub fn cannot_make_dir(lang: Lang, path: &Path, why: &str) -> String {
    match lang {
        Lang::Zh => format!("{}:无法创建目录({why})", path.display()),
        Lang::En => format!("{}: cannot make the directory ({why})", path.display()),
    }
}

pub fn say_which_units(lang: Lang) -> String {
    lang.pick(
        "请说明发给哪些单位:--unit 名称(可重复)或 --all-units",
        "say which units: --unit NAME (repeatable) or --all-units",
    )
    .to_string()
}

pub fn no_task_to_send(lang: Lang, unit: &str) -> String {
    match lang {
        Lang::Zh => format!("{unit} 在本方案中没有任务:无表可发"),
        Lang::En => format!("{unit} has no task in this plan: no sheet to send"),
    }
}
