//! The problem list tab.

/// One field per phrase: [`ZH`] and [`EN`] must both give each one.
pub struct Problems {
    pub nothing_needs_attention: &'static str,
    pub latest: &'static str,
    pub due: &'static str,
    pub no_due_date: &'static str,
    pub no_progress_reported_yet: &'static str,
}

pub const ZH: Problems = Problems {
    nothing_needs_attention: "没有需要督办的问题:没有逾期、滞后、受阻或久未更新的任务",
    latest: "最新进展",
    due: "截止",
    no_due_date: "无截止日期",
    no_progress_reported_yet: "暂无进展记录",
};

pub const EN: Problems = Problems {
    nothing_needs_attention: "Nothing needs attention: no task is past due, delayed, blocked or silent",
    latest: "Latest",
    due: "due",
    no_due_date: "no due date",
    no_progress_reported_yet: "no progress reported yet",
};
