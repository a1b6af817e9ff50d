//! The help screen: every action and the keys bound to it (rebindings included),
//! per context. It owns its scroll, reads the keys of the `help_popup` context and
//! draws itself; how far it scrolls comes from its layout at the terminal's size.

use crate::lang::Lang;
use crate::text::width;
use crate::tui::app::{App, Command};
use crate::tui::keys::{ACTIONS, Context};
use crate::tui::view::{Ui, centered, clear_wide_edges};
use crate::words::screen::help;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// The open help: its first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    pub scroll: usize,
}

pub use super::document::Outcome;

impl Help {
    /// A command of the `help_popup` context on a screen of `area`. Anything else
    /// is ignored so a stray key does not act behind the help.
    pub fn handle(&mut self, cmd: Command, app: &App, area: Rect) -> Outcome {
        let shape = Shape::of(app, area);
        let closes = [Command::Back, Command::Help, Command::Quit, Command::Cancel];
        super::document::key(
            &mut self.scroll,
            cmd,
            &closes,
            shape.visible,
            shape.max_scroll(),
        )
    }
}

/// Where the help sits on a screen and how its rows fall.
struct Shape {
    entries: Vec<(String, String)>,
    rect: Rect,
    two: bool,
    per_col: usize,
    keys_w: usize,
    /// Rows shown per column.
    visible: usize,
}

impl Shape {
    fn of(app: &App, area: Rect) -> Shape {
        let entries = rows(app);
        // Long key lists (paging in the slides takes eight keys) are cut, not the words.
        let keys_w = entries
            .iter()
            .map(|(k, _)| width(k))
            .max()
            .unwrap_or(0)
            .min(22)
            + 3;
        // Two columns side by side when there is room, else one that scrolls.
        let two = area.width >= 150;
        let per_col = if two {
            entries.len().div_ceil(2)
        } else {
            entries.len()
        };
        // The tab bar and the status lines stay in sight around it.
        let h = (per_col as u16 + 2).min(area.height.saturating_sub(4).max(3));
        // As wide as the longest row needs (within the screen), two columns when wide.
        let desc_w = entries.iter().map(|(_, d)| width(d)).max().unwrap_or(0);
        let one = (keys_w + desc_w + 3) as u16;
        // A column of margin each side, so its borders never sit on the borders below.
        let max_w = area.width.saturating_sub(2);
        let rect = centered(
            area,
            (if two { one * 2 } else { one.max(40) }).min(max_w),
            h,
        );
        let visible = rect.height.saturating_sub(2) as usize;
        Shape {
            entries,
            rect,
            two,
            per_col,
            keys_w,
            visible,
        }
    }

    fn max_scroll(&self) -> usize {
        self.per_col.saturating_sub(self.visible)
    }
}

/// (keys, description) rows: one per action, the five tab keys on one row.
pub fn rows(app: &App) -> Vec<(String, String)> {
    let lang = app.lang;
    let keys = &app.keys;
    let mut out = Vec::new();
    let mut tabs = Vec::new();
    for a in ACTIONS.iter().filter(|a| a.context == Context::Normal) {
        let ks = keys.keys_of(a.command);
        if let Command::GoTab(_) = a.command {
            tabs.extend(ks);
            continue;
        }
        if !ks.is_empty() {
            out.push((ks.join("  "), describe(app, a)));
        }
    }
    if !tabs.is_empty() {
        let what = crate::words::screen::of(lang).help.straight_to_tab;
        out.push((tabs.join(" "), what.to_string()));
    }
    // Then every popup and mode with the keys in force there, so a rebinding in
    // `[keys.picker]` or `[keys.presentation]` shows here too.
    for ctx in [
        Context::Picker,
        Context::Input,
        Context::Search,
        Context::Export,
        Context::Quit,
        Context::Log,
        Context::Measures,
        Context::Activity,
        Context::Present,
    ] {
        out.push((String::new(), String::new()));
        out.push((String::new(), context_title(ctx, lang).to_string()));
        for a in ACTIONS.iter().filter(|a| a.context == ctx) {
            let ks = keys.keys_in(ctx, a.command);
            if !ks.is_empty() {
                out.push((
                    ks.join("  "),
                    (a.word)(&crate::words::screen::of(lang).keys).to_string(),
                ));
            }
        }
    }
    out
}

/// The heading of a context's keys in the help.
fn context_title(ctx: Context, lang: Lang) -> &'static str {
    let w = &crate::words::screen::of(lang).help;
    match ctx {
        Context::Normal => w.main_screen,
        Context::Picker => w.status_picker,
        Context::Input => w.inputs,
        Context::Search => w.search_popup,
        Context::Export => w.export_dialog,
        Context::Help => w.help_ctx,
        Context::Present => w.presentation,
        Context::Quit => w.quit_dialog,
        Context::Log => crate::words::screen::log::log_context(lang),
        Context::Measures => crate::words::screen::measures::context(lang),
        Context::Activity => crate::words::screen::of(lang).activity.help_ctx,
    }
}

/// What help says of an action; where it names the keys of a popup or mode, they
/// are the keys in force there, not the defaults.
fn describe(app: &App, a: &crate::tui::keys::ActionInfo) -> String {
    let k = |ctx, c| app.keys.first(ctx, c);
    let theme = crate::tui::theme::Theme::dark();
    let ui = Ui { app, theme: &theme };
    let lang = app.lang;
    match a.command {
        Command::Status => {
            help::status_action(lang, &crate::tui::overlays::picker::picker_keys(&ui))
        }
        Command::Present => help::present_action(
            lang,
            [
                &k(Context::Present, Command::Prev),
                &k(Context::Present, Command::Next),
                &k(Context::Present, Command::Cancel),
            ],
        ),
        _ => (a.word)(&crate::words::screen::of(lang).keys).to_string(),
    }
}

impl Help {
    pub fn draw(&self, f: &mut Frame, ui: &Ui, area: Rect) {
        let Shape {
            entries,
            rect,
            two,
            per_col,
            keys_w,
            ..
        } = Shape::of(ui.app, area);
        let max_scroll = Shape::of(ui.app, area).max_scroll();
        clear_wide_edges(f.buffer_mut(), rect);
        f.render_widget(Clear, rect);
        let scroll = self.scroll.min(max_scroll);
        let more = super::document::position(scroll, max_scroll);
        let close = ui.key(crate::tui::keys::Context::Help, Command::Cancel);
        let title = match ui.app.lang {
            crate::lang::Lang::Zh => format!("按键 ({close} 关闭){more}"),
            crate::lang::Lang::En => format!("Keys ({close} closes){more}"),
        };
        let block = ui.block(&title, true);
        let inner = block.inner(rect);
        f.render_widget(block, rect);
        let cols: Vec<Rect> = if two {
            let half = inner.width / 2;
            vec![
                Rect {
                    width: half,
                    ..inner
                },
                Rect {
                    x: inner.x + half,
                    width: inner.width - half,
                    ..inner
                },
            ]
        } else {
            vec![inner]
        };
        for (c, col) in cols.iter().enumerate() {
            let w = col.width as usize;
            let keys_w = keys_w.min(w / 2);
            let lines: Vec<Line> = entries
                .iter()
                .skip(c * per_col)
                .take(per_col)
                .skip(scroll)
                .map(|(k, what)| {
                    Line::from(vec![
                        ui.cell(&format!(" {k}"), keys_w, ui.theme.accent),
                        ui.cell(what, w - keys_w, ui.theme.base),
                    ])
                })
                .collect();
            f.render_widget(Paragraph::new(lines), *col);
        }
    }
}
