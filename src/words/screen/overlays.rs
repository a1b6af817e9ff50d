//! The status picker, the text inputs, the search popup and the export dialog.

use crate::lang::Lang;

/// One field per phrase: [`ZH`] and [`EN`] must both give each one.
pub struct Overlays {
    pub saves_input: &'static str,
    pub writes: &'static str,
    pub dubang_ledger: &'static str,
    pub dubang_bulletin: &'static str,
    pub dubang_tasks: &'static str,
    pub export_title: &'static str,
    pub scope: &'static str,
    pub whole_plan: &'static str,
    pub format_label: &'static str,
    pub ledger: &'static str,
    pub bulletin: &'static str,
    pub registry: &'static str,
    pub file_label: &'static str,
    pub field: &'static str,
    pub change: &'static str,
    pub exports: &'static str,
    pub cancels: &'static str,
    pub note_title: &'static str,
    pub progress_title: &'static str,
    pub due_title: &'static str,
    pub write_to: &'static str,
    pub filter_hint: &'static str,
    pub no_match: &'static str,
    pub shown_count: &'static str,
    pub saves: &'static str,
    pub editing_keys: &'static str,
    pub status_title: &'static str,
    pub picks: &'static str,
    pub or: &'static str,
    pub search_title: &'static str,
    pub section: &'static str,
    pub unit: &'static str,
    pub town: &'static str,
    pub goal: &'static str,
    pub task: &'static str,
    /// A 保障措施 among search results.
    pub measure: &'static str,
}

pub const ZH: Overlays = Overlays {
    saves_input: "保存",
    writes: "写入",
    dubang_ledger: "督办台账",
    dubang_bulletin: "督办通报",
    dubang_tasks: "督办任务",
    export_title: "导出",
    scope: "范围",
    whole_plan: "整个方案",
    format_label: "格式",
    ledger: "台账",
    bulletin: "通报",
    registry: "登记册",
    file_label: "文件",
    field: "选项",
    change: "更改",
    exports: "导出",
    cancels: "取消",
    note_title: "进展备注",
    progress_title: "进度 (0-100%)",
    due_title: "截止日期 (YYYY-MM-DD,留空清除)",
    write_to: "另存为",
    filter_hint: "  中文、拼音或首字母;Enter 保留,Esc 清除",
    no_match: "  没有匹配",
    shown_count: "项",
    saves: "确定",
    editing_keys: "←→ Home End 移动  Ctrl-U 清空",
    status_title: "状态",
    picks: "确定",
    or: "或",
    search_title: "搜索 (中文、拼音、首字母)",
    section: "章节",
    unit: "单位",
    town: "镇区",
    goal: "目标",
    task: "任务",
    measure: "措施",
};

pub const EN: Overlays = Overlays {
    saves_input: "saves",
    writes: "writes",
    dubang_ledger: "dubang-ledger",
    dubang_bulletin: "dubang-bulletin",
    dubang_tasks: "dubang-tasks",
    export_title: "Export",
    scope: "Tasks",
    whole_plan: "whole plan",
    format_label: "Format",
    ledger: "ledger",
    bulletin: "bulletin",
    registry: "registry",
    file_label: "File",
    field: "field",
    change: "change",
    exports: "exports",
    cancels: "cancels",
    note_title: "Progress note",
    progress_title: "Progress (0-100 %)",
    due_title: "Due date (YYYY-MM-DD, empty clears)",
    write_to: "Write to",
    filter_hint: "  Chinese, pinyin or initials; Enter keeps, Esc clears",
    no_match: "  no match",
    shown_count: "shown",
    saves: "saves",
    editing_keys: "←→ Home End move  Ctrl-U clears",
    status_title: "Status",
    picks: "picks",
    or: "or",
    search_title: "Search (Chinese, pinyin, initials)",
    section: "section",
    unit: "unit",
    town: "town",
    goal: "goal",
    task: "task",
    measure: "measure",
};

/// The search popup's hint before anything is typed, with the keys in force
/// (up, down, go, close).
pub fn search_hint(lang: Lang, [up, down, go, close]: [&str; 4]) -> String {
    match lang {
        Lang::Zh => format!(
            "输入名称或拼音:swj → 市水务局,wushui → 污水,jiaji → 嘉积镇。{up}{down} 选择,{go} 跳转,{close} 关闭"
        ),
        Lang::En => format!(
            "Type a name or its pinyin: swj → 市水务局, wushui → 污水, jiaji → 嘉积镇. {up}{down} pick, {go} jumps, {close} closes"
        ),
    }
}

/// Under the note input, when a paste was cut at the note's limit.
pub fn note_cut(lang: Lang, max: usize) -> String {
    match lang {
        Lang::Zh => format!("备注最多 {max} 字,粘贴的其余部分未放入"),
        Lang::En => {
            format!("a note holds at most {max} characters: the rest of the paste was left out")
        }
    }
}

/// The search popup when nothing matches `query`.
pub fn search_no_match(lang: Lang, query: &str) -> String {
    match lang {
        Lang::Zh => format!("没有匹配“{query}”的单位、镇区、章节、目标或任务"),
        Lang::En => format!("nothing matches '{query}': no unit, town, section, goal or task"),
    }
}

/// The picker's hint line: its pick keys, then up, down, confirm and cancel.
pub fn picker_hint(lang: Lang, picks: &str, [up, down, confirm, cancel]: [&str; 4]) -> String {
    match lang {
        Lang::Zh => format!("{picks} 选择  {up}{down} {confirm} 确定  {cancel} 取消"),
        Lang::En => format!("{picks} picks  {up}{down} {confirm}  {cancel} cancels"),
    }
}
