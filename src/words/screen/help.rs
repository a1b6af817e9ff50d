//! The help screen: its headings and the words around the key list.

use crate::lang::Lang;

/// One field per phrase: [`ZH`] and [`EN`] must both give each one.
pub struct Help {
    pub straight_to_tab: &'static str,
    pub main_screen: &'static str,
    pub status_picker: &'static str,
    pub inputs: &'static str,
    pub search_popup: &'static str,
    pub export_dialog: &'static str,
    pub quit_dialog: &'static str,
    pub help_ctx: &'static str,
    pub presentation: &'static str,
}

pub const ZH: Help = Help {
    straight_to_tab: "直接打开标签页:概览 章节 单位 镇区 目标",
    main_screen: "主界面",
    status_picker: "【状态选择器】",
    inputs: "【输入框:备注、进度、日期、路径、/ 筛选】",
    search_popup: "【搜索框】",
    export_dialog: "【导出对话框】",
    quit_dialog: "【退出时有未保存的修改】",
    help_ctx: "【帮助】",
    presentation: "【演示模式】",
};

pub const EN: Help = Help {
    straight_to_tab: "straight to a tab: Overview Sections Units Towns Goals",
    main_screen: "Main screen",
    status_picker: "[Status picker]",
    inputs: "[Inputs: note, progress, date, path, / filter]",
    search_popup: "[Search popup]",
    export_dialog: "[Export dialog]",
    quit_dialog: "[Quitting with unsaved edits]",
    help_ctx: "[Help]",
    presentation: "[Presentation]",
};

/// Help's line for the status action, with the picker's keys in force.
pub fn status_action(lang: Lang, picker_keys: &str) -> String {
    match lang {
        Lang::Zh => format!("修改状态(选择器:{picker_keys})"),
        Lang::En => format!("change the status (picker: {picker_keys})"),
    }
}

/// Help's line for presentation mode, with its keys in force (prev, next, leave).
pub fn present_action(lang: Lang, [prev, next, leave]: [&str; 3]) -> String {
    match lang {
        Lang::Zh => format!("演示模式(只读,{prev}{next} 翻页,{leave} 退出)"),
        Lang::En => format!("presentation mode (read-only; {prev}{next} pages, {leave} leaves)"),
    }
}

/// The help popup's title: the key that closes it, then where the scroll is.
pub fn title(lang: Lang, close: &str, more: &str) -> String {
    match lang {
        Lang::Zh => format!("按键 ({close} 关闭){more}"),
        Lang::En => format!("Keys ({close} closes){more}"),
    }
}
