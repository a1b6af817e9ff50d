//! Search by Chinese or pinyin: the matcher behind `/` (filter one list) and the
//! global search popup. Pure library code: no terminal, no files.
//!
//! # What matches
//!
//! A query is folded (ASCII and full-width letters to lowercase, spaces dropped) and
//! matched against the name-like fields of every task, unit, town, goal and section:
//!
//! | query | finds | how |
//! | --- | --- | --- |
//! | `水务` | 市水务局 | the characters themselves |
//! | `shuiwuju`, `SWJ`, `swj` | 市水务局 | full pinyin without tones, initials, any case |
//! | `jiaj` | 嘉积镇 | the last syllable may be unfinished |
//! | `市shui`, `jiaji镇` | 市水务局, 嘉积镇 | characters and pinyin mixed, per character |
//! | `changpo`, `zhangpo` | 长坡镇 | every reading of a polyphone (长 chang/zhang) |
//! | `shiju`, `市局` | 市水务局 | fuzzy: the query in order with gaps (nucleo); each run of letters starts a syllable |
//!
//! Readings come from the `pinyin` crate's heteronym table, *every* reading of every
//! character: per-character tables pick one reading and get polyphones wrong
//! (重庆 → zhongqing), and a search box would rather show one extra row than miss
//! 长坡镇 because its user thinks of 长 as zhang. Readings are looked up once, when
//! [`SearchIndex::build`] runs; a keystroke only walks symbol ids.
//!
//! # Ranking
//!
//! Each hit has a [`Tier`], best first: [`Tier::Exact`] (the whole field),
//! [`Tier::Prefix`], [`Tier::Substring`] (a match that starts a word ranks first
//! within it: after punctuation, or where an alias starts in a name), [`Tier::Text`] (in a
//! task's or goal's full text: below every name and title hit) and [`Tier::Fuzzy`]
//! (names and titles only, ordered by nucleo's score). Ties go to the shorter field,
//! then to kind order (units, towns, sections, goals, tasks), then registry order.
//! An entity appears once, with its best field.
//!
//! # Fields
//!
//! | kind | fields (name-like) | full text |
//! | --- | --- | --- |
//! | unit | name, aliases, name without its leading 市 (水务局) | |
//! | town | name, short name (嘉积), aliases | |
//! | section | numeral (一), title | |
//! | goal | horizon (2025) | text |
//! | task | number, title | text |
//!
//! An alias or short name that is part of the name (嘉积 in 嘉积镇, 农业农村局 in
//! 市农业农村局) is reported as a hit on [`Field::Name`], with the positions shifted
//! into the name, so a list that shows names can always highlight; its tier is that of
//! the alias (typing `jiaji` is an exact hit on 嘉积).
//!
//! # Using it from the UI
//!
//! ```
//! use dubang::search::{Kind, SearchIndex, Searcher, Tier};
//! # let reg = dubang::store::parse_bytes(std::path::Path::new("r.json"),
//! #     dubang::store::BUNDLED.as_bytes()).unwrap();
//! // Once per load or reload of the registry (readings of every name and text).
//! let index = SearchIndex::build(&reg);
//!
//! // Global search popup: the best `limit` hits of every kind.
//! let hits = index.search("swj", 20);
//! assert_eq!((hits[0].kind, reg.units[hits[0].index].name.as_str()), (Kind::Unit, "市水务局"));
//! assert_eq!(hits[0].positions, [1, 2, 3]); // 水务局, chars into the name
//!
//! // `/` in a list: every match of one kind, in registry order, with highlights.
//! let towns = index.filter(Kind::Town, "jiaji");
//! assert_eq!(reg.towns[towns[0].index].name, "嘉积镇");
//!
//! // Keystroke after keystroke: a Searcher remembers what each entity failed for
//! // the last query and skips it when the new query extends it (same results).
//! let mut searcher = Searcher::new();
//! for q in ["w", "wu", "wus", "wushui"] {
//!     let hits = searcher.search(&index, q, 50);
//!     assert_eq!(hits, index.search(q, 50));
//! }
//! // A text hit shows a window of the text around the match.
//! let hit = index.search("wushui", 50).into_iter().find(|h| h.tier == Tier::Text).unwrap();
//! let text = hit.text(&reg).unwrap();
//! let snip = dubang::search::snippet(&text, &hit.positions, 30);
//! assert!(snip.text.contains("污水"));
//! ```
//!
//! - [`SearchIndex::build`] — precompute once per registry (rebuild after a reload
//!   or an edit that renames; status edits do not change the index).
//! - [`SearchIndex::search`]`(query, limit)` — global search, best first.
//! - [`SearchIndex::filter`]`(kind, query)` — one list's matches in registry order.
//! - [`SearchIndex::matches`]`(kind, i, query)` — one item; for a sublist (the tasks a
//!   unit leads) compile once with [`SearchIndex::query`] and call
//!   [`Query::matching`] with the whole list (one round, not one per row).
//! - [`Searcher`] — the same, remembering the last query, for typing.
//! - [`Hit::text`] / [`field_text`] — the matched field's text; [`snippet`] — a window
//!   of a long text around the highlight.
//!
//! An empty query (or only spaces) matches everything: every entity in kind and
//! registry order, [`Tier::Exact`], no positions. A query that matches nothing gives
//! an empty vector, for the UI to say so.
//!
//! # Cost
//!
//! Ranking runs in passes (names and titles; full texts; fuzzy), each only over what
//! the earlier ones did not match, and stops once `limit` hits are sure to outrank the
//! rest. Each field keeps its letters and a Bloom filter of its characters (and, for
//! full texts, of adjacent pairs of characters and of initials), so most fields are
//! skipped without a scan; a pass over more than 16 384 entities is split across the
//! cores. Full texts rank by registry order, so the pass over them stops once it has
//! as many hits as the limit leaves room for. On 100 000 generated tasks
//! (`benches/search.rs`): build about 0.8 s, a keystroke 2–12 ms through a
//! [`Searcher`], 3–23 ms fresh, on a loaded 2-core machine.
//!
//! Memory: names and titles are kept as 4-byte symbol ids; full texts, most of a
//! plan's characters, are not copied: a task's text is an `Arc<str>` shared with the
//! registry, read from its UTF-8 when a query gets past the text's filters (96 bytes
//! of Bloom filters a text): decoded by hand, each character tested against a
//! per-query set of those that can start a match, and looked up in the symbol table
//! only when it can (`automaton/text.rs`). At 100 000 tasks (an 84.6 MB file) the index
//! takes 33 MB (`examples/memory.rs`; it took 150 MB with every text copied as symbols).
//!
//! Left out on purpose: typo tolerance (nucleo matches subsequences, not edits),
//! traditional/simplified equivalence, fuzzy matching inside full texts (any three
//! letters occur in order in a paragraph), and queries longer than 63 characters (cut).

