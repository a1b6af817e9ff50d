//! Presentation mode: the slides shown on a projector.

use crate::lang::Lang;

/// One field per phrase: [`ZH`] and [`EN`] must both give each one.
pub struct Present {
    pub none: &'static str,
    pub no_goals: &'static str,
    pub due: &'static str,
    pub done: &'static str,
    pub progress_overview: &'static str,
    pub lead_units: &'static str,
    pub towns: &'static str,
    pub problems: &'static str,
    pub problems_sub: &'static str,
    pub main_goals: &'static str,
    pub goals_sub: &'static str,
    pub all_tasks: &'static str,
    pub nothing_needs_attention: &'static str,
    pub no_tasks_section: &'static str,
    pub lead: &'static str,
    pub task: &'static str,
    pub status: &'static str,
    pub progress: &'static str,
    /// After the slide counter on a slide's further pages.
    pub continued: &'static str,
}

pub const ZH: Present = Present {
    none: "(无)",
    no_goals: "(没有目标)",
    due: "截止",
    done: "完成",
    progress_overview: "工作进度总览",
    lead_units: "牵头单位完成情况",
    towns: "镇(区)完成情况",
    problems: "问题清单",
    problems_sub: "逾期、滞后、受阻、久未更新的任务  按牵头单位  红色最严重",
    main_goals: "主要目标",
    goals_sub: "截止日期与完成情况  按目标对应章节的任务统计",
    all_tasks: "全部任务",
    nothing_needs_attention: "没有需要督办的问题",
    no_tasks_section: "(本章没有任务)",
    lead: "牵头单位",
    task: "任务",
    status: "状态",
    progress: "进度",
    continued: "续",
};

pub const EN: Present = Present {
    none: "(none)",
    no_goals: "(no goals)",
    due: "due",
    done: "done",
    progress_overview: "Progress overview",
    lead_units: "Lead units",
    towns: "Towns",
    problems: "Problems",
    problems_sub: "Past due, delayed, blocked or silent tasks, by lead unit; red is worst",
    main_goals: "Main goals",
    goals_sub: "Due dates and progress, over the tasks of each goal's sections",
    all_tasks: "All tasks",
    nothing_needs_attention: "Nothing needs attention: no task is past due, delayed, blocked or silent",
    no_tasks_section: "(no tasks in this section)",
    lead: "Lead",
    task: "Task",
    status: "Status",
    progress: "Progress",
    continued: "cont.",
};

/// A section slide's gauge: "已完成 3 / 8 项任务".
pub fn tasks_done(lang: Lang, done: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("已完成 {done} / {total} 项任务"),
        Lang::En => format!("{done} of {total} tasks done"),
    }
}

/// A problem level and how many tasks have it: "红色预警 26 项".
pub fn level_count(lang: Lang, level: &str, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{level} {n} 项"),
        Lang::En => format!("{n} {level}"),
    }
}

/// The overview slide's subtitle.
pub fn overview_sub(lang: Lang, tasks: usize, today: chrono::NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("共 {tasks} 项任务  统计截至 {today}"),
        Lang::En => format!("{tasks} tasks, as of {today}"),
    }
}

/// The lead units slide's subtitle.
pub fn units_sub(lang: Lang, units: usize) -> String {
    match lang {
        Lang::Zh => format!("{units} 个牵头单位  按各单位牵头的任务统计已完成数"),
        Lang::En => format!("{units} units lead tasks: done of the tasks each leads"),
    }
}

/// The towns slide's subtitle.
pub fn towns_sub(lang: Lang, towns: usize) -> String {
    match lang {
        Lang::Zh => format!("{towns} 个镇(区)  含各镇(区)共同承担的任务"),
        Lang::En => format!("{towns} towns: done of their tasks, shared ones included"),
    }
}
