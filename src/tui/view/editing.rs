//! The status picker and the text input, drawn over the screen. The terminal
//! cursor is put at the input's caret so that a Chinese input method composes in
//! the right place.

use super::{Ui, centered, clear_wide_edges};
use crate::registry::EditTarget;
use crate::text::{truncate, width};
use crate::tui::app::Command;
use crate::tui::edit::{InputKind, InputState, Mode};
use crate::tui::keys::Context;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub(crate) fn target_name(ui: &Ui, t: &EditTarget) -> String {
    match t {
        EditTarget::Task(id) => match ui.app.reg.tasks.iter().find(|x| &x.id == id) {
            Some(task) => format!(
                "{} {} · {}",
                ui.pick("任务", "task"),
                task.number,
                task.title
            ),
            None => id.clone(),
        },
        EditTarget::Goal(id) => match ui.app.ix.goal(id) {
            Some(g) => ui.app.link_name(crate::tui::app::Link::Goal(g)),
            None => id.clone(),
        },
    }
}

pub fn draw(f: &mut Frame, ui: &Ui, area: Rect) {
    match &ui.app.mode {
        // The `/` filter is typed on the hint line (see `filter_line`).
        Mode::Normal
        | Mode::Input(InputState {
            kind: InputKind::Filter,
            ..
        }) => {}
        Mode::Search(state) => state.draw(f, ui, area),
        Mode::StatusPicker(p) => p.draw(f, ui, area),
        Mode::Input(state) => input(f, ui, area, state),
    }
}

pub(crate) fn popup(f: &mut Frame, ui: &Ui, rect: Rect, title: &str) -> Rect {
    clear_wide_edges(f.buffer_mut(), rect);
    f.render_widget(Clear, rect);
    let block = ui.block(title, true);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    inner
}

fn input(f: &mut Frame, ui: &Ui, area: Rect, state: &InputState) {
    let (label, saves, saves_en) = match state.kind {
        InputKind::Filter => return,
        InputKind::Note => (ui.pick("进展备注", "Progress note"), "保存", "saves"),
        InputKind::Progress => (
            ui.pick("进度 (0-100%)", "Progress (0-100 %)"),
            "保存",
            "saves",
        ),
        InputKind::Due => (
            ui.pick(
                "截止日期 (YYYY-MM-DD,留空清除)",
                "Due date (YYYY-MM-DD, empty clears)",
            ),
            "保存",
            "saves",
        ),
        InputKind::WriteAs => (ui.pick("另存为", "Write to"), "写入", "writes"),
    };
    let help = format!(
        "{} {}  {} {}",
        ui.key(Context::Input, Command::Confirm),
        ui.pick(saves, saves_en),
        ui.key(Context::Input, Command::Cancel),
        ui.pick("取消", "cancels")
    );
    let title = match &state.target {
        Some(t) => format!("{label} · {}", target_name(ui, t)),
        None => label.to_string(),
    };
    let w = area.width.saturating_sub(4).min(100);
    let rect = centered(area, w, 5);
    let inner = popup(f, ui, rect, &title);
    let cols = inner.width as usize;
    if cols < 4 || inner.height < 3 {
        return;
    }
    // The visible part of the value, scrolled so the caret stays in view.
    let field = cols - 1;
    let value = ui.t(state.input.value());
    let scroll = state.input.visual_scroll(field);
    let mut skipped = 0;
    let shown: String = value
        .chars()
        .skip_while(|c| {
            let cw = unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            if skipped + cw <= scroll {
                skipped += cw;
                true
            } else {
                false
            }
        })
        .collect();
    let shown = truncate(&shown, field);
    let below = match &state.error {
        Some(e) => Span::styled(ui.t(e), ui.theme.warn),
        None => Span::styled(help.to_string(), ui.theme.dim),
    };
    let lines = vec![
        Line::from(Span::styled(format!(" {}", shown), ui.theme.base)),
        Line::raw(""),
        Line::from(ui.cell(&below.content, cols, below.style)),
    ];
    f.render_widget(Paragraph::new(lines), inner);
    let caret = (state.input.visual_cursor() - skipped.min(state.input.visual_cursor())).min(field);
    f.set_cursor_position((inner.x + 1 + caret as u16, inner.y));
}

/// The `/` filter, typed on the bottom hint line the way vim and less do it.
pub fn filter_line(f: &mut Frame, ui: &Ui, area: Rect, state: &InputState) {
    let cols = area.width as usize;
    let n = ui.app.current_rows().len();
    let count = match ui.app.focus() {
        crate::tui::app::Focus::Tasks => n,
        crate::tui::app::Focus::Entities => ui.app.visible_entities(ui.app.tab()).len(),
    };
    let note = match (state.input.value().is_empty(), count) {
        (true, _) => ui
            .pick(
                "  中文、拼音或首字母;Enter 保留,Esc 清除",
                "  Chinese, pinyin or initials; Enter keeps, Esc clears",
            )
            .to_string(),
        (false, 0) => ui.pick("  没有匹配", "  no match").to_string(),
        (false, n) => format!("  {n} {}", ui.pick("项", "shown")),
    };
    let field = cols.saturating_sub(1 + width(&note)).max(1);
    let value = truncate(&ui.t(state.input.value()), field);
    let line = Line::from(vec![
        Span::styled("/", ui.theme.accent),
        ui.cell(&value, field, ui.theme.base),
        ui.cell(&note, cols.saturating_sub(1 + field), ui.theme.dim),
    ]);
    f.render_widget(Paragraph::new(line), area);
    let caret = state.input.visual_cursor().min(field);
    f.set_cursor_position((area.x + 1 + caret as u16, area.y));
}
