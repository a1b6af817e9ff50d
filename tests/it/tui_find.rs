//! Finding from the dashboard: `/` filters a list as you type, `:` searches
//! everything and jumps, status / past-due / stale / mine filters, sorting, and all
//! of it surviving a reload of the file.

use chrono::DateTime;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dubang::lang::Lang;
use dubang::registry::{Edit, EditTarget, Op, Status, changes_between};
use dubang::store;
use dubang::tui::app::{App, Command, Focus, Tab};
use dubang::tui::edit::Mode;
use dubang::tui::find::Sort;
use std::path::{Path, PathBuf};

fn app() -> App {
    let reg = store::parse_bytes(Path::new("r.json"), store::BUNDLED.as_bytes()).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let mut a = App::new(reg, PathBuf::from("r.json"), Lang::Zh, now);
    a.who = "liwei".into();
    a
}

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn typed(a: &mut App, s: &str) {
    for c in s.chars() {
        a.handle(&key(KeyCode::Char(c)));
    }
}

fn unit_name(a: &App) -> &str {
    &a.reg.units[a.sel()].name
}

#[test]
fn slash_filters_units_by_pinyin_initials_as_you_type() {
    let mut a = app();
    a.update(Command::GoTab(Tab::Units));
    typed(&mut a, "/s");
    assert!(matches!(a.mode, Mode::Input(_)));
    let many = a.visible_entities(Tab::Units).len();
    typed(&mut a, "wj");
    let names: Vec<String> = a
        .visible_entities(Tab::Units)
        .iter()
        .map(|(i, _)| a.reg.units[*i].name.clone())
        .collect();
    assert!(
        names.len() < many && names.contains(&"市水务局".to_string()),
        "{names:?}"
    );
    assert_eq!(unit_name(&a), "市水务局");
    // Enter keeps the filter; moving stays among the matches.
    a.handle(&key(KeyCode::Enter));
    assert!(matches!(a.mode, Mode::Normal));
    a.update(Command::Bottom);
    assert!(names.contains(&unit_name(&a).to_string()));
    // Esc clears the filter, then goes back as usual.
    a.update(Command::Back);
    assert_eq!(a.visible_entities(Tab::Units).len(), a.reg.units.len());
}

