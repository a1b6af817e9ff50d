//! Which tasks a report covers: by section, unit (lead or responsible), town, status,
//! past due, silence and recent change. Names are resolved like the search does
//! (name, alias, pinyin, initials); a value that names nothing is an error that lists
//! the valid values.

use super::problems::days_silent;
use crate::registry::{Index, Registry, Status};
use crate::search::{Kind, SearchIndex, Tier};
use chrono::NaiveDate;
use std::fmt;

/// The filters as typed on the command line.
#[derive(Debug, Clone, Default)]
pub struct FilterArgs {
    pub sections: Vec<String>,
    pub units: Vec<String>,
    pub towns: Vec<String>,
    pub statuses: Vec<String>,
    pub overdue: bool,
    pub stale: Option<u32>,
    pub since: Option<NaiveDate>,
}

/// Resolved filters. Each list is a union; different filters combine with "and".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub sections: Vec<usize>,
    pub units: Vec<usize>,
    pub towns: Vec<usize>,
    pub statuses: Vec<Status>,
    pub overdue: bool,
    pub stale: Option<u32>,
    pub since: Option<NaiveDate>,
}

/// A filter value that names nothing, or several things at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// The option: "--unit".
    pub option: &'static str,
    pub value: String,
    /// Every valid value, or (when `ambiguous`) the ones it could mean.
    pub valid: Vec<String>,
    pub ambiguous: bool,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.ambiguous {
            "could mean several; say which"
        } else {
            "matches nothing; valid values"
        };
        write!(
            f,
            "{} '{}' {what}: {}",
            self.option,
            self.value,
            self.valid.join(", ")
        )
    }
}

impl std::error::Error for UnknownValue {}

impl Filter {
    /// Resolves every value, or says which one names nothing.
    pub fn resolve(reg: &Registry, args: &FilterArgs) -> Result<Filter, UnknownValue> {
        let needs_search =
            !(args.units.is_empty() && args.towns.is_empty() && args.sections.is_empty());
        let search = needs_search.then(|| SearchIndex::build(reg));
        let mut f = Filter {
            overdue: args.overdue,
            stale: args.stale,
            since: args.since,
            ..Filter::default()
        };
        for v in &args.sections {
            let exact = reg
                .sections
                .iter()
                .position(|s| s.id == v.trim() || s.numeral == v.trim());
            let found = match exact {
                Some(i) => vec![i],
                None => lookup(search.as_ref(), Kind::Section, v),
            };
            if found.is_empty() {
                let valid = reg
                    .sections
                    .iter()
                    .map(|s| format!("{} {}", s.numeral, s.title))
                    .collect();
                return Err(unknown("--section", v, valid));
            }
            f.sections.extend(found);
        }
        let unit_names: Vec<String> = reg.units.iter().map(|u| u.name.clone()).collect();
        for v in &args.units {
            f.units.push(one(
                lookup(search.as_ref(), Kind::Unit, v),
                "--unit",
                v,
                &unit_names,
            )?);
        }
        let town_names: Vec<String> = reg.towns.iter().map(|t| t.name.clone()).collect();
        for v in &args.towns {
            f.towns.push(one(
                lookup(search.as_ref(), Kind::Town, v),
                "--town",
                v,
                &town_names,
            )?);
        }
        for v in &args.statuses {
            match crate::registry::typed::status(v) {
                Some(s) => f.statuses.push(s),
                None => {
                    let valid = Status::ALL
                        .iter()
                        .map(|s| format!("`{}` ({})", s.key(), s.zh()))
                        .collect();
                    return Err(unknown("--status", v, valid));
                }
            }
        }
        for list in [&mut f.sections, &mut f.units, &mut f.towns] {
            list.sort_unstable();
            list.dedup();
        }
        Ok(f)
    }

