//! The index: every searchable field of the registry, with what the matcher
//! needs to skip a field without reading it. Names and titles are kept as symbol
//! ids (scanned on every keystroke); full texts are the registry's own strings,
//! shared, not copied (at 100 000 tasks they are most of the plan's characters),
//! read from their UTF-8 when a query gets past their filters (`automaton/text.rs`).
//!
//! Entities are numbered in kind order, then registry order; their fields are
//! found through `short_at`/`long_at` (entity `e`'s are `short_at[e]..short_at[e + 1]`),
//! and an entity's kind and registry position follow from its number.

use super::query::Query;
use super::symbols::{Symbols, WIDE_WORDS};
use super::{Field, Hit, Kind};
use std::ops::Range;
use std::sync::Arc;

/// A name-like field (name, alias, short name, numeral, title, number, horizon).
/// Its symbols and romanised form end where the next field's start: the last
/// entry of `SearchIndex::shorts` only marks the end.
#[derive(Debug, Clone)]
pub(super) struct Short {
    /// Where its symbols start in `SearchIndex::short_syms`.
    pub(super) syms: u32,
    /// Where its romanised form (for the fuzzy tier) starts in `SearchIndex::roman`.
    pub(super) roman: u32,
    /// Every letter of every reading of the field's characters.
    pub(super) letters: u32,
    /// Which field it is, when it is not a unit's or town's (see [`Head`]).
    pub(super) code: ShortCode,
    /// A Bloom filter of the field's symbols (64 bits: names and titles are short).
    pub(super) bloom: u64,
}

/// The field of a [`Short`], in a byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ShortCode {
    Name,
    Alias,
    Short,
    Numeral,
    Title,
    Number,
    Horizon,
}

impl ShortCode {
    pub(super) fn of(field: Field) -> ShortCode {
        match field {
            Field::Name => ShortCode::Name,
            Field::Alias(_) => ShortCode::Alias,
            Field::Short => ShortCode::Short,
            Field::Numeral => ShortCode::Numeral,
            Field::Number => ShortCode::Number,
            Field::Horizon => ShortCode::Horizon,
            Field::Title | Field::Text => ShortCode::Title,
        }
    }
}

/// How a unit's or town's field is reported: an alias or short name that is part
/// of the name is reported as a hit on the name. Units and towns are few and come
/// first, so `SearchIndex::heads[k]` belongs to `shorts[k]`.
#[derive(Debug, Clone)]
pub(super) struct Head {
    /// The field reported in hits (the name, for an alias that is part of it).
    pub(super) report: Field,
    /// Added to positions to turn them into positions in the reported field.
    pub(super) shift: u32,
    /// Chars of the reported field.
    pub(super) len: u32,
    /// A word start inside the field besides the usual ones (where an alias or
    /// short name starts inside the name: after the 市 of 市水务局).
    pub(super) extra_start: u32,
}

/// A full text: strict matches only, ranked as [`super::Tier::Text`].
#[derive(Debug, Clone)]
pub(super) struct Long {
    /// The registry's string (a goal's or measure's is copied: they are few).
    pub(super) text: Arc<str>,
    /// Every letter of every reading of its characters.
    pub(super) letters: u32,
    pub(super) filter: LongFilter,
}

/// What a full text holds, in a few hundred bits, so that a query can skip most
/// texts without scanning them.
#[derive(Debug, Clone, Default)]
pub(super) struct LongFilter {
    /// A Bloom filter of its symbols.
    pub(super) symbols: [u64; WIDE_WORDS],
    /// A Bloom filter of its pairs of adjacent symbols (水务).
    pub(super) pairs: [u64; WIDE_WORDS],
    /// A Bloom filter of the pairs of initials that follow each other
    /// ([`super::symbols::initials_bit`]): `wushui` needs a w-initial character
    /// followed by an s- (wu|shui) or u-initial one (w|u…).
    pub(super) initials: [u64; WIDE_WORDS],
}

pub(super) fn set(bits: &mut [u64], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

/// Everything searchable in a registry, with the readings of every character
/// computed once. Rebuild it when the registry is reloaded. It holds no registry:
/// only the full texts' strings, shared with it.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    /// Unique per build, so a [`super::Searcher`] notices a new index.
    pub(super) id: u64,
    pub(super) table: Symbols,
    /// The entity numbers of each kind.
    pub(super) kinds: [Range<u32>; 6],
    /// Per entity, where its name-like fields start in `shorts` (one more entry: the end).
    pub(super) short_at: Vec<u32>,
    /// Per entity, where its full texts start in `longs` (one more entry: the end).
    pub(super) long_at: Vec<u32>,
    pub(super) shorts: Vec<Short>,
    pub(super) heads: Vec<Head>,
    pub(super) short_syms: Vec<u32>,
    pub(super) roman: Vec<u8>,
    pub(super) longs: Vec<Long>,
    /// A task's id of the form `t12`, lower-case → its position, when `t` + its
    /// number would not find it: the command line names tasks so, and people type
    /// what they used there. With the number's length in characters (what a hit on
    /// it highlights).
    pub(super) task_ids: std::collections::HashMap<String, (usize, usize)>,
    /// A task's number → the position of the first task with it, sorted by number
    /// (`t` + the number finds it unless an id in `task_ids` reads the same).
    pub(super) task_numbers: Vec<(u32, u32)>,
}

impl SearchIndex {
    /// Which build this is (unique per build in a process): an index kept across
    /// an edit keeps its id.
    pub fn id(&self) -> u64 {
        self.id
    }
}

