//! `dubang summary --tasks`: every task on one line — number, status, progress,
//! headline, lead unit — in 80 columns with Chinese counted two, so a user told
//! "give the task's number" has a list to find it in.

use crate::lang::Lang;
use crate::registry::Registry;
use crate::text::{fit, fit_right, width};
use crate::words::{status, task_list_header};
use std::fmt::Write;

/// The whole line is this wide.
const COLS: usize = 80;
/// Columns for the lead unit (a department name: 市发展改革委 is 12).
const LEAD: usize = 14;

/// One line per task, in the plan's order, under a header.
pub fn task_list(reg: &Registry, lang: Lang) -> String {
    let [no, st, pct, title, lead] = task_list_header(lang);
    let st_cols = crate::registry::Status::ALL
        .iter()
        .map(|s| width(status(lang, *s)))
        .chain([width(st)])
        .max()
        .unwrap_or(6);
    // number 4, status, progress 4, lead, and two spaces between columns.
    let title_cols = COLS - (4 + 2 + st_cols + 2 + 4 + 2 + 2 + LEAD);
    let line = |a: &str, b: &str, c: &str, d: &str, e: &str| {
        let row = format!(
            "{}  {}  {}  {}  {}",
            fit_right(a, 4),
            fit(b, st_cols),
            fit_right(c, 4),
            fit(d, title_cols),
            fit(e, LEAD)
        );
        row.trim_end().to_string()
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", line(no, st, pct, title, lead));
    for t in &reg.tasks {
        let leads: Vec<&str> = t.lead.iter().map(|id| reg.name_of(id)).collect();
        let _ = writeln!(
            out,
            "{}",
            line(
                &t.number.to_string(),
                status(lang, t.status),
                &format!("{}%", t.progress),
                &t.title,
                &leads.join("、"),
            )
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{BUNDLED, parse_bytes};
    use std::path::Path;

    #[test]
    fn every_task_on_one_line_of_80_columns() {
        let reg = parse_bytes(Path::new("r.json"), BUNDLED.as_bytes()).unwrap();
        for lang in [Lang::Zh, Lang::En] {
            let text = task_list(&reg, lang);
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len(), reg.tasks.len() + 1);
            assert!(lines.iter().all(|l| width(l) <= COLS), "{text}");
            // Statuses start in one column whatever the number's width.
            let col = |l: &str| width(&l[..l.find(status(lang, reg.tasks[0].status)).unwrap()]);
            assert_eq!(col(lines[1]), col(lines[12]), "{text}");
        }
    }
}
