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
            r.add_task(&reg.tasks[i]);
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

/// How a goal's own status (set by hand) disagrees with its tasks: the leader reading
/// 已完成 next to "1/28" deserves to be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalDisagreement {
    /// Marked done while some of its tasks are not.
    DoneWithOpenTasks { done: usize, total: usize },
}

/// Whether a goal marked `status` disagrees with the roll-up of its tasks. Only a goal
/// called done too early is: a goal left 未启动 while its tasks move is the usual case
/// (offices set a goal's status at the end, if ever), and flagging it would put a mark
/// on every goal of every plan in progress. A goal without tasks never disagrees.
pub fn goal_disagreement(status: Status, tasks: &Rollup) -> Option<GoalDisagreement> {
    let total = tasks.total();
    (status == Status::Done && tasks.done() < total).then_some(
        GoalDisagreement::DoneWithOpenTasks {
            done: tasks.done(),
            total,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rollup(counts: [usize; 5]) -> Rollup {
        Rollup {
            counts,
            progress_sum: 0,
        }
    }

    #[test]
    fn only_a_goal_done_with_open_tasks_disagrees() {
        let done = Status::Done.index();
        let idle = Status::NotStarted.index();
        let mut one_of_28 = [0; 5];
        one_of_28[done] = 1;
        one_of_28[idle] = 27;
        assert_eq!(
            goal_disagreement(Status::Done, &rollup(one_of_28)),
            Some(GoalDisagreement::DoneWithOpenTasks { done: 1, total: 28 })
        );
        assert_eq!(
            goal_disagreement(Status::NotStarted, &rollup(one_of_28)),
            None
        );
        assert_eq!(
            goal_disagreement(Status::InProgress, &rollup(one_of_28)),
            None
        );
        let mut all = [0; 5];
        all[done] = 28;
        assert_eq!(goal_disagreement(Status::Done, &rollup(all)), None);
        assert_eq!(goal_disagreement(Status::Done, &rollup([0; 5])), None);
        assert_eq!(goal_disagreement(Status::NotStarted, &rollup([0; 5])), None);
    }
}
