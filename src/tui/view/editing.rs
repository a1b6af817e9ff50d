//! The status picker and the text input, drawn over the screen. The terminal
//! cursor is put at the input's caret so that a Chinese input method composes in
//! the right place.

use super::{Ui, clear_wide_edges};
use crate::registry::EditTarget;
use crate::tui::edit::{InputKind, InputState, Mode};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

pub(crate) fn target_name(ui: &Ui, t: &EditTarget) -> String {
    match t {
        EditTarget::Task(id) => match ui
            .app
            .ix
            .task(&ui.app.reg, id)
            .map(|i| &ui.app.reg.tasks[i])
        {
            Some(task) => format!(
                "{} {} · {}",
                ui.w().detail.task_word,
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
        Mode::Export(state) => state.draw(f, ui, area),
        Mode::StatusPicker(p) => p.draw(f, ui, area),
        Mode::Quit(d) => d.draw(f, ui, area, ui.app.pending.len()),
        Mode::Activity(v) => v.draw(f, ui, area),
        Mode::Input(state) => state.draw(f, ui, area),
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
