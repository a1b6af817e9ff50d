//! The 台账 workbook (rust_xlsxwriter): sheets 台账 (every task), 问题清单, 按单位,
//! 按镇区, 目标. Every sheet has its header row frozen and repeated on each printed
//! page, an autofilter, columns fitted to Chinese text (display width, capped, long
//! text wrapped), A4 landscape fitted to the page width, page numbers in the footer.
//! Status and warning cells are coloured *and* worded, so they survive a grey printer.

use super::bulletin::percent;
use super::ledger::{Row, latest_note, note_line};
use super::problems::{Level, Problem, by_lead_unit};
use super::words::Words;
use crate::registry::{Index, Registry, Rollup, Status};
use crate::text::width;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

/// What the workbook is made of; the caller has filtered and assessed.
pub struct Input<'a> {
    pub reg: &'a Registry,
    pub ix: &'a Index,
    pub tasks: &'a [usize],
    pub rows: &'a [Row],
    pub problems: &'a [Problem],
    pub words: &'a Words,
}

/// The .xlsx bytes.
pub fn render(input: &Input) -> std::io::Result<Vec<u8>> {
    build(input).map_err(std::io::Error::other)
}

struct Styles {
    header: Format,
    text: Format,
    wrap: Format,
    number: Format,
    percent: Format,
    /// By [`Status::index`].
    status: [Format; 5],
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        Styles {
            header: Format::new()
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            text: base.clone(),
            wrap: base.clone().set_text_wrap(),
            number: base.clone().set_align(FormatAlign::Center),
            percent: base.set_num_format("0%"),
            status: Status::ALL.map(status_format),
        }
    }
}

fn status_format(s: Status) -> Format {
    let (fill, font) = match s {
        Status::NotStarted => (0xEDEDED, 0x404040),
        Status::InProgress => (0xDDEBF7, 0x1F4E79),
        Status::Done => (0xC6EFCE, 0x006100),
        Status::Delayed => (0xFFEB9C, 0x9C5700),
        Status::Blocked => (0xFFC7CE, 0x9C0006),
    };
    coloured(fill, font)
}

fn level_format(l: Level) -> Format {
    match l {
        Level::Red => coloured(0xFFC7CE, 0x9C0006),
        Level::Yellow => coloured(0xFFEB9C, 0x9C5700),
        Level::Blue => coloured(0xDDEBF7, 0x1F4E79),
    }
}

fn coloured(fill: u32, font: u32) -> Format {
    Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::Top)
        .set_bold()
        .set_background_color(Color::RGB(fill))
        .set_font_color(Color::RGB(font))
}

fn build(input: &Input) -> Result<Vec<u8>, XlsxError> {
    let w = input.words;
    let st = Styles::new();
    let mut book = Workbook::new();
    // Deflate level 1 instead of zip's 6: a 10 000-task workbook in half the time
    // (0.42 s against 0.86 s, benches/report.rs) for a file about 30 % larger.
    book.set_zip_compression_level(1);
    ledger_sheet(book.add_worksheet(), input, &st)?;
    problem_sheet(book.add_worksheet(), input, &st)?;
    unit_sheet(book.add_worksheet(), input, &st)?;
    town_sheet(book.add_worksheet(), input, &st)?;
    goal_sheet(book.add_worksheet(), input, &st)?;
    for (i, name) in w.sheets.iter().enumerate() {
        book.worksheet_from_index(i)?.set_name(*name)?;
    }
    book.save_to_buffer()
}

/// Column widths in Excel's character units from the display width of the header
/// and of every cell's longest line, each between 6 and its cap.
fn fit_widths<'a>(
    headers: &[&str],
    caps: &[usize],
    cells: impl Iterator<Item = (usize, &'a str)>,
) -> Vec<f64> {
    let mut widest: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for (col, text) in cells {
        if widest[col] >= caps[col] {
            continue;
        }
        let w = text.lines().map(width).max().unwrap_or(0);
        widest[col] = widest[col].max(w);
    }
    widest
        .iter()
        .zip(caps)
        .map(|(&w, &cap)| (w + 2).clamp(6, cap) as f64)
        .collect()
}

