//! The dashboard's state and how commands change it. Pure: no terminal, no files,
//! so navigation is tested as (state, command) → state.

use super::edit::{Effect, Mode};
use super::find::Filters;
use super::keys::KeyMap;
use crate::lang::Lang;
use crate::registry::{Edit, EditTarget, HistoryEntry, Index, Registry, Status, TownLink};
use crate::search::SearchIndex;
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::cell::Cell;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Sections,
    Units,
    Towns,
    Goals,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Overview,
        Tab::Sections,
        Tab::Units,
        Tab::Towns,
        Tab::Goals,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Tab::Overview => lang.pick("概览", "Overview"),
            Tab::Sections => lang.pick("章节", "Sections"),
            Tab::Units => lang.pick("单位", "Units"),
            Tab::Towns => lang.pick("镇区", "Towns"),
            Tab::Goals => lang.pick("目标", "Goals"),
        }
    }
}

/// Which list of a tab has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// Sections, units, towns or goals.
    #[default]
    Entities,
    /// The tasks of the selected entity.
    Tasks,
}

/// Something a task's detail links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Unit(usize),
    Town(usize),
    Section(usize),
    Goal(usize),
}

/// A row of a task list: the task and why it is in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskRow {
    pub task: usize,
    pub tag: Tag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    None,
    Lead,
    Shared,
    Town(TownLink),
    Section(usize),
}

/// An open task detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detail {
    pub task: usize,
    /// Selected link (lead units first, then responsible, towns, section, goals).
    pub link: usize,
    /// First text line shown.
    pub scroll: usize,
}

/// Everything "Back" returns to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub tab: Tab,
    /// Selected entity of each tab (the overview selects a section).
    pub sel: [usize; 5],
    /// Selected row of each tab's task list.
    pub task_sel: [usize; 5],
    pub focus: [Focus; 5],
    pub detail: Option<Detail>,
}

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
    /// Start presentation mode.
    Present,
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

/// The whole dashboard.
pub struct App {
    pub reg: Registry,
    pub ix: Index,
    pub file: PathBuf,
    pub read_only: bool,
    pub lang: Lang,
    /// "Now", fixed per frame by the caller (tests pin it).
    pub now: DateTime<FixedOffset>,
    pub view: View,
    /// Views to go back to (Esc/Backspace), most recent last.
    pub back: Vec<View>,
    pub help: bool,
    /// First help row shown, when the help is taller than the screen.
    pub help_scroll: usize,
    /// Furthest the help can scroll, as last drawn.
    pub help_max: Cell<usize>,
    pub message: Option<String>,
    pub quit: bool,
    /// Swap ambiguous-width characters for ASCII (for terminals drawing them wide).
    pub ascii: bool,
    /// Rows of the list that has the keyboard, as last drawn (for PgUp/PgDn).
    pub page: Cell<usize>,
    /// First row shown of each scrolled list, kept between frames so the view only
    /// moves when the selection leaves it.
    pub offsets: [Cell<usize>; 4],
    /// Furthest the open detail can scroll, as last drawn.
    pub detail_max: Cell<usize>,
    /// The keys in force (defaults plus the user's rebindings).
    pub keys: KeyMap,
    /// A picker or text input that has the keyboard, if any.
    pub mode: Mode,
    /// Edits the file has not taken (a failed save): shown, kept, saved on retry.
    pub pending: Vec<Edit>,
    /// This session's saved changes, newest last, for undo.
    pub undo: Vec<(EditTarget, HistoryEntry)>,
    /// Why edits are disabled, when they are.
    pub read_only_reason: Option<String>,
    /// Login name recorded in history.
    pub who: String,
    /// Presentation mode, when on: it takes every key.
    pub present: Option<super::present::Presentation>,
    /// `/` queries, status / past-due / stale / mine filters, sort order.
    pub filters: Filters,
    /// Pinyin and Chinese search over every name and text, rebuilt on each load.
    pub search: SearchIndex,
}

impl App {
    pub fn new(reg: Registry, file: PathBuf, lang: Lang, now: DateTime<FixedOffset>) -> App {
        let ix = Index::build(&reg);
        let search = SearchIndex::build(&reg);
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
            },
            back: Vec::new(),
            help: false,
            help_scroll: 0,
            help_max: Cell::new(usize::MAX),
            message: None,
            quit: false,
            ascii: false,
            page: Cell::new(10),
            offsets: Default::default(),
            detail_max: Cell::new(usize::MAX),
            keys: KeyMap::default(),
            mode: Mode::Normal,
            pending: Vec::new(),
            undo: Vec::new(),
            read_only_reason: None,
            who: "unknown".into(),
            present: None,
            filters: Filters::default(),
            search,
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
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

    /// How many entities the tab lists.
    pub fn entity_count(&self, tab: Tab) -> usize {
        match tab {
            Tab::Overview | Tab::Sections => self.reg.sections.len(),
            Tab::Units => self.reg.units.len(),
            Tab::Towns => self.reg.towns.len(),
            Tab::Goals => self.reg.goals.len(),
        }
    }

