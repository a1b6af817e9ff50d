//! `dubang ledger send` and `dubang ledger collect`: load, resolve the units, write
//! the workbooks; read the returned ones, print the table of changes per unit, and
//! apply them in one save under the lock.

use super::collect::{Change, Plan, apply, plan};
use super::read::read;
use super::send::{file_name, workbook};
use super::{Place, Recipient};
use crate::lang::Lang;
use crate::registry::{Index, Registry};
use crate::report::command::{Failure, write_reason};
use crate::report::messages;
use crate::report::{Filter, FilterArgs, is_chinese};
use crate::store;
use crate::text::{fit, truncate};
use crate::words::ledger::{Words, words};
use chrono::NaiveDate;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// `ledger send`'s arguments.
#[derive(Debug, Clone)]
pub struct Send {
    pub units: Vec<String>,
    pub all: bool,
    pub out: PathBuf,
    pub lang: Option<Lang>,
    pub fallback_lang: Lang,
    pub today: NaiveDate,
}

/// `ledger collect`'s arguments.
#[derive(Debug, Clone)]
pub struct Collect {
    pub files: Vec<PathBuf>,
    pub dry_run: bool,
    pub force: bool,
    pub strict: bool,
    pub lang: Option<Lang>,
    pub fallback_lang: Lang,
}

fn lang_of(reg: &Registry, lang: Option<Lang>, fallback: Lang) -> &'static Words {
    words(lang.unwrap_or(if is_chinese(reg) { Lang::Zh } else { fallback }))
}

/// Writes one workbook per unit; returns the lines to print.
pub fn send(file: &Path, req: &Send) -> Result<Vec<String>, Failure> {
    let early = req.lang.unwrap_or(req.fallback_lang);
    let reg =
        store::load(file).map_err(|e| Failure::Failed(crate::words::load_error(early, &e)))?;
    let ix = Index::build(&reg);
    let w = lang_of(&reg, req.lang, req.fallback_lang);
    let to = recipients(&reg, &ix, req, w.lang)?;
    std::fs::create_dir_all(&req.out).map_err(|e| {
        Failure::Failed(messages::cannot_make_dir(
            w.lang,
            &req.out,
            &write_reason(w.lang, &e),
        ))
    })?;
    let mut lines = Vec::new();
    for r in &to {
        let bytes = workbook(&reg, &ix, r, req.today, w)
            .map_err(|e| Failure::Failed(messages::cannot_make(w.lang, &e)))?;
        let path = req.out.join(file_name(&r.name, req.today, w));
        store::write_atomic(&path, &bytes).map_err(|e| {
            Failure::Failed(messages::cannot_write(
                w.lang,
                &path,
                &write_reason(w.lang, &e),
            ))
        })?;
        lines.push(w.wrote(&path.display().to_string(), &r.name, r.tasks.len()));
    }
    Ok(lines)
}

fn recipients(
    reg: &Registry,
    ix: &Index,
    req: &Send,
    lang: Lang,
) -> Result<Vec<Recipient>, Failure> {
    if req.all {
        return Ok(Recipient::all(reg, ix));
    }
    if req.units.is_empty() {
        return Err(Failure::Usage(messages::say_which_units(lang)));
    }
    let mut out: Vec<Recipient> = Vec::new();
    for u in &req.units {
        // A unit first; a town (嘉积镇) when no unit has that name.
        let as_unit = FilterArgs {
            units: vec![u.clone()],
            ..FilterArgs::default()
        };
        let id = match Filter::resolve(reg, &as_unit) {
            Ok(f) => reg.units[f.units[0]].id.clone(),
            Err(unit_err) => {
                let as_town = FilterArgs {
                    towns: vec![u.clone()],
                    ..FilterArgs::default()
                };
                match Filter::resolve(reg, &as_town) {
                    Ok(f) => reg.towns[f.towns[0]].id.clone(),
                    Err(_) => {
                        return Err(Failure::Usage(messages::unknown_value(lang, &unit_err)));
                    }
                }
            }
        };
        match Recipient::of(reg, ix, &id) {
            Some(r) if !out.iter().any(|o| o.id == r.id) => out.push(r),
            Some(_) => {}
            None => {
                return Err(Failure::Failed(messages::no_task_to_send(
                    lang,
                    reg.name_of(&id),
                )));
            }
        }
    }
    Ok(out)
}

