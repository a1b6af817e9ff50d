//! Every word the reports and the summary use, in Chinese and English, in one place:
//! labels, column headers, sheet names and the sentences of the 通报.

use super::problems::{Level, Reason};
use crate::lang::Lang;
use crate::registry::Status;
use chrono::{Datelike, NaiveDate};

/// Fixed labels of one language.
pub struct Words {
    pub lang: Lang,
    /// The 台账 columns, in order (序号 … 更新时间).
    pub ledger: [&'static str; 11],
    /// Sheet names: 台账, 问题清单, 按单位, 按镇区, 目标.
    pub sheets: [&'static str; 5],
    /// 问题清单 columns.
    pub problem_cols: [&'static str; 8],
    /// First column of the by-unit and by-town sheets.
    pub unit: &'static str,
    pub town: &'static str,
    /// Counting columns after the name: tasks, then one per status, then share done.
    pub tasks: &'static str,
    pub share_done: &'static str,
    /// 目标 columns.
    pub goal_cols: [&'static str; 7],
    pub sections: &'static str,
    pub goals: &'static str,
    /// 保障措施.
    pub measures: &'static str,
    pub no_due: &'static str,
    pub past_due: &'static str,
    pub no_match: &'static str,
    pub no_note: &'static str,
    pub no_problems: &'static str,
    pub headings: [&'static str; 3],
    pub next_steps: &'static str,
    pub latest: &'static str,
}

const ZH: Words = Words {
    lang: Lang::Zh,
    ledger: [
        "序号",
        "章节",
        "重点任务",
        "任务内容",
        "牵头单位",
        "责任单位",
        "完成时限",
        "完成状态",
        "进度",
        "最新进展",
        "更新时间",
    ],
    sheets: ["台账", "问题清单", "按单位", "按镇区", "目标"],
    problem_cols: [
        "预警",
        "牵头单位",
        "序号",
        "重点任务",
        "完成时限",
        "完成状态",
        "问题",
        "最新进展",
    ],
    unit: "牵头单位",
    town: "镇区",
    tasks: "任务数",
    share_done: "完成率",
    goal_cols: ["目标", "期限", "状态", "任务数", "已完成", "完成率", "内容"],
    sections: "章节",
    goals: "目标",
    measures: "保障措施",
    no_due: "无期限",
    past_due: "已逾期",
    no_match: "没有符合条件的任务。",
    no_note: "暂无进展记录",
    no_problems: "暂无需要督办的问题。",
    headings: ["一、总体情况", "二、存在问题", "三、下一步工作要求"],
    next_steps: "（此处由督办室填写下一步工作要求。）",
    latest: "最新进展",
};

const EN: Words = Words {
    lang: Lang::En,
    ledger: [
        "No.",
        "Section",
        "Task",
        "Content",
        "Lead units",
        "Responsible units",
        "Due",
        "Status",
        "Progress",
        "Latest progress",
        "Updated",
    ],
    sheets: ["Ledger", "Problems", "By unit", "By town", "Goals"],
    problem_cols: [
        "Warning",
        "Lead unit",
        "No.",
        "Task",
        "Due",
        "Status",
        "Problem",
        "Latest progress",
    ],
    unit: "Lead unit",
    town: "Town",
    tasks: "Tasks",
    share_done: "Done",
    goal_cols: [
        "Goal",
        "Due",
        "Status",
        "Tasks",
        "Done",
        "Share done",
        "Text",
    ],
    sections: "Sections",
    goals: "Goals",
    measures: "Safeguards",
    no_due: "no due date",
    past_due: "past due",
    no_match: "No task matches.",
    no_note: "no progress recorded",
    no_problems: "Nothing needs following up.",
    headings: ["1. Overall", "2. Problems", "3. Next steps"],
    next_steps: "(The office writes the next steps here.)",
    latest: "latest",
};

/// The words of `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

impl Words {
    pub fn status(&self, s: Status) -> &'static str {
        match self.lang {
            Lang::Zh => s.zh(),
            Lang::En => s.en(),
        }
    }

    /// 红色预警 / red warning.
    pub fn level(&self, l: Level) -> &'static str {
        match (self.lang, l) {
            (Lang::Zh, Level::Red) => "红色预警",
            (Lang::Zh, Level::Yellow) => "黄色预警",
            (Lang::Zh, Level::Blue) => "蓝色预警",
            (Lang::En, Level::Red) => "red",
            (Lang::En, Level::Yellow) => "yellow",
            (Lang::En, Level::Blue) => "blue",
        }
    }

    /// One character (or letter) for narrow places: 红 黄 蓝 / R Y B.
    pub fn level_short(&self, l: Level) -> &'static str {
        match (self.lang, l) {
            (Lang::Zh, Level::Red) => "红",
            (Lang::Zh, Level::Yellow) => "黄",
            (Lang::Zh, Level::Blue) => "蓝",
            (Lang::En, Level::Red) => "R",
            (Lang::En, Level::Yellow) => "Y",
            (Lang::En, Level::Blue) => "B",
        }
    }

    pub fn reason(&self, r: Reason) -> String {
        match (self.lang, r) {
            (Lang::Zh, Reason::Overdue(d)) => format!("逾期{d}天"),
            (Lang::Zh, Reason::DueSoon(d)) => format!("{d}天后到期"),
            (Lang::Zh, Reason::Delayed) => "滞后".into(),
            (Lang::Zh, Reason::Blocked) => "受阻".into(),
            (Lang::Zh, Reason::Stale(d)) => format!("{d}天未更新"),
            (Lang::Zh, Reason::NeverUpdated) => "未报送进展".into(),
            (Lang::En, Reason::Overdue(d)) => format!("{d} days past due"),
            (Lang::En, Reason::DueSoon(d)) => format!("due in {d} days"),
            (Lang::En, Reason::Delayed) => "delayed".into(),
            (Lang::En, Reason::Blocked) => "blocked".into(),
            (Lang::En, Reason::Stale(d)) => format!("not updated for {d} days"),
            (Lang::En, Reason::NeverUpdated) => "never updated".into(),
        }
    }

    /// The reasons of one problem, joined.
    pub fn reasons(&self, rs: &[Reason]) -> String {
        let parts: Vec<String> = rs.iter().map(|&r| self.reason(r)).collect();
        parts.join(self.list_sep())
    }

    /// 、 between items of a Chinese list, ", " in English.
    pub fn list_sep(&self) -> &'static str {
        self.pick("、", ", ")
    }

    /// A due date, marked when it is the goal's: `2025-12-31 (目标)`.
    pub fn due(&self, date: NaiveDate, inherited: bool) -> String {
        if inherited {
            format!("{date} ({})", self.pick("目标", "goal"))
        } else {
            date.to_string()
        }
    }

    /// A date in running text: 2026年11月29日 / 29 November 2026.
    pub fn long_date(&self, d: NaiveDate) -> String {
        match self.lang {
            Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
            Lang::En => d.format("%-d %B %Y").to_string(),
        }
    }

    /// "第12项" / "task 12".
    pub fn task_no(&self, n: u32) -> String {
        match self.lang {
            Lang::Zh => format!("第{n}项"),
            Lang::En => format!("task {n}"),
        }
    }

    /// A count of tasks with its share: 已完成 6 项、占 27% / done 6 (27%).
    pub fn count_share(&self, s: Status, n: usize, pct: u32) -> String {
        match self.lang {
            Lang::Zh => format!("{}{n}项、占{pct}%", s.zh()),
            Lang::En => format!("{} {n} ({pct}%)", s.en()),
        }
    }

    /// The bulletin's title.
    pub fn bulletin_title(&self, plan: &str) -> String {
        match self.lang {
            Lang::Zh => format!("关于《{plan}》推进情况的通报"),
            Lang::En => format!("Progress bulletin: {plan}"),
        }
    }

    /// The line under the title: 截至2026年11月29日.
    pub fn as_of(&self, d: NaiveDate) -> String {
        match self.lang {
            Lang::Zh => format!("（截至{}）", self.long_date(d)),
            Lang::En => format!("(as of {})", self.long_date(d)),
        }
    }

    /// The opening sentence of 总体情况.
    pub fn overall(&self, total: usize, parts: &[String]) -> String {
        match self.lang {
            Lang::Zh => format!("方案共部署重点任务{total}项，其中{}。", parts.join("，")),
            Lang::En => format!("The plan sets {total} tasks: {}.", parts.join(", ")),
        }
    }

    /// A section's paragraph head: （一）title：共5项，已完成1项。
    pub fn section_line(&self, numeral: &str, title: &str, done: usize, total: usize) -> String {
        match self.lang {
            Lang::Zh => format!("（{numeral}）{title}：共{total}项，已完成{done}项。"),
            Lang::En => format!("({numeral}) {title}: {done} of {total} tasks done."),
        }
    }

    /// Lead-in to a section's unfinished tasks.
    pub fn not_done(&self) -> &'static str {
        self.pick("未完成：", "Not done: ")
    }

