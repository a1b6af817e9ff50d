//! Every word `ledger send` and `ledger collect` show (src/ledger), in Chinese and
//! English: the sheet's columns and instruction, the collect table, and the problems
//! found in a returned sheet. Chinese output has no English sentence in it.

use crate::lang::Lang;
use crate::registry::Status;

/// The words of one language.
pub struct Words {
    pub lang: Lang,
    /// File name prefix: 督办台账 → `督办台账-市水务局-2026-11-29.xlsx`.
    pub file_prefix: &'static str,
    /// Visible columns, in order (序号 … 备注).
    pub columns: [&'static str; 12],
    /// The hidden identifier columns (task id, the task's version when sent).
    pub id_columns: [&'static str; 2],
    pub lead: &'static str,
    pub shared: &'static str,
    pub instruction: &'static str,
    pub meta_sheet_note: &'static str,
    pub status_prompt: &'static str,
    pub progress_prompt: &'static str,
    pub unit: &'static str,
    pub status: &'static str,
    pub progress: &'static str,
    pub note: &'static str,
    pub reporter: &'static str,
    pub nothing: &'static str,
    pub conflicts: &'static str,
    pub problems: &'static str,
    pub dry_run: &'static str,
    pub strict_refused: &'static str,
}

pub static ZH: Words = Words {
    lang: Lang::Zh,
    file_prefix: "督办台账",
    columns: [
        "序号",
        "重点任务",
        "任务内容",
        "牵头/责任",
        "完成时限",
        "当前状态",
        "上次进展",
        "本期进展",
        "完成状态",
        "进度",
        "填报人",
        "备注",
    ],
    id_columns: ["任务标识", "版本"],
    lead: "牵头",
    shared: "责任",
    instruction: "填报说明:请只填写黄色列(本期进展、完成状态、进度、填报人、备注)。完成状态从下拉列表选择,进度填0至100的整数。其他列已锁定,请勿修改,也不要删除隐藏列,可以排序和筛选。填好后原文件发回。",
    meta_sheet_note: "本表供督办系统核对,请勿修改。",
    status_prompt: "请从列表中选择",
    progress_prompt: "请填0至100的整数",
    unit: "单位",
    status: "状态",
    progress: "进度",
    note: "本期进展",
    reporter: "填报人",
    nothing: "没有需要收取的变更",
    conflicts: "冲突(任务在发出台账后已有改动,未收取;确认后加 --force 收取)",
    problems: "问题",
    dry_run: "试运行(--dry-run),未保存",
    strict_refused: "有问题,--strict 下不收取任何变更",
};

pub static EN: Words = Words {
    lang: Lang::En,
    file_prefix: "ledger",
    columns: [
        "No.",
        "Task",
        "Task text",
        "Lead/shared",
        "Due",
        "Status now",
        "Last progress",
        "Progress this period",
        "Status",
        "Percent",
        "Reported by",
        "Remarks",
    ],
    id_columns: ["Task id", "Version"],
    lead: "lead",
    shared: "shared",
    instruction: "Fill in the yellow columns only (progress this period, status, percent, reported by, remarks). Pick the status from the list; the percent is a whole number from 0 to 100. The other columns are locked: do not change them or delete the hidden columns; sorting and filtering are fine. Send the file back as it is.",
    meta_sheet_note: "For dubang to match the sheet back; do not edit.",
    status_prompt: "Pick from the list",
    progress_prompt: "A whole number from 0 to 100",
    unit: "unit",
    status: "status",
    progress: "percent",
    note: "progress",
    reporter: "reported by",
    nothing: "nothing to collect",
    conflicts: "Conflicts (the task changed after the sheet was sent; not collected: --force collects them)",
    problems: "Problems",
    dry_run: "dry run (--dry-run): nothing saved",
    strict_refused: "problems found: with --strict nothing is collected",
};

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

impl Words {
    pub fn status_name(&self, s: Status) -> &'static str {
        match self.lang {
            Lang::Zh => s.zh(),
            Lang::En => s.en(),
        }
    }

    /// The drop-down list: every status by name.
    pub fn status_list(&self) -> Vec<&'static str> {
        Status::ALL.iter().map(|&s| self.status_name(s)).collect()
    }