/// Reads the files, prints the table, applies (unless a dry run). Returns the text
/// for standard output; `Err` when `--strict` refused or the save failed.
pub fn collect(file: &Path, req: &Collect) -> Result<String, Failure> {
    let early = req.lang.unwrap_or(req.fallback_lang);
    let reg =
        store::load(file).map_err(|e| Failure::Failed(crate::words::load_error(early, &e)))?;
    let w = lang_of(&reg, req.lang, req.fallback_lang);
    let returned: Vec<_> = req.files.iter().map(|f| read(f)).collect();
    let first = plan(&reg, &returned, req.force, w);
    let mut out = table(&reg, &first, w);
    if req.strict && !first.problems.is_empty() {
        return Err(Failure::Failed(format!("{out}{}", w.strict_refused)));
    }
    if req.dry_run {
        let _ = writeln!(out, "{}", w.dry_run);
        return Ok(out);
    }
    if first.changes.is_empty() {
        return Ok(out);
    }
    let at = crate::registry::ops::now();
    let mut applied = Plan::default();
    let saved = store::save_with(file, |reg| {
        // Again on the file as it is under the lock: someone may have saved since.
        applied = plan(reg, &returned, req.force, w);
        apply(reg, &applied.changes, at)
    })
    .map_err(|e| Failure::Failed(crate::words::save_error(w.lang, &e)))?;
    if applied != first {
        out = table(&saved.registry, &applied, w);
    }
    if saved.written {
        let _ = writeln!(
            out,
            "{}",
            w.saved(saved.recorded.len(), &saved.path.display().to_string())
        );
    }
    Ok(out)
}

/// The changes per unit, then conflicts, then problems, each naming file, sheet and cell.
pub fn table(reg: &Registry, p: &Plan, w: &Words) -> String {
    let mut out = String::new();
    let mut units: Vec<(&str, &str)> = p
        .changes
        .iter()
        .map(|c| (c.unit.as_str(), c.place.file.as_str()))
        .collect();
    units.dedup();
    if p.changes.is_empty() {
        let _ = writeln!(out, "{}", w.nothing);
    }
    for (unit, file) in units {
        let rows: Vec<&Change> = p
            .changes
            .iter()
            .filter(|c| c.unit == unit && c.place.file == file)
            .collect();
        let _ = writeln!(out, "{}", w.unit_head(unit, file, rows.len()));
        let _ = writeln!(
            out,
            "  {} {} {} {} {}",
            fit(w.columns[0], 4),
            fit(w.columns[1], 20),
            fit(w.status, 17),
            fit(w.progress, 11),
            w.note
        );
        for c in rows {
            let _ = writeln!(out, "{}", change_line(reg, c, w));
        }
    }
    if p.already > 0 {
        let _ = writeln!(out, "{}", w.already(p.already));
    }
    if !p.conflicts.is_empty() {
        let _ = writeln!(out, "{}", w.conflicts);
        for c in &p.conflicts {
            let _ = writeln!(
                out,
                "  {}{}{}",
                place_of(&c.change.place),
                w.colon(),
                c.reason
            );
            let _ = writeln!(out, "{}", change_line(reg, &c.change, w));
        }
    }
    if !p.problems.is_empty() {
        let _ = writeln!(out, "{}", w.problems);
        for (place, problem) in &p.problems {
            let _ = writeln!(out, "  {place}{}{}", w.colon(), w.problem(problem));
        }
    }
    out
}

fn place_of(p: &Place) -> String {
    p.to_string()
}

fn change_line(reg: &Registry, c: &Change, w: &Words) -> String {
    let t = &reg.tasks[c.task];
    let status = c.status.map_or(String::new(), |(a, b)| {
        format!("{} → {}", w.status_name(a), w.status_name(b))
    });
    let progress = c
        .progress
        .map_or(String::new(), |(a, b)| format!("{a}% → {b}%"));
    let note = c.note.as_deref().unwrap_or("").replace(['\n', '\r'], " ");
    let line = format!(
        "  {} {} {} {} {}",
        crate::text::fit_right(&t.number.to_string(), 4),
        fit(&t.title, 20),
        fit(&status, 17),
        fit(&progress, 11),
        note
    );
    truncate(&line, 100)
}
