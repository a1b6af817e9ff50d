//! The title and status bars, and the messages the status line shows.

use crate::lang::Lang;

/// One field per phrase: [`ZH`] and [`EN`] must both give each one.
pub struct Status {
    pub hint_select: &'static str,
    pub hint_details: &'static str,
    pub hint_status: &'static str,
    pub hint_export: &'static str,
    pub hint_back: &'static str,
    pub hint_help: &'static str,
    pub hint_quit: &'static str,
    pub hint_link: &'static str,
    pub hint_jump: &'static str,
    pub hint_note: &'static str,
    pub hint_tabs: &'static str,
    pub hint_open: &'static str,
    pub nothing_to_save: &'static str,
    pub select_a_task: &'static str,
    pub goals_status_notes_only: &'static str,
    pub nothing_to_filter: &'static str,
    pub nothing_to_undo: &'static str,
    pub note_cannot_undo: &'static str,
    pub type_path: &'static str,
    pub note_empty: &'static str,
    pub problem_list: &'static str,
    pub export_failed: &'static str,
    pub read_only_flag: &'static str,
    pub read_only_user: &'static str,
    pub written_to: &'static str,
    pub file_gone: &'static str,
    pub file_broken: &'static str,
    pub saved: &'static str,
    pub nothing_changed: &'static str,
    pub edit_kept: &'static str,
    pub reloaded: &'static str,
    pub reload_colon: &'static str,
    pub task: &'static str,
    pub goal: &'static str,
    pub note_added: &'static str,
    pub app_name: &'static str,
    pub close_help: &'static str,
    pub read_only_badge: &'static str,
}

pub const ZH: Status = Status {
    hint_select: "选择",
    hint_details: "详情",
    hint_status: "状态",
    hint_export: "导出",
    hint_back: "返回",
    hint_help: "帮助",
    hint_quit: "退出",
    hint_link: "选择链接",
    hint_jump: "跳转",
    hint_note: "备注",
    hint_tabs: "标签",
    hint_open: "打开",
    nothing_to_save: "没有待保存的修改",
    select_a_task: "先选择一个任务(或在目标页选择一个目标)",
    goals_status_notes_only: "目标只有状态和备注",
    nothing_to_filter: "概览页没有可筛选的列表:按 : 搜索全部",
    nothing_to_undo: "本次没有可撤销的修改",
    note_cannot_undo: "备注不能撤销:请再加一条更正备注",
    type_path: "请输入路径",
    note_empty: "备注是空的",
    problem_list: "问题清单",
    export_failed: "导出失败:",
    read_only_flag: "只读模式(--read-only):不能修改",
    read_only_user: "只读:当前用户不能写入",
    written_to: "已另存到",
    file_gone: "文件不见了",
    file_broken: "磁盘上的文件已损坏,显示的是上次的版本",
    saved: "已保存",
    nothing_changed: "没有变化",
    edit_kept: "修改保留在内存中:r 重试,w 另存",
    reloaded: "已重新载入",
    reload_colon: ":",
    task: "任务",
    goal: "目标",
    note_added: "已加备注",
    app_name: "督办",
    close_help: "关闭帮助",
    read_only_badge: " 只读 ",
};

pub const EN: Status = Status {
    hint_select: "select",
    hint_details: "details",
    hint_status: "status",
    hint_export: "export",
    hint_back: "back",
    hint_help: "help",
    hint_quit: "quit",
    hint_link: "link",
    hint_jump: "jump",
    hint_note: "note",
    hint_tabs: "tabs",
    hint_open: "open",
    nothing_to_save: "nothing to save",
    select_a_task: "select a task first (or a goal on the Goals tab)",
    goals_status_notes_only: "goals take a status and notes only",
    nothing_to_filter: "nothing to filter here: : searches everything",
    nothing_to_undo: "nothing to undo in this session",
    note_cannot_undo: "a note cannot be taken back: add a correcting note",
    type_path: "type a path",
    note_empty: "the note is empty",
    problem_list: "problem list",
    export_failed: "export failed:",
    read_only_flag: "read-only mode (--read-only): edits are off",
    read_only_user: "read-only: this user cannot write",
    written_to: "written to",
    file_gone: "the file is gone",
    file_broken: "the file on disk is broken; showing the last good version",
    saved: "saved",
    nothing_changed: "nothing changed",
    edit_kept: "edit kept in memory: r retries, w writes elsewhere",
    reloaded: "reloaded",
    reload_colon: ": ",
    task: "task",
    goal: "goal",
    note_added: "note added",
    app_name: "dubang",
    close_help: "close help",
    read_only_badge: " read-only ",
};

/// After an export: how many tasks went where.
pub fn exported(lang: Lang, tasks: usize, path: &std::path::Path) -> String {
    match lang {
        Lang::Zh => format!("已导出 {tasks} 项任务到 {}", path.display()),
        Lang::En => format!("exported {tasks} tasks to {}", path.display()),
    }
}

/// When the terminal is smaller than the dashboard needs (`need` and `now` as
/// columns × rows).
pub fn too_small(lang: Lang, need: (u16, u16), now: (u16, u16)) -> String {
    let ((nw, nh), (w, h)) = (need, now);
    match lang {
        Lang::Zh => format!("终端太小:请放大到至少 {nw}×{nh}(当前 {w}×{h})。按 q 退出。"),
        Lang::En => format!(
            "Terminal too small: enlarge it to at least {nw}x{nh} (now {w}x{h}). Press q to quit."
        ),
    }
}
