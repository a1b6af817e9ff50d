//! Finding things: `/` filters the list that has the keyboard, `:` (or Ctrl-F)
//! searches everything, filters by status / past due / stale / mine, and the sort
//! order of task lists. Filters hold queries and flags, never positions, so they
//! survive a reload of the file.

use super::app::{App, Detail, Focus, Tab, TaskRow};
use crate::lang::Lang;
use crate::registry::Status;
use crate::search::{Hit, Kind};
use std::sync::{Arc, Mutex};

/// Tasks not updated for this many days (or never) count as stale.
pub const STALE_DAYS: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Number,
    Status,
    Due,
    Updated,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Number => Sort::Status,
            Sort::Status => Sort::Due,
            Sort::Due => Sort::Updated,
            Sort::Updated => Sort::Number,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let w = &crate::words::screen::of(lang).lists;
        match self {
            Sort::Number => w.by_number,
            Sort::Status => w.by_status,
            Sort::Due => w.by_due_date,
            Sort::Updated => w.by_last_update,
        }
    }
}

/// Every filter in force. Queries are per tab (and per list level); the flags
/// apply to every task list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub entity_query: [String; 5],
    pub task_query: [String; 5],
    pub status: Option<Status>,
    pub past_due: bool,
    pub stale: bool,
    pub mine: bool,
    pub sort: Sort,
}

impl Filters {
    /// Whether anything narrows a list (Esc clears it all; the sort stays).
    pub fn any(&self) -> bool {
        self.entity_query
            .iter()
            .chain(&self.task_query)
            .any(|q| !q.is_empty())
            || self.status.is_some()
            || self.past_due
            || self.stale
            || self.mine
    }

    /// The flags and sort as the task list's header shows them.
    pub fn describe(&self, lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(s) = self.status {
            out.push(crate::words::status(lang, s).to_string());
        }
        if self.past_due {
            out.push(crate::words::screen::of(lang).lists.past_due.into());
        }
        if self.stale {
            out.push(crate::words::screen::lists::stale(lang, STALE_DAYS));
        }
        if self.mine {
            out.push(crate::words::screen::of(lang).lists.mine.into());
        }
        if self.sort != Sort::Number {
            out.push(self.sort.label(lang).into());
        }
        out
    }
}

pub use super::overlays::search::{SEARCH_LIMIT, SearchState};

pub fn kind_of(tab: Tab) -> Option<Kind> {
    match tab {
        Tab::Overview => None,
        Tab::Sections => Some(Kind::Section),
        Tab::Units => Some(Kind::Unit),
        Tab::Towns => Some(Kind::Town),
        Tab::Goals => Some(Kind::Goal),
    }
}

/// What a tab's task list as shown depends on (see [`App::visible_rows`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RowsKey {
    tab: Tab,
    entity: usize,
    generation: u64,
    index: u64,
    search: Option<u64>,
    today: chrono::NaiveDate,
    now: Option<chrono::DateTime<chrono::FixedOffset>>,
    status: Option<Status>,
    past_due: bool,
    stale: bool,
    mine: Option<String>,
    sort: Sort,
    query: String,
}

/// The task list last asked for, with what it was made from.
pub(crate) type RowsCache = Mutex<Option<(RowsKey, Arc<[TaskRow]>)>>;

impl App {
    /// The entities a tab shows (registry positions), with the filter's hit for
    /// highlighting.
    pub fn visible_entities(&self, tab: Tab) -> Vec<(usize, Option<Hit>)> {
        let q = &self.filters.entity_query[tab.index()];
        match kind_of(tab) {
            Some(kind) if !q.is_empty() => self
                .search
                .filter(kind, q)
                .into_iter()
                .map(|h| (h.index, Some(h)))
                .collect(),
            _ => (0..self.entity_count(tab)).map(|i| (i, None)).collect(),
        }
    }