    /// Lead-in of the problem list: how many, and by level.
    pub fn problems_intro(&self, n: usize, levels: &[(Level, usize)]) -> String {
        let parts: Vec<String> = levels
            .iter()
            .map(|&(l, c)| match self.lang {
                Lang::Zh => format!("{}{c}项", self.level(l)),
                Lang::En => format!("{c} {}", self.level(l)),
            })
            .collect();
        match self.lang {
            Lang::Zh => format!("需督办的问题{n}项：{}。", parts.join("，")),
            Lang::En => format!("{n} tasks need following up: {}.", parts.join(", ")),
        }
    }

    /// The heading of a lead unit's problems: 市水务局（3项）.
    pub fn unit_head(&self, unit: &str, n: usize) -> String {
        match self.lang {
            Lang::Zh => format!("{unit}（{n}项）"),
            Lang::En => format!("{unit} ({n})"),
        }
    }

    /// A goal's sentence: 2025年目标（2025-12-31到期，推进中）：12/28项完成。
    pub fn goal_line(
        &self,
        horizon: &str,
        due: &str,
        status: Status,
        done: usize,
        total: usize,
    ) -> String {
        match self.lang {
            Lang::Zh => format!(
                "{horizon}年目标（期限{due}，{}）：相关任务{total}项，已完成{done}项。",
                status.zh()
            ),
            Lang::En => format!(
                "{horizon} goal (due {due}, {}): {done} of {total} tasks done.",
                status.en()
            ),
        }
    }

