//! Reading returned workbooks with calamine (.xlsx, .xls, and either re-saved by WPS
//! or LibreOffice): the hidden identifiers sheet and, on every other sheet with a
//! 台账 header row, the data rows as text by column. Columns are found by their
//! header (Chinese or English), so a re-saved sheet with the hidden columns shown or
//! moved still reads. Nothing here knows the registry; [`super::collect`] matches.

use super::{FORMAT, META_SHEET, Place, Problem, col};
use crate::words::ledger::{EN, ZH};
use calamine::{Data, Reader, open_workbook_auto_from_rs};
use std::path::Path;

/// The plan and unit a workbook was sent for (its hidden sheet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub plan: String,
    pub title: String,
    pub unit: String,
    pub unit_name: String,
}

/// One returned data row: the cell texts by [`col`] position (empty when absent).
#[derive(Debug, Clone, PartialEq)]
pub struct Filled {
    /// The sheet row (0-based).
    pub row: u32,
    pub cells: [String; 14],
    /// Where each column actually is in the sheet, for cell names in messages.
    pub at: [u16; 14],
}

impl Filled {
    pub fn get(&self, c: u16) -> &str {
        self.cells[c as usize].trim()
    }
    /// Whether the unit filled in anything.
    pub fn has_input(&self) -> bool {
        (col::NOTE..=col::REMARK)
            .filter(|&c| c != col::REPORTER)
            .any(|c| !self.get(c).is_empty())
    }
}

/// The data rows of one sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRows {
    pub sheet: String,
    pub rows: Vec<Filled>,
}

/// A returned workbook as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Returned {
    /// The file name without its directory: the source recorded in history.
    pub file: String,
    pub meta: Option<Meta>,
    pub sheets: Vec<SheetRows>,
    pub problems: Vec<(Place, Problem)>,
}

/// Reads `path`; a file that cannot be read at all is one problem, not an error.
pub fn read(path: &Path) -> Returned {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let mut out = Returned {
        file: file.clone(),
        meta: None,
        sheets: Vec::new(),
        problems: Vec::new(),
    };
    let whole = |sheet: &str| Place {
        file: file.clone(),
        sheet: sheet.to_string(),
        cell: None,
    };
    // Read as any input is: a regular file only, opened without blocking (a FIFO or a
    // device named as a returned sheet is refused, not waited on), at most 1 GiB.
    let bytes = match crate::store::files::read_regular(path, crate::store::files::FILE_CAP) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            out.problems.push((whole(""), Problem::Missing));
            return out;
        }
        Err(e) => {
            let problem = match crate::store::files::Refusal::of(&e) {
                Some(r) => Problem::Refused(r.clone()),
                None => Problem::Unreadable(e.to_string()),
            };
            out.problems.push((whole(""), problem));
            return out;
        }
    };
    let mut book = match open_workbook_auto_from_rs(std::io::Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            out.problems
                .push((whole(""), Problem::Unreadable(e.to_string())));
            return out;
        }
    };
    for name in book.sheet_names() {
        let Ok(range) = book.worksheet_range(&name) else {
            continue;
        };
        let grid = Grid(&range);
        if name == META_SHEET {
            if grid.text(0, 1) == FORMAT {
                out.meta = Some(Meta {
                    plan: grid.text(1, 1),
                    title: grid.text(2, 1),
                    unit: grid.text(3, 1),
                    unit_name: grid.text(4, 1),
                });
            }
            continue;
        }
        if let Some(rows) = data_rows(&grid) {
            out.sheets.push(SheetRows { sheet: name, rows });
        }
    }
    if out.sheets.is_empty() {
        let first = book.sheet_names().into_iter().next().unwrap_or_default();
        out.problems.push((
            Place {
                file,
                sheet: first,
                cell: Some((0, 0)),
            },
            Problem::NoHeader,
        ));
    }
    out
}

struct Grid<'a>(&'a calamine::Range<Data>);

impl Grid<'_> {
    fn text(&self, row: u32, c: u32) -> String {
        match self.0.get_value((row, c)) {
            None | Some(Data::Empty) => String::new(),
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(f)) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Some(Data::Float(f)) => f.to_string(),
            Some(Data::Int(i)) => i.to_string(),
            Some(Data::Bool(b)) => b.to_string(),
            Some(d) => d.to_string(),
        }
    }
    fn end(&self) -> (u32, u32) {
        self.0.end().unwrap_or((0, 0))
    }
}

/// The column of each header (Chinese or English), found in the first rows.
fn header(grid: &Grid) -> Option<(u32, [Option<u16>; 14])> {
    let (last_row, last_col) = grid.end();
    for r in 0..=last_row.min(9) {
        let mut at = [None; 14];
        for c in 0..=last_col.min(40) {
            let t = grid.text(r, c);
            let t = t.trim();
            for w in [&ZH, &EN] {
                if let Some(i) = w.columns.iter().chain(&w.id_columns).position(|h| *h == t) {
                    at[i].get_or_insert(c as u16);
                }
            }
        }
        if at[col::NUMBER as usize].is_some() && at[col::TITLE as usize].is_some() {
            return Some((r, at));
        }
    }
    None
}

fn data_rows(grid: &Grid) -> Option<Vec<Filled>> {
    let (head, at) = header(grid)?;
    let (last_row, _) = grid.end();
    // A missing column reads as empty: point it past the sheet's last column.
    let at: [u16; 14] = std::array::from_fn(|i| at[i].unwrap_or(u16::MAX));
    let mut rows = Vec::new();
    for r in head + 1..=last_row {
        let cells: [String; 14] = std::array::from_fn(|i| {
            if at[i] == u16::MAX {
                String::new()
            } else {
                grid.text(r, at[i] as u32)
            }
        });
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push(Filled { row: r, cells, at });
    }
    Some(rows)
}