mod automaton;
mod background;
mod build;
mod fuzzy;
mod index;
mod passes;
mod query;
#[cfg(test)]
mod scan_tests;
mod searcher;
mod symbols;

pub use background::Background;
pub use index::SearchIndex;
pub use query::Query;
pub use searcher::Searcher;

use crate::registry::Registry;
use std::borrow::Cow;

/// What a hit is: the registry vector it indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Unit,
    Town,
    Section,
    Goal,
    Task,
    /// A safeguard measure (保障措施).
    Measure,
}

impl Kind {
    /// Every kind, in the order ties are broken.
    pub const ALL: [Kind; 6] = [
        Kind::Unit,
        Kind::Town,
        Kind::Section,
        Kind::Goal,
        Kind::Task,
        Kind::Measure,
    ];

    fn slot(self) -> usize {
        self as usize
    }
}

/// Which field of the entity matched; [`Hit::positions`] index its characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// A unit's or town's name.
    Name,
    /// `aliases[i]` of a unit or town (only when the alias is not part of the name).
    Alias(usize),
    /// A town's short name (only when it is not part of the name, which it always is
    /// in the bundled plan). A unit's short name, its name without the leading 市
    /// (水务局), is always part of the name, so it is never reported.
    Short,
    /// A section's numeral: 一, 二…
    Numeral,
    /// A section's or task's title.
    Title,
    /// A task's number, as decimal digits.
    Number,
    /// A goal's horizon ("2025").
    Horizon,
    /// A task's or goal's full text.
    Text,
}

