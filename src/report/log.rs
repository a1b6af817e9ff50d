//! `dubang log`: the edits of the history, newest first, one aligned line each
//! (when, who, task, change, note), filtered by date, unit, person and task.

use super::command::Failure;
use super::filter::{Filter, FilterArgs};
use super::{is_chinese, messages};
use crate::lang::Lang;
use crate::registry::Index;
use crate::registry::activity::{self, ActivityFilter};
use crate::text::{fit, width};
use crate::words::activity as say;
use chrono::NaiveDate;
use std::path::Path;

/// What `dubang log` was asked.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub since: Option<String>,
    pub units: Vec<String>,
    pub by: Option<String>,
    pub task: Option<String>,
    pub lang: Option<Lang>,
    pub fallback_lang: Lang,
    pub today: Option<NaiveDate>,
}

/// The widest a column other than the last gets (a long title is cut with …).
const MAX_COL: [usize; 4] = [16, 24, 36, 40];

/// The text to print.
pub fn run(file: &Path, req: &Request) -> Result<String, Failure> {
    let early = req.lang.unwrap_or(req.fallback_lang);
    let reg = crate::store::load(file)
        .map_err(|e| Failure::Failed(crate::words::load_error(early, &e)))?;
    let lang = req.lang.unwrap_or(if is_chinese(&reg) {
        Lang::Zh
    } else {
        req.fallback_lang
    });
    let today = req
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut f = ActivityFilter::default();
    if let Some(s) = &req.since {
        f.since = Some(
            activity::parse_since(s, today)
                .ok_or_else(|| Failure::Usage(say::bad_since(lang, s)))?,
        );
    }
    if !req.units.is_empty() {
        let args = FilterArgs {
            units: req.units.clone(),
            ..FilterArgs::default()
        };
        let filter = Filter::resolve(&reg, &args)
            .map_err(|e| Failure::Usage(messages::unknown_value(lang, &e)))?;
        f.tasks = Some(filter.select(&reg, &Index::build(&reg), today));
    }
    if let Some(key) = &req.task {
        let i = reg.find_task(key).ok_or_else(|| {
            let e = crate::registry::EditError::UnknownTask(key.clone());
            Failure::Usage(crate::words::edit_error(lang, &e))
        })?;
        f.tasks = Some(match f.tasks {
            Some(t) => t.into_iter().filter(|&x| x == i).collect(),
            None => vec![i],
        });
    }
    if let Some(who) = &req.by {
        let logins = activity::logins_of(&reg, who);
        if logins.is_empty() {
            let known = activity::known_people(&reg);
            return Err(Failure::Usage(say::unknown_person(lang, who, &known)));
        }
        f.by = Some(logins);
    }
    let rows: Vec<[String; 5]> = activity::activity(&reg, &f)
        .iter()
        .map(|a| say::row(lang, &reg, a))
        .collect();
    if rows.is_empty() {
        return Ok(format!("{}\n", say::none(lang)));
    }
    let head = say::headers(lang).map(str::to_string);
    let widths: Vec<usize> = (0..4)
        .map(|c| {
            std::iter::once(&head)
                .chain(&rows)
                .map(|r| width(&r[c]))
                .max()
                .unwrap_or(0)
                .min(MAX_COL[c])
        })
        .collect();
    let line = |r: &[String; 5]| {
        let mut s: String = (0..4).map(|c| fit(&r[c], widths[c]) + "  ").collect();
        s.push_str(&r[4]);
        s.trim_end().to_string() + "\n"
    };
    Ok(std::iter::once(&head).chain(&rows).map(line).collect())
}