    /// Summary: the problem list's heading with its count by level.
    pub fn problems_heading(&self, n: usize, levels: &[(Level, usize)]) -> String {
        let parts: Vec<String> = levels
            .iter()
            .map(|&(l, c)| match self.lang {
                Lang::Zh => format!("{}{c}项", self.level(l)),
                Lang::En => format!("{c} {}", self.level(l)),
            })
            .collect();
        match self.lang {
            Lang::Zh if n == 0 => "问题清单".to_string(),
            Lang::Zh => format!("问题清单(共{n}项):{}", parts.join(" ")),
            Lang::En if n == 0 => "Problems".to_string(),
            Lang::En => format!("Problems ({n}): {}", parts.join(", ")),
        }
    }

    /// "N 个章节" / "N sections" in the summary's goal lines.
    pub fn n_sections(&self, n: usize) -> String {
        match self.lang {
            Lang::Zh => format!("{n}个章节"),
            Lang::En => format!("{n} sections"),
        }
    }

    /// "3/8 项完成" / "3/8 tasks done".
    pub fn done_of(&self, done: usize, total: usize) -> String {
        match self.lang {
            Lang::Zh => format!("{done}/{total} 项完成"),
            Lang::En => format!("{done}/{total} tasks done"),
        }
    }

    /// Text in brackets: （…） / (…).
    pub fn paren(&self, s: &str) -> String {
        match self.lang {
            Lang::Zh => format!("（{s}）"),
            Lang::En => format!(" ({s})"),
        }
    }

    pub fn full_stop(&self) -> &'static str {
        self.pick("。", ".")
    }

    /// One problem in the bulletin, after its level.
    pub fn problem_item(
        &self,
        number: u32,
        title: &str,
        leads: &str,
        reasons: &str,
        status: &str,
        latest: &str,
    ) -> String {
        let reasons = match (self.lang, reasons.is_empty()) {
            (_, true) => String::new(),
            (Lang::Zh, false) => format!("{reasons}，"),
            (Lang::En, false) => format!("{reasons}; "),
        };
        match self.lang {
            Lang::Zh => format!(
                "第{number}项“{title}”（牵头单位：{leads}）：{reasons}完成状态{status}；最新进展：{latest}。"
            ),
            Lang::En => format!(
                "Task {number} \"{title}\" (lead: {leads}): {reasons}status {status}; latest: {latest}."
            ),
        }
    }

    /// A section as the ledger names it: 一、促进巩固… / 一. …
    pub fn section_label(&self, numeral: &str, title: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{numeral}、{title}"),
            Lang::En => format!("{numeral}. {title}"),
        }
    }

    /// Between a name and what it said: ： / ": ".
    pub fn colon(&self) -> &'static str {
        self.pick("：", ": ")
    }

    /// The summary's counts line: 任务28项:未启动24 … (完成4%).
    pub fn counts(&self, total: usize, counts: &[(Status, usize)], pct: u32) -> String {
        let parts: Vec<String> = counts
            .iter()
            .map(|&(s, n)| match self.lang {
                Lang::Zh => format!("{}{n}", s.zh()),
                Lang::En => format!("{n} {}", s.en()),
            })
            .collect();
        match self.lang {
            Lang::Zh => format!("任务{total}项:{}(完成{pct}%)", parts.join(" ")),
            Lang::En => format!("{total} tasks: {} ({pct}% done)", parts.join(", ")),
        }
    }

    fn pick(&self, zh: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
