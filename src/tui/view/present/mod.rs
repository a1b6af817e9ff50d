//! Presentation mode's slides: the plan's progress for a projector or a large TV,
//! read from across a room. Each slide is a heading, one large drawing and a quiet
//! footer (the document's title and the slide number); there are no key hints.
//!
//! Everything scales with the terminal: margins, the gaps between rows, the
//! thickness of bars and the size of the big digits all grow from 80×24 up to a
//! 4K terminal (400×120 and beyond), and the content is centred in what is left.
//! Every line is built to an exact width with CJK-aware truncation, so nothing
//! overflows at any size, and every symbol goes through [`Ui::t`] so the ASCII
//! mode draws no ambiguous-width character (big digits become `#`).

use super::Ui;
use super::goals::due_note;
use crate::registry::{Rollup, Status};
use crate::text::{fit, fit_right, truncate, width, wrap};
use crate::tui::app::Link;
use crate::tui::present::{Presentation, Slide, slides};
use crate::tui::theme::symbol;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

mod bars;
mod goals;
mod overview;
mod problems;
mod section;

use bars::{Item, bar_chart, bar_spans, bars_height, bars_pages, spacing, towns, units};
use goals::goals;
use overview::overview;
use problems::problems;
use section::section;

/// The order counts are shown in: what is done first, what is not started last.
const ORDER: [Status; 5] = [
    Status::Done,
    Status::InProgress,
    Status::Delayed,
    Status::Blocked,
    Status::NotStarted,
];

/// Columns between side-by-side columns of bars or panels.
const COL_GAP: usize = 4;

/// Draws the current slide over the whole `area`.
pub fn draw(f: &mut Frame, ui: &Ui, area: Rect, p: Presentation) {
    let list = slides(ui.app);
    // The registry may have been reloaded with fewer sections since the key press.
    let no = p.slide.min(list.len().saturating_sub(1));
    let Some(&slide) = list.get(no) else {
        return;
    };
    // After a resize the slide may have fewer pages than the one shown.
    let pg = p.page.min(pages(ui, slide, body(area)).saturating_sub(1));
    let buf = f.buffer_mut();
    let (title, sub) = heading(ui, slide);
    let body = page(ui, buf, area, &title, sub, (no + 1, list.len(), pg));
    if body.width == 0 || body.height == 0 {
        return;
    }
    match slide {
        Slide::Overview => overview(ui, buf, body, pg),
        Slide::Section(s) => section(ui, buf, body, s, pg),
        Slide::Units => units(ui, buf, body, pg),
        Slide::Towns => towns(ui, buf, body, pg),
        Slide::Goals => goals(ui, buf, body, pg),
        Slide::Problems => problems(ui, buf, body, pg),
    }
}

/// How many pages slide number `no` takes on a `size` terminal: the section and
/// goals slides continue on further pages what does not fit (1 before the size
/// is known).
pub fn slide_pages(app: &crate::tui::app::App, no: usize, size: (u16, u16)) -> usize {
    let Some(&slide) = slides(app).get(no) else {
        return 1;
    };
    if size.0 == 0 || size.1 == 0 {
        return 1;
    }
    // Only sizes matter here, never colours.
    let theme = crate::tui::theme::Theme::mono();
    let ui = Ui { app, theme: &theme };
    pages(&ui, slide, body(Rect::new(0, 0, size.0, size.1)))
}

fn pages(ui: &Ui, slide: Slide, body: Rect) -> usize {
    if body.width == 0 || body.height == 0 {
        return 1;
    }
    match slide {
        Slide::Section(s) => section::pages(ui, body, s),
        Slide::Goals => goals::pages(ui, body),
        Slide::Units => bars::pages(ui, body, false),
        Slide::Towns => bars::pages(ui, body, true),
        Slide::Problems => problems::pages(ui, body),
        Slide::Overview => overview::pages(ui, body),
    }
    .max(1)
}

// ---------------------------------------------------------------------------
// The frame every slide shares.

/// The slide's title and the line under it.
fn heading(ui: &Ui, slide: Slide) -> (String, Vec<Span<'static>>) {
    let app = ui.app;
    let reg = &app.reg;
    let dim = |s: String| vec![Span::styled(ui.t(&s), ui.theme.dim)];
    match slide {
        Slide::Overview => {
            let n = reg.tasks.len();
            let today = app.today();
            (
                ui.w().present.progress_overview.into(),
                dim(crate::words::screen::present::overview_sub(
                    app.lang, n, today,
                )),
            )
        }
        Slide::Section(s) => {
            let r = app.ix.section_rollup(s);
            (app.link_name(Link::Section(s)), status_counts(ui, &r))
        }
        Slide::Units => {
            let n = (0..reg.units.len())
                .filter(|&u| !app.ix.led_by(u).is_empty())
                .count();
            (
                ui.w().present.lead_units.into(),
                dim(crate::words::screen::present::units_sub(app.lang, n)),
            )
        }
        Slide::Towns => {
            let n = reg.towns.len();
            (
                ui.w().present.towns.into(),
                dim(crate::words::screen::present::towns_sub(app.lang, n)),
            )
        }
        Slide::Problems => (
            ui.w().present.problems.into(),
            dim(ui.w().present.problems_sub.into()),
        ),
        Slide::Goals => (
            ui.w().present.main_goals.into(),
            dim(ui.w().present.goals_sub.into()),
        ),
    }
}

