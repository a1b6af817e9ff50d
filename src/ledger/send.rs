//! `ledger send`: one workbook per unit with the tasks it leads and shares. Only the
//! fill-in cells (本期进展 … 备注) are unlocked; the sheet is protected without a
//! password (sorting and filtering allowed), so task texts are not edited by accident.
//! 完成状态 is a drop-down of the statuses and 进度 a whole number 0–100, both
//! validated. Hidden, locked columns carry the task id and version; a hidden sheet
//! carries the plan and the unit (see the module notes in [`super`]).

use super::{FORMAT, HEADER_ROW, META_SHEET, Recipient, col, version};
use crate::registry::{Index, Registry};
use crate::report::ledger::{latest_note, note_line};
use crate::report::words::words as report_words;
use crate::text::width;
use crate::words::ledger::Words;
use chrono::NaiveDate;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder,
    ProtectionOptions, Workbook, Worksheet, XlsxError,
};

/// The workbook's file name: `督办台账-市水务局-2026-11-29.xlsx`.
pub fn file_name(unit: &str, today: NaiveDate, w: &Words) -> String {
    let safe: String = unit
        .chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    format!("{}-{safe}-{today}.xlsx", w.file_prefix)
}

/// The .xlsx bytes of `to`'s sheet.
pub fn workbook(
    reg: &Registry,
    ix: &Index,
    to: &Recipient,
    today: NaiveDate,
    w: &Words,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet_name(&to.name))?;
    ledger_sheet(ws, reg, ix, to, w)?;
    let meta = book.add_worksheet();
    meta.set_name(META_SHEET)?;
    let doc = &reg.document;
    let sent = today.to_string();
    let cells: [(&str, &str); 6] = [
        ("format", FORMAT),
        ("plan", &doc.number),
        ("title", &doc.title),
        ("unit", &to.id),
        ("unit name", &to.name),
        ("sent", &sent),
    ];
    for (r, (k, v)) in cells.iter().enumerate() {
        meta.write_string(r as u32, 0, *k)?;
        meta.write_string(r as u32, 1, *v)?;
    }
    meta.write_string(cells.len() as u32 + 1, 0, w.meta_sheet_note)?;
    meta.set_hidden(true);
    meta.protect();
    book.save_to_buffer()
}

/// Excel's sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    name.chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect()
}

fn ledger_sheet(
    ws: &mut Worksheet,
    reg: &Registry,
    ix: &Index,
    to: &Recipient,
    w: &Words,
) -> Result<(), XlsxError> {
    let rw = report_words(w.lang);
    let border = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    let locked = border.clone().set_text_wrap();
    let number = border.clone().set_align(FormatAlign::Center);
    let fill = border
        .clone()
        .set_text_wrap()
        .set_unlocked()
        .set_background_color(Color::RGB(0xFFF2CC));
    let header = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let fill_header = header.clone().set_background_color(Color::RGB(0xFFD966));
    let note = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
        .set_font_color(Color::RGB(0x9C0006));

    ws.merge_range(0, 0, 0, col::REMARK, w.instruction, &note)?;
    ws.set_row_height(0, 48)?;
    for (c, h) in w.columns.iter().chain(&w.id_columns).enumerate() {
        let f = if (col::NOTE..=col::REMARK).contains(&(c as u16)) {
            &fill_header
        } else {
            &header
        };
        ws.write_string_with_format(HEADER_ROW, c as u16, *h, f)?;
    }
    let widths = [6, 22, 48, 8, 12, 12, 30, 36, 12, 8, 10, 20, 8, 8];
    for (c, wd) in widths.iter().enumerate() {
        let head = width(w.columns.iter().chain(&w.id_columns).nth(c).unwrap_or(&""));
        ws.set_column_width(c as u16, (*wd).max(head + 2) as f64)?;
    }
    ws.set_column_hidden(col::ID)?;
    ws.set_column_hidden(col::VERSION)?;

    let mut r = HEADER_ROW + 1;
    for &(i, leads) in &to.tasks {
        let t = &reg.tasks[i];
        let due = reg
            .effective_due(ix, i)
            .map(|d| rw.due(d.date, d.inherited()))
            .unwrap_or_default();
        let role = if leads { w.lead } else { w.shared };
        let status = format!("{} {}%", w.status_name(t.status), t.progress.min(100));
        let last = latest_note(t).map(|h| note_line(h, rw)).unwrap_or_default();
        ws.write_number_with_format(r, col::NUMBER, t.number, &number)?;
        ws.write_string_with_format(r, col::TITLE, &t.title, &locked)?;
        ws.write_string_with_format(r, col::TEXT, &*t.text, &locked)?;
        ws.write_string_with_format(r, col::ROLE, role, &number)?;
        ws.write_string_with_format(r, col::DUE, &due, &locked)?;
        ws.write_string_with_format(r, col::STATUS_NOW, &status, &locked)?;
        ws.write_string_with_format(r, col::LAST, &last, &locked)?;
        for c in col::NOTE..=col::REMARK {
            ws.write_blank(r, c, &fill)?;
        }
        ws.write_string_with_format(r, col::ID, &t.id, &border)?;
        ws.write_number_with_format(r, col::VERSION, version(reg, i) as f64, &border)?;
        r += 1;
    }
    let last_row = r.saturating_sub(1).max(HEADER_ROW + 1);
    let statuses = DataValidation::new()
        .allow_list_strings(&w.status_list())?
        .set_input_message(w.status_prompt)?
        .set_error_message(w.status_prompt)?;
    ws.add_data_validation(
        HEADER_ROW + 1,
        col::STATUS,
        last_row,
        col::STATUS,
        &statuses,
    )?;
    let percent = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(0, 100))
        .set_input_message(w.progress_prompt)?
        .set_error_message(w.progress_prompt)?;
    ws.add_data_validation(
        HEADER_ROW + 1,
        col::PROGRESS,
        last_row,
        col::PROGRESS,
        &percent,
    )?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    ws.autofilter(HEADER_ROW, 0, last_row, col::REMARK)?;
    ws.set_repeat_rows(0, HEADER_ROW)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.protect_with_options(&ProtectionOptions {
        sort: true,
        use_autofilter: true,
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}
