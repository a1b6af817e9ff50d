//! Counts by status and share done over any set of tasks.

use super::{Registry, Status};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rollup {
    /// Tasks per status, indexed by [`Status::index`].
    pub counts: [usize; 5],
    /// Sum of the tasks' progress percentages.
    pub progress_sum: u64,
}

impl Rollup {
    pub fn of(reg: &Registry, tasks: impl IntoIterator<Item = usize>) -> Rollup {
        let mut r = Rollup::default();
        for i in tasks {
            let t = &reg.tasks[i];
            r.counts[t.status.index()] += 1;
            // A done task counts as fully done whatever its progress field says.
            r.progress_sum += if t.status == Status::Done {
                100
            } else {
                u64::from(t.progress.min(100))
            };
        }
        r
    }

    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    pub fn count(&self, s: Status) -> usize {
        self.counts[s.index()]
    }

    pub fn done(&self) -> usize {
        self.count(Status::Done)
    }

    /// Share of tasks done, 0.0–1.0 (0 for no tasks).
    pub fn share_done(&self) -> f64 {
        match self.total() {
            0 => 0.0,
            n => self.done() as f64 / n as f64,
        }
    }

    /// Mean progress, 0–100 (0 for no tasks).
    pub fn mean_progress(&self) -> u8 {
        match self.total() {
            0 => 0,
            n => (self.progress_sum / n as u64).min(100) as u8,
        }
    }
}