    /// A task list as shown: the entity's tasks, filtered and sorted. The last one
    /// asked for is kept while nothing it depends on changes: a frame asks for the
    /// list on screen several times, and filtering a list of 46 000 tasks by a
    /// query takes tens of milliseconds. One list only: at 100 000 tasks a tab's
    /// can hold them all (1.6 MB), and the screen shows one.
    pub fn visible_rows(&self, tab: Tab, e: usize) -> Arc<[TaskRow]> {
        let f = &self.filters;
        let query = &f.task_query[tab.index()];
        let key = RowsKey {
            tab,
            entity: e,
            generation: self.reg.generation(),
            index: self.ix.id(),
            // Only a query reads the search index (and waits for it at start-up).
            search: (!query.is_empty()).then(|| self.search.id()),
            today: self.today(),
            // Only the stale filter reads the time.
            now: f.stale.then_some(self.now),
            status: f.status,
            past_due: f.past_due,
            stale: f.stale,
            // Only "mine" reads who is editing.
            mine: f.mine.then(|| self.who.clone()),
            sort: f.sort,
            query: query.clone(),
        };
        let mut cache = self.rows_cache.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((k, rows)) = &*cache
            && *k == key
        {
            return Arc::clone(rows);
        }
        // The list kept is let go of before the new one is made.
        *cache = None;
        let rows: Arc<[TaskRow]> = self.filtered_rows(tab, e).into();
        *cache = Some((key, Arc::clone(&rows)));
        rows
    }

    /// [`Self::visible_rows`] made afresh.
    fn filtered_rows(&self, tab: Tab, e: usize) -> Vec<TaskRow> {
        let f = &self.filters;
        let today = self.today();
        let q = &f.task_query[tab.index()];
        let mut rows: Vec<TaskRow> = self
            .task_rows(tab, e)
            .into_iter()
            .filter(|r| {
                let t = &self.reg.tasks[r.task];
                f.status.is_none_or(|s| t.status == s)
                    // A task without a date of its own is due with its goal.
                    && (!f.past_due
                        || (t.status != Status::Done
                            && self
                                .reg
                                .effective_due(&self.ix, r.task)
                                .is_some_and(|d| d.date < today)))
                    && (!f.stale
                        || t.updated_at
                            .is_none_or(|at| (self.now - at).num_days() >= STALE_DAYS))
                    && (!f.mine || t.history.iter().any(|h| h.by == self.who))
            })
            .collect();
        if !q.is_empty() {
            // One round of the search over the whole list: per row, each would
            // set up its own matcher (seconds for a list of 46 000 tasks).
            let tasks: Vec<usize> = rows.iter().map(|r| r.task).collect();
            let hits = self.search.query(q).matching(Kind::Task, &tasks);
            let mut hit = hits.iter();
            rows.retain(|_| hit.next().is_some_and(Option::is_some));
        }
        let tasks = &self.reg.tasks;
        match f.sort {
            Sort::Number => {}
            Sort::Status => rows.sort_by_key(|r| tasks[r.task].status.index()),
            // By the date each task is held to (its own, else its goal's); none last.
            Sort::Due => rows.sort_by_cached_key(|r| {
                let due = self.reg.effective_due(&self.ix, r.task).map(|d| d.date);
                (due.is_none(), due)
            }),
            // Most recently updated first; never updated last.
            Sort::Updated => rows.sort_by_key(|r| std::cmp::Reverse(tasks[r.task].updated_at)),
        }
        rows
    }

    /// The hit of the current task query on a task (for highlighting its title).
    pub fn task_hit(&self, tab: Tab, task: usize) -> Option<Hit> {
        let q = &self.filters.task_query[tab.index()];
        if q.is_empty() {
            return None;
        }
        self.search.matches(Kind::Task, task, q)
    }

