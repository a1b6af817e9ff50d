//! Navigation as (state, command) → state, without a terminal.

use chrono::DateTime;
use dubang::lang::Lang;
use dubang::store;
use dubang::tui::app::{App, Command, Focus, Link, Tab};
use std::path::{Path, PathBuf};

use Command::*;

fn app() -> App {
    let reg = store::parse_bytes(Path::new("r.json"), store::BUNDLED.as_bytes()).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    App::new(reg, PathBuf::from("r.json"), Lang::Zh, now)
}

fn run(app: &mut App, cmds: &[Command]) {
    for &c in cmds {
        app.update(c);
    }
}

#[test]
fn tabs_cycle_both_ways_and_by_number() {
    let mut a = app();
    assert_eq!(a.tab(), Tab::Overview);
    run(&mut a, &[NextTab, NextTab]);
    assert_eq!(a.tab(), Tab::Units);
    run(&mut a, &[PrevTab, PrevTab, PrevTab]);
    assert_eq!(a.tab(), Tab::Goals);
    run(&mut a, &[GoTab(Tab::Towns)]);
    assert_eq!(a.tab(), Tab::Towns);
}

#[test]
fn moving_is_clamped_and_pages_and_ends_work() {
    let mut a = app();
    run(&mut a, &[GoTab(Tab::Units), Up]);
    assert_eq!(a.sel(), 0);
    run(&mut a, &[Bottom]);
    assert_eq!(a.sel(), a.reg.units.len() - 1);
    run(&mut a, &[Down]);
    assert_eq!(a.sel(), a.reg.units.len() - 1);
    run(&mut a, &[Top, PageDown]);
    assert_eq!(a.sel(), a.page());
    run(&mut a, &[PageUp]);
    assert_eq!(a.sel(), 0);
}

#[test]
fn each_tab_keeps_its_own_selection() {
    let mut a = app();
    run(
        &mut a,
        &[
            GoTab(Tab::Units),
            Down,
            Down,
            GoTab(Tab::Towns),
            Down,
            GoTab(Tab::Units),
        ],
    );
    assert_eq!(a.sel(), 2);
    run(&mut a, &[GoTab(Tab::Towns)]);
    assert_eq!(a.sel(), 1);
}

#[test]
fn enter_drills_down_and_escape_comes_back() {
    let mut a = app();
    run(&mut a, &[GoTab(Tab::Sections), Down, Open]);
    assert_eq!(a.focus(), Focus::Tasks);
    run(&mut a, &[Down, Down, Open]);
    let d = a.view().detail.expect("detail open");
    assert_eq!(a.reg.tasks[d.task].number, 12);
    run(&mut a, &[Back]);
    assert!(a.view().detail.is_none());
    assert_eq!(a.task_sel(), 2);
    run(&mut a, &[Back]);
    assert_eq!(a.focus(), Focus::Entities);
    assert_eq!(a.sel(), 1);
}

#[test]
fn overview_enter_opens_the_selected_section() {
    let mut a = app();
    run(&mut a, &[Down, Down, Open]);
    assert_eq!(a.tab(), Tab::Sections);
    assert_eq!(a.sel(), 2);
    assert_eq!(a.focus(), Focus::Tasks);
    run(&mut a, &[Back]);
    assert_eq!(a.tab(), Tab::Overview);
}

#[test]
fn from_a_detail_jump_to_the_lead_unit_and_back() {
    let mut a = app();
    // Task 20: lead 市农业农村局 (written 农业农村局 in the document), responsible 潭门镇.
    run(
        &mut a,
        &[
            GoTab(Tab::Sections),
            Down,
            Down,
            Down,
            Down,
            Open,
            Down,
            Down,
            Open,
        ],
    );
    let d = a.view().detail.unwrap();
    assert_eq!(a.reg.tasks[d.task].number, 20);
    let links = a.links(d.task);
    assert_eq!(a.link_name(links[0]), "市农业农村局");
    run(&mut a, &[Open]);
    assert_eq!(a.tab(), Tab::Units);
    assert_eq!(a.reg.units[a.sel()].name, "市农业农村局");
    assert_eq!(a.focus(), Focus::Tasks);
    // The task we came from is selected in the unit's list.
    assert_eq!(a.selected_task(), Some(d.task));
    assert_eq!(a.message.as_deref(), Some("→ 市农业农村局"));
    run(&mut a, &[Back]);
    assert_eq!(a.view().detail, Some(d));
    // The town link: 潭门镇, second chip.
    run(&mut a, &[Down, Open]);
    assert_eq!(a.tab(), Tab::Towns);
    assert_eq!(a.reg.towns[a.sel()].name, "潭门镇");
}

#[test]
fn links_cover_units_towns_section_and_goals() {
    let a = app();
    let t16 = a.reg.find_task("16").unwrap();
    let names: Vec<String> = a.links(t16).into_iter().map(|l| a.link_name(l)).collect();
    assert_eq!(
        names,
        [
            "市政府办",
            "市招商局",
            "市卫健委",
            "市旅文局",
            "嘉积镇",
            "博鳌镇",
            "(四) 提升创新发展驱动能力",
            "2025年目标",
            "2035年目标"
        ]
    );
    assert!(matches!(a.links(t16)[4], Link::Town(_)));
}

#[test]
fn unit_tasks_are_split_into_lead_and_shared() {
    let mut a = app();
    let u = a
        .reg
        .units
        .iter()
        .position(|u| u.name == "市水务局")
        .unwrap();
    a.update(GoTab(Tab::Units));
    for _ in 0..u {
        a.update(Down);
    }
    let rows = a.current_rows();
    let numbers = |tag| {
        rows.iter()
            .filter(|r| r.tag == tag)
            .map(|r| a.reg.tasks[r.task].number)
            .collect::<Vec<_>>()
    };
    assert_eq!(numbers(dubang::tui::app::Tag::Lead), [21, 28]);
    assert_eq!(numbers(dubang::tui::app::Tag::Shared), [2, 4, 11, 27]);
}

#[test]
fn help_swallows_keys_until_closed() {
    let mut a = app();
    run(&mut a, &[Help, GoTab(Tab::Units), Down]);
    assert!(a.showing_help());
    assert_eq!(a.tab(), Tab::Overview);
    run(&mut a, &[Back]);
    assert!(!a.showing_help());
    run(&mut a, &[Help, Quit]);
    assert!(!a.quit, "q closes help first");
    run(&mut a, &[Quit]);
    assert!(a.quit);
}

#[test]
fn empty_registry_does_not_panic() {
    let mut reg = store::parse_bytes(Path::new("r.json"), store::BUNDLED.as_bytes()).unwrap();
    reg.tasks.clear();
    reg.goals.clear();
    reg.units.clear();
    reg.towns.clear();
    reg.sections.clear();
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let mut a = App::new(reg, PathBuf::from("r.json"), Lang::En, now);
    for tab in Tab::ALL {
        run(
            &mut a,
            &[
                GoTab(tab),
                Down,
                Open,
                Open,
                Open,
                Bottom,
                PageDown,
                Back,
                Back,
            ],
        );
    }
}