/// How well a hit matched, best first (the derived order: `Exact < Prefix < …`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// The query covers the whole field.
    Exact,
    /// The field starts with the query.
    Prefix,
    /// The query occurs in a name or title.
    Substring,
    /// The query occurs in a task's or goal's full text.
    Text,
    /// The query's characters occur in order, with gaps, in a name or title.
    Fuzzy,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: Kind,
    /// Position in the registry's vector for `kind` (`registry.units[index]`).
    pub index: usize,
    pub field: Field,
    pub tier: Tier,
    /// Quality within the tier, higher is better: nucleo's score for
    /// [`Tier::Fuzzy`]; 1 for a [`Tier::Substring`] hit that starts a word; else 0.
    pub score: u32,
    /// Matched characters: sorted char indices (not bytes) into the field's text as
    /// [`Hit::text`] returns it. A strict match is a run of consecutive positions.
    pub positions: Vec<usize>,
    /// Chars in the field (for ranking; 0 for full texts, ranked by registry order).
    len: u32,
}

impl Hit {
    /// The text of the matched field (what `positions` index).
    pub fn text<'r>(&self, reg: &'r Registry) -> Option<Cow<'r, str>> {
        field_text(reg, self.kind, self.index, self.field)
    }
}

/// The text of one field of one entity, as indexed (`None` when out of range).
pub fn field_text(reg: &Registry, kind: Kind, index: usize, field: Field) -> Option<Cow<'_, str>> {
    fn b(s: &str) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(s))
    }
    match kind {
        Kind::Unit => {
            let u = reg.units.get(index)?;
            match field {
                Field::Name => b(&u.name),
                Field::Alias(i) => b(u.aliases.get(i)?),
                _ => None,
            }
        }
        Kind::Town => {
            let t = reg.towns.get(index)?;
            match field {
                Field::Name => b(&t.name),
                Field::Short => b(t.short.as_deref()?),
                Field::Alias(i) => b(t.aliases.get(i)?),
                _ => None,
            }
        }
        Kind::Section => {
            let s = reg.sections.get(index)?;
            match field {
                Field::Numeral => b(&s.numeral),
                Field::Title => b(&s.title),
                _ => None,
            }
        }
        Kind::Goal => {
            let g = reg.goals.get(index)?;
            match field {
                Field::Horizon => b(g.horizon.as_deref()?),
                Field::Text => b(&g.text),
                _ => None,
            }
        }
        Kind::Measure => {
            let m = reg.measures.get(index)?;
            match field {
                Field::Numeral => b(&m.numeral),
                Field::Title => b(&m.title),
                Field::Text => b(&m.text),
                _ => None,
            }
        }
        Kind::Task => {
            let t = reg.tasks.get(index)?;
            match field {
                Field::Number => Some(Cow::Owned(t.number.to_string())),
                Field::Title => b(&t.title),
                Field::Text => b(&t.text),
                _ => None,
            }
        }
    }
}

/// A window of a long text around its highlight, for a result row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// At most the requested columns wide, on one line, with `…` where it was cut.
    pub text: String,
    /// The highlight positions that fall inside, as char indices into `text`.
    pub positions: Vec<usize>,
}

