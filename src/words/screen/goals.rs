//! The goals tab.

use crate::lang::Lang;

/// One field per phrase: [`ZH`] and [`EN`] must both give each one.
pub struct Goals {
    pub all_done: &'static str,
    pub due: &'static str,
    pub done: &'static str,
    pub updated: &'static str,
}

pub const ZH: Goals = Goals {
    all_done: "已完成",
    due: "截止",
    done: "完成",
    updated: "更新",
};

pub const EN: Goals = Goals {
    all_done: "done",
    due: "due",
    done: "done",
    updated: "updated",
};

/// "已逾期 333 天" / "past due by 333 days".
pub fn past_due_by(lang: Lang, days: i64) -> String {
    match lang {
        Lang::Zh => format!("已逾期 {days} 天"),
        Lang::En => format!("past due by {days} days"),
    }
}

/// "还有 9 年" / "due in 9 years".
pub fn due_in_years(lang: Lang, years: i64) -> String {
    match lang {
        Lang::Zh => format!("还有 {years} 年"),
        Lang::En => format!("due in {years} years"),
    }
}

/// "还有 9 天" / "due in 9 days".
pub fn due_in_days(lang: Lang, days: i64) -> String {
    match lang {
        Lang::Zh => format!("还有 {days} 天"),
        Lang::En => format!("due in {days} days"),
    }
}
