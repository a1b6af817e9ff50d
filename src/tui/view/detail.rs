//! A task's detail: status, progress, due date, last update, the units, towns,
//! section and goals it links to (selectable, Enter jumps), the full text wrapped
//! by Unicode rules, and its history (built only down to the last row shown).

use super::{Ui, goals::due_note};
use crate::lang::Lang;
use crate::text::{width, wrap};
use crate::tui::app::{Detail, Link};
use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// "3 天前" / "3 days ago".
pub fn relative(now: DateTime<FixedOffset>, then: DateTime<FixedOffset>, lang: Lang) -> String {
    let secs = (now - then).num_seconds();
    let w = &crate::words::screen::of(lang).detail;
    let (n, unit) = match secs {
        s if s < 0 => return then.format("%Y-%m-%d").to_string(),
        s if s < 60 => return w.just_now.into(),
        s if s < 3600 => (s / 60, w.minutes_ago),
        s if s < 86_400 => (s / 3600, w.hours_ago),
        s if s < 86_400 * 60 => (s / 86_400, w.days_ago),
        s => (s / (86_400 * 30), w.months_ago),
    };
    format!("{n} {unit}")
}

/// Lays chips out greedily after a label, wrapping to `w` columns. Returns the
/// lines and the line index (within them) of each chip.
fn chip_lines(
    ui: &Ui,
    label: &str,
    label_w: usize,
    chips: &[(String, bool)],
    w: usize,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let mut lines = Vec::new();
    let mut where_ = Vec::new();
    let mut cur: Vec<Span<'static>> = vec![ui.cell(label, label_w, ui.theme.dim)];
    let mut used = label_w;
    for (name, selected) in chips {
        let text = if *selected {
            format!(">{name}<")
        } else {
            format!("[{name}]")
        };
        let tw = width(&text).min(w.saturating_sub(label_w));
        if used + tw > w && used > label_w {
            lines.push(Line::from(std::mem::take(&mut cur)));
            cur.push(Span::raw(" ".repeat(label_w)));
            used = label_w;
        }
        let style = if *selected {
            ui.theme.selected
        } else {
            ui.theme.accent
        };
        cur.push(ui.cell(&text, tw, style));
        used += tw;
        if used < w {
            cur.push(Span::raw(" "));
            used += 1;
        }
        where_.push(lines.len());
    }
    lines.push(Line::from(cur));
    (lines, where_)
}

pub fn draw(f: &mut Frame, ui: &Ui, area: Rect, d: Detail, focused: bool) {
    let app = ui.app;
    let Some(t) = app.reg.tasks.get(d.task) else {
        return;
    };
    let title = format!("{} {} · {}", ui.w().detail.task, t.number, t.title);
    let block = ui.block(&title, focused);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    if w < 8 || inner.height == 0 {
        return;
    }
    let h = inner.height as usize;
    let lines = if d.from_end {
        tail(ui, d, w, focused, d.scroll.saturating_add(h)).0
    } else {
        document(ui, d, w, focused, d.scroll.saturating_add(h + 1)).0
    };
    // The state keeps the scroll in range for the screen it knows; a frame of
    // another size is clamped here, without writing back. A document cut short
    // still reaches past the last row shown (from the top), or above the first
    // (from the end).
    let max = lines.len().saturating_sub(h);
    let top = if d.from_end {
        max.saturating_sub(d.scroll)
    } else {
        d.scroll.min(max)
    };
    let shown: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
    f.render_widget(Paragraph::new(shown), inner);
}

/// How many lines a task's detail takes at `w` columns, and the line of its
/// selected link: what the state scrolls by. Only the first `need` lines are
/// sure to be counted: a longer detail gives at least `need` (its history is not
/// built further), so a key costs the same with years of history as with a week's.
pub fn measure(
    app: &crate::tui::app::App,
    d: Detail,
    w: usize,
    need: usize,
) -> (usize, Option<usize>) {
    let theme = crate::tui::theme::Theme::dark();
    let ui = Ui { app, theme: &theme };
    if w < 8 || d.task >= app.reg.tasks.len() {
        return (0, None);
    }
    let (lines, link) = document(&ui, d, w, true, need);
    (lines.len(), link)
}

