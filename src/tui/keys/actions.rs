//! Every bindable action, by context: its name in the settings file, its default
//! keys, and what help says of it. A default key written `@name` stands for the
//! keys of the main screen's action `name` as bound, so rebinding `down` or `quit`
//! reaches the picker, the help and presentation mode too.

use super::Context;
use crate::tui::app::{Command, Tab};

pub struct ActionInfo {
    pub context: Context,
    pub command: Command,
    pub name: &'static str,
    pub keys: &'static [&'static str],
    pub zh: &'static str,
    pub en: &'static str,
}

const fn a(
    context: Context,
    command: Command,
    name: &'static str,
    keys: &'static [&'static str],
    zh: &'static str,
    en: &'static str,
) -> ActionInfo {
    ActionInfo {
        context,
        command,
        name,
        keys,
        zh,
        en,
    }
}

use Command as C;
use Context::{Export, Help, Input, Normal, Picker, Present, Search};

#[rustfmt::skip]
pub const ACTIONS: &[ActionInfo] = &[
    a(Normal, C::Open, "open", &["Enter"], "打开所选项 / 跳转到所选链接", "open the selection / follow the selected link"),
    a(Normal, C::Back, "back", &["Esc", "Backspace", "Ctrl-o"], "返回", "go back"),
    a(Normal, C::Up, "up", &["Up", "k"], "上移(详情中:上一个链接)", "move up (in a detail: previous link)"),
    a(Normal, C::Down, "down", &["Down", "j"], "下移(详情中:下一个链接)", "move down (in a detail: next link)"),
    a(Normal, C::PageUp, "page_up", &["PgUp", "Ctrl-b", "Ctrl-u"], "上翻页 / 向上滚动全文", "page up / scroll the text up"),
    a(Normal, C::PageDown, "page_down", &["PgDn", "Space", "Ctrl-d"], "下翻页 / 向下滚动全文", "page down / scroll the text down"),
    a(Normal, C::Top, "top", &["g", "Home"], "到开头", "first"),
    a(Normal, C::Bottom, "bottom", &["G", "End"], "到结尾", "last"),
    a(Normal, C::NextTab, "next_tab", &["Right", "l", "Tab"], "下一个标签页", "next tab"),
    a(Normal, C::PrevTab, "prev_tab", &["Left", "h", "Shift-Tab"], "上一个标签页", "previous tab"),
    a(Normal, C::GoTab(Tab::Overview), "tab_overview", &["1"], "概览", "Overview tab"),
    a(Normal, C::GoTab(Tab::Sections), "tab_sections", &["2"], "章节", "Sections tab"),
    a(Normal, C::GoTab(Tab::Units), "tab_units", &["3"], "单位", "Units tab"),
    a(Normal, C::GoTab(Tab::Towns), "tab_towns", &["4"], "镇区", "Towns tab"),
    a(Normal, C::GoTab(Tab::Goals), "tab_goals", &["5"], "目标", "Goals tab"),
    a(Normal, C::Filter, "filter", &["/"], "筛选当前列表(中文、拼音、首字母)", "filter this list (Chinese, pinyin, initials)"),
    a(Normal, C::Search, "search", &[":", "Ctrl-f"], "搜索全部并跳转", "search everything and jump"),
    a(Normal, C::StatusFilter, "filter_status", &["f"], "按状态筛选(循环)", "filter by status (cycles)"),
    a(Normal, C::PastDue, "filter_past_due", &["!"], "只看已逾期", "past due only"),
    a(Normal, C::Stale, "filter_stale", &["t"], "只看 30 天未更新", "not updated for 30 days only"),
    a(Normal, C::Mine, "filter_mine", &["m"], "只看我改过的", "edited by me only"),
    a(Normal, C::Sort, "sort", &["o"], "任务排序:编号/状态/截止/更新", "sort tasks: number/status/due/updated"),
    a(Normal, C::Status, "status", &["s"], "修改状态(选择器:1-5 或 n p d l b)", "change the status (picker: 1-5 or n p d l b)"),
    a(Normal, C::StatusNext, "status_next", &["]"], "状态改为下一个", "next status, at once"),
    a(Normal, C::StatusPrev, "status_prev", &["["], "状态改为上一个", "previous status, at once"),
    a(Normal, C::Note, "note", &["n"], "添加进展备注", "add a progress note"),
    a(Normal, C::Progress, "progress", &["p"], "设置进度 0-100%", "set progress 0-100 %"),
    a(Normal, C::Due, "due", &["d"], "设置或清除截止日期", "set or clear the due date"),
    a(Normal, C::Undo, "undo", &["u"], "撤销本次最后一次修改", "undo this session's last edit"),
    a(Normal, C::Retry, "retry", &["r"], "重试保存失败的修改", "retry a failed save"),
    a(Normal, C::WriteAs, "write_as", &["w"], "另存到其他路径", "write to another path"),
    a(Normal, C::Problems, "problems", &["W"], "问题清单(逾期、滞后、受阻、久未更新,红黄蓝预警)", "problem list (past due, delayed, blocked, silent; red/yellow/blue)"),
    a(Normal, C::Export, "export", &["x"], "导出台账或通报(当前列表或整个方案)", "export a ledger or bulletin (this list or the whole plan)"),
    a(Normal, C::Present, "present", &["P"], "演示模式(只读,←→ 翻页,Esc 退出)", "presentation mode (read-only; ←→ pages, Esc leaves)"),
    a(Normal, C::Help, "help", &["?", "F1"], "帮助", "this help"),
    a(Normal, C::Quit, "quit", &["q", "Ctrl-c"], "退出", "quit"),
    // The status picker.
    a(Picker, C::Up, "up", &["@up"], "上一个状态", "previous status"),
    a(Picker, C::Down, "down", &["@down"], "下一个状态", "next status"),
    a(Picker, C::Confirm, "confirm", &["Enter"], "确定", "picks"),
    a(Picker, C::Cancel, "cancel", &["Esc", "@quit"], "取消", "cancels"),
    a(Picker, C::Pick(0), "not_started", &["1", "n"], "未启动", "not started"),
    a(Picker, C::Pick(1), "in_progress", &["2", "p"], "推进中", "in progress"),
    a(Picker, C::Pick(2), "done", &["3", "d"], "已完成", "done"),
    a(Picker, C::Pick(3), "delayed", &["4", "l"], "滞后", "delayed"),
    a(Picker, C::Pick(4), "blocked", &["5", "b"], "受阻", "blocked"),
    // Note, progress, due date, write-to and `/` inputs (other keys edit the text).
    a(Input, C::Confirm, "confirm", &["Enter"], "确定", "saves"),
    a(Input, C::Cancel, "cancel", &["Esc", "Ctrl-c"], "取消", "cancels"),
    // The search popup (letters are typed into the query).
    a(Search, C::Up, "up", &["Up", "Ctrl-p"], "上一个结果", "previous hit"),
    a(Search, C::Down, "down", &["Down", "Ctrl-n"], "下一个结果", "next hit"),
    a(Search, C::Confirm, "confirm", &["Enter"], "跳转", "jumps"),
    a(Search, C::Cancel, "cancel", &["Esc", "Ctrl-c"], "关闭", "closes"),
    // The export dialog (on the file name, other keys edit the text).
    a(Export, C::Up, "up", &["Up", "Shift-Tab"], "上一项", "previous field"),
    a(Export, C::Down, "down", &["Down", "Tab"], "下一项", "next field"),
    a(Export, C::Prev, "prev", &["Left"], "上一个选项", "previous choice"),
    a(Export, C::Next, "next", &["Right", "Space"], "下一个选项", "next choice"),
    a(Export, C::Confirm, "confirm", &["Enter"], "导出", "exports"),
    a(Export, C::Cancel, "cancel", &["Esc", "Ctrl-c"], "取消", "cancels"),
    // The help popup.
    a(Help, C::Cancel, "close", &["@back", "@help", "@quit"], "关闭帮助", "close help"),
    a(Help, C::Up, "up", &["@up"], "向上滚动", "scroll up"),
    a(Help, C::Down, "down", &["@down"], "向下滚动", "scroll down"),
    a(Help, C::PageUp, "page_up", &["@page_up"], "上翻页", "page up"),
    a(Help, C::PageDown, "page_down", &["@page_down"], "下翻页", "page down"),
    a(Help, C::Top, "top", &["@top"], "到开头", "first"),
    a(Help, C::Bottom, "bottom", &["@bottom"], "到结尾", "last"),
    // Presentation mode (read-only: nothing else is read there).
    a(Present, C::Quit, "quit", &["Ctrl-c"], "退出 dubang", "quit dubang"),
    a(Present, C::Cancel, "leave", &["Esc", "@quit", "@present"], "离开演示", "leave the presentation"),
    a(Present, C::Next, "next", &["@next_tab", "@page_down", "@down", "Enter"], "下一页", "next slide"),
    a(Present, C::Prev, "prev", &["@prev_tab", "@page_up", "@up", "Backspace"], "上一页", "previous slide"),
    a(Present, C::Top, "first", &["@top"], "第一页", "first slide"),
    a(Present, C::Bottom, "last", &["@bottom"], "最后一页", "last slide"),
];