    /// The task list of entity `e` of a tab.
    pub fn task_rows(&self, tab: Tab, e: usize) -> Vec<TaskRow> {
        if e >= self.entity_count(tab) {
            return Vec::new();
        }
        let plain = |tag: Tag| move |&task: &usize| TaskRow { task, tag };
        match tab {
            Tab::Overview | Tab::Sections => self
                .ix
                .section_tasks(e)
                .iter()
                .map(plain(Tag::None))
                .collect(),
            Tab::Units => {
                let lead = self.ix.led_by(e);
                let mut rows: Vec<TaskRow> = lead.iter().map(plain(Tag::Lead)).collect();
                rows.extend(
                    self.ix
                        .shared_by(e)
                        .iter()
                        .filter(|t| !lead.contains(t))
                        .map(plain(Tag::Shared)),
                );
                rows
            }
            Tab::Towns => self
                .ix
                .town_tasks(e)
                .iter()
                .map(|&(task, link)| TaskRow {
                    task,
                    tag: Tag::Town(link),
                })
                .collect(),
            Tab::Goals => self
                .ix
                .goal_tasks(e)
                .iter()
                .map(|&task| {
                    let s = self.ix.section(&self.reg.tasks[task].section).unwrap_or(0);
                    TaskRow {
                        task,
                        tag: Tag::Section(s),
                    }
                })
                .collect(),
        }
    }

    /// The current tab's task list, as shown (filtered and sorted).
    pub fn current_rows(&self) -> Vec<TaskRow> {
        self.visible_rows(self.tab(), self.sel())
    }

    /// The task under the cursor: the open detail's, else the selected row's.
    pub fn selected_task(&self) -> Option<usize> {
        if let Some(d) = self.view.detail {
            return Some(d.task);
        }
        match (self.tab(), self.focus()) {
            (Tab::Overview, _) => None,
            _ => self.current_rows().get(self.task_sel()).map(|r| r.task),
        }
    }

    /// Everything a task's detail links to, in display order.
    pub fn links(&self, task: usize) -> Vec<Link> {
        let t = &self.reg.tasks[task];
        let mut out = Vec::new();
        let owner = |id: &String| {
            self.ix
                .unit(id)
                .map(Link::Unit)
                .or_else(|| self.ix.town(id).map(Link::Town))
        };
        for id in t.lead.iter().chain(&t.responsible) {
            if let Some(l) = owner(id)
                && !out.contains(&l)
            {
                out.push(l);
            }
        }
        for id in &t.mentions {
            if let Some(i) = self.ix.town(id) {
                out.push(Link::Town(i));
            }
        }
        if let Some(s) = self.ix.section(&t.section) {
            out.push(Link::Section(s));
            out.extend(self.ix.section_goals(s).iter().map(|&g| Link::Goal(g)));
        }
        out
    }

    /// Applies one command; an edit comes back as an [`Effect`] for the runner to
    /// save.
    pub fn update(&mut self, cmd: Command) -> Option<Effect> {
        if cmd != Command::Help {
            self.message = None;
        }
        if self.help {
            // The help popup takes Esc/?/q to close; everything else is ignored so a
            // stray key does not act behind it.
            match cmd {
                Command::Back | Command::Help | Command::Quit | Command::Cancel => {
                    self.help = false;
                    self.help_scroll = 0;
                }
                Command::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                Command::Down => self.help_scroll += 1,
                Command::PageUp => self.help_scroll = self.help_scroll.saturating_sub(10),
                Command::PageDown => self.help_scroll += 10,
                Command::Top => self.help_scroll = 0,
                Command::Bottom => self.help_scroll = usize::MAX,
                _ => {}
            }
            // Never past the end, so the way back up is as long as the way down.
            self.help_scroll = self.help_scroll.min(self.help_max.get());
            return None;
        }
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
            Command::Quit => self.quit = true,
            Command::Help => self.help = true,
            Command::NextTab => self.go_tab(Tab::ALL[(self.tab().index() + 1) % 5]),
            Command::PrevTab => self.go_tab(Tab::ALL[(self.tab().index() + 4) % 5]),
            Command::GoTab(t) => self.go_tab(t),
            Command::Up => self.move_by(-1),
            Command::Down => self.move_by(1),
            Command::PageUp => self.move_by(-(self.page.get().max(1) as isize)),
            Command::PageDown => self.move_by(self.page.get().max(1) as isize),
            Command::Top => self.move_by(isize::MIN / 2),
            Command::Bottom => self.move_by(isize::MAX / 2),
            Command::Open => self.open(),
            Command::Back => self.go_back(),
            Command::Present => self.start_presenting(false),
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

    fn go_tab(&mut self, t: Tab) {
        self.view.detail = None;
        self.view.tab = t;
    }

    fn move_by(&mut self, delta: isize) {
        let step = |cur: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (cur as isize)
                .saturating_add(delta)
                .clamp(0, len as isize - 1) as usize
        };
        if let Some(task) = self.view.detail.map(|d| d.task) {
            let n = self.links_len(task);
            let max = self.detail_max.get() as isize;
            if let Some(d) = self.view.detail.as_mut() {
                match delta.abs() {
                    1 => d.link = step(d.link, n),
                    // Pages and ends scroll the text.
                    _ => {
                        d.scroll = (d.scroll as isize)
                            .saturating_add(delta)
                            .clamp(0, max.max(0)) as usize
                    }
                }
            }
            return;
        }
        let i = self.tab().index();
        match self.focus() {
            Focus::Entities => {
                // Moves among the entities the filter shows.
                let visible = self.visible_entities(self.tab());
                let pos = visible
                    .iter()
                    .position(|(e, _)| *e == self.view.sel[i])
                    .unwrap_or(0);
                if let Some(&(e, _)) = visible.get(step(pos, visible.len())) {
                    self.view.sel[i] = e;
                }
                self.view.task_sel[i] = 0;
            }
            Focus::Tasks => {
                let n = self.current_rows().len();
                self.view.task_sel[i] = step(self.view.task_sel[i], n);
            }
        }
    }

