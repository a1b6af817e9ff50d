//! What changed, newest first: every history entry of every task and goal as one
//! list, filtered by date, unit, person and task (`dubang log`, the dashboard's
//! activity view, the Overview's last changes).

use super::{HistoryEntry, Registry};
use chrono::{Duration, NaiveDate};

/// What an entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A task, by position in `tasks`.
    Task(usize),
    /// A goal, by position in `goals`.
    Goal(usize),
}

/// One edit of the activity list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Activity<'a> {
    pub subject: Subject,
    pub entry: &'a HistoryEntry,
}

/// Which edits to list; `None`/empty lets everything through.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActivityFilter {
    /// Edits on or after this day.
    pub since: Option<NaiveDate>,
    /// Only edits of these tasks (positions); goals are left out when set.
    pub tasks: Option<Vec<usize>>,
    /// Only edits by these logins.
    pub by: Option<Vec<String>>,
}

/// Every edit that passes `filter`, newest first (entries of one moment too: the last
/// recorded first).
pub fn activity<'a>(reg: &'a Registry, filter: &ActivityFilter) -> Vec<Activity<'a>> {
    let tasks = reg
        .tasks
        .iter()
        .enumerate()
        .filter(|(i, _)| filter.tasks.as_ref().is_none_or(|t| t.contains(i)));
    let mut out: Vec<Activity<'a>> = tasks
        .flat_map(|(i, t)| {
            t.history.iter().map(move |entry| Activity {
                subject: Subject::Task(i),
                entry,
            })
        })
        .collect();
    if filter.tasks.is_none() {
        out.extend(reg.goals.iter().enumerate().flat_map(|(i, g)| {
            g.history.iter().map(move |entry| Activity {
                subject: Subject::Goal(i),
                entry,
            })
        }));
    }
    out.retain(|a| {
        filter.since.is_none_or(|d| a.entry.at.date_naive() >= d)
            && filter.by.as_ref().is_none_or(|b| b.contains(&a.entry.by))
    });
    // Stable: what was recorded together stays in its order, reversed with the rest.
    out.reverse();
    out.sort_by_key(|a| std::cmp::Reverse(a.entry.at));
    out
}

/// `--since`: a date (2026-06-01) or a number of days back (7d, 30d, 7 天).
pub fn parse_since(s: &str, today: NaiveDate) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let n = s
        .strip_suffix('d')
        .or_else(|| s.strip_suffix('天'))
        .map(str::trim)?
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=36_500).contains(n))?;
    today.checked_sub_signed(Duration::days(n))
}

/// The logins `--by PERSON` means: a login that appears in the history or the people
/// list, or the name (姓名) of people in the list. Empty when it names nobody.
pub fn logins_of(reg: &Registry, person: &str) -> Vec<String> {
    let p = person.trim();
    let mut out: Vec<String> = reg
        .people
        .iter()
        .filter(|x| x.login == p || x.name == p)
        .map(|x| x.login.clone())
        .collect();
    let in_history = reg
        .tasks
        .iter()
        .flat_map(|t| &t.history)
        .chain(reg.goals.iter().flat_map(|g| &g.history))
        .any(|h| h.by == p);
    if in_history && !out.iter().any(|l| l == p) {
        out.push(p.to_string());
    }
    out
}

/// Everyone who can be named with `--by`: the people list's names, then the other
/// logins of the history.
pub fn known_people(reg: &Registry) -> Vec<String> {
    let mut out: Vec<String> = reg.people.iter().map(|p| p.name.clone()).collect();
    for h in reg
        .tasks
        .iter()
        .flat_map(|t| &t.history)
        .chain(reg.goals.iter().flat_map(|g| &g.history))
    {
        if reg.person(&h.by).is_none() && !out.contains(&h.by) {
            out.push(h.by.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn entry(at: &str, by: &str, field: &str) -> HistoryEntry {
        HistoryEntry {
            at: DateTime::parse_from_rfc3339(at).unwrap(),
            by: by.into(),
            field: field.into(),
            from: None,
            to: None,
            note: None,
            source: None,
            undo: false,
        }
    }

    #[test]
    fn newest_first_across_tasks_and_goals_and_filtered() {
        let mut reg: Registry = serde_json::from_str(crate::store::BUNDLED).unwrap();
        reg.tasks[0].history = vec![
            entry("2026-03-01T09:00:00+08:00", "liwei", "status"),
            entry("2026-03-01T09:00:00+08:00", "liwei", "progress"),
        ];
        reg.tasks[1].history = vec![entry("2026-03-05T09:00:00+08:00", "wangli", "note")];
        reg.goals[0].history = vec![entry("2026-02-01T09:00:00+08:00", "liwei", "status")];
        let all = activity(&reg, &ActivityFilter::default());
        let fields: Vec<&str> = all.iter().map(|a| a.entry.field.as_str()).collect();
        // Newest first, entries of one moment too (the last recorded first).
        assert_eq!(fields, ["note", "progress", "status", "status"]);
        assert_eq!(all[3].subject, Subject::Goal(0));
        let today = NaiveDate::from_ymd_opt(2026, 3, 6).unwrap();
        let f = ActivityFilter {
            since: parse_since("3d", today),
            by: Some(logins_of(&reg, "liwei")),
            ..Default::default()
        };
        assert_eq!(activity(&reg, &f).len(), 0);
        let f = ActivityFilter {
            since: parse_since("2026-03-01", today),
            tasks: Some(vec![0]),
            ..Default::default()
        };
        assert_eq!(activity(&reg, &f).len(), 2);
        assert_eq!(
            parse_since("7天", today),
            NaiveDate::from_ymd_opt(2026, 2, 27)
        );
        assert_eq!(parse_since("soon", today), None);
        assert!(logins_of(&reg, "nobody").is_empty());
    }
}
