//! Shared by the ledger tests: a temporary copy of the bundled plan, the real binary,
//! and "a unit fills in its sheet": a sent workbook read with calamine and written
//! back with rust_xlsxwriter, as Excel, WPS or LibreOffice would return it.

use calamine::{Data, Reader, open_workbook_auto};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_dubang");

pub struct Place {
    pub dir: tempfile::TempDir,
    pub file: PathBuf,
}

pub fn place() -> Place {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("registry.json");
    std::fs::write(&file, dubang::store::BUNDLED).unwrap();
    Place { dir, file }
}

impl Place {
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .args(args)
            .arg("--file")
            .arg(&self.file)
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("DUBANG_FILE")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// Runs and expects exit 0; returns standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o.stderr));
        text(&o.stdout)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `ledger send --unit U … --out DIR`; returns the workbooks' paths by unit order.
    pub fn send(&self, units: &[&str]) -> Vec<PathBuf> {
        let out = self.dir.path().to_str().unwrap().to_string();
        let mut args = vec!["ledger", "send", "--out", &out];
        for u in units {
            args.extend(["--unit", u]);
        }
        self.ok(&args);
        let today = chrono::Local::now().date_naive();
        units
            .iter()
            .map(|u| self.path(&format!("督办台账-{u}-{today}.xlsx")))
            .collect()
    }

    pub fn registry(&self) -> dubang::registry::Registry {
        dubang::store::load(&self.file).unwrap()
    }
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Every sheet of a workbook as (name, rows of cell texts).
pub type Book = Vec<(String, Vec<Vec<String>>)>;

pub fn read_book(path: &Path) -> Book {
    let mut wb = open_workbook_auto(path).unwrap();
    let names = wb.sheet_names();
    names
        .into_iter()
        .map(|n| {
            let r = wb.worksheet_range(&n).unwrap();
            let rows = r
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|d| match d {
                            Data::Empty => String::new(),
                            Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                            d => d.to_string(),
                        })
                        .collect()
                })
                .collect();
            (n, rows)
        })
        .collect()
}

/// Writes `book` as a new .xlsx, numbers as numbers (what a unit's spreadsheet returns).
pub fn write_book(book: &Book, path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in book {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                match cell.parse::<f64>() {
                    Ok(n) => ws.write_number(r as u32, c as u16, n).unwrap(),
                    Err(_) => ws.write_string(r as u32, c as u16, cell).unwrap(),
                };
            }
        }
        if name == "_dubang" {
            ws.set_hidden(true);
        }
    }
    wb.save(path).unwrap();
}

/// The ledger sheet (the first) of a book.
pub fn ledger(book: &mut Book) -> &mut Vec<Vec<String>> {
    &mut book[0].1
}

/// Sets a cell of the data row whose 序号 is `number` (columns: 7 本期进展, 8 完成状态,
/// 9 进度, 10 填报人, 11 备注). Returns the row's 1-based sheet row.
pub fn fill(rows: &mut [Vec<String>], number: u32, col: usize, value: &str) -> usize {
    let r = rows
        .iter()
        .position(|row| row.first().is_some_and(|c| c == &number.to_string()))
        .unwrap_or_else(|| panic!("no row with 序号 {number}"));
    if rows[r].len() <= col {
        rows[r].resize(col + 1, String::new());
    }
    rows[r][col] = value.to_string();
    r + 1
}

/// The 序号 of the data rows, in sheet order.
pub fn numbers(rows: &[Vec<String>]) -> Vec<u32> {
    rows.iter()
        .skip(2)
        .filter_map(|r| r.first()?.parse().ok())
        .collect()
}
