//! The Sections, Units, Towns and Goals tabs: a list of entities with roll-ups,
//! the selected one's tasks, and (when wide) the selected task's detail.

use super::{Ui, detail, goals, list, list_headed, tasks};
use crate::registry::{Rollup, TownLink};
use crate::search::Field;
use crate::text::width;
use crate::tui::app::{Detail, Focus, Tab};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

pub fn draw(f: &mut Frame, ui: &Ui, area: Rect, tab: Tab) {
    let app = ui.app;
    let focus = app.focus();
    let panes = crate::tui::layout::entities(app, area, tab);
    entity_list(f, ui, panes.list, tab, focus == Focus::Entities);
    if let Some(rect) = panes.goal
        && app.sel() < app.reg.goals.len()
    {
        goals::panel(f, ui, rect, app.sel());
    }
    task_list(f, ui, panes.tasks, focus == Focus::Tasks);
    let task = app
        .selected_task()
        .or_else(|| app.current_rows().first().map(|r| r.task));
    if let (Some(rect), Some(task)) = (panes.detail, task) {
        detail::draw(
            f,
            ui,
            rect,
            Detail {
                link: usize::MAX,
                ..Detail::of(task)
            },
            false,
        );
    }
}

/// Whether the task list in `area` shows a header of column names (wide enough
/// for the columns, tall enough for rows under it): the layout pages by it.
pub fn task_list_headed(app: &crate::tui::app::App, area: Rect) -> bool {
    let theme = crate::tui::theme::Theme::dark();
    let ui = Ui { app, theme: &theme };
    let rows = app.current_rows();
    let tagged = rows.iter().any(|r| r.tag != crate::tui::app::Tag::None);
    let cols = (area.width as usize).saturating_sub(4);
    let wide = tasks::Columns::new(&ui, cols, tagged).wide();
    super::headed(wide, area.height.saturating_sub(2), rows.len())
}

fn entity_list(f: &mut Frame, ui: &Ui, area: Rect, tab: Tab, focused: bool) {
    let app = ui.app;
    let (reg, ix) = (&app.reg, &app.ix);
    let title = match tab {
        Tab::Units => ui.w().lists.units,
        Tab::Towns => ui.w().lists.towns,
        Tab::Goals => ui.w().lists.goals,
        _ => ui.w().lists.sections,
    };
    let visible = app.visible_entities(tab);
    let q = &app.filters.entity_query[tab.index()];
    let tail = match (q.is_empty(), visible.is_empty()) {
        (true, _) => String::new(),
        (false, false) => format!(" /{q}"),
        (false, true) => format!(" /{q} · {}", ui.w().lists.no_match),
    };
    let title = super::Title {
        head: "",
        name: title,
        tail: &tail,
    };
    let sel = visible
        .iter()
        .position(|(e, _)| *e == app.sel())
        .unwrap_or(0);
    // When each unit or town last sent back a 台账 (`dubang ledger collect`).
    let reported = match tab {
        Tab::Units | Tab::Towns => crate::ledger::last_reports(reg),
        _ => Default::default(),
    };
    let reported_on = |name: &str| {
        reported.get(name).map_or(String::new(), |at| {
            format!(" {}{}", ui.w().lists.reported, at.format("%m-%d"))
        })
    };
    list(
        f,
        ui,
        area,
        title,
        focused,
        visible.len(),
        sel,
        app.scroll.entities,
        |row, cols| {
            let (i, hit) = (visible[row].0, visible[row].1.as_ref());
            // The labelled counters need room: the bar is short below 100 columns.
            let bar_w = if cols >= 100 {
                15
            } else if cols >= 56 {
                12
            } else if cols >= 44 {
                10
            } else {
                0
            };
            let w = &ui.w().lists;
            // A column wider than the largest count can be (all the tasks): at
            // 100 000 tasks `牵头  3572` stays apart and the columns stay in line.
            let n = (crate::text::digits(reg.tasks.len() as u64) + 1).max(3);
            let done = |r: &Rollup| format!("{}{:>n$}/{:<n$}", w.done, r.done(), r.total());
            let (label, counts, roll): (String, String, Rollup) = match tab {
                Tab::Units => {
                    let u = &reg.units[i];
                    let r = ix.unit_rollup(i);
                    // Labelled counts: "牵头 3 责任 2", then done/total as in every
                    // other list.
                    let c = format!(
                        "{}{:>n$} {}{:>n$} {}{}",
                        w.lead,
                        ix.led_by(i).len(),
                        w.shared,
                        ix.shared_by(i).len(),
                        done(&r),
                        reported_on(&u.name)
                    );
                    (u.name.clone(), c, r)
                }
                Tab::Towns => {
                    let count = |l: TownLink| ix.town_count(i, l);
                    let r = ix.town_rollup(i);
                    let c = format!(
                        "{}{:>n$} {}{:>n$} {}{:>n$} {}{}",
                        w.named,
                        count(TownLink::Explicit),
                        w.all,
                        count(TownLink::AllTowns),
                        w.mention,
                        count(TownLink::Mentioned),
                        done(&r),
                        reported_on(&reg.towns[i].name)
                    );
                    (reg.towns[i].name.clone(), c, r)
                }
                Tab::Goals => {
                    let g = &reg.goals[i];
                    let r = ix.goal_rollup(i);
                    let name = app.link_name(crate::tui::app::Link::Goal(i));
                    let due = g.due.map(|d| d.to_string()).unwrap_or_default();
                    // Marked when its status disagrees with its tasks (the panel says how).
                    let mark = match crate::registry::goal_disagreement(g.status, &r) {
                        Some(_) => "⚠ ",
                        None => "",
                    };
                    (
                        format!("{mark}{name} {due}"),
                        format!("{}/{}", r.done(), r.total()),
                        r,
                    )
                }
                _ => {
                    let s = &reg.sections[i];
                    let r = ix.section_rollup(i);
                    (
                        // A programme sits indented under its part.
                        format!("{}({}) {}", indent(ix, i), s.numeral, s.title),
                        format!("{}/{}", r.done(), r.total()),
                        r,
                    )
                }
            };
            // Narrow lists give up the bar before the name.
            let bar_w = if bar_w > 0 && cols.saturating_sub(width(&counts) + 1 + bar_w + 1) < 8 {
                0
            } else {
                bar_w
            };
            let counts_w = width(&counts) + 1;
            let label_w = cols.saturating_sub(counts_w + if bar_w > 0 { bar_w + 1 } else { 0 });
            // Matched characters, shifted from the field into the label.
            let positions: Vec<usize> = match hit {
                Some(h) => {
                    let shift = match (tab, h.field) {
                        (Tab::Sections, Field::Title) => {
                            indent(ix, i).len() + reg.sections[i].numeral.chars().count() + 3
                        }
                        (Tab::Sections, Field::Numeral) => indent(ix, i).len() + 1,
                        (_, Field::Name | Field::Horizon) => 0,
                        _ => usize::MAX,
                    };
                    if shift == usize::MAX {
                        Vec::new()
                    } else {
                        h.positions.iter().map(|p| p + shift).collect()
                    }
                }
                None => Vec::new(),
            };
            let mut spans = ui.cell_hl(&label, &positions, label_w, ui.theme.base);
            spans.push(ui.cell(&format!(" {counts}"), counts_w, ui.theme.dim));
            if bar_w > 0 {
                spans.push(Span::raw(" "));
                spans.push(ui.bar(roll.share_done(), bar_w));
            }
            spans
        },
    );
}