/// Header row, widths, frozen header, autofilter over `rows` data rows, print setup.
fn frame(
    ws: &mut Worksheet,
    headers: &[&str],
    widths: &[f64],
    rows: usize,
    st: &Styles,
) -> Result<(), XlsxError> {
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &st.header)?;
        ws.set_column_width(c as u16, widths[c])?;
    }
    let last_col = (headers.len() - 1) as u16;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows.max(1) as u32, last_col)?;
    ws.set_repeat_rows(0, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer("&C&P / &N");
    Ok(())
}

fn ledger_sheet(ws: &mut Worksheet, input: &Input, st: &Styles) -> Result<(), XlsxError> {
    let w = input.words;
    // Caps: 任务内容, 责任单位 and 最新进展 wrap; the rest fit their longest entry.
    let caps = [8, 26, 30, 60, 24, 30, 18, 10, 8, 40, 18];
    let wraps = [
        false, true, true, true, true, true, false, false, false, true, false,
    ];
    let widths = fit_widths(
        &w.ledger,
        &caps,
        input.rows.iter().flat_map(|r| {
            [
                (1, r.section.as_str()),
                (2, r.title.as_str()),
                (3, r.text.as_str()),
                (4, r.lead.as_str()),
                (5, r.responsible.as_str()),
                (6, r.due.as_str()),
                (9, r.latest.as_str()),
                (10, r.updated.as_str()),
            ]
        }),
    );
    frame(ws, &w.ledger, &widths, input.rows.len(), st)?;
    if input.rows.is_empty() {
        ws.write_string(1, 0, w.no_match)?;
        return Ok(());
    }
    for (i, r) in input.rows.iter().enumerate() {
        let row = (i + 1) as u32;
        ws.write_number_with_format(row, 0, r.number, &st.number)?;
        let texts = [
            (1, &r.section),
            (2, &r.title),
            (3, &r.text),
            (4, &r.lead),
            (5, &r.responsible),
            (6, &r.due),
            (9, &r.latest),
            (10, &r.updated),
        ];
        for (c, t) in texts {
            let f = if wraps[c as usize] {
                &st.wrap
            } else {
                &st.text
            };
            ws.write_string_with_format(row, c, t.as_str(), f)?;
        }
        ws.write_string_with_format(row, 7, r.status_label, &st.status[r.status.index()])?;
        ws.write_number_with_format(row, 8, f64::from(r.progress) / 100.0, &st.percent)?;
    }
    Ok(())
}

fn problem_sheet(ws: &mut Worksheet, input: &Input, st: &Styles) -> Result<(), XlsxError> {
    let (w, reg) = (input.words, input.reg);
    let mut lines: Vec<(Level, [String; 8])> = Vec::new();
    for (unit, group) in by_lead_unit(reg, input.problems) {
        for p in group {
            let t = &reg.tasks[p.task];
            lines.push((
                p.level,
                [
                    w.level(p.level).to_string(),
                    unit.to_string(),
                    t.number.to_string(),
                    t.title.clone(),
                    p.due
                        .map(|d| w.due(d.date, d.inherited()))
                        .unwrap_or_default(),
                    w.status(t.status).to_string(),
                    w.reasons(&p.reasons),
                    latest_note(t).map(|h| note_line(h, w)).unwrap_or_default(),
                ],
            ));
        }
    }
    let caps = [10, 24, 8, 30, 18, 10, 30, 40];
    let widths = fit_widths(
        &w.problem_cols,
        &caps,
        lines
            .iter()
            .flat_map(|(_, l)| l.iter().enumerate().map(|(c, s)| (c, s.as_str()))),
    );
    frame(ws, &w.problem_cols, &widths, lines.len(), st)?;
    if lines.is_empty() {
        ws.write_string(1, 0, w.no_problems)?;
    }
    for (i, (level, l)) in lines.iter().enumerate() {
        let row = (i + 1) as u32;
        ws.write_string_with_format(row, 0, &l[0], &level_format(*level))?;
        for c in [1, 3, 4, 6, 7] {
            ws.write_string_with_format(row, c as u16, &l[c], &st.wrap)?;
        }
        ws.write_number_with_format(row, 2, l[2].parse::<f64>().unwrap_or(0.0), &st.number)?;
        ws.write_string_with_format(row, 5, &l[5], &st.text)?;
    }
    Ok(())
}