/// How many lines the end of a task's detail takes at `w` columns, laid out from
/// its oldest history entry up until there are `need`, and whether that is the
/// whole detail: what the state scrolls by after End. Costs what `need` lines do,
/// however long the history.
pub fn measure_tail(app: &crate::tui::app::App, d: Detail, w: usize, need: usize) -> (usize, bool) {
    let theme = crate::tui::theme::Theme::dark();
    let ui = Ui { app, theme: &theme };
    if w < 8 || d.task >= app.reg.tasks.len() {
        return (0, true);
    }
    let (lines, whole) = tail(&ui, d, w, true, need);
    (lines.len(), whole)
}

/// The end of a task's detail: its history entries from the oldest up, until
/// there are `need` lines, in the order shown; and whether that is all of it (the
/// head above the history included).
fn tail(ui: &Ui, d: Detail, w: usize, focused: bool, need: usize) -> (Vec<Line<'static>>, bool) {
    let history = &ui.app.reg.tasks[d.task].history;
    let mut blocks = Vec::new();
    let mut count = 0;
    for h in history {
        if count >= need {
            return (blocks.into_iter().rev().flatten().collect(), false);
        }
        let lines = entry(ui, h, w);
        count += lines.len();
        blocks.push(lines);
    }
    let (mut lines, _) = document(ui, d, w, focused, 0);
    lines.extend(blocks.into_iter().rev().flatten());
    (lines, true)
}

/// A task's detail as lines `w` columns wide, and the line of the selected link;
/// its history stops once there are `need` lines (its heading is always there).
fn document(
    ui: &Ui,
    d: Detail,
    w: usize,
    focused: bool,
    need: usize,
) -> (Vec<Line<'static>>, Option<usize>) {
    let app = ui.app;
    let t = &app.reg.tasks[d.task];
    let mut lines: Vec<Line<'static>> = Vec::new();

    // Status, progress, due date.
    let mut head = vec![ui.status_cell(t.status, ui.status_cols()), Span::raw(" ")];
    head.push(Span::styled(
        format!("{} {}%  ", ui.w().detail.progress, t.progress),
        ui.theme.base,
    ));
    // A task without a date of its own is held to its goal's: shown as such.
    match ui.app.reg.effective_due(&ui.app.ix, d.task) {
        Some(due) => {
            let (note, late) = due_note(ui, due.date, t.status);
            let style = if late { ui.theme.warn } else { ui.theme.base };
            let date = crate::report::words::words(ui.app.lang).due(due.date, due.inherited());
            head.push(Span::styled(
                ui.t(&format!("{} {date} {note}", ui.w().detail.due)),
                style,
            ));
        }
        None => head.push(Span::styled(
            ui.w().detail.no_due_date.to_string(),
            ui.theme.dim,
        )),
    }
    lines.push(fit_line(ui, head, w));
    let update = match (&t.updated_at, &t.updated_by) {
        (Some(at), by) => format!(
            "{} {} · {} · {}",
            ui.w().detail.updated,
            by.as_deref()
                .map_or("?".into(), |b| crate::words::person(app.lang, &app.reg, b)),
            at.format("%Y-%m-%d %H:%M"),
            relative(app.now, *at, app.lang)
        ),
        _ => ui.w().detail.not_updated_yet.to_string(),
    };
    lines.push(Line::from(ui.cell(&update, w, ui.theme.dim)));

    // Links, grouped, in the order App::links gives them.
    let links = app.links(d.task);
    let mut groups: [(&str, Vec<(String, bool)>); 5] = [
        (ui.w().detail.lead, Vec::new()),
        (ui.w().detail.shared, Vec::new()),
        (ui.w().detail.mention, Vec::new()),
        (ui.w().detail.section, Vec::new()),
        (ui.w().detail.goals, Vec::new()),
    ];
    let mut chip_group = Vec::new();
    for (k, link) in links.iter().enumerate() {
        let g = match link {
            Link::Unit(u) if t.lead.contains(&app.reg.units[*u].id) => 0,
            Link::Town(x) if t.lead.contains(&app.reg.towns[*x].id) => 0,
            Link::Town(x) if t.mentions.contains(&app.reg.towns[*x].id) => 2,
            Link::Unit(_) | Link::Town(_) => 1,
            Link::Section(_) => 3,
            Link::Goal(_) => 4,
        };
        let mut name = app.link_name(*link);
        if let Link::Unit(u) = link
            && app.reg.units[*u].kind == crate::registry::UnitKind::AllTowns
        {
            name = format!("{name} ×{}", app.reg.towns.len());
        }
        chip_group.push((g, groups[g].1.len()));
        groups[g].1.push((name, focused && k == d.link));
    }
    let mut link_line = None;
    let label_w = groups.iter().map(|(l, _)| width(l)).max().unwrap_or(0) + 1;
    for (gi, (label, chips)) in groups.iter().enumerate() {
        if chips.is_empty() {
            continue;
        }
        let (ls, at) = chip_lines(ui, label, label_w, chips, w);
        if let Some(&(g, n)) = chip_group.get(d.link)
            && g == gi
        {
            link_line = Some(lines.len() + at[n]);
        }
        lines.extend(ls);
    }

    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        ui.w().detail.full_text.to_string(),
        ui.theme.title,
    )));
    for l in wrap(&ui.t(&t.text), w) {
        lines.push(Line::from(Span::styled(l, ui.theme.base)));
    }
    lines.push(Line::raw(""));
    let room = need.saturating_sub(lines.len());
    lines.extend(history(ui, &t.history, w, room));

    (lines, link_line)
}

