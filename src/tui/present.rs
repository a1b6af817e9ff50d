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

/// Presentation state: which slide, and whether leaving quits (started with
/// `--present`) or returns to the dashboard (started with `P`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presentation {
    pub slide: usize,
    pub leave_quits: bool,
}

impl App {
    pub fn start_presenting(&mut self, leave_quits: bool) {
        self.present = Some(Presentation {
            slide: 0,
            leave_quits,
        });
        self.help = false;
        self.mode = super::edit::Mode::Normal;
    }

    /// A key while presenting. Returns whether the screen changed.
    pub fn present_key(&mut self, key: KeyEvent) -> bool {
        let cmd = self.keys.lookup(Context::Present, key);
        self.present_command(cmd)
    }

    /// A presentation command (from the `present` key context): page, leave, quit.
    pub(super) fn present_command(&mut self, cmd: Option<Command>) -> bool {
        let Some(p) = self.present.as_mut() else {
            return false;
        };
        let last = slides_len(&self.reg).saturating_sub(1);
        let before = p.slide;
        match cmd {
            Some(Command::Quit) => {
                self.request_quit();
                return true;
            }
            Some(Command::Next) => p.slide = (p.slide + 1).min(last),
            Some(Command::Prev) => p.slide = p.slide.saturating_sub(1),
            Some(Command::Top) => p.slide = 0,
            Some(Command::Bottom) => p.slide = last,
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
        self.quit || p.slide != before
    }
}

fn slides_len(reg: &crate::registry::Registry) -> usize {
    1 + reg.sections.len() + 4
}
