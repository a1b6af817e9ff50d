//! What people type, read once for every door in: the dashboard's inputs, `dubang
//! set`, report filters and the units' returned sheets. Chinese users type with an
//! input method that gives full-width digits (`６０％`), Chinese dates
//! (`2025年6月30日`) and their own words for a status (进行中, 完成); all of them
//! are accepted here, and anything else is refused with its reason.

use super::Status;
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// The years a plan's date can sensibly fall in; `0000-01-01` is a typing slip.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Why typed text was refused. `Display` is English (logs, tests); the reader's
/// language is in `words::input_error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Not a whole number (with or without %).
    BadProgress(String),
    /// A number over 100.
    ProgressOver(u64),
    /// No date in any form we know.
    BadDate(String),
    /// Shaped like a date, but the calendar has no such day (2025-02-30).
    NoSuchDay(String),
    /// A real day outside [`YEARS`].
    YearOutOfRange(String),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::BadProgress(s) => write!(
                f,
                "bad progress '{s}': give a whole number from 0 to 100 (e.g. 60 or 60%)"
            ),
            InputError::ProgressOver(n) => write!(
                f,
                "progress {n} is over 100: give a percentage from 0 to 100"
            ),
            InputError::BadDate(s) => write!(
                f,
                "bad date '{s}': give YYYY-MM-DD (e.g. 2026-06-30; 2026/6/30 and 2026年6月30日 work too), or none to clear it"
            ),
            InputError::NoSuchDay(s) => write!(
                f,
                "bad date '{s}': the calendar has no such day; check the month and day"
            ),
            InputError::YearOutOfRange(s) => write!(
                f,
                "bad date '{s}': the year must be from {} to {}",
                YEARS.start(),
                YEARS.end()
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// Full-width digits, letters and punctuation as their ASCII twins (an IME's
/// `６０％`, `２０２５／６／３０`), the ideographic space as a space.
pub fn halfwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// A status as people write it: the file's keys (`in_progress`), the English names
/// in any case, the five Chinese names and common synonyms (进行中, 完成, 未开始…).
pub fn status(s: &str) -> Option<Status> {
    let t: String = halfwidth(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    // English words keep their gaps, as `_`: "in progress", "In-Progress".
    let key: String = halfwidth(s)
        .trim()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
        .to_ascii_lowercase();
    if let Some(st) = Status::ALL
        .into_iter()
        .find(|st| st.key() == key || st.zh() == t || st.en().replace(' ', "_") == key)
    {
        return Some(st);
    }
    Some(match t.as_str() {
        "未开始" | "尚未启动" | "未开展" | "未动工" | "未启动实施" | "没开始" => {
            Status::NotStarted
        }
        "进行中" | "正在推进" | "推进" | "实施中" | "正在实施" | "在建" | "持续推进" | "办理中" => {
            Status::InProgress
        }
        "完成" | "已办结" | "办结" | "已完成任务" | "已落实" | "完毕" | "已完结" => {
            Status::Done
        }
        "延期" | "逾期" | "推进滞后" | "进度滞后" | "延误" | "落后" => {
            Status::Delayed
        }
        "暂停" | "停滞" | "受阻暂停" | "阻滞" | "受阻滞" => Status::Blocked,
        _ => return None,
    })
}

/// A percentage: `60`, `60%`, `６０`, `６０％`, ` 60 % `; whole numbers 0–100.
pub fn progress(s: &str) -> Result<u8, InputError> {
    let t = halfwidth(s);
    let t = t.trim();
    let t = t.strip_suffix('%').unwrap_or(t).trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(InputError::BadProgress(s.to_string()));
    }
    match t.parse::<u64>() {
        Ok(n) if n <= 100 => Ok(n as u8),
        Ok(n) => Err(InputError::ProgressOver(n)),
        Err(_) => Err(InputError::BadProgress(s.to_string())),
    }
}

/// A calendar date: `2025-06-30`, `2025-6-30`, `2025/06/30`, `2025.6.30`,
/// `2025年6月30日`, `20250630`, in full-width digits too; a real day in [`YEARS`].
pub fn date(s: &str) -> Result<NaiveDate, InputError> {
    let bad = || InputError::BadDate(s.to_string());
    let t: String = halfwidth(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let parts: Vec<&str> = if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        vec![&t[..4], &t[4..6], &t[6..]]
    } else if let Some(rest) = t.strip_suffix('日').or_else(|| t.strip_suffix('号')) {
        rest.split(['年', '月']).collect()
    } else if t.contains('年') {
        return Err(bad());
    } else {
        // One separator, used twice: 2025-6-30, 2025/6/30, 2025.6.30.
        let sep = t.chars().find(|c| !c.is_ascii_digit()).ok_or_else(bad)?;
        if !matches!(sep, '-' | '/' | '.') {
            return Err(bad());
        }
        t.split(sep).collect()
    };
    let [y, m, d] = parts[..] else {
        return Err(bad());
    };
    let digits = |p: &str, max: usize| {
        (!p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (
        digits(y, 4).filter(|_| y.len() == 4),
        digits(m, 2),
        digits(d, 2),
    ) else {
        return Err(bad());
    };
    let day =
        NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(InputError::NoSuchDay(s.to_string()))?;
    if !YEARS.contains(&day.year()) {
        return Err(InputError::YearOutOfRange(s.to_string()));
    }
    Ok(day)
}

/// A due date, or `none`/`-`/`无`/empty to clear it.
pub fn due(s: &str) -> Result<Option<NaiveDate>, InputError> {
    let t = s.trim();
    if t.is_empty() || t == "-" || t == "无" || t.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    date(s).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_as_chinese_users_type_them() {
        for s in [
            "2025-06-30",
            "2025-6-30",
            "2025/06/30",
            "2025/6/30",
            "2025.6.30",
            "2025年6月30日",
            "2025年06月30号",
            "20250630",
            "２０２５年６月３０日",
            "２０２５－０６－３０",
            " 2025-06-30 ",
        ] {
            assert_eq!(date(s), Ok(day(2025, 6, 30)), "{s}");
        }
        assert_eq!(date("2025-2-3"), Ok(day(2025, 2, 3)));
    }

    #[test]
    fn only_real_days_in_a_sane_range() {
        for s in ["0000-01-01", "1999-12-31", "2101-01-01", "9999-12-31"] {
            assert_eq!(date(s), Err(InputError::YearOutOfRange(s.into())), "{s}");
        }
        for s in ["2025-02-30", "2025-13-01", "2025年2月29日", "20250230"] {
            assert_eq!(date(s), Err(InputError::NoSuchDay(s.into())), "{s}");
        }
        for s in [
            "soon",
            "2025-06",
            "25-6-30",
            "2025-6/30",
            "2025年6月",
            "6/30/2025",
            "",
        ] {
            assert_eq!(date(s), Err(InputError::BadDate(s.into())), "{s}");
        }
        assert_eq!(due("none"), Ok(None));
        assert_eq!(due("无"), Ok(None));
    }

    #[test]
    fn progress_in_full_width_and_with_percent() {
        for s in ["60", "60%", "６０", "６０％", " 60 % ", "60％"] {
            assert_eq!(progress(s), Ok(60), "{s}");
        }
        assert_eq!(progress("150"), Err(InputError::ProgressOver(150)));
        for s in ["-5", "六十", "60.5", "", "%"] {
            assert_eq!(progress(s), Err(InputError::BadProgress(s.into())), "{s}");
        }
    }

    #[test]
    fn statuses_and_their_synonyms() {
        let cases = [
            ("进行中", Status::InProgress),
            ("推进中", Status::InProgress),
            ("完成", Status::Done),
            ("已完成", Status::Done),
            ("滞后", Status::Delayed),
            ("受阻", Status::Blocked),
            ("未开始", Status::NotStarted),
            ("未启动", Status::NotStarted),
            ("in progress", Status::InProgress),
            ("In-Progress", Status::InProgress),
            ("not_started", Status::NotStarted),
            ("DONE", Status::Done),
        ];
        for (s, want) in cases {
            assert_eq!(status(s), Some(want), "{s}");
        }
        assert_eq!(status("差不多"), None);
    }
}
