//! Drawing: App → frame. No I/O here and no state change: the panes sit where
//! [`crate::tui::layout`] puts them and lists start where the state scrolled
//! them. Every line is built to the exact width of its area with CJK-aware
//! truncation, so nothing overflows and borders stay aligned.

pub(crate) mod detail;
pub(crate) mod digest;
pub(crate) mod editing;
mod entities;
pub(crate) mod goals;
mod overview;
mod present;
mod tasks;

mod bars;
pub(crate) mod problems;

pub(crate) use entities::task_list_headed as entities_task_list_headed;
pub(crate) use present::fit_spans;
pub use present::slide_pages;

/// The help's (keys, description) rows as drawn, for tests.
pub fn help_rows(app: &App) -> Vec<(String, String)> {
    crate::tui::overlays::help::rows(app)
}

use super::app::{App, Command, Focus, Tab};
use super::keys::Context;
use super::theme::Theme;
use crate::registry::Status;
use crate::text::{fit, truncate, unambiguous, width};
use bars::{draw_hints, draw_status, draw_tabs};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH, WIDE, scroll};

/// Border characters for terminals that draw box-drawing characters two columns wide.
const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// What every view needs: the app, the theme, and the text helpers.
pub struct Ui<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Ui<'_> {
    /// Text as the terminal will show it (ambiguous-width characters swapped in
    /// ASCII mode).
    pub fn t(&self, s: &str) -> String {
        if self.app.ascii {
            unambiguous(s)
        } else {
            s.to_string()
        }
    }

    /// The dashboard's words in the reader's language.
    pub fn w(&self) -> &'static crate::words::screen::Screen {
        self.app.w()
    }

    /// The first key of a command in a context, as hints show it.
    pub fn key(&self, ctx: Context, cmd: Command) -> String {
        self.app.keys.first(ctx, cmd)
    }

    /// A span of exactly `cols` columns.
    pub fn cell(&self, s: &str, cols: usize, style: Style) -> Span<'static> {
        // Cut first, then swap: the … of a cut is ambiguous-width too.
        Span::styled(self.t(&fit(s, cols)), style)
    }

    /// Like [`Ui::cell`], with the characters at `positions` (char indices into
    /// `s`) highlighted: search matches.
    pub fn cell_hl(
        &self,
        s: &str,
        positions: &[usize],
        cols: usize,
        style: Style,
    ) -> Vec<Span<'static>> {
        if positions.is_empty() {
            return vec![self.cell(s, cols, style)];
        }
        let hl = style.patch(self.theme.highlight);
        let text = self.t(s);
        let fits = width(&text) <= cols;
        let room = if fits { cols } else { cols.saturating_sub(1) };
        let mut spans: Vec<Span<'static>> = Vec::new();
        let mut used = 0;
        let mut cur = String::new();
        let mut cur_hl = false;
        for (i, c) in text.chars().enumerate() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > room {
                break;
            }
            let is_hl = positions.contains(&i);
            if is_hl != cur_hl && !cur.is_empty() {
                spans.push(Span::styled(
                    std::mem::take(&mut cur),
                    if cur_hl { hl } else { style },
                ));
            }
            cur_hl = is_hl;
            cur.push(c);
            used += cw;
        }
        if !cur.is_empty() {
            spans.push(Span::styled(cur, if cur_hl { hl } else { style }));
        }
        if !fits && cols > 0 {
            spans.push(Span::styled(if self.app.ascii { "~" } else { "…" }, style));
            used += 1;
        }
        if used < cols {
            spans.push(Span::styled(" ".repeat(cols - used), style));
        }
        spans
    }

    pub fn block(&self, title: &str, focused: bool) -> Block<'static> {
        let style = if focused {
            self.theme.border_focus
        } else {
            self.theme.border
        };
        let set = if self.app.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        };
        Block::default()
            .borders(Borders::ALL)
            .border_set(set)
            .border_style(style)
            .title(Span::styled(
                format!(" {} ", self.t(title)),
                if focused {
                    self.theme.title
                } else {
                    self.theme.dim
                },
            ))
    }

    pub fn status_name(&self, s: Status) -> &'static str {
        crate::words::status(self.app.lang, s)
    }

    /// Columns of the status column: symbol, space, longest name.
    pub fn status_cols(&self) -> usize {
        2 + Status::ALL
            .iter()
            .map(|&s| width(self.status_name(s)))
            .max()
            .unwrap_or(0)
    }

    /// "✓ 已完成" styled.
    pub fn status_cell(&self, s: Status, cols: usize) -> Span<'static> {
        let text = format!("{} {}", super::theme::symbol(s), self.status_name(s));
        self.cell(&text, cols, self.theme.status(s))
    }

    /// A progress bar of `cols` columns (at least 5), with the percentage.
    pub fn bar(&self, share: f64, cols: usize) -> Span<'static> {
        let cells = cols.saturating_sub(5);
        let filled = ((share.clamp(0.0, 1.0) * cells as f64).round() as usize).min(cells);
        let s = format!(
            "{}{}{:>4}%",
            "█".repeat(filled),
            "░".repeat(cells - filled),
            (share * 100.0).round() as u32
        );
        Span::styled(self.t(&s), self.theme.accent)
    }
}