#[test]
fn slash_in_a_task_list_filters_tasks_with_highlights() {
    let mut a = app();
    a.update(Command::GoTab(Tab::Units));
    a.update(Command::Open); // 市乡村振兴局's tasks
    a.update(Command::Back);
    a.update(Command::GoTab(Tab::Sections));
    a.update(Command::Open);
    typed(&mut a, "/meili");
    a.handle(&key(KeyCode::Enter));
    let rows = a.current_rows();
    assert!(!rows.is_empty());
    for r in rows.iter() {
        let hit = a
            .search
            .matches(dubang::search::Kind::Task, r.task, "meili");
        assert!(
            hit.is_some(),
            "task {} does not match",
            a.reg.tasks[r.task].number
        );
    }
    // Nothing matches: an empty list, said so (the view prints "no match").
    typed(&mut a, "/");
    a.handle(&Event::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    typed(&mut a, "qqqzzz");
    assert!(a.current_rows().is_empty());
    a.handle(&key(KeyCode::Esc));
    assert_eq!(a.current_rows().len(), 9);
}

#[test]
fn colon_searches_everything_and_jumps_with_a_way_back() {
    let mut a = app();
    typed(&mut a, ":swj");
    let Mode::Search(state) = &a.mode else {
        panic!("search open")
    };
    assert_eq!(a.reg.units[state.hits[0].index].name, "市水务局");
    a.handle(&key(KeyCode::Enter));
    assert_eq!(a.tab(), Tab::Units);
    assert_eq!(unit_name(&a), "市水务局");
    a.update(Command::Back);
    assert_eq!(a.tab(), Tab::Overview);
    // A task hit opens the task.
    typed(&mut a, ":wushui");
    a.handle(&key(KeyCode::Enter));
    let d = a.view().detail.expect("a task opened");
    assert!(a.reg.tasks[d.task].text.contains("污水"));
    // Nothing found: no hits, Enter does nothing.
    typed(&mut a, ":qqqzzz");
    let Mode::Search(state) = &a.mode else {
        panic!()
    };
    assert!(state.hits.is_empty());
    a.handle(&key(KeyCode::Enter));
    assert!(matches!(a.mode, Mode::Search(_)));
    a.handle(&key(KeyCode::Esc));
    assert!(matches!(a.mode, Mode::Normal));
}

#[test]
fn status_past_due_stale_and_mine_filters_combine() {
    let mut a = app();
    a.update(Command::GoTab(Tab::Sections));
    a.update(Command::Open);
    let t1 = a.reg.tasks.iter().position(|t| t.number == 1).unwrap();
    let t2 = a.reg.tasks.iter().position(|t| t.number == 2).unwrap();
    a.reg.write().tasks[t1].status = Status::InProgress;
    a.reg.write().tasks[t1].due = chrono::NaiveDate::from_ymd_opt(2026, 1, 1);
    a.reg.write().tasks[t2].status = Status::InProgress;
    // An explicit date wins over the goal's deadline (2025-12-31, past) it would
    // otherwise be held to.
    a.reg.write().tasks[t2].due = chrono::NaiveDate::from_ymd_opt(2027, 1, 1);
    a.update(Command::StatusFilter); // 未启动
    assert_eq!(a.current_rows().len(), 7);
    a.update(Command::StatusFilter); // 推进中
    assert_eq!(a.current_rows().len(), 2);
    a.update(Command::PastDue);
    let rows = a.current_rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(a.reg.tasks[rows[0].task].number, 1);
    a.update(Command::Back); // clears every filter
    assert_eq!(a.current_rows().len(), 9);
    a.update(Command::Stale);
    assert_eq!(a.current_rows().len(), 9, "never updated counts as stale");
    a.update(Command::Stale);
    a.update(Command::Mine);
    assert!(a.current_rows().is_empty());
}

#[test]
fn sort_by_status_due_and_update() {
    let mut a = app();
    a.update(Command::GoTab(Tab::Sections));
    a.update(Command::Open);
    let idx = |n: u32| a.reg.tasks.iter().position(|t| t.number == n).unwrap();
    let (t3, t5) = (idx(3), idx(5));
    a.reg.write().tasks[t5].status = Status::Done;
    a.reg.write().tasks[t3].due = chrono::NaiveDate::from_ymd_opt(2026, 3, 1);
    a.update(Command::Sort);
    assert_eq!(a.filters.sort, Sort::Status);
    assert_eq!(
        a.reg.tasks[a.current_rows()[8].task].number,
        5,
        "done after not started"
    );
    a.update(Command::Sort);
    // Every other task is held to its goal's deadline, 2025-12-31: task 3's own,
    // later date sorts last, the others keep their order.
    let order: Vec<u32> = a
        .current_rows()
        .iter()
        .map(|r| a.reg.tasks[r.task].number)
        .collect();
    assert_eq!(
        order,
        [1, 2, 4, 5, 6, 7, 8, 9, 3],
        "by the date each is held to"
    );
    a.update(Command::Sort);
    a.update(Command::Sort);
    assert_eq!(a.filters.sort, Sort::Number);
}

#[test]
fn filter_sort_and_selection_survive_a_reload() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.json");
    std::fs::write(&file, store::BUNDLED).unwrap();
    let mut a = app();
    a.file = file.clone();
    a.update(Command::GoTab(Tab::Units));
    typed(&mut a, "/shuiwu");
    a.handle(&key(KeyCode::Enter));
    a.update(Command::Open);
    a.update(Command::Sort);
    a.update(Command::Down);
    let task = a.selected_task().unwrap();
    // Someone else saves.
    let mut e = Edit::new(
        EditTarget::Task("t21".into()),
        Op::SetStatus {
            to: Status::Blocked,
        },
    );
    e.by = "wangfang".into();
    store::save_edit(&file, &e).unwrap();
    let new = store::load(&file).unwrap();
    let changes = changes_between(&a.reg, &new);
    a.reloaded(new, &changes);
    assert_eq!(a.filters.entity_query[Tab::Units.index()], "shuiwu");
    assert_eq!(a.filters.sort, Sort::Status);
    assert_eq!(unit_name(&a), "市水务局");
    assert_eq!(a.focus(), Focus::Tasks);
    assert_eq!(a.selected_task(), Some(task));
}

