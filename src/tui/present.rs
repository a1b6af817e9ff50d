//! Presentation mode: the plan's progress as slides for a projector. Read-only by
//! construction: only paging keys and leaving are read here, so no edit key can
//! reach the registry while presenting.

use super::app::App;
use super::app::Command;
use super::keys::Context;
use crossterm::event::KeyEvent;

/// What one slide shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slide {
    /// Counts by status as big numbers, one bar per section.
    Overview,
    /// One section: its tasks with status and lead unit, and its gauge.
    Section(usize),
    /// Done/total by lead unit, as a bar chart.
    Units,
    /// Done/total by town.
    Towns,
    /// The goals with due dates and roll-ups.
    Goals,
    /// The problem list: what needs attention, worst first.
    Problems,
}

/// The slides of a plan, in presenting order.
pub fn slides(app: &App) -> Vec<Slide> {
    let mut out = vec![Slide::Overview];
    out.extend((0..app.reg.sections.len()).map(Slide::Section));
    out.extend([Slide::Units, Slide::Towns, Slide::Goals, Slide::Problems]);
    out
}

/// Presentation state: which slide and which of its pages, and whether leaving
/// quits (started with `--present`) or returns to the dashboard (started with `P`).
/// A slide whose content does not fit the screen continues on further pages
/// (`3 / 12 (续)`); how many depends on the screen, which the event loop tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presentation {
    pub slide: usize,
    /// The page of the slide, 0 for the first.
    pub page: usize,
    pub leave_quits: bool,
    /// The terminal's columns and rows (0×0 before the first frame: one page each).
    pub size: (u16, u16),
}

impl App {
    pub fn start_presenting(&mut self, leave_quits: bool) {
        // The terminal's size as the event loop last told it.
        let size = self
            .present
            .map_or((self.area.width, self.area.height), |p| p.size);
        self.present = Some(Presentation {
            slide: 0,
            page: 0,
            leave_quits,
            size,
        });
        self.help = None;
        self.log_view = None;
        self.measures_view = None;
        self.mode = super::edit::Mode::Normal;
    }

    /// A key while presenting. Returns whether the screen changed.
    pub fn present_key(&mut self, key: KeyEvent) -> bool {
        let cmd = self.keys.lookup(Context::Present, key);
        self.present_command(cmd)
    }

    /// A presentation command (from the `present` key context): page, leave, quit.
    pub(super) fn present_command(&mut self, cmd: Option<Command>) -> bool {
        let Some(cur) = self.present else {
            return false;
        };
        let last = slides_len(&self.reg).saturating_sub(1);
        let pages = |slide: usize| crate::tui::view::slide_pages(self, slide, cur.size);
        let (here, prev) = (pages(cur.slide), pages(cur.slide.saturating_sub(1)));
        let Some(p) = self.present.as_mut() else {
            return false;
        };
        let before = (p.slide, p.page);
        match cmd {
            Some(Command::Quit) => {
                self.request_quit();
                return true;
            }
            Some(Command::Next) if p.page + 1 < here => p.page += 1,
            Some(Command::Next) if p.slide < last => (p.slide, p.page) = (p.slide + 1, 0),
            Some(Command::Next) => {}
            Some(Command::Prev) if p.page > 0 => p.page -= 1,
            Some(Command::Prev) if p.slide > 0 => (p.slide, p.page) = (p.slide - 1, prev - 1),
            Some(Command::Prev) => {}
            Some(Command::Top) => (p.slide, p.page) = (0, 0),
            Some(Command::Bottom) => (p.slide, p.page) = (last, 0),
            Some(Command::Cancel) => {
                if p.leave_quits {
                    self.request_quit();
                } else {
                    self.present = None;
                }
                return true;
            }
            _ => return false,
        }
        self.quit || (p.slide, p.page) != before
    }

    /// The terminal's size, for the slides' pages (a resize may leave the page
    /// past the slide's last: the view shows its last then).
    pub fn present_resize(&mut self, w: u16, h: u16) {
        if let Some(p) = self.present.as_mut() {
            p.size = (w, h);
        }
    }
}

fn slides_len(reg: &crate::registry::Registry) -> usize {
    1 + reg.sections.len() + 4
}