    fn links_len(&self, task: usize) -> usize {
        self.links(task).len()
    }

    fn push(&mut self) {
        self.back.push(self.view.clone());
        // A long walk keeps the last hundred steps.
        if self.back.len() > 100 {
            self.back.remove(0);
        }
    }

    fn open(&mut self) {
        if let Some(d) = self.view.detail {
            if let Some(&link) = self.links(d.task).get(d.link) {
                self.follow(link, d.task);
            }
            return;
        }
        let i = self.tab().index();
        match (self.tab(), self.focus()) {
            (Tab::Overview, _) => {
                if self.reg.sections.is_empty() {
                    return;
                }
                let s = self.sel();
                self.push();
                self.view.tab = Tab::Sections;
                self.view.sel[Tab::Sections.index()] = s;
                self.view.task_sel[Tab::Sections.index()] = 0;
                self.view.focus[Tab::Sections.index()] = Focus::Tasks;
            }
            (_, Focus::Entities) => {
                if !self.current_rows().is_empty() {
                    self.push();
                    self.view.focus[i] = Focus::Tasks;
                    self.view.task_sel[i] = 0;
                }
            }
            (_, Focus::Tasks) => {
                if let Some(task) = self.selected_task() {
                    self.push();
                    self.view.detail = Some(Detail {
                        task,
                        link: 0,
                        scroll: 0,
                    });
                }
            }
        }
    }

    /// Jumps to what a link names, with the task selected in its list.
    pub fn follow(&mut self, link: Link, task: usize) {
        let (tab, e) = match link {
            Link::Unit(u) => (Tab::Units, u),
            Link::Town(t) => (Tab::Towns, t),
            Link::Section(s) => (Tab::Sections, s),
            Link::Goal(g) => (Tab::Goals, g),
        };
        self.push();
        let i = tab.index();
        self.view.detail = None;
        self.view.tab = tab;
        self.view.sel[i] = e;
        self.view.focus[i] = Focus::Tasks;
        self.filters.entity_query[i].clear();
        self.view.task_sel[i] = self
            .visible_rows(tab, e)
            .iter()
            .position(|r| r.task == task)
            .unwrap_or(0);
        self.message = Some(format!("→ {}", self.link_name(link)));
    }

    pub fn link_name(&self, link: Link) -> String {
        match link {
            Link::Unit(u) => self.reg.units[u].name.clone(),
            Link::Town(t) => self.reg.towns[t].name.clone(),
            Link::Section(s) => {
                let s = &self.reg.sections[s];
                format!("({}) {}", s.numeral, s.title)
            }
            Link::Goal(g) => {
                let g = &self.reg.goals[g];
                match &g.horizon {
                    Some(h) => format!("{h}{}", self.lang.pick("年目标", " goal")),
                    None => self.lang.pick("目标", "goal").to_string(),
                }
            }
        }
    }

    /// Whether a filter narrows a list on this screen (Esc clears those first; a
    /// filter on another tab must not swallow the way back).
    fn filters_shown(&self) -> bool {
        let i = self.tab().index();
        let f = &self.filters;
        !f.entity_query[i].is_empty()
            || (self.focus() == Focus::Tasks
                && (!f.task_query[i].is_empty()
                    || f.status.is_some()
                    || f.past_due
                    || f.stale
                    || f.mine))
    }

    fn go_back(&mut self) {
        if self.filters_shown() && self.view.detail.is_none() {
            self.clear_filters();
            self.message = Some(self.lang.pick("已清除筛选", "filters cleared").into());
        } else if let Some(v) = self.back.pop() {
            self.view = v;
        } else if self.view.detail.is_some() {
            self.view.detail = None;
        } else {
            let i = self.tab().index();
            self.view.focus[i] = Focus::Entities;
        }
    }
}