/// A selected row: the selection style patched onto every span, so the spans'
/// own colours (the light theme paints each one's white background) do not show
/// through and the whole row reads as selected in every theme.
pub fn select(line: Line<'static>, style: Style) -> Line<'static> {
    let spans: Vec<Span<'static>> = line
        .spans
        .into_iter()
        .map(|s| {
            let patched = s.style.patch(style);
            s.style(patched)
        })
        .collect();
    Line::from(spans).style(line.style.patch(style))
}

/// A list's title: what the list is, a name that gives way when the title is
/// too long, and what must stay in sight (the filters in force); the position
/// ("3/28") follows.
#[derive(Debug, Clone, Copy, Default)]
pub struct Title<'a> {
    pub head: &'a str,
    pub name: &'a str,
    pub tail: &'a str,
}

impl Title<'_> {
    /// The title with its position, in `cols` columns: the name is shortened (with
    /// …) before the count or the filters would be cut.
    fn text(&self, pos: &str, cols: usize) -> String {
        let whole = format!("{}{}{}{pos}", self.head, self.name, self.tail);
        if width(&whole) <= cols {
            return whole;
        }
        let fixed = width(self.head) + width(self.tail) + width(pos);
        let name = truncate(self.name, cols.saturating_sub(fixed));
        format!("{}{name}{}{pos}", self.head, self.tail)
    }
}

/// Whether a list of `len` rows in a box of `inner_height` rows gives its first
/// row to a header (when there is room for rows under it): the layout asks too.
pub fn headed(has_header: bool, inner_height: u16, len: usize) -> bool {
    has_header && inner_height >= 3 && len > 0
}

/// Draws a bordered list of `len` rows with `sel` selected; `row(i, cols)` makes
/// row `i` exactly `cols` columns wide, from row `offset` on (as the state
/// scrolled it; moved here only if this frame is not the size the state knows).
#[allow(clippy::too_many_arguments)]
pub fn list(
    f: &mut Frame,
    ui: &Ui,
    area: Rect,
    title: Title,
    focused: bool,
    len: usize,
    sel: usize,
    offset: usize,
    row: impl Fn(usize, usize) -> Vec<Span<'static>>,
) {
    list_headed(
        f,
        ui,
        area,
        title,
        focused,
        (len, sel, offset),
        |_| None,
        row,
    );
}

