//! The dashboard's state as a whole and who a command goes to: the help or the
//! message log when open, else the main screen ([`super::dashboard`]) or an edit.
//! Pure: no terminal, no files (the event loop tells it the time, the user and the
//! terminal's size), so navigation is tested as (state, command) → state.

pub use super::command::Command;
use super::edit::{Effect, Mode};
use super::find::Filters;
use super::keys::KeyMap;
use super::overlays::help::{Help, Outcome as HelpOutcome};
use super::overlays::log::{LogView, Outcome as LogOutcome};
use super::overlays::measures::{MeasuresView, Outcome as MeasuresOutcome};
use crate::lang::Lang;
use crate::registry::{Edit, EditTarget, HistoryEntry, Index, Registry, Shared, Status};
use crate::search::Background;
use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::layout::Rect;
use std::collections::VecDeque;
use std::path::PathBuf;

pub use super::dashboard::{Detail, Focus, LOG_LEN, Link, Scroll, Tab, Tag, TaskRow, View};

/// The whole dashboard.
pub struct App {
    /// Shared for reading with the threads that need it for a while: the search
    /// index's at start-up, a reload's while it counts what changed. Written only
    /// through [`Shared::write`], which waits for them and marks a new generation.
    pub reg: Shared,
    pub ix: Index,
    pub file: PathBuf,
    pub read_only: bool,
    pub lang: Lang,
    /// "Now", fixed per frame by the caller (tests pin it).
    pub now: DateTime<FixedOffset>,
    pub(crate) view: View,
    /// Views to go back to (Esc/Backspace), most recent last.
    pub(crate) back: Vec<View>,
    /// Where the lists of the main screen start.
    pub(crate) scroll: Scroll,
    /// The terminal's size, told by the event loop (resize events): the layout
    /// pages and scrolls by it.
    pub(crate) area: Rect,
    /// The help screen, when open.
    pub(crate) help: Option<super::overlays::help::Help>,
    /// The message log, when open.
    pub(crate) log_view: Option<super::overlays::log::LogView>,
    /// The safeguard measures in full, when open.
    pub(crate) measures_view: Option<MeasuresView>,
    /// The last status-line messages with their time, oldest first.
    pub(crate) log: VecDeque<(DateTime<FixedOffset>, String)>,
    pub message: Option<String>,
    pub quit: bool,
    /// Swap ambiguous-width characters for ASCII (for terminals drawing them wide).
    pub ascii: bool,
    /// The keys in force (defaults plus the user's rebindings).
    pub keys: KeyMap,
    /// A picker or text input that has the keyboard, if any.
    pub mode: Mode,
    /// Edits the file has not taken (a failed save): shown, kept, saved on retry.
    pub pending: Vec<Edit>,
    /// Edits on their way to the file (the saver thread has them), oldest first:
    /// already shown, marked as not yet saved.
    pub in_flight: Vec<Edit>,
    /// A save waits for someone else's lock: what the status line says while no
    /// other message is shown.
    pub lock_wait: Option<String>,
    /// This session's saved edits, newest last, for undo: each the changes one
    /// edit made (a status with the progress a rule moved is one step).
    pub undo: Vec<(EditTarget, Vec<HistoryEntry>)>,
    /// Quit once the save (or write elsewhere) chosen in the quit dialog goes through.
    pub quit_when_saved: bool,
    /// Why edits are disabled, when they are.
    pub read_only_reason: Option<String>,
    /// Login name recorded in history.
    pub who: String,
    /// Presentation mode, when on: it takes every key.
    pub present: Option<super::present::Presentation>,
    /// `/` queries, status / past-due / stale / mine filters, sort order.
    pub filters: Filters,
    /// Pinyin and Chinese search over every name and text, rebuilt on each load; at
    /// start-up on its own thread (the first frame does not need it), waited for by
    /// whatever asks for it first.
    pub search: Background,
    /// When a task is on the problem list and how bad (settings, `[problems]`).
    pub thresholds: crate::report::Thresholds,
    /// The problem list of the last frame (see [`App::problem_rows`]).
    pub(crate) problem_cache: super::dashboard::problems::ProblemCache,
    /// The task list last asked for (see [`App::visible_rows`]).
    pub(crate) rows_cache: super::find::RowsCache,
    /// The version of the file `reg` was read from or last saved as (the event
    /// loop sets it): a save that finds the file so has nothing new to show.
    pub stamp: Option<crate::store::FileStamp>,
}

impl App {
    pub fn new(reg: Registry, file: PathBuf, lang: Lang, now: DateTime<FixedOffset>) -> App {
        let reg = Shared::new(reg);
        // The search index is the slowest part of start-up (0.3 s of 1 s at 100 000
        // tasks): it builds on the other core while this one draws the first frame.
        // It starts after the registry index, which it would slow down (both read
        // every task) for little gain: 60-70 ms against its 0.4 s.
        let ix = Index::build(&reg);
        let search = Background::spawn(reg.reader());
        App {
            reg,
            ix,
            file,
            read_only: false,
            lang,
            now,
            view: View {
                tab: Tab::Overview,
                sel: [0; 5],
                task_sel: [0; 5],
                focus: [Focus::Entities; 5],
                detail: None,
                problems: None,
            },
            back: Vec::new(),
            scroll: Scroll::default(),
            // Unknown (0×0) until the event loop tells it: nothing pages by a guess.
            area: Rect::default(),
            help: None,
            log_view: None,
            measures_view: None,
            log: VecDeque::new(),
            message: None,
            quit: false,
            ascii: false,
            keys: KeyMap::default(),
            mode: Mode::Normal,
            pending: Vec::new(),
            in_flight: Vec::new(),
            lock_wait: None,
            undo: Vec::new(),
            quit_when_saved: false,
            read_only_reason: None,
            who: "unknown".into(),
            present: None,
            filters: Filters::default(),
            search,
            thresholds: crate::report::Thresholds::default(),
            problem_cache: Default::default(),
            rows_cache: Default::default(),
            stamp: None,
        }
    }