/// A counting sheet: a name column, tasks, one column per status, share done.
fn count_sheet(
    ws: &mut Worksheet,
    first: &str,
    entries: &[(String, Rollup)],
    input: &Input,
    st: &Styles,
) -> Result<(), XlsxError> {
    let w = input.words;
    let mut headers = vec![first, w.tasks];
    headers.extend(Status::ALL.iter().map(|&s| w.status(s)));
    headers.push(w.share_done);
    let mut caps = vec![34];
    caps.extend([10; 7]);
    let widths = fit_widths(
        &headers,
        &caps,
        entries.iter().map(|(n, _)| (0, n.as_str())),
    );
    frame(ws, &headers, &widths, entries.len(), st)?;
    for (i, (name, r)) in entries.iter().enumerate() {
        let row = (i + 1) as u32;
        ws.write_string_with_format(row, 0, name, &st.text)?;
        ws.write_number_with_format(row, 1, r.total() as f64, &st.number)?;
        for (k, &s) in Status::ALL.iter().enumerate() {
            ws.write_number_with_format(row, (k + 2) as u16, r.count(s) as f64, &st.number)?;
        }
        ws.write_number_with_format(row, 7, r.share_done(), &st.percent)?;
    }
    Ok(())
}

fn in_filter(input: &Input, tasks: impl IntoIterator<Item = usize>) -> Vec<usize> {
    tasks
        .into_iter()
        .filter(|t| input.tasks.binary_search(t).is_ok())
        .collect()
}

fn unit_sheet(ws: &mut Worksheet, input: &Input, st: &Styles) -> Result<(), XlsxError> {
    let (reg, ix) = (input.reg, input.ix);
    let entries: Vec<(String, Rollup)> = (0..reg.units.len())
        .filter_map(|u| {
            let led = in_filter(input, ix.led_by(u));
            (!led.is_empty()).then(|| (reg.units[u].name.clone(), Rollup::of(reg, led)))
        })
        .collect();
    count_sheet(ws, input.words.unit, &entries, input, st)
}

fn town_sheet(ws: &mut Worksheet, input: &Input, st: &Styles) -> Result<(), XlsxError> {
    let (reg, ix) = (input.reg, input.ix);
    let entries: Vec<(String, Rollup)> = (0..reg.towns.len())
        .filter_map(|t| {
            let mine = in_filter(input, ix.town_tasks(t).map(|(i, _)| i));
            (!mine.is_empty()).then(|| (reg.towns[t].name.clone(), Rollup::of(reg, mine)))
        })
        .collect();
    count_sheet(ws, input.words.town, &entries, input, st)
}

fn goal_sheet(ws: &mut Worksheet, input: &Input, st: &Styles) -> Result<(), XlsxError> {
    let (w, reg, ix) = (input.words, input.reg, input.ix);
    let caps = [10, 12, 10, 10, 10, 10, 80];
    let widths = fit_widths(
        &w.goal_cols,
        &caps,
        reg.goals.iter().map(|g| (6, g.text.as_str())),
    );
    frame(ws, &w.goal_cols, &widths, reg.goals.len(), st)?;
    for (i, g) in reg.goals.iter().enumerate() {
        let row = (i + 1) as u32;
        let r = Rollup::of(reg, in_filter(input, ix.goal_tasks(i)));
        let horizon = g.horizon.clone().unwrap_or_else(|| g.id.clone());
        ws.write_string_with_format(row, 0, horizon, &st.text)?;
        let due = g
            .due
            .map(|d| d.to_string())
            .unwrap_or_else(|| w.no_due.to_string());
        ws.write_string_with_format(row, 1, due, &st.text)?;
        ws.write_string_with_format(row, 2, w.status(g.status), &st.status[g.status.index()])?;
        ws.write_number_with_format(row, 3, r.total() as f64, &st.number)?;
        ws.write_number_with_format(row, 4, r.done() as f64, &st.number)?;
        ws.write_number_with_format(
            row,
            5,
            f64::from(percent(r.done(), r.total())) / 100.0,
            &st.percent,
        )?;
        ws.write_string_with_format(row, 6, &g.text, &st.wrap)?;
    }
    Ok(())
}
