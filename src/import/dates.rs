//! Due dates as plans and tables write them: 2024年12月底, 2025年6月, 2025年,
//! 2024-06-30, 2023年底前.

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*(?:年|[-./])\s*(?:(\d{1,2})\s*(?:月|[-./])?\s*(?:(\d{1,2})\s*日?)?)?")
        .expect("a valid pattern")
});

/// A due date as tables write it: 2024年12月底, 2025年6月, 2025年, 2024-06-30.
pub fn due(cell: &str) -> Option<NaiveDate> {
    let c = DATE.captures(cell)?;
    let y: i32 = c[1].parse().ok()?;
    match (c.get(2), c.get(3)) {
        (Some(m), Some(d)) => {
            NaiveDate::from_ymd_opt(y, m.as_str().parse().ok()?, d.as_str().parse().ok()?)
        }
        (Some(m), None) => {
            let m: u32 = m.as_str().parse().ok()?;
            let first_next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)
            }?;
            first_next.pred_opt().filter(|d| d.month() == m)
        }
        _ => NaiveDate::from_ymd_opt(y, 12, 31),
    }
}
