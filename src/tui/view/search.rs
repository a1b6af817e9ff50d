//! The global search popup: a query line and the best hits of every kind, each
//! with its matched characters highlighted (a text hit shows the text around it).

use super::{Ui, centered, clear_wide_edges};
use crate::search::{Field, Kind, field_text, snippet};
use crate::text::width;
use crate::tui::find::SearchState;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

fn kind_label(ui: &Ui, k: Kind) -> &'static str {
    match k {
        Kind::Unit => ui.pick("单位", "unit"),
        Kind::Town => ui.pick("镇区", "town"),
        Kind::Section => ui.pick("章节", "section"),
        Kind::Goal => ui.pick("目标", "goal"),
        Kind::Task => ui.pick("任务", "task"),
    }
}

pub fn draw(f: &mut Frame, ui: &Ui, area: Rect, state: &SearchState) {
    let app = ui.app;
    let w = area.width.saturating_sub(4).min(100);
    let h = area.height.saturating_sub(2).min(22);
    let rect = centered(area, w, h);
    clear_wide_edges(f.buffer_mut(), rect);
    f.render_widget(Clear, rect);
    let count = if state.hits.is_empty() {
        String::new()
    } else {
        format!(" {}/{}", state.sel + 1, state.hits.len())
    };
    let title = format!(
        "{}{count}",
        ui.pick(
            "搜索 (中文、拼音、首字母)",
            "Search (Chinese, pinyin, initials)"
        )
    );
    let block = ui.block(&title, true);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let cols = inner.width as usize;
    if cols < 8 || inner.height < 3 {
        return;
    }
    let query = state.input.value();
    let field = cols - 2;
    let caret = state.input.visual_cursor().min(field);
    let shown = crate::text::truncate(&ui.t(query), field);
    let mut lines = vec![
        Line::from(vec![
            Span::styled("> ", ui.theme.accent),
            Span::styled(shown, ui.theme.base),
        ]),
        Line::raw(""),
    ];
    let rows = inner.height as usize - 2;
    if query.trim().is_empty() {
        use crate::tui::app::Command as C;
        use crate::tui::keys::Context::Search;
        let k = |c| ui.key(Search, c);
        let (up, down, go, close) = (k(C::Up), k(C::Down), k(C::Confirm), k(C::Cancel));
        let hint = match app.lang {
            crate::lang::Lang::Zh => format!(
                "输入名称或拼音:swj → 市水务局,wushui → 污水,jiaji → 嘉积镇。{up}{down} 选择,{go} 跳转,{close} 关闭"
            ),
            crate::lang::Lang::En => format!(
                "Type a name or its pinyin: swj → 市水务局, wushui → 污水, jiaji → 嘉积镇. {up}{down} pick, {go} jumps, {close} closes"
            ),
        };
        for l in crate::text::wrap(&ui.t(&hint), cols) {
            lines.push(Line::from(Span::styled(l, ui.theme.dim)));
        }
    } else if state.hits.is_empty() {
        let msg = match app.lang {
            crate::lang::Lang::Zh => format!("没有匹配“{query}”的单位、镇区、章节、目标或任务"),
            crate::lang::Lang::En => {
                format!("nothing matches '{query}': no unit, town, section, goal or task")
            }
        };
        lines.push(Line::from(ui.cell(&msg, cols, ui.theme.warn)));
    }
    let off = super::scroll(app.offsets[3].get(), state.sel, rows, state.hits.len());
    app.offsets[3].set(off);
    let kind_w = width(ui.pick("章节", "section")) + 1;
    for (i, hit) in state.hits.iter().enumerate().skip(off).take(rows) {
        let selected = i == state.sel;
        let marker = if selected {
            if app.ascii { "> " } else { "▸ " }
        } else {
            "  "
        };
        let mut spans = vec![
            Span::raw(marker),
            ui.cell(kind_label(ui, hit.kind), kind_w, ui.theme.accent),
        ];
        let rest = cols.saturating_sub(2 + kind_w);
        let text = field_text(&app.reg, hit.kind, hit.index, hit.field).unwrap_or_default();
        match hit.field {
            Field::Text => {
                // A text hit: the entity's name, then the text around the match.
                let name = field_text(
                    &app.reg,
                    hit.kind,
                    hit.index,
                    if hit.kind == Kind::Goal {
                        Field::Horizon
                    } else {
                        Field::Title
                    },
                )
                .unwrap_or_default();
                let name = if hit.kind == Kind::Task {
                    format!("{} {name}", app.reg.tasks[hit.index].number)
                } else {
                    name.into_owned()
                };
                let name_w = (width(&name) + 1).min(rest / 2);
                spans.push(ui.cell(&name, name_w, ui.theme.base));
                let snip = snippet(&text, &hit.positions, rest - name_w);
                spans.extend(ui.cell_hl(&snip.text, &snip.positions, rest - name_w, ui.theme.dim));
            }
            Field::Number | Field::Title if hit.kind == Kind::Task => {
                let t = &app.reg.tasks[hit.index];
                let num = format!("{:>3} ", t.number);
                let (num_hl, title_hl): (Vec<usize>, Vec<usize>) = if hit.field == Field::Number {
                    (
                        hit.positions
                            .iter()
                            .map(|p| p + 4 - t.number.to_string().len())
                            .collect(),
                        Vec::new(),
                    )
                } else {
                    (Vec::new(), hit.positions.clone())
                };
                spans.extend(ui.cell_hl(&num, &num_hl, 4, ui.theme.dim));
                spans.extend(ui.cell_hl(
                    &t.title,
                    &title_hl,
                    rest.saturating_sub(4),
                    ui.theme.base,
                ));
            }
            _ => spans.extend(ui.cell_hl(&text, &hit.positions, rest, ui.theme.base)),
        }
        let mut line = Line::from(spans);
        if selected {
            line = line.style(ui.theme.selected);
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines), inner);
    f.set_cursor_position((inner.x + 2 + caret as u16, inner.y));
}