    /// The positions of the tasks that pass, in registry order.
    pub fn select(&self, reg: &Registry, ix: &Index, today: NaiveDate) -> Vec<usize> {
        let unit_tasks: Option<Vec<usize>> = (!self.units.is_empty()).then(|| {
            let mut v: Vec<usize> = self.units.iter().flat_map(|&u| ix.unit_tasks(u)).collect();
            v.sort_unstable();
            v.dedup();
            v
        });
        let town_tasks: Option<Vec<usize>> = (!self.towns.is_empty()).then(|| {
            let mut v: Vec<usize> = self
                .towns
                .iter()
                .flat_map(|&t| ix.town_tasks(t).map(|(i, _)| i))
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        });
        (0..reg.tasks.len())
            .filter(|&i| {
                let t = &reg.tasks[i];
                (self.sections.is_empty()
                    || ix
                        .section(&t.section)
                        .is_some_and(|s| self.sections.contains(&s)))
                    && unit_tasks
                        .as_ref()
                        .is_none_or(|v| v.binary_search(&i).is_ok())
                    && town_tasks
                        .as_ref()
                        .is_none_or(|v| v.binary_search(&i).is_ok())
                    && (self.statuses.is_empty() || self.statuses.contains(&t.status))
                    && (!self.overdue
                        || (t.status != Status::Done
                            && reg.effective_due(ix, i).is_some_and(|d| d.date < today)))
                    && self.stale.is_none_or(|n| {
                        t.status != Status::Done
                            && days_silent(reg, i, today).is_some_and(|d| d >= i64::from(n))
                    })
                    && self
                        .since
                        .is_none_or(|s| t.updated_at.is_some_and(|u| u.date_naive() >= s))
            })
            .collect()
    }
}

fn unknown(option: &'static str, value: &str, valid: Vec<String>) -> UnknownValue {
    UnknownValue {
        option,
        value: value.to_string(),
        valid,
        ambiguous: false,
    }
}

/// The one entity a unit or town value names. Several (`swj`: 市水务局 and 市商务局)
/// is an error listing them: a report for the wrong office is worse than none.
fn one(
    found: Vec<usize>,
    option: &'static str,
    value: &str,
    names: &[String],
) -> Result<usize, UnknownValue> {
    match found.as_slice() {
        [i] => Ok(*i),
        [] => Err(unknown(option, value, names.to_vec())),
        many => Err(UnknownValue {
            ambiguous: true,
            ..unknown(
                option,
                value,
                many.iter().map(|&i| names[i].clone()).collect(),
            )
        }),
    }
}

/// The entities of `kind` a value names: the hits of the best tier (a fuzzy hit alone
/// does not count: a filter must not guess).
fn lookup(search: Option<&SearchIndex>, kind: Kind, value: &str) -> Vec<usize> {
    let Some(search) = search else {
        return Vec::new();
    };
    if value.trim().is_empty() {
        return Vec::new();
    }
    let hits = search.filter(kind, value);

    let best = hits
        .iter()
        .map(|h| h.tier)
        .filter(|t| *t < Tier::Text)
        .min();
    match best {
        Some(best) => hits
            .iter()
            .filter(|h| h.tier == best)
            .map(|h| h.index)
            .collect(),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{BUNDLED, parse_bytes};
    use std::path::Path;

    fn resolve(reg: &Registry, f: impl FnOnce(&mut FilterArgs)) -> Result<Filter, UnknownValue> {
        let mut a = FilterArgs::default();
        f(&mut a);
        Filter::resolve(reg, &a)
    }

    #[test]
    fn units_resolve_by_name_alias_and_initials() {
        let reg = parse_bytes(Path::new("r.json"), BUNDLED.as_bytes()).unwrap();
        let swj = reg.units.iter().position(|u| u.name == "市水务局").unwrap();
        for q in ["市水务局", "水务局", "shuiwuju", "ShuiWu"] {
            let f = resolve(&reg, |a| a.units.push(q.into()));
            assert_eq!(f.map(|f| f.units), Ok(vec![swj]), "{q}");
        }
        // 市水务局 and 市商务局 share their initials: say so rather than guess.
        let e = resolve(&reg, |a| a.units.push("swj".into())).unwrap_err();
        assert!(
            e.ambiguous && e.valid.contains(&"市水务局".to_string()),
            "{e}"
        );
        let e = resolve(&reg, |a| a.units.push("zzzz".into())).unwrap_err();
        assert!(e.to_string().contains("市水务局"), "{e}");
        let e = resolve(&reg, |a| a.statuses.push("foo".into())).unwrap_err();
        assert!(e.to_string().contains("`not_started` (未启动)"), "{e}");
        let f = resolve(&reg, |a| {
            a.sections.push("三".into());
            a.statuses.push("推进中".into());
        })
        .unwrap();
        assert_eq!(
            (f.sections.as_slice(), f.statuses.as_slice()),
            (&[2][..], &[Status::InProgress][..])
        );
    }
}
