//! The main screen: its tabs, the entity and task lists, a task's detail, the
//! problem list and the back stack. The state is here (what is selected, what is
//! open, where each list starts, what Esc returns to); `navigate.rs` moves it,
//! `problems.rs` is the problem list's part, `scrolling.rs` pages and scrolls by
//! the layout at the terminal's size. The views under `view/` draw it.

mod navigate;
pub(crate) mod problems;
mod rows;
mod scrolling;

use crate::lang::Lang;
use crate::registry::TownLink;

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
        let w = &crate::words::screen::of(lang).lists;
        match self {
            Tab::Overview => w.overview,
            Tab::Sections => w.sections,
            Tab::Units => w.units,
            Tab::Towns => w.towns,
            Tab::Goals => w.goals,
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
    /// First text line shown: ↑/↓ bring the selected link into sight, pages and
    /// ends scroll the whole text, down to the oldest history. Counted from the
    /// end when `from_end` is set.
    pub scroll: usize,
    /// `scroll` counts the lines below the last one shown (0: the oldest history
    /// entry at the bottom): after End, in a history too long to lay out from the
    /// top, the detail is laid out from its end, as far up as it is read.
    pub from_end: bool,
}

impl Detail {
    pub fn of(task: usize) -> Detail {
        Detail {
            task,
            link: 0,
            scroll: 0,
            from_end: false,
        }
    }
}

/// The first row shown of each list of the main screen, kept between keys so a
/// list moves only when its selection leaves it (updated with the state, by the
/// layout of [`super::layout`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    /// The entity list of a tab, or the Overview's sections.
    pub entities: usize,
    /// The task list.
    pub tasks: usize,
    /// The selected goal's document (Goals tab): its first line shown.
    pub goal: usize,
    /// The goal `goal` scrolls (another goal's document starts at its top).
    pub goal_of: usize,
}

/// How many status-line messages the message log keeps.
pub const LOG_LEN: usize = 50;

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
    /// The problem list, when open: its selected row (see `problems.rs`).
    pub problems: Option<usize>,
}
