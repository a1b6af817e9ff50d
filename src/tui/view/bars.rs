//! The three one-line bars around the screen: tabs on top, key hints (made from
//! the keys in force in the context that has the keyboard) and the status line.

use super::*;

pub(super) fn draw_tabs(f: &mut Frame, ui: &Ui, area: Rect) {
    let mut spans = Vec::new();
    let mut used = 0;
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, tab.label(ui.app.lang));
        used += width(&label) + 1;
        let style = if *tab == ui.app.tab() {
            ui.theme.tab_active
        } else {
            ui.theme.dim
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    let right = format!("{} {} ", ui.w().status.app_name, ui.app.today());
    let room = (area.width as usize).saturating_sub(used);
    spans.push(Span::styled(
        crate::text::fit_right(&right, room),
        ui.theme.dim,
    ));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub(super) fn draw_hints(f: &mut Frame, ui: &Ui, area: Rect) {
    let app = ui.app;
    if let crate::tui::edit::Mode::Input(state) = &app.mode
        && state.kind == crate::tui::edit::InputKind::Filter
    {
        state.draw_filter_line(f, ui, area);
        return;
    }
    use crate::tui::app::Command as C;
    // Each hint: the first key of each command (←→ for the tab pair), and a word.
    let editing = !matches!(app.mode, crate::tui::edit::Mode::Normal);
    let w = &ui.w().status;
    let overlay_hint = if app.log_view.is_some() {
        Some(crate::tui::overlays::log::hint(ui))
    } else if app.measures_view.is_some() && app.help.is_none() {
        Some(crate::tui::overlays::measures::hint(ui))
    } else {
        None
    };
    let pairs: Vec<(&[C], &str)> = if let Some(text) = overlay_hint {
        let line = Line::from(ui.cell(&text, area.width as usize, ui.theme.dim));
        f.render_widget(Paragraph::new(line), area);
        return;
    } else if app.help.is_some() {
        let close = ui.key(Context::Help, C::Cancel);
        let text = format!("{close} {}", ui.w().status.close_help);
        let line = Line::from(ui.cell(&text, area.width as usize, ui.theme.dim));
        f.render_widget(Paragraph::new(line), area);
        return;
    } else if editing {
        let text = match &app.mode {
            crate::tui::edit::Mode::StatusPicker(_) => crate::tui::overlays::picker::hint(ui),
            crate::tui::edit::Mode::Export(_) => crate::tui::overlays::export::hint(ui),
            crate::tui::edit::Mode::Quit(d) => crate::tui::overlays::quit::hint(ui, d),
            crate::tui::edit::Mode::Activity(_) => crate::tui::overlays::activity::hint(ui),
            _ => crate::tui::overlays::input::hint(ui),
        };
        let line = Line::from(ui.cell(&text, area.width as usize, ui.theme.dim));
        f.render_widget(Paragraph::new(line), area);
        return;
    } else if app.view.problems.is_some() && app.view.detail.is_none() {
        vec![
            (&[C::Up, C::Down], w.hint_select),
            (&[C::Open], w.hint_details),
            (&[C::Status], w.hint_status),
            (&[C::Export], w.hint_export),
            (&[C::Back], w.hint_back),
            (&[C::Help], w.hint_help),
            (&[C::Quit], w.hint_quit),
        ]
    } else if app.view.detail.is_some() {
        vec![
            (&[C::Up, C::Down], w.hint_link),
            (&[C::Open], w.hint_jump),
            (&[C::Status], w.hint_status),
            (&[C::Note], w.hint_note),
            (&[C::Back], w.hint_back),
            (&[C::Help], w.hint_help),
            (&[C::Quit], w.hint_quit),
        ]
    } else if app.tab() != Tab::Overview && app.focus() == Focus::Tasks {
        vec![
            (&[C::Up, C::Down], w.hint_select),
            (&[C::Open], w.hint_details),
            (&[C::Status], w.hint_status),
            (&[C::Note], w.hint_note),
            (&[C::Back], w.hint_back),
            (&[C::PrevTab, C::NextTab], w.hint_tabs),
            (&[C::Help], w.hint_help),
            (&[C::Quit], w.hint_quit),
        ]
    } else {
        vec![
            (&[C::PrevTab, C::NextTab], w.hint_tabs),
            (&[C::Up, C::Down], w.hint_select),
            (&[C::Open], w.hint_open),
            (&[C::Back], w.hint_back),
            (&[C::Log], w.hint_messages),
            (&[C::Help], w.hint_help),
            (&[C::Quit], w.hint_quit),
        ]
    };
    let hint: Vec<String> = pairs
        .iter()
        .filter_map(|(cmds, word)| {
            let keys: Vec<String> = cmds
                .iter()
                .filter_map(|c| app.keys.keys_of(*c).into_iter().next())
                .collect();
            (!keys.is_empty()).then(|| format!("{} {}", keys.concat(), word))
        })
        .collect();
    let line = Line::from(ui.cell(&hint.join("  "), area.width as usize, ui.theme.dim));
    f.render_widget(Paragraph::new(line), area);
}

pub(super) fn draw_status(f: &mut Frame, ui: &Ui, area: Rect) {
    let app = ui.app;
    let w = area.width as usize;
    let mode = if app.read_only {
        ui.w().status.read_only_badge
    } else {
        ""
    };
    // A save waiting for someone's lock stays said while other keys clear messages.
    let right = app
        .message
        .clone()
        .or_else(|| app.lock_wait.clone())
        .unwrap_or_default();
    // The message matters more than the path: it may take all but a few columns.
    let right = truncate(&ui.t(&right), w.saturating_sub(width(mode) + 12));
    let file = app.file.display().to_string();
    let room = w.saturating_sub(width(mode) + width(&right) + 1);
    // Keep the end of a long path (the file name), not its start.
    let file = if width(&file) > room {
        let tail: String = file
            .chars()
            .rev()
            .take(room.saturating_sub(1))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let mut t = format!("…{tail}");
        while width(&t) > room && t.chars().count() > 1 {
            t.remove(1);
        }
        t
    } else {
        file
    };
    let mut spans = vec![Span::styled(ui.t(&file), ui.theme.dim)];
    if !mode.is_empty() {
        spans.push(Span::styled(mode.to_string(), ui.theme.warn));
    }
    let used = width(&file) + width(mode);
    spans.push(Span::styled(
        crate::text::fit_right(&right, w.saturating_sub(used)),
        ui.theme.accent,
    ));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}
