//! The `/` filter on a generated plan against a plain scan: every task's text
//! read as symbols and matched by the automaton from each character, as the
//! index did when it kept texts as symbol ids; for Chinese queries, against
//! `str::find` as well. And a list filtered in one round ([`Query::matching`])
//! against one entity at a time ([`Query::matches`]).

use super::automaton::Automaton;
use super::symbols::fold_query;
use super::{Kind, SearchIndex, Tier};
use crate::registry::Registry;
use std::path::Path;

/// The bundled tasks cloned `n` times over, each text turned by a few characters
/// and some with ASCII, capitals and full-width letters put in, so that matches
/// fall at every place in a text and across what was a text's end.
fn plan(n: usize) -> Registry {
    let mut reg = crate::store::parse_bytes(Path::new("r.json"), crate::store::BUNDLED.as_bytes())
        .expect("the bundled plan loads");
    let base = reg.tasks.clone();
    reg.tasks = (0..n)
        .map(|i| {
            let mut t = base[i % base.len()].clone();
            t.id = format!("t{}", i + 1);
            t.number = (i + 1) as u32;
            let chars: Vec<char> = t.text.chars().collect();
            let turn = (i / base.len()) % chars.len().max(1);
            let mut text: String = chars[turn..].iter().chain(&chars[..turn]).collect();
            match i % 5 {
                1 => text.insert_str(0, "Wu SHUI 5G "),
                2 => text.push_str("ＳＷＪ水务局"),
                3 => {
                    let half = text
                        .char_indices()
                        .nth(chars.len() / 2)
                        .map_or(0, |(b, _)| b);
                    text.insert_str(half, "污 水");
                }
                _ => {}
            }
            t.text = text.into();
            t
        })
        .collect();
    reg
}

const QUERIES: [&str; 14] = [
    "wushu", "wushui", "swj", "污水", "水务", "污shui", "wu水", "shuiwj", "ws", "5g", "jianshe",
    "zhen", "sj", "wsh",
];

#[test]
fn the_filter_finds_what_a_plain_scan_of_every_text_finds() {
    let reg = plan(3_000);
    let ix = SearchIndex::build(&reg);
    for q in QUERIES {
        let auto = Automaton::new(&fold_query(q), &ix.table);
        let hits = ix.filter(Kind::Task, q);
        let mut by_task = vec![None; reg.tasks.len()];
        for h in &hits {
            by_task[h.index] = Some(h);
        }
        let mut texts = 0;
        for (i, t) in reg.tasks.iter().enumerate() {
            // A hit in the number or title ranks above one in the text.
            if by_task[i].is_some_and(|h| h.tier < Tier::Text) {
                continue;
            }
            let syms: Vec<u32> = ix.table.symbols_of(&t.text).collect();
            let plain = auto
                .find(&syms)
                .map(|(st, en)| (st..=en).collect::<Vec<_>>());
            let got = by_task[i]
                .filter(|h| h.tier == Tier::Text)
                .map(|h| h.positions.clone());
            assert_eq!(got, plain, "{q} in task {i}: {}", t.text);
            if q.chars().all(|c| !c.is_ascii()) {
                let at = t.text.find(q).map(|b| t.text[..b].chars().count());
                assert_eq!(got.as_ref().map(|p| p[0]), at, "{q} in task {i}");
            }
            texts += usize::from(got.is_some());
        }
        assert!(
            texts > 0 || ["zhen", "sj"].contains(&q),
            "{q}: no text hit at all"
        );
    }
}

#[test]
fn a_list_filtered_in_one_round_gives_what_each_row_gives() {
    let reg = plan(600);
    let ix = SearchIndex::build(&reg);
    // In any order, with repeats and rows out of range.
    let mut rows: Vec<usize> = (0..reg.tasks.len()).rev().step_by(3).collect();
    rows.extend([5, 5, reg.tasks.len(), usize::MAX]);
    for q in QUERIES.iter().chain(&["", "t12", "shiju"]) {
        let mut query = ix.query(q);
        let each: Vec<_> = rows.iter().map(|&i| query.matches(Kind::Task, i)).collect();
        assert_eq!(ix.query(q).matching(Kind::Task, &rows), each, "{q}");
    }
}
