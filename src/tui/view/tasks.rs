//! A row of a task list: number, why it is listed, headline, status, lead unit.

use super::Ui;
use crate::registry::TownLink;
use crate::text::width;
use crate::tui::app::{Tag, TaskRow};
use ratatui::text::Span;

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

/// Row `r` of a task list, exactly `cols` wide.
/// `hl` are matched characters of the title (a `/` filter), highlighted.
pub fn row(ui: &Ui, r: TaskRow, cols: usize, hl: &[usize]) -> Vec<Span<'static>> {
    let app = ui.app;
    let t = &app.reg.tasks[r.task];
    let tag = tag_text(ui, r.tag);
    let tag_w = if tag.is_empty() {
        0
    } else {
        width(ui.w().lists.mention).max(width(&tag)) + 1
    };
    let status_w = ui.status_cols();
    let lead_w = match cols {
        c if c >= 64 => 14,
        c if c >= 50 => 10,
        _ => 0,
    };
    let fixed = 4 + tag_w + 1 + status_w + if lead_w > 0 { lead_w + 1 } else { 0 };
    let title_w = cols.saturating_sub(fixed);
    let mut spans = vec![Span::styled(format!("{:>3} ", t.number), ui.theme.dim)];
    if tag_w > 0 {
        spans.push(ui.cell(&tag, tag_w, ui.theme.accent));
    }
    spans.extend(ui.cell_hl(&t.title, hl, title_w, ui.theme.base));
    spans.push(Span::raw(" "));
    spans.push(ui.status_cell(t.status, status_w));
    if lead_w > 0 {
        let mut lead = t
            .lead
            .first()
            .map(|id| app.reg.name_of(id).to_string())
            .unwrap_or_default();
        if t.lead.len() > 1 {
            lead.push_str(ui.w().lists.more_mark);
        }
        spans.push(Span::raw(" "));
        spans.push(ui.cell(&lead, lead_w, ui.theme.dim));
    }
    // Whatever rounding left over, so the row is exactly `cols` wide.
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    if used < cols {
        spans.push(Span::raw(" ".repeat(cols - used)));
    }
    spans
}
