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
    let right = format!("{} {} ", ui.pick("督办", "dubang"), ui.app.today());
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
    let pairs: &[(&[C], &str, &str)] = if app.help {
        let close = ui.key(Context::Help, C::Cancel);
        let text = format!("{close} {}", ui.pick("关闭帮助", "close help"));
        let line = Line::from(ui.cell(&text, area.width as usize, ui.theme.dim));
        f.render_widget(Paragraph::new(line), area);
        return;
    } else if editing {
        let text = match app.mode {
            crate::tui::edit::Mode::StatusPicker(_) => crate::tui::overlays::picker::hint(ui),
            crate::tui::edit::Mode::Export(_) => crate::tui::overlays::export::hint(ui),
            _ => crate::tui::overlays::input::hint(ui),
        };
        let line = Line::from(ui.cell(&text, area.width as usize, ui.theme.dim));
        f.render_widget(Paragraph::new(line), area);
        return;
    } else if app.view.problems.is_some() && app.view.detail.is_none() {
        &[
            (&[C::Up, C::Down], "选择", "select"),
            (&[C::Open], "详情", "details"),
            (&[C::Status], "状态", "status"),
            (&[C::Export], "导出", "export"),
            (&[C::Back], "返回", "back"),
            (&[C::Help], "帮助", "help"),
            (&[C::Quit], "退出", "quit"),
        ]
    } else if app.view.detail.is_some() {
        &[
            (&[C::Up, C::Down], "选择链接", "link"),
            (&[C::Open], "跳转", "jump"),
            (&[C::Status], "状态", "status"),
            (&[C::Note], "备注", "note"),
            (&[C::Back], "返回", "back"),
            (&[C::Help], "帮助", "help"),
            (&[C::Quit], "退出", "quit"),
        ]
    } else if app.tab() != Tab::Overview && app.focus() == Focus::Tasks {
        &[
            (&[C::Up, C::Down], "选择", "select"),
            (&[C::Open], "详情", "details"),
            (&[C::Status], "状态", "status"),
            (&[C::Note], "备注", "note"),
            (&[C::Back], "返回", "back"),
            (&[C::PrevTab, C::NextTab], "标签", "tabs"),
            (&[C::Help], "帮助", "help"),
            (&[C::Quit], "退出", "quit"),
        ]
    } else {
        &[
            (&[C::PrevTab, C::NextTab], "标签", "tabs"),
            (&[C::Up, C::Down], "选择", "select"),
            (&[C::Open], "打开", "open"),
            (&[C::Back], "返回", "back"),
            (&[C::Help], "帮助", "help"),
            (&[C::Quit], "退出", "quit"),
        ]
    };
    let hint: Vec<String> = pairs
        .iter()
        .filter_map(|(cmds, zh, en)| {
            let keys: Vec<String> = cmds
                .iter()
                .filter_map(|c| app.keys.keys_of(*c).into_iter().next())
                .collect();
            (!keys.is_empty()).then(|| format!("{} {}", keys.concat(), ui.pick(zh, en)))
        })
        .collect();
    let line = Line::from(ui.cell(&hint.join("  "), area.width as usize, ui.theme.dim));
    f.render_widget(Paragraph::new(line), area);
}

pub(super) fn draw_status(f: &mut Frame, ui: &Ui, area: Rect) {
    let app = ui.app;
    let w = area.width as usize;
    let mode = if app.read_only {
        ui.pick(" 只读 ", " read-only ")
    } else {
        ""
    };
    let right = app.message.clone().unwrap_or_default();
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