/// "✓ 已完成 2   ▸ 推进中 3   …", each in its status's style.
fn status_counts(ui: &Ui, r: &Rollup) -> Vec<Span<'static>> {
    ORDER
        .iter()
        .map(|&s| {
            Span::styled(
                ui.t(&format!(
                    "{} {} {}   ",
                    symbol(s),
                    ui.status_name(s),
                    r.count(s)
                )),
                ui.theme.status(s),
            )
        })
        .collect()
}

/// The slide's area inside its margins.
fn inner(area: Rect) -> Rect {
    let mx = if area.width >= 60 {
        (area.width / 40).max(1)
    } else {
        0
    };
    let top = area.height / 24;
    let bottom = top / 2;
    Rect {
        x: area.x + mx,
        y: area.y + top,
        width: area.width.saturating_sub(2 * mx),
        height: area.height.saturating_sub(top + bottom),
    }
}

/// The body [`page`] leaves for the slide's drawing, computed without drawing.
fn body(area: Rect) -> Rect {
    let inner = inner(area);
    let h = inner.height;
    if inner.width == 0 || h < 2 {
        return Rect::default();
    }
    let head = if h >= 6 { 2 } else { 1 };
    let gap = if h >= 8 { (h / 20).max(1) } else { 0 };
    let foot_gap = if h >= 12 { 1 } else { 0 };
    let y = inner.y + head + gap;
    let height = (inner.bottom() - 1).saturating_sub(y + foot_gap);
    Rect {
        x: inner.x,
        y,
        width: inner.width,
        height,
    }
}

/// Draws the margins' content (title, subtitle, footer) and returns the body.
/// The footer says slide `no` of `of`, and (续) on a continuation page.
fn page(
    ui: &Ui,
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    sub: Vec<Span<'static>>,
    (no, of, pg): (usize, usize, usize),
) -> Rect {
    let inner = inner(area);
    let (w, h) = (inner.width as usize, inner.height);
    if w == 0 || h == 0 {
        return Rect::default();
    }

    // The footer comes first: the slide number must show at any size.
    let counter = if pg > 0 {
        format!("{no} / {of} ({})", ui.w().present.continued)
    } else {
        format!("{no} / {of}")
    };
    let cw = width(&counter).min(w);
    let doc = &ui.app.reg.document;
    let left = format!("{}  {}", doc.title, doc.number);
    let left_w = w - cw;
    let left_span = if left_w > 4 {
        cell(ui, &left, left_w - 2, ui.theme.dim)
    } else {
        Span::raw("")
    };
    let pad = left_w.saturating_sub(width(&left_span.content));
    put(
        buf,
        inner.x,
        inner.bottom() - 1,
        vec![
            left_span,
            Span::styled(" ".repeat(pad), ui.theme.base),
            Span::styled(fit_right(&counter, cw), ui.theme.title),
        ],
    );
    if h < 2 {
        return Rect::default();
    }
    let title_style = ui.theme.title.add_modifier(Modifier::BOLD);
    put(buf, inner.x, inner.y, vec![cell(ui, title, w, title_style)]);
    if h >= 6 {
        put(buf, inner.x, inner.y + 1, fit_spans(ui, sub, w));
    }
    body(area)
}

// ---------------------------------------------------------------------------
// The slides.

fn percent(r: &Rollup) -> u32 {
    (r.share_done() * 100.0).round() as u32
}

// ---------------------------------------------------------------------------
// Text helpers.

/// Exactly `cols` columns of `s`; unlike `Ui::cell` the "…" of a cut is also
/// swapped in ASCII mode.
fn cell(ui: &Ui, s: &str, cols: usize, style: Style) -> Span<'static> {
    Span::styled(ui.t(&fit(&ui.t(s), cols)), style)
}

