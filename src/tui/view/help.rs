//! The help popup: every action and the keys bound to it (rebindings included).

use super::{Ui, centered, clear_wide_edges};
use crate::text::width;
use crate::tui::app::Command;
use crate::tui::keys::ACTIONS;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// (keys, description) rows: one per action, the five tab keys on one row.
pub fn rows(ui: &Ui) -> Vec<(String, String)> {
    let keys = &ui.app.keys;
    let mut out = Vec::new();
    let mut tabs = Vec::new();
    for a in ACTIONS {
        let ks = keys.keys_of(a.command);
        if let Command::GoTab(_) = a.command {
            tabs.extend(ks);
            continue;
        }
        if !ks.is_empty() {
            out.push((ks.join("  "), ui.pick(a.zh, a.en).to_string()));
        }
    }
    if !tabs.is_empty() {
        let what = ui.pick(
            "直接打开标签页:概览 章节 单位 镇区 目标",
            "straight to a tab: Overview Sections Units Towns Goals",
        );
        out.push((tabs.join(" "), what.to_string()));
    }
    out
}

pub fn draw(f: &mut Frame, ui: &Ui, area: Rect) {
    let entries = rows(ui);
    let keys_w = entries.iter().map(|(k, _)| width(k)).max().unwrap_or(0) + 3;
    let h = entries.len() as u16 + 4;
    let rect = centered(area, 84, h);
    clear_wide_edges(f.buffer_mut(), rect);
    f.render_widget(Clear, rect);
    let block = ui.block(ui.pick("按键 (Esc 关闭)", "Keys (Esc closes)"), true);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let w = inner.width as usize;
    let keys_w = keys_w.min(w / 2);
    let mut lines = vec![Line::raw("")];
    for (k, what) in entries {
        lines.push(Line::from(vec![
            ui.cell(&format!(" {k}"), keys_w, ui.theme.accent),
            ui.cell(&what, w - keys_w, ui.theme.base),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
