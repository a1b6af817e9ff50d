//! Every bindable action, by context: its name in the settings file, its default
//! keys, and what help says of it. A default key written `@name` stands for the
//! keys of the main screen's action `name` as bound, so rebinding `down` or `quit`
//! reaches the picker, the help and presentation mode too.

use super::Context;
use crate::tui::app::{Command, Tab};
use crate::words::screen::keys::Keys;

pub struct ActionInfo {
    pub context: Context,
    pub command: Command,
    pub name: &'static str,
    pub keys: &'static [&'static str],
    /// What help says of it, from the catalogue.
    pub word: fn(&'static Keys) -> &'static str,
}

const fn a(
    context: Context,
    command: Command,
    name: &'static str,
    keys: &'static [&'static str],
    word: fn(&'static Keys) -> &'static str,
) -> ActionInfo {
    ActionInfo {
        context,
        command,
        name,
        keys,
        word,
    }
}

use Command as C;
use Context::{
    Activity, Export, Help, Input, Log, Measures, Normal, Picker, Present, Quit, Search,
};

#[rustfmt::skip]
pub const ACTIONS: &[ActionInfo] = &[
    a(Normal, C::Open, "open", &["Enter"], |w| w.normal_open),
    a(Normal, C::Back, "back", &["Esc", "Backspace", "Ctrl-o"], |w| w.normal_back),
    a(Normal, C::Up, "up", &["Up", "k"], |w| w.normal_up),
    a(Normal, C::Down, "down", &["Down", "j"], |w| w.normal_down),
    a(Normal, C::PageUp, "page_up", &["PgUp", "Ctrl-b", "Ctrl-u"], |w| w.normal_page_up),
    a(Normal, C::PageDown, "page_down", &["PgDn", "Space", "Ctrl-d"], |w| w.normal_page_down),
    a(Normal, C::Top, "top", &["g", "Home"], |w| w.normal_top),
    a(Normal, C::Bottom, "bottom", &["G", "End"], |w| w.normal_bottom),
    a(Normal, C::NextTab, "next_tab", &["Right", "l", "Tab"], |w| w.normal_next_tab),
    a(Normal, C::PrevTab, "prev_tab", &["Left", "h", "Shift-Tab"], |w| w.normal_prev_tab),
    a(Normal, C::GoTab(Tab::Overview), "tab_overview", &["1"], |w| w.normal_tab_overview),
    a(Normal, C::GoTab(Tab::Sections), "tab_sections", &["2"], |w| w.normal_tab_sections),
    a(Normal, C::GoTab(Tab::Units), "tab_units", &["3"], |w| w.normal_tab_units),
    a(Normal, C::GoTab(Tab::Towns), "tab_towns", &["4"], |w| w.normal_tab_towns),
    a(Normal, C::GoTab(Tab::Goals), "tab_goals", &["5"], |w| w.normal_tab_goals),
    a(Normal, C::Filter, "filter", &["/"], |w| w.normal_filter),
    a(Normal, C::Search, "search", &[":", "Ctrl-f"], |w| w.normal_search),
    a(Normal, C::StatusFilter, "filter_status", &["f"], |w| w.normal_filter_status),
    a(Normal, C::PastDue, "filter_past_due", &["!"], |w| w.normal_filter_past_due),
    a(Normal, C::Stale, "filter_stale", &["t"], |w| w.normal_filter_stale),
    a(Normal, C::Mine, "filter_mine", &["m"], |w| w.normal_filter_mine),
    a(Normal, C::Sort, "sort", &["o"], |w| w.normal_sort),
    a(Normal, C::Status, "status", &["s"], |w| w.normal_status),
    a(Normal, C::StatusNext, "status_next", &["]"], |w| w.normal_status_next),
    a(Normal, C::StatusPrev, "status_prev", &["["], |w| w.normal_status_prev),
    a(Normal, C::Note, "note", &["n"], |w| w.normal_note),
    a(Normal, C::Progress, "progress", &["p"], |w| w.normal_progress),
    a(Normal, C::Due, "due", &["d"], |w| w.normal_due),
    a(Normal, C::Undo, "undo", &["u"], |w| w.normal_undo),
    a(Normal, C::Retry, "retry", &["r"], |w| w.normal_retry),
    a(Normal, C::WriteAs, "write_as", &["w"], |w| w.normal_write_as),
    a(Normal, C::Problems, "problems", &["W"], |w| w.normal_problems),
    a(Normal, C::Activity, "activity", &["A"], |w| w.normal_activity),
    a(Normal, C::Export, "export", &["x"], |w| w.normal_export),
    a(Normal, C::Present, "present", &["P"], |w| w.normal_present),
    a(Normal, C::Log, "messages", &["L"], |w| w.normal_messages),
    a(Normal, C::Measures, "measures", &["B"], |w| w.normal_measures),
    a(Normal, C::Help, "help", &["?", "F1"], |w| w.normal_help),
    a(Normal, C::Quit, "quit", &["q", "Ctrl-c"], |w| w.normal_quit),
    // The status picker.
    a(Picker, C::Up, "up", &["@up"], |w| w.picker_up),
    a(Picker, C::Down, "down", &["@down"], |w| w.picker_down),
    a(Picker, C::Confirm, "confirm", &["Enter"], |w| w.picker_confirm),
    a(Picker, C::Cancel, "cancel", &["Esc", "@quit"], |w| w.picker_cancel),
    // Digits, English initials and the first character of each Chinese word (an
    // input method sends 推 as a plain character key); a Chinese screen shows the
    // characters, an English one the letters.
    a(Picker, C::Pick(0), "not_started", &["1", "n", "未"], |w| w.picker_not_started),
    a(Picker, C::Pick(1), "in_progress", &["2", "p", "推"], |w| w.picker_in_progress),
    a(Picker, C::Pick(2), "done", &["3", "d", "完", "已"], |w| w.picker_done),
    a(Picker, C::Pick(3), "delayed", &["4", "l", "滞"], |w| w.picker_delayed),
    a(Picker, C::Pick(4), "blocked", &["5", "b", "受"], |w| w.picker_blocked),
    // Note, progress, due date, write-to and `/` inputs (other keys edit the text).
    a(Input, C::Confirm, "confirm", &["Enter"], |w| w.input_confirm),
    a(Input, C::Cancel, "cancel", &["Esc", "Ctrl-c"], |w| w.input_cancel),
    // The search popup (letters are typed into the query).
    a(Search, C::Up, "up", &["Up", "Ctrl-p"], |w| w.search_up),
    a(Search, C::Down, "down", &["Down", "Ctrl-n"], |w| w.search_down),
    a(Search, C::Confirm, "confirm", &["Enter"], |w| w.search_confirm),
    a(Search, C::Cancel, "cancel", &["Esc", "Ctrl-c"], |w| w.search_cancel),
    // The export dialog (on the file name, other keys edit the text).
    a(Export, C::Up, "up", &["Up", "Shift-Tab"], |w| w.export_up),
    a(Export, C::Down, "down", &["Down", "Tab"], |w| w.export_down),
    a(Export, C::Prev, "prev", &["Left"], |w| w.export_prev),
    a(Export, C::Next, "next", &["Right", "Space"], |w| w.export_next),
    a(Export, C::Confirm, "confirm", &["Enter"], |w| w.export_confirm),
    a(Export, C::Cancel, "cancel", &["Esc", "Ctrl-c"], |w| w.export_cancel),
    // The dialog on quitting with unsaved edits.
    a(Quit, C::Up, "up", &["@up"], |w| w.quit_up),
    a(Quit, C::Down, "down", &["@down"], |w| w.quit_down),
    a(Quit, C::Retry, "retry", &["@retry"], |w| w.quit_retry),
    a(Quit, C::WriteAs, "write_as", &["@write_as"], |w| w.quit_write_as),
    a(Quit, C::Discard, "discard", &["d"], |w| w.quit_discard),
    a(Quit, C::Confirm, "confirm", &["Enter"], |w| w.quit_confirm),
    a(Quit, C::Cancel, "cancel", &["Esc", "@quit"], |w| w.quit_cancel),
    // The activity view.
    a(Activity, C::Up, "up", &["@up"], |w| w.help_up),
    a(Activity, C::Down, "down", &["@down"], |w| w.help_down),
    a(Activity, C::PageUp, "page_up", &["@page_up"], |w| w.help_page_up),
    a(Activity, C::PageDown, "page_down", &["@page_down"], |w| w.help_page_down),
    a(Activity, C::Top, "top", &["@top"], |w| w.help_top),
    a(Activity, C::Bottom, "bottom", &["@bottom"], |w| w.help_bottom),
    a(Activity, C::Confirm, "open", &["Enter"], |w| w.activity_open),
    a(Activity, C::Cancel, "close", &["@back", "@activity", "@quit"], |w| w.activity_close),
    // The help popup.
    a(Help, C::Cancel, "close", &["@back", "@help", "@quit"], |w| w.help_close),
    a(Help, C::Up, "up", &["@up"], |w| w.help_up),
    a(Help, C::Down, "down", &["@down"], |w| w.help_down),
    a(Help, C::PageUp, "page_up", &["@page_up"], |w| w.help_page_up),
    a(Help, C::PageDown, "page_down", &["@page_down"], |w| w.help_page_down),
    a(Help, C::Top, "top", &["@top"], |w| w.help_top),
    a(Help, C::Bottom, "bottom", &["@bottom"], |w| w.help_bottom),
    // The message log.
    a(Log, C::Cancel, "close", &["@back", "@messages", "@quit"], |w| w.log_close),
    a(Log, C::Up, "up", &["@up"], |w| w.help_up),
    a(Log, C::Down, "down", &["@down"], |w| w.help_down),
    a(Log, C::PageUp, "page_up", &["@page_up"], |w| w.help_page_up),
    a(Log, C::PageDown, "page_down", &["@page_down"], |w| w.help_page_down),
    a(Log, C::Top, "top", &["@top"], |w| w.help_top),
    a(Log, C::Bottom, "bottom", &["@bottom"], |w| w.help_bottom),
    // The safeguard measures.
    a(Measures, C::Cancel, "close", &["@back", "@measures", "@quit"], |w| w.measures_close),
    a(Measures, C::Up, "up", &["@up"], |w| w.help_up),
    a(Measures, C::Down, "down", &["@down"], |w| w.help_down),
    a(Measures, C::PageUp, "page_up", &["@page_up"], |w| w.help_page_up),
    a(Measures, C::PageDown, "page_down", &["@page_down"], |w| w.help_page_down),
    a(Measures, C::Top, "top", &["@top"], |w| w.help_top),
    a(Measures, C::Bottom, "bottom", &["@bottom"], |w| w.help_bottom),
    // Presentation mode (read-only: nothing else is read there).
    a(Present, C::Quit, "quit", &["Ctrl-c"], |w| w.present_quit),
    a(Present, C::Cancel, "leave", &["Esc", "@quit", "@present"], |w| w.present_leave),
    a(Present, C::Next, "next", &["@next_tab", "@page_down", "@down", "Enter"], |w| w.present_next),
    a(Present, C::Prev, "prev", &["@prev_tab", "@page_up", "@up", "Backspace"], |w| w.present_prev),
    a(Present, C::Top, "first", &["@top"], |w| w.present_first),
    a(Present, C::Bottom, "last", &["@bottom"], |w| w.present_last),
];