#[test]
fn the_cursor_goes_to_the_best_match_while_the_list_keeps_its_order() {
    let mut a = app();
    a.update(Command::GoTab(Tab::Units));
    typed(&mut a, "/wei");
    // 实施乡村振兴战略领导小组成员单位 comes first in the list but matches only
    // inside a word (单位, dan-wei); 市委网信办 starts with 委 after the city prefix,
    // a prefix hit, so the cursor goes there.
    let first = a.visible_entities(Tab::Units)[0].0;
    assert_eq!(a.reg.units[first].name, "实施乡村振兴战略领导小组成员单位");
    assert_eq!(unit_name(&a), "市委网信办");
    let order: Vec<usize> = a
        .visible_entities(Tab::Units)
        .iter()
        .map(|(i, _)| *i)
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "the list keeps the registry's order");
}

/// The popup as a terminal of `w`×`h` shows it.
fn popup_rows(a: &App, w: u16, h: u16) -> Vec<String> {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| dubang::tui::view::draw(f, a, &dubang::tui::theme::Theme::dark()))
        .unwrap();
    crate::common::buffer_rows(t.backend().buffer())
}

/// Issue 11, item 17: task numbers stand right-aligned in one column whichever
/// field matched (`任务  4` under `任务 13`), and a cut name's `…` never runs into
/// the snippet's (`乡……化` read as one word).
#[test]
fn search_results_align_their_numbers_and_keep_ellipses_apart() {
    for (w, h) in [(60, 16), (80, 24), (120, 40)] {
        for q in ["wushui", "chengzhen", "1", "hongse"] {
            let mut a = app();
            a.handle(&key(KeyCode::Char(':')));
            typed(&mut a, q);
            let rows = popup_rows(&a, w, h);
            let tasks: Vec<&String> = rows.iter().filter(|r| r.contains(" 任务 ")).collect();
            assert!(!tasks.is_empty(), "{q} at {w}x{h}:\n{}", rows.join("\n"));
            // Where each number ends: one column for all.
            let ends: Vec<usize> = tasks
                .iter()
                .map(|r| {
                    let after = r.split(" 任务 ").nth(1).unwrap();
                    let digits = after.trim_start().chars().take_while(char::is_ascii_digit);
                    let lead = after.len() - after.trim_start().len();
                    lead + digits.count()
                })
                .collect();
            assert!(
                ends.windows(2).all(|p| p[0] == p[1]),
                "{q} at {w}x{h}: numbers end in columns {ends:?}:\n{}",
                rows.join("\n")
            );
            for r in &rows {
                let squeezed: String = r.chars().filter(|c| *c != ' ').collect();
                assert!(
                    !squeezed.contains("……"),
                    "{q} at {w}x{h}: two ellipses read as one: {r}"
                );
            }
        }
    }
}

/// The tasks of the current list, by number.
fn numbers(a: &App) -> Vec<u32> {
    a.current_rows()
        .iter()
        .map(|r| a.reg.tasks[r.task].number)
        .collect()
}

#[test]
fn a_list_kept_between_frames_follows_every_change_it_is_made_from() {
    let mut a = app();
    a.update(Command::GoTab(Tab::Sections));
    a.update(Command::Open);
    let all = numbers(&a);
    assert_eq!(all.len(), 9, "{all:?}");
    // Asked twice with nothing changed: the same list, not made again.
    assert!(std::sync::Arc::ptr_eq(&a.current_rows(), &a.current_rows()));
    // A status filter, then an edit that brings a task into it.
    a.filters.status = Some(Status::Delayed);
    assert!(numbers(&a).is_empty());
    let mut e = Edit::new(
        EditTarget::Task("t3".into()),
        Op::SetStatus {
            to: Status::Delayed,
        },
    );
    e.by = "liwei".into();
    dubang::registry::apply(a.reg.write(), &e).unwrap();
    assert_eq!(numbers(&a), [3]);
    // Mine: the tasks whose history names who is editing.
    a.filters.status = None;
    a.filters.mine = true;
    assert_eq!(numbers(&a), [3]);
    a.who = "wangfang".into();
    assert!(numbers(&a).is_empty());
    a.filters.mine = false;
    // A query, and another entity.
    a.filters.task_query[Tab::Sections.index()] = "shuzi".into();
    assert_eq!(numbers(&a), [5]);
    a.filters.task_query[Tab::Sections.index()].clear();
    assert_eq!(numbers(&a), all);
    a.update(Command::Back);
    a.update(Command::Down);
    a.update(Command::Open);
    assert_ne!(numbers(&a), all);
}