    /// `市水务局  督办台账-….xlsx  3项变更`
    pub fn unit_head(&self, unit: &str, file: &str, changes: usize) -> String {
        match self.lang {
            Lang::Zh => format!("{unit}  {file}  {changes}项变更"),
            Lang::En => format!("{unit}  {file}  {changes} changes"),
        }
    }

    pub fn wrote(&self, file: &str, unit: &str, tasks: usize) -> String {
        match self.lang {
            Lang::Zh => format!("已生成 {file}({unit},{tasks}项任务)"),
            Lang::En => format!("wrote {file} ({unit}, {tasks} tasks)"),
        }
    }

    pub fn saved(&self, entries: usize, file: &str) -> String {
        match self.lang {
            Lang::Zh => format!("已保存 {entries} 条记录到 {file}"),
            Lang::En => format!("saved {entries} history entries to {file}"),
        }
    }

    pub fn already(&self, n: usize) -> String {
        match self.lang {
            Lang::Zh => format!("{n}行此前已收取,跳过"),
            Lang::En => format!("{n} rows collected before, skipped"),
        }
    }

    /// What is wrong at one cell of a returned sheet.
    pub fn problem(&self, p: &crate::ledger::Problem) -> String {
        use crate::ledger::Problem::*;
        let zh = self.lang == Lang::Zh;
        match p {
            Missing => pick(zh, "没有这个文件".into(), "no such file".into()),
            Refused(r) => {
                let why = crate::words::refusal(self.lang, r);
                pick(
                    zh,
                    format!("无法读取({why})"),
                    format!("cannot read it ({why})"),
                )
            }
            Unreadable(e) => pick(
                zh,
                format!("无法读取({e})"),
                format!("cannot read it ({e})"),
            ),
            NoHeader => pick(
                zh,
                "找不到台账表头(序号…备注),不是督办台账".into(),
                "no ledger header row (No. … Remarks): not a dubang ledger".into(),
            ),
            ForeignPlan(other) => pick(
                zh,
                format!("这是另一个方案的台账({other}),未收取"),
                format!("this ledger is of another plan ({other}); not collected"),
            ),
            UnknownUnit(name) => pick(
                zh,
                format!("认不出填报单位({name}),未收取"),
                format!("cannot tell which unit filled it in ({name}); not collected"),
            ),
            NoTask => pick(
                zh,
                "此行对应不到任何任务,未收取".into(),
                "this row matches no task; not collected".into(),
            ),
            BadStatus(s) => pick(
                zh,
                format!(
                    "完成状态“{s}”不在下拉列表中({}),此行未收取",
                    self.status_list().join("、")
                ),
                format!(
                    "status '{s}' is not one of the list ({}); row not collected",
                    self.status_list().join(", ")
                ),
            ),
            BadProgress(s) => pick(
                zh,
                format!("进度“{s}”应为0至100的整数,此行未收取"),
                format!("percent '{s}' should be a whole number from 0 to 100; row not collected"),
            ),
            LockedEdit(col) => pick(
                zh,
                format!("锁定列“{col}”被改动,改动未收取(只收取填报列)"),
                format!(
                    "text typed into the locked column '{col}' is ignored (only the fill-in columns are collected)"
                ),
            ),
        }
    }

    /// A conflict line's reason: changed after sending by `by` at `at`.
    pub fn changed_since(&self, by: &str, at: &str) -> String {
        match self.lang {
            Lang::Zh => format!("发出后 {by} 于 {at} 改过此任务"),
            Lang::En => format!("changed by {by} at {at} after the sheet was sent"),
        }
    }

    pub fn newer_than_registry(&self) -> &'static str {
        match self.lang {
            Lang::Zh => "台账比方案文件新(文件可能已从备份恢复)",
            Lang::En => "the sheet is newer than the registry (restored from a backup?)",
        }
    }

    pub fn colon(&self) -> &'static str {
        match self.lang {
            Lang::Zh => ":",
            Lang::En => ": ",
        }
    }
}

fn pick(zh: bool, a: String, b: String) -> String {
    if zh { a } else { b }
}