    /// Keeps the selected entity among the visible ones (after a filter changed).
    pub fn settle_selection(&mut self) {
        self.settle_problem();
        for tab in Tab::ALL {
            let i = tab.index();
            let visible = self.visible_entities(tab);
            if !visible.is_empty() && !visible.iter().any(|(e, _)| *e == self.view.sel[i]) {
                self.view.sel[i] = visible[0].0;
                self.view.task_sel[i] = 0;
            }
            let n = self.visible_rows(tab, self.view.sel[i]).len();
            self.view.task_sel[i] = self.view.task_sel[i].min(n.saturating_sub(1));
        }
    }

    /// Sets the `/` query of the list that has the keyboard.
    pub fn set_list_query(&mut self, q: &str) {
        let i = self.tab().index();
        match self.focus() {
            Focus::Tasks => self.filters.task_query[i] = q.to_string(),
            Focus::Entities => self.filters.entity_query[i] = q.to_string(),
        }
        self.settle_selection();
        if q.is_empty() {
            return;
        }
        // The list stays in its own order; the cursor goes to the best match, as in
        // fzf: exact before prefix before substring…
        let rank = |h: &Hit| (h.tier, std::cmp::Reverse(h.score));
        match self.focus() {
            Focus::Entities => {
                let best = self
                    .visible_entities(self.tab())
                    .into_iter()
                    .filter_map(|(e, h)| Some((e, h?)))
                    .min_by_key(|(_, h)| rank(h));
                if let Some((e, _)) = best {
                    self.view.sel[i] = e;
                    self.view.task_sel[i] = 0;
                }
            }
            Focus::Tasks => {
                let tasks: Vec<usize> = self.current_rows().iter().map(|r| r.task).collect();
                let hits = self.search.query(q).matching(Kind::Task, &tasks);
                let best = hits
                    .into_iter()
                    .enumerate()
                    .filter_map(|(k, h)| Some((k, h?)))
                    .min_by_key(|(_, h)| rank(h));
                if let Some((k, _)) = best {
                    self.view.task_sel[i] = k;
                }
            }
        }
    }

    pub fn list_query(&self) -> &str {
        let i = self.tab().index();
        match self.focus() {
            Focus::Tasks => &self.filters.task_query[i],
            Focus::Entities => &self.filters.entity_query[i],
        }
    }

    pub fn clear_filters(&mut self) {
        self.filters = Filters {
            sort: self.filters.sort,
            ..Default::default()
        };
        self.settle_selection();
    }

    /// Jumps to a search hit, with the way back on the history.
    pub fn jump_to(&mut self, hit: &Hit) {
        self.jump_to_entity(hit.kind, hit.index);
    }

    /// Shows an entity of `kind` (a task: its detail), from where Esc comes back.
    pub fn jump_to_entity(&mut self, kind: Kind, index: usize) {
        // A measure is read in its own view, over whatever was on screen.
        if kind == Kind::Measure {
            self.open_measures(index);
            return;
        }
        self.back.push(self.view.clone());
        self.view.detail = None;
        let (tab, e) = match kind {
            Kind::Unit => (Tab::Units, index),
            Kind::Town => (Tab::Towns, index),
            Kind::Section => (Tab::Sections, index),
            Kind::Goal => (Tab::Goals, index),
            // Opened in the measures view above.
            Kind::Measure => return,
            Kind::Task => {
                let s = self.ix.task_section(index).unwrap_or(0);
                (Tab::Sections, s)
            }
        };
        let i = tab.index();
        // What is jumped to must be visible: its list's filter is dropped.
        self.filters.entity_query[i].clear();
        self.view.tab = tab;
        self.view.sel[i] = e;
        self.view.task_sel[i] = 0;
        self.view.focus[i] = Focus::Entities;
        if kind == Kind::Task {
            self.view.focus[i] = Focus::Tasks;
            let rows = self.visible_rows(tab, e);
            self.view.task_sel[i] = rows.iter().position(|r| r.task == index).unwrap_or(0);
            self.view.detail = Some(Detail::of(index));
        }
    }
}
