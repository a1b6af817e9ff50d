//! The activity view (what changed, newest first) and the Overview's last changes.

use crate::lang::Lang;

/// One field per phrase: [`ZH`] and [`EN`] must both give each one.
pub struct Activity {
    pub title: &'static str,
    pub empty: &'static str,
    pub recent: &'static str,
    pub help_ctx: &'static str,
}

pub const ZH: Activity = Activity {
    title: "最近修改",
    empty: "还没有任何修改记录",
    recent: "最近修改",
    help_ctx: "【最近修改】",
};

pub const EN: Activity = Activity {
    title: "Activity",
    empty: "no edits recorded yet",
    recent: "Latest changes",
    help_ctx: "[Activity]",
};

/// The view's hint line: its keys as bound.
pub fn hint(lang: Lang, [open, close]: [&str; 2]) -> String {
    match lang {
        Lang::Zh => format!("{open} 打开任务  {close} 关闭"),
        Lang::En => format!("{open} open the task  {close} close"),
    }
}