/// [`list`] with a header row of column names (`header(cols)`), when it has one.
#[allow(clippy::too_many_arguments)]
pub fn list_headed(
    f: &mut Frame,
    ui: &Ui,
    area: Rect,
    title: Title,
    focused: bool,
    (len, sel, offset): (usize, usize, usize),
    header: impl Fn(usize) -> Option<Vec<Span<'static>>>,
    row: impl Fn(usize, usize) -> Vec<Span<'static>>,
) {
    let pos = if len > 0 {
        format!(" {}/{}", sel.min(len - 1) + 1, len)
    } else {
        String::new()
    };
    // The block's title sits between the corners, with a space each side.
    let room = (area.width as usize).saturating_sub(4);
    let block = ui.block(&title.text(&pos, room), focused);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    if inner.height == 0 || w < 3 {
        return;
    }
    // The header takes the first row when there is room for rows under it.
    let inner = match header(w) {
        Some(spans) if headed(true, inner.height, len) => {
            f.render_widget(
                Paragraph::new(Line::from(spans)),
                Rect { height: 1, ..inner },
            );
            Rect {
                y: inner.y + 1,
                height: inner.height - 1,
                ..inner
            }
        }
        _ => inner,
    };
    let h = inner.height as usize;
    if len == 0 {
        let none = ui.w().lists.none;
        f.render_widget(
            Paragraph::new(Line::from(ui.cell(none, w, ui.theme.dim))),
            inner,
        );
        return;
    }
    let off = scroll(offset, sel, h, len);
    let marker = if ui.app.ascii { "> " } else { "▸ " };
    let lines: Vec<Line> = (off..len.min(off + h))
        .map(|i| {
            let selected = i == sel;
            let mut spans = vec![Span::raw(if selected { marker } else { "  " })];
            spans.extend(row(i, w - 2));
            let line = Line::from(spans);
            match (selected, focused) {
                (true, true) => select(line, ui.theme.selected),
                (true, false) => select(line, ui.theme.selected_idle),
                _ => line,
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

/// The whole screen. Whatever a view drew, no cell leaves with a control character:
/// the registry is cleaned when loaded, and this is the net for text from anywhere
/// else (paths, settings, the environment).
pub fn draw(f: &mut Frame, app: &App, theme: &Theme) {
    draw_screen(f, app, theme);
    for cell in f.buffer_mut().content.iter_mut() {
        if cell.symbol().chars().any(crate::registry::is_unwanted) {
            cell.set_symbol("?");
        }
    }
}

fn draw_screen(f: &mut Frame, app: &App, theme: &Theme) {
    let ui = Ui { app, theme };
    let area = f.area();
    if theme.screen != Style::default() {
        f.render_widget(Block::default().style(theme.screen), area);
    }
    if let Some(p) = app.present {
        present::draw(f, &ui, area, p);
        return;
    }
    if !crate::tui::layout::fits(area) {
        too_small(f, &ui, area);
        return;
    }
    let [tabs, body, hints, status] = crate::tui::layout::screen(area);
    draw_tabs(f, &ui, tabs);
    match (app.view.detail, app.view.problems) {
        (Some(d), _) => detail::draw(f, &ui, body, d, true),
        (None, Some(sel)) => problems::draw(f, &ui, body, sel),
        (None, None) => match app.tab() {
            Tab::Overview => overview::draw(f, &ui, body),
            tab => entities::draw(f, &ui, body, tab),
        },
    }
    draw_hints(f, &ui, hints);
    draw_status(f, &ui, status);
    editing::draw(f, &ui, area);
    if let Some(help) = &app.help {
        help.draw(f, &ui, area);
    }
    if let Some(view) = &app.measures_view {
        view.draw(f, &ui, area);
    }
    if let Some(log) = &app.log_view {
        log.draw(f, &ui, area);
    }
}

fn too_small(f: &mut Frame, ui: &Ui, area: Rect) {
    let msg = crate::words::screen::status::too_small(
        ui.app.lang,
        (MIN_WIDTH, MIN_HEIGHT),
        (area.width, area.height),
    );
    let lines: Vec<Line> = crate::text::wrap(&ui.t(&msg), area.width as usize)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, ui.theme.warn)))
        .collect();
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let rect = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    f.render_widget(Paragraph::new(lines), rect);
}

/// Before a popup is drawn over `area`: blanks the wide characters that straddle
/// its left and right edges, which ratatui's `Clear` would leave half-drawn
/// (ratatui #2526).
pub fn clear_wide_edges(buf: &mut Buffer, area: Rect) {
    let bounds = buf.area;
    for y in area.top()..area.bottom().min(bounds.bottom()) {
        if area.left() > bounds.left() {
            let x = area.left() - 1;
            if width(buf[(x, y)].symbol()) > 1 {
                buf[(x, y)].set_symbol(" ");
            }
        }
        let right = area.right();
        if right < bounds.right() && right > bounds.left() {
            // The cell just inside the edge starts a wide character whose second
            // half lies outside: the outside half must not keep a stale symbol.
            let inside = right - 1;
            if width(buf[(inside, y)].symbol()) > 1 {
                buf[(right, y)].set_symbol(" ");
            }
        }
    }
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