/// Spans cut to exactly `w` columns, styles kept: the span that crosses the edge
/// is truncated, the ones after it dropped, and a short line is padded.
pub(crate) fn fit_spans(ui: &Ui, spans: Vec<Span<'static>>, w: usize) -> Vec<Span<'static>> {
    let mut out = Vec::with_capacity(spans.len() + 1);
    let mut used = 0;
    for s in spans {
        let sw = width(&s.content);
        if used + sw <= w {
            used += sw;
            out.push(s);
            continue;
        }
        let cut = ui.t(&truncate(&s.content, w - used));
        used += width(&cut);
        out.push(Span::styled(cut, s.style));
        break;
    }
    if used < w {
        out.push(Span::styled(" ".repeat(w - used), ui.theme.base));
    }
    out
}

/// Big digits drop the underline some status styles carry: it would stripe the
/// gaps between the blocks.
fn big_style(s: Style) -> Style {
    s.remove_modifier(Modifier::UNDERLINED)
        .add_modifier(Modifier::BOLD)
}

/// Draws a line at (x, y) as a one-row [`Paragraph`], the way every other view
/// draws its text, clipped to the buffer; nothing outside the row is touched.
fn put(buf: &mut Buffer, x: u16, y: u16, spans: Vec<Span<'static>>) {
    let a = buf.area;
    if y < a.top() || y >= a.bottom() || x < a.left() || x >= a.right() {
        return;
    }
    let row = Rect {
        x,
        y,
        width: a.right() - x,
        height: 1,
    };
    Paragraph::new(Line::from(spans)).render(row, buf);
}

/// Big digits drawn with block characters, the way clock TUIs draw the time.
///
/// Our own 3×5 font, scaled by whole cells, rather than the `tui-big-text` crate
/// (0.8.10 builds with ratatui 0.30.2): its glyphs come in a few fixed sizes only
/// (8×8 pixels as full, half or quadrant blocks), so it cannot grow with a 4K
/// terminal, and it writes half and quadrant blocks straight into the buffer,
/// which the ASCII mode cannot swap for stand-ins. Ours grows a pixel to any
/// 2s×s cells (square on a 1:2 cell) and every block goes through [`Ui::t`].
mod big {
    use super::{Buffer, Style, Ui};

    /// Each glyph: five rows of three pixels, bit 2 the left one.
    fn glyph(c: char) -> [u8; 5] {
        match c {
            '0' => [0b111, 0b101, 0b101, 0b101, 0b111],
            '1' => [0b010, 0b110, 0b010, 0b010, 0b111],
            '2' => [0b111, 0b001, 0b111, 0b100, 0b111],
            '3' => [0b111, 0b001, 0b111, 0b001, 0b111],
            '4' => [0b101, 0b101, 0b111, 0b001, 0b001],
            '5' => [0b111, 0b100, 0b111, 0b001, 0b111],
            '6' => [0b111, 0b100, 0b111, 0b101, 0b111],
            '7' => [0b111, 0b001, 0b001, 0b001, 0b001],
            '8' => [0b111, 0b101, 0b111, 0b101, 0b111],
            '9' => [0b111, 0b101, 0b111, 0b001, 0b111],
            '%' => [0b101, 0b001, 0b010, 0b100, 0b101],
            '/' => [0b001, 0b001, 0b010, 0b100, 0b100],
            '-' => [0b000, 0b000, 0b111, 0b000, 0b000],
            _ => [0; 5],
        }
    }

    /// Columns between glyphs: half a pixel, so that two digits fit the 13
    /// columns a count has at 80×24.
    fn gap(px: usize) -> usize {
        (px / 2).max(1)
    }

    /// Columns and rows `chars` glyphs take with pixels of `px`×`py` cells.
    pub fn size(chars: usize, px: usize, py: usize) -> (usize, usize) {
        (chars * 3 * px + chars.saturating_sub(1) * gap(px), 5 * py)
    }

    /// The largest pixel size that fits `max_w`×`max_h`: 2s×s cells, or 1×1 as
    /// the smallest; `None` when even that does not fit.
    pub fn scale(chars: usize, max_w: usize, max_h: usize) -> Option<(usize, usize)> {
        (1..=32)
            .rev()
            .map(|s| (2 * s, s))
            .chain([(1, 1)])
            .find(|&(px, py)| {
                let (w, h) = size(chars, px, py);
                w <= max_w && h <= max_h
            })
    }

    /// Draws `text` with its top-left corner at (x, y). Only the lit pixels are
    /// written, so the background shows between them.
    pub fn draw(
        ui: &Ui,
        buf: &mut Buffer,
        x: u16,
        y: u16,
        text: &str,
        (px, py): (usize, usize),
        style: Style,
    ) {
        let block = ui.t("█");
        let area = buf.area;
        for (i, c) in text.chars().enumerate() {
            let g = glyph(c);
            let gx = x as usize + i * (3 * px + gap(px));
            for (row, bits) in g.iter().enumerate() {
                for col in 0..3 {
                    if bits >> (2 - col) & 1 == 0 {
                        continue;
                    }
                    for dy in 0..py {
                        let cy = y as usize + row * py + dy;
                        for dx in 0..px {
                            let cx = gx + col * px + dx;
                            if cx < area.right() as usize && cy < area.bottom() as usize {
                                buf[(cx as u16, cy as u16)]
                                    .set_symbol(&block)
                                    .set_style(style);
                            }
                        }
                    }
                }
            }
        }
    }
}