    /// The dashboard's words in the reader's language.
    pub fn w(&self) -> &'static crate::words::screen::Screen {
        crate::words::screen::of(self.lang)
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    /// Where the dashboard is: tab, selections, open detail or problem list.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// Whether the help screen is open.
    pub fn showing_help(&self) -> bool {
        self.help.is_some()
    }

    /// Whether the message log is open.
    pub fn showing_log(&self) -> bool {
        self.log_view.is_some()
    }

    /// Whether the safeguard measures are open.
    pub fn showing_measures(&self) -> bool {
        self.measures_view.is_some()
    }

    /// Opens the safeguard measures scrolled to measure `index`.
    pub(crate) fn open_measures(&mut self, index: usize) {
        self.measures_view = Some(MeasuresView::at(self, self.area, index));
    }

    /// The status line's last messages with their time, oldest first.
    pub fn messages(&self) -> impl Iterator<Item = &(DateTime<FixedOffset>, String)> {
        self.log.iter()
    }

    /// The terminal's size changed (or is first known): pages and scrolling
    /// follow it.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.area = Rect::new(0, 0, width, height);
        self.present_resize(width, height);
        self.settle_scroll();
    }

    /// Keeps the message on the status line in the log (once per message), with
    /// the time it was said; the oldest go past [`LOG_LEN`].
    pub fn log_message(&mut self) {
        let Some(msg) = &self.message else {
            return;
        };
        if self.log.back().is_some_and(|(_, m)| m == msg) {
            return;
        }
        self.log.push_back((self.now, msg.clone()));
        while self.log.len() > LOG_LEN {
            self.log.pop_front();
        }
    }

    pub fn tab(&self) -> Tab {
        self.view.tab
    }

    pub fn focus(&self) -> Focus {
        self.view.focus[self.view.tab.index()]
    }

    /// Selected entity of the current tab.
    pub fn sel(&self) -> usize {
        self.view.sel[self.view.tab.index()]
    }

    pub fn task_sel(&self) -> usize {
        self.view.task_sel[self.view.tab.index()]
    }

    /// Applies one command; an edit comes back as an [`Effect`] for the runner to
    /// save.
    pub fn update(&mut self, cmd: Command) -> Option<Effect> {
        if cmd != Command::Help {
            self.message = None;
        }
        if let Some(mut help) = self.help {
            match help.handle(cmd, self, self.area) {
                HelpOutcome::Closed => self.help = None,
                _ => self.help = Some(help),
            }
            return None;
        }
        if let Some(mut log) = self.log_view {
            match log.handle(cmd, self, self.area) {
                LogOutcome::Closed => self.log_view = None,
                _ => self.log_view = Some(log),
            }
            return None;
        }
        if let Some(mut view) = self.measures_view {
            match view.handle(cmd, self, self.area) {
                MeasuresOutcome::Closed => self.measures_view = None,
                _ => self.measures_view = Some(view),
            }
            return None;
        }
        let effect = self.main_command(cmd);
        self.settle_scroll();
        self.log_message();
        effect
    }

    /// A command of the main screen.
    fn main_command(&mut self, cmd: Command) -> Option<Effect> {
        match cmd {
            Command::Status
            | Command::StatusNext
            | Command::StatusPrev
            | Command::Note
            | Command::Progress
            | Command::Due
            | Command::Undo
            | Command::WriteAs
            | Command::Retry => return self.edit_command(cmd),
            _ => {}
        }
        match cmd {
            Command::Quit => self.request_quit(),
            Command::Help => self.help = Some(Help::default()),
            Command::Log => self.log_view = Some(LogView::default()),
            Command::Measures => self.open_measures(0),
            Command::NextTab => self.go_tab(Tab::ALL[(self.tab().index() + 1) % 5]),
            Command::PrevTab => self.go_tab(Tab::ALL[(self.tab().index() + 4) % 5]),
            Command::GoTab(t) => self.go_tab(t),
            Command::Up => self.move_by(-1),
            Command::Down => self.move_by(1),
            Command::PageUp => self.page_by(-1),
            Command::PageDown => self.page_by(1),
            Command::Top => self.move_by(isize::MIN / 2),
            Command::Bottom => self.move_by(isize::MAX / 2),
            Command::Open => self.open(),
            Command::Back => self.go_back(),
            Command::Present => self.start_presenting(false),
            Command::Problems => self.open_problems(),
            Command::Activity => self.open_activity(),
            Command::Export => self.open_export(),
            Command::Filter => self.open_filter(),
            Command::Search => self.open_search(),
            Command::StatusFilter => {
                self.filters.status = match self.filters.status {
                    None => Some(Status::ALL[0]),
                    Some(s) if s.index() + 1 < Status::ALL.len() => {
                        Some(Status::ALL[s.index() + 1])
                    }
                    Some(_) => None,
                };
                self.settle_selection();
            }
            Command::PastDue => {
                self.filters.past_due = !self.filters.past_due;
                self.settle_selection();
            }
            Command::Stale => {
                self.filters.stale = !self.filters.stale;
                self.settle_selection();
            }
            Command::Mine => {
                self.filters.mine = !self.filters.mine;
                self.settle_selection();
            }
            Command::Sort => {
                self.filters.sort = self.filters.sort.next();
                self.settle_selection();
                self.message = Some(self.filters.sort.label(self.lang).to_string());
            }
            _ => {}
        }
        None
    }
}
