//! A row of a task list: number, why it is listed, headline, status, lead unit,
//! and as the width allows the due date (the effective one, marked when past),
//! progress, last update and latest note; with a header naming the columns.

use super::Ui;
use crate::registry::{Status, TownLink};
use crate::text::{fit_right, width};
use crate::tui::app::{Tag, TaskRow};
use ratatui::text::Span;

/// The headline keeps at least this many columns before extra columns are added.
const TITLE_MIN: usize = 24;
/// `MM-DD` of the last update.
const UPDATED_W: usize = 5;
/// `100%`.
const PROGRESS_W: usize = 4;

/// Columns the tag takes, when the list has tags.
fn tag_text(ui: &Ui, tag: Tag) -> String {
    match tag {
        Tag::None => String::new(),
        Tag::Lead => ui.w().lists.lead.into(),
        Tag::Shared => ui.w().lists.shared.into(),
        Tag::Town(TownLink::Explicit) => ui.w().lists.named.into(),
        Tag::Town(TownLink::AllTowns) => ui.w().lists.all.into(),
        Tag::Town(TownLink::Mentioned) => ui.w().lists.mention.into(),
        Tag::Section(s) => format!(
            "({})",
            ui.app
                .reg
                .sections
                .get(s)
                .map_or("", |s| s.numeral.as_str())
        ),
    }
}

/// How a list of `cols` columns is divided; 0 means the column is not shown.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    /// The task number's columns (right-aligned; the widest number's).
    number: usize,
    tag: usize,
    title: usize,
    status: usize,
    lead: usize,
    due: usize,
    progress: usize,
    updated: usize,
    latest: usize,
}

impl Columns {
    pub fn new(ui: &Ui, cols: usize, tagged: bool) -> Columns {
        let tag = if tagged {
            width(ui.w().lists.mention) + 1
        } else {
            0
        };
        let status = ui.status_cols();
        let lead = match cols {
            c if c >= 64 => 14,
            c if c >= 50 => 10,
            _ => 0,
        };
        let number = ui.app.ix.number_width();
        let fixed = number + 1 + tag + 1 + status + if lead > 0 { lead + 1 } else { 0 };
        let mut rest = cols.saturating_sub(fixed);
        // The extra columns in the order a reader needs them, each only while the
        // headline keeps TITLE_MIN columns.
        let mut take = |w: usize| {
            if rest >= w + 1 + TITLE_MIN {
                rest -= w + 1;
                w
            } else {
                0
            }
        };
        let due = take(10 + 1 + width(ui.w().lists.overdue));
        let progress = if due > 0 { take(PROGRESS_W) } else { 0 };
        let updated = if progress > 0 { take(UPDATED_W) } else { 0 };
        // The latest note shares what is left with the headline.
        let latest = if updated > 0 && rest / 2 >= 12 && rest - rest / 2 > TITLE_MIN {
            let w = (rest / 2).min(60);
            rest -= w + 1;
            w
        } else {
            0
        };
        Columns {
            number,
            tag,
            title: rest,
            status,
            lead,
            due,
            progress,
            updated,
            latest,
        }
    }

    /// Whether the list shows more than the bare columns (then it gets a header).
    pub fn wide(&self) -> bool {
        self.due > 0
    }
}

/// The header over a list's rows, aligned with [`row`] (after the two-column
/// selection marker).
pub fn header(ui: &Ui, c: &Columns, cols: usize) -> Vec<Span<'static>> {
    let w = &ui.w().lists;
    let style = ui.theme.title;
    // The number's heading also takes the marker's two columns: 序号 is wider
    // than the numbers under it.
    let mut spans = vec![ui.cell(&fit_right(w.col_number, c.number + 2), c.number + 3, style)];
    if c.tag > 0 {
        spans.push(ui.cell("", c.tag, style));
    }
    spans.push(ui.cell(w.col_task, c.title, style));
    let mut col = |text: &str, w: usize| {
        if w > 0 {
            spans.push(Span::styled(" ".to_string(), style));
            spans.push(ui.cell(text, w, style));
        }
    };
    col(w.col_status, c.status);
    col(w.col_lead, c.lead);
    col(w.col_due, c.due);
    col(&fit_right(w.col_progress, c.progress), c.progress);
    col(w.col_updated, c.updated);
    col(w.col_latest, c.latest);
    pad(spans, cols + 2)
}

/// Row `r` of a task list, exactly `cols` wide.
/// `hl` are matched characters of the title (a `/` filter), highlighted.
pub fn row(ui: &Ui, c: &Columns, r: TaskRow, cols: usize, hl: &[usize]) -> Vec<Span<'static>> {
    let app = ui.app;
    let t = &app.reg.tasks[r.task];
    let mut spans = vec![Span::styled(
        format!("{:>n$}", t.number, n = c.number),
        ui.theme.dim,
    )];
    // The column after the number marks an edit not yet in the file.
    spans.push(if app.unsaved_task(&t.id) {
        Span::styled(crate::words::screen::saving::UNSAVED_MARK, ui.theme.warn)
    } else {
        Span::raw(" ")
    });
    if c.tag > 0 {
        spans.push(ui.cell(&tag_text(ui, r.tag), c.tag, ui.theme.accent));
    }
    spans.extend(ui.cell_hl(&t.title, hl, c.title, ui.theme.base));
    spans.push(Span::raw(" "));
    spans.push(ui.status_cell(t.status, c.status));
    if c.lead > 0 {
        let mut lead = t
            .lead
            .first()
            .map(|id| app.reg.name_of(id).to_string())
            .unwrap_or_default();
        if t.lead.len() > 1 {
            lead.push_str(ui.w().lists.more_mark);
        }
        spans.push(Span::raw(" "));
        spans.push(ui.cell(&lead, c.lead, ui.theme.dim));
    }
    if c.due > 0 {
        let due = app.reg.effective_due(&app.ix, r.task);
        let late = due.is_some_and(|d| d.date < app.today()) && t.status != Status::Done;
        let text = match due {
            Some(d) if late => format!("{} {}", d.date, ui.w().lists.overdue),
            Some(d) => d.date.to_string(),
            None => String::new(),
        };
        let style = if late { ui.theme.warn } else { ui.theme.dim };
        spans.push(Span::raw(" "));
        spans.push(ui.cell(&text, c.due, style));
    }
    if c.progress > 0 {
        spans.push(Span::raw(" "));
        let p = format!("{}%", t.progress);
        spans.push(ui.cell(&fit_right(&p, c.progress), c.progress, ui.theme.base));
    }
    if c.updated > 0 {
        let at = t
            .updated_at
            .map(|d| d.format("%m-%d").to_string())
            .unwrap_or_default();
        spans.push(Span::raw(" "));
        spans.push(ui.cell(&at, c.updated, ui.theme.dim));
    }
    if c.latest > 0 {
        let note = crate::report::ledger::latest_note(t)
            .and_then(|h| h.note.as_deref())
            .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
        spans.push(Span::raw(" "));
        spans.push(ui.cell(&note, c.latest, ui.theme.base));
    }
    pad(spans, cols)
}

/// Whatever rounding left over, so the row is exactly `cols` wide.
fn pad(mut spans: Vec<Span<'static>>, cols: usize) -> Vec<Span<'static>> {
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    if used < cols {
        spans.push(Span::raw(" ".repeat(cols - used)));
    }
    spans
}