/// The positions of the set bits of a letter set (0 for a).
pub(super) fn bits(mut set: u32) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (set != 0).then(|| {
            let i = set.trailing_zeros() as usize;
            set &= set - 1;
            i
        })
    })
}

impl SearchIndex {
    /// How many entities (units, towns, sections, goals, tasks) are indexed.
    pub fn len(&self) -> usize {
        self.short_at.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Compiles a query for this index: once per keystroke, then reused for any
    /// number of [`Query::matches`] calls.
    pub fn query(&self, query: &str) -> Query<'_> {
        Query::new(self, query)
    }

    /// The best `limit` hits of every kind, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let mut hits = self.query(query).search(limit);
        self.put_task_id_first(query, &mut hits, limit);
        hits
    }

    /// `t12` (or `T12`, `ｔ１２`), a task id as the command line takes it: that task
    /// comes first, its number highlighted.
    pub(super) fn put_task_id_first(&self, query: &str, hits: &mut Vec<Hit>, limit: usize) {
        let q = crate::registry::typed::halfwidth(query)
            .trim()
            .to_lowercase();
        if !q.starts_with('t') || q.len() < 2 || !q[1..].bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        let by_number = || {
            let n: u32 = q[1..].parse().ok()?;
            // Only as the number is written: `t012` is no task's `t` + number.
            if n.to_string() != q[1..] {
                return None;
            }
            let k = self
                .task_numbers
                .binary_search_by_key(&n, |&(n, _)| n)
                .ok()?;
            Some((self.task_numbers[k].1 as usize, q.len() - 1))
        };
        let Some((task, digits)) = self.task_ids.get(&q).copied().or_else(by_number) else {
            return;
        };
        hits.retain(|h| !(h.kind == Kind::Task && h.index == task));
        hits.insert(
            0,
            Hit {
                kind: Kind::Task,
                index: task,
                field: super::Field::Number,
                tier: super::Tier::Exact,
                score: 0,
                positions: (0..digits).collect(),
                len: digits as u32,
            },
        );
        hits.truncate(limit.max(1));
    }

    /// Every entity of `kind` that matches, in registry order (for `/` on a list).
    pub fn filter(&self, kind: Kind, query: &str) -> Vec<Hit> {
        self.query(query).filter(kind)
    }

    /// The best hit of one entity, if it matches (`None` too when out of range).
    pub fn matches(&self, kind: Kind, index: usize, query: &str) -> Option<Hit> {
        self.query(query).matches(kind, index)
    }

    /// The entity id of `kind`'s `index`.
    pub(super) fn entity_of(&self, kind: Kind, index: usize) -> Option<u32> {
        let r = &self.kinds[kind.slot()];
        let e = r.start.checked_add(u32::try_from(index).ok()?)?;
        (e < r.end).then_some(e)
    }

    /// Every entity id, or those of one kind.
    pub(super) fn scope(&self, kind: Option<Kind>) -> Range<u32> {
        match kind {
            None => 0..self.len() as u32,
            Some(k) => self.kinds[k.slot()].clone(),
        }
    }

    /// The kind of an entity and its position in the registry's vector.
    pub(super) fn locate(&self, e: u32) -> (Kind, usize) {
        let kind = Kind::ALL
            .into_iter()
            .find(|k| self.kinds[k.slot()].contains(&e))
            .unwrap_or(Kind::Measure);
        (kind, (e - self.kinds[kind.slot()].start) as usize)
    }

    /// The name-like fields of an entity (indices into `shorts`).
    pub(super) fn shorts_of(&self, e: u32) -> Range<u32> {
        self.short_at[e as usize]..self.short_at[e as usize + 1]
    }

    /// The full texts of an entity (indices into `longs`).
    pub(super) fn longs_of(&self, e: u32) -> Range<u32> {
        self.long_at[e as usize]..self.long_at[e as usize + 1]
    }

    pub(super) fn short_syms(&self, k: u32) -> &[u32] {
        let (a, b) = (&self.shorts[k as usize], &self.shorts[k as usize + 1]);
        &self.short_syms[a.syms as usize..b.syms as usize]
    }

    pub(super) fn short_roman(&self, k: u32) -> &[u8] {
        let (a, b) = (&self.shorts[k as usize], &self.shorts[k as usize + 1]);
        &self.roman[a.roman as usize..b.roman as usize]
    }

    /// Chars of the field a short field's hits are reported in (for ranking).
    pub(super) fn short_len(&self, k: u32) -> u32 {
        match self.heads.get(k as usize) {
            Some(h) => h.len,
            None => self.short_syms(k).len() as u32,
        }
    }

    /// A word start inside the field besides the usual ones (see [`Head`]).
    pub(super) fn extra_start(&self, k: u32) -> usize {
        self.heads
            .get(k as usize)
            .map_or(0, |h| h.extra_start as usize)
    }

    /// The field a short field's hits are reported as, and the shift of their
    /// positions into it.
    pub(super) fn short_report(&self, k: u32) -> (Field, u32) {
        if let Some(h) = self.heads.get(k as usize) {
            return (h.report, h.shift);
        }
        let field = match self.shorts[k as usize].code {
            ShortCode::Name => Field::Name,
            // Only units and towns have aliases and short names: they have heads.
            ShortCode::Alias | ShortCode::Short => Field::Short,
            ShortCode::Numeral => Field::Numeral,
            ShortCode::Title => Field::Title,
            ShortCode::Number => Field::Number,
            ShortCode::Horizon => Field::Horizon,
        };
        (field, 0)
    }
}
