//! Why typed text was refused (a progress, a date), in the reader's language: the
//! same one line under a dashboard input and after `dubang set … exit 2`.

use crate::lang::Lang;
use crate::registry::typed::{InputError, YEARS};

/// One line: what was typed, why it is no good, what to type instead.
pub fn input_error(lang: Lang, e: &InputError) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        InputError::BadProgress(s) => {
            format!("进度“{s}”无效:请给出 0 到 100 的整数(如 60 或 60%)")
        }
        InputError::ProgressOver(n) => format!("进度 {n} 超过 100:请给出 0 到 100 的百分数"),
        InputError::BadDate(s) => format!(
            "日期“{s}”无效:请按 YYYY-MM-DD 填写(如 2026-06-30,也可写 2026/6/30 或 2026年6月30日),或填 none 清除"
        ),
        InputError::NoSuchDay(s) => format!("日期“{s}”无效:日历上没有这一天,请核对月和日"),
        InputError::YearOutOfRange(s) => format!(
            "日期“{s}”无效:年份应在 {} 到 {} 之间",
            YEARS.start(),
            YEARS.end()
        ),
    }
}