fn task_list(f: &mut Frame, ui: &Ui, area: Rect, focused: bool) {
    let app = ui.app;
    let rows = app.current_rows();
    let name = match app.tab() {
        Tab::Units => app.reg.units.get(app.sel()).map(|u| u.name.clone()),
        Tab::Towns => app.reg.towns.get(app.sel()).map(|t| t.name.clone()),
        Tab::Goals => (app.sel() < app.reg.goals.len())
            .then(|| app.link_name(crate::tui::app::Link::Goal(app.sel()))),
        _ => (app.sel() < app.reg.sections.len())
            .then(|| app.link_name(crate::tui::app::Link::Section(app.sel()))),
    };
    let head = format!("{} · ", ui.w().lists.tasks);
    let name = name.unwrap_or_default();
    // The filters stay in sight; a long name gives way (issue 11, item 11).
    let mut tail = String::new();
    let q = &app.filters.task_query[app.tab().index()];
    if !q.is_empty() {
        tail.push_str(&format!(" · /{q}"));
    }
    for f in app.filters.describe(app.lang) {
        tail.push_str(&format!(" · {f}"));
    }
    let title = super::Title {
        head: &head,
        name: &name,
        tail: &tail,
    };
    // Every row of a list has a tag or none does; the columns follow the width.
    let tagged = rows.iter().any(|r| r.tag != crate::tui::app::Tag::None);
    let columns = |cols: usize| tasks::Columns::new(ui, cols, tagged);
    list_headed(
        f,
        ui,
        area,
        title,
        focused,
        (rows.len(), app.task_sel(), app.scroll.tasks),
        |w| {
            let c = columns(w - 2);
            c.wide().then(|| tasks::header(ui, &c, w - 2))
        },
        |i, cols| {
            let hit = app
                .task_hit(app.tab(), rows[i].task)
                .filter(|h| h.field == Field::Title);
            tasks::row(
                ui,
                &columns(cols),
                rows[i],
                cols,
                hit.map(|h| h.positions).as_deref().unwrap_or(&[]),
            )
        },
    );
}

/// Two spaces per level a section sits below a part.
pub(super) fn indent(ix: &crate::registry::Index, section: usize) -> String {
    "  ".repeat(ix.ancestors(section).len())
}