/// A task's or a goal's history, newest first: when, who, what changed (status
/// and progress by the words people read), where it came from, and the note.
/// Entries stop once there are `need` lines: only as much history as the view can
/// show is built, so a task with years of history (or a 200 MB file) costs no more
/// per key than a short one.
pub(super) fn history(
    ui: &Ui,
    history: &[crate::registry::HistoryEntry],
    w: usize,
    need: usize,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let hist_title = format!("{} ({})", ui.w().detail.history, history.len());
    lines.push(Line::from(Span::styled(hist_title, ui.theme.title)));
    if history.is_empty() {
        lines.push(Line::from(ui.cell(
            ui.w().detail.nothing_yet,
            w,
            ui.theme.dim,
        )));
    }
    for h in history.iter().rev() {
        if lines.len() >= need {
            break;
        }
        lines.extend(entry(ui, h, w));
    }
    lines
}

/// One history entry: when, who, what changed, where from, then its note.
fn entry(ui: &Ui, h: &crate::registry::HistoryEntry, w: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let field = match h.field.as_str() {
        "status" => ui.w().detail.status,
        "progress" => ui.w().detail.progress,
        "due" => ui.w().detail.due,
        "note" => ui.w().detail.note,
        other => other,
    };
    let change = match (&h.from, &h.to) {
        (Some(a), Some(b)) => format!("{field} {} → {}", shown(ui, a), shown(ui, b)),
        (None, Some(b)) => format!("{field} - → {}", shown(ui, b)),
        (Some(a), None) => format!("{field} {} → -", shown(ui, a)),
        (None, None) => field.to_string(),
    };
    // Collected from a unit's 台账: say which file it came from.
    let from = h.source.as_deref().map_or(String::new(), |src| {
        format!(" · {}{src}", ui.w().detail.from)
    });
    // An undo says so: the entry takes back an earlier one.
    let mark = if h.undo {
        format!("{} ", ui.w().edits.undo)
    } else {
        String::new()
    };
    let head = format!(
        "{} {} {mark}{}{from}",
        h.at.format("%Y-%m-%d %H:%M"),
        crate::words::person(ui.app.lang, &ui.app.reg, &h.by),
        change
    );
    for l in wrap(&ui.t(&head), w) {
        lines.push(Line::from(Span::styled(l, ui.theme.dim)));
    }
    if let Some(n) = &h.note {
        // A note written before notes had a limit is shown up to it.
        let n = cut_chars(n, crate::registry::ops::NOTE_MAX_CHARS);
        for l in wrap(&ui.t(n), w.saturating_sub(2)) {
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(l, ui.theme.base),
            ]));
        }
    }
    lines
}

/// The first `max` characters of `s`.
fn cut_chars(s: &str, max: usize) -> &str {
    s.char_indices().nth(max).map_or(s, |(i, _)| &s[..i])
}

/// A history value as people read it: a status by its name, progress with %.
pub(super) fn shown(ui: &Ui, v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => match s.parse::<crate::registry::Status>() {
            Ok(st) => ui.status_name(st).to_string(),
            Err(_) => s.clone(),
        },
        serde_json::Value::Number(n) => format!("{n}%"),
        serde_json::Value::Null => "-".into(),
        other => other.to_string(),
    }
}

/// Spans that might overflow → one line of at most `w` columns.
fn fit_line(ui: &Ui, spans: Vec<Span<'static>>, w: usize) -> Line<'static> {
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    if used <= w {
        return Line::from(spans);
    }
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    Line::from(ui.cell(&text, w, Style::default()))
}
