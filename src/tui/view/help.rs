//! The help popup: every key of the current screen.

use super::{Ui, centered, clear_wide_edges};
use crate::text::width;
use crate::tui::keys::{DETAIL, GLOBAL, HelpEntry, LISTS};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

pub fn draw(f: &mut Frame, ui: &Ui, area: Rect) {
    let context: &[HelpEntry] = if ui.app.view.detail.is_some() {
        DETAIL
    } else {
        LISTS
    };
    // A context entry overrides a global one for the same keys.
    let global = GLOBAL
        .iter()
        .filter(|g| !context.iter().any(|c| c.keys == g.keys));
    let entries: Vec<&HelpEntry> = context.iter().chain(global).collect();
    let keys_w = entries.iter().map(|e| width(e.keys)).max().unwrap_or(0) + 3;
    let h = entries.len() as u16 + 4;
    let rect = centered(area, 76, h);
    clear_wide_edges(f.buffer_mut(), rect);
    f.render_widget(Clear, rect);
    let block = ui.block(ui.pick("按键 (Esc 关闭)", "Keys (Esc closes)"), true);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let w = inner.width as usize;
    let keys_w = keys_w.min(w / 2);
    let mut lines = vec![Line::raw("")];
    for e in entries {
        let what = ui.pick(e.zh, e.en);
        lines.push(Line::from(vec![
            ui.cell(&format!(" {}", e.keys), keys_w, ui.theme.accent),
            ui.cell(what, w - keys_w, ui.theme.base),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
