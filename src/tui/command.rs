//! Everything a key can mean, in any context (see `keys::actions` for which key
//! means what where).

use super::app::Tab;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    NextTab,
    PrevTab,
    GoTab(Tab),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    Help,
    Quit,
    /// Open the status picker for the selected task or goal.
    Status,
    /// Set the next / previous status straight away.
    StatusNext,
    StatusPrev,
    Note,
    Progress,
    Due,
    Undo,
    /// Write the registry to another path (when its own file refuses the edit).
    WriteAs,
    /// Save the edits kept after a failed save again.
    Retry,
    /// In the quit dialog: quit without the unsaved edits (after a confirmation).
    Discard,
    /// Start presentation mode.
    Present,
    /// Open the problem list (问题清单).
    Problems,
    /// Open the activity view: every edit, newest first.
    Activity,
    /// Export the list on screen or the whole plan (台账, 通报): the export dialog.
    Export,
    /// `/`: filter the list that has the keyboard.
    Filter,
    /// Search everything and jump to the pick.
    Search,
    /// Cycle the status filter: all, 未启动, 推进中, 已完成, 滞后, 受阻.
    StatusFilter,
    PastDue,
    Stale,
    Mine,
    /// Cycle the sort of task lists.
    Sort,
    /// Open the message log (the status line's last messages in full).
    Log,
    /// Open the safeguard measures (保障措施) in full.
    Measures,
    /// In a popup: take the choice or the text.
    Confirm,
    /// In a popup: close it without acting; in presentation mode: leave.
    Cancel,
    /// In the status picker: this status (in [`Status::ALL`] order), at once.
    Pick(usize),
    /// In presentation mode: the next and the previous slide.
    Next,
    Prev,
}