/// Cuts `text` to at most `cols` terminal columns around the first highlighted
/// character (a little context before it), line breaks as spaces.
pub fn snippet(text: &str, positions: &[usize], cols: usize) -> Snippet {
    use unicode_width::UnicodeWidthChar;
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect();
    let w = |c: char| c.width().unwrap_or(0);
    let total: usize = chars.iter().map(|&c| w(c)).sum();
    if total <= cols {
        return Snippet {
            positions: positions
                .iter()
                .copied()
                .filter(|&p| p < chars.len())
                .collect(),
            text: chars.into_iter().collect(),
        };
    }
    let first = positions.first().copied().unwrap_or(0).min(chars.len());
    // Context before the match: the start of its clause when that is within half
    // the width, else a quarter of the width; never from inside a Latin word.
    let back = |limit: usize| {
        let (mut s, mut before) = (first, 0);
        while s > 0 && before + w(chars[s - 1]) <= limit {
            s -= 1;
            before += w(chars[s]);
        }
        s
    };
    let mut start = match (back(cols / 2)..first).rev().find(|&j| is_break(chars[j])) {
        Some(j) => j + 1,
        None => back(cols / 4),
    };
    while start > 0 && start < first && in_word(&chars, start) {
        start += 1;
    }
    let ell = 1; // `…` takes one column
    let mut budget = cols.saturating_sub(if start > 0 { ell } else { 0 });
    let mut end = start;
    while end < chars.len() && w(chars[end]) <= budget {
        budget -= w(chars[end]);
        end += 1;
    }
    if end < chars.len() {
        // Make room for the closing `…`.
        while end > start && budget < ell {
            end -= 1;
            budget += w(chars[end]);
        }
        // Cut between Latin words, not inside one (past the match only).
        let keep = positions.last().map_or(first, |&p| p + 1);
        let mut e = end;
        while e > keep && in_word(&chars, e) {
            e -= 1;
        }
        if e > keep || !in_word(&chars, e) {
            end = e;
        }
        while end > keep && chars[end - 1] == ' ' {
            end -= 1;
        }
    }
    let mut out = String::new();
    let lead = usize::from(start > 0);
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    Snippet {
        text: out,
        positions: positions
            .iter()
            .filter(|&&p| p >= start && p < end)
            .map(|&p| p - start + lead)
            .collect(),
    }
}

/// Where a clause ends: a snippet may start after it.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ' '
            | '（'
            | '('
    )
}

/// `chars[i]` continues a Latin word begun at `chars[i - 1]`.
fn in_word(chars: &[char], i: usize) -> bool {
    i > 0
        && i < chars.len()
        && chars[i - 1].is_ascii_alphanumeric()
        && chars[i].is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_start_at_a_clause_and_never_inside_a_latin_word() {
        let text = "加快推进乡村振兴,推进新型城镇化建设和基础设施建设,完善公共服务";
        let hl: Vec<usize> = (13..16).collect(); // 城镇化
        let s = snippet(text, &hl, 24);
        assert!(s.text.starts_with("…推进新型"), "{s:?}");
        let chars: Vec<char> = s.text.chars().collect();
        let marked: String = s.positions.iter().map(|&p| chars[p]).collect();
        assert_eq!(marked, "城镇化");
        let latin = "the quick brown fox jumps over the lazy dog and keeps running far away";
        let at = latin.find("jumps").unwrap();
        let s = snippet(latin, &(at..at + 5).collect::<Vec<_>>(), 24);
        for word in s.text.trim_matches('…').split(' ') {
            assert!(latin.split(' ').any(|w| w == word), "{word} in {s:?}");
        }
    }

    #[test]
    fn snippets_keep_the_highlight_in_view() {
        let text = "一二三四五六七八九十污水处理设施建设一二三四五六七八九十";
        let s = snippet(text, &[10, 11], 20);
        assert!(crate::text::width(&s.text) <= 20, "{s:?}");
        let chars: Vec<char> = s.text.chars().collect();
        let marked: String = s.positions.iter().map(|&p| chars[p]).collect();
        assert_eq!(marked, "污水");
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        let short = snippet("市水务局", &[1, 2], 20);
        assert_eq!(short.text, "市水务局");
        assert_eq!(short.positions, [1, 2]);
        let nl = snippet("a\nb", &[2], 10);
        assert_eq!(nl.text, "a b");
    }
}
