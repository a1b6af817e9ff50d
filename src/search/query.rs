//! One query against the index: the ranking passes and the highlights.

use super::automaton::{Automaton, MAX_QUERY};
use super::fuzzy::Fuzzy;
use super::index::{Long, SearchIndex, Short, set};
use super::passes::{first_initials, fuzzy_pass, in_chunks, long_pass, short_pass};
use super::symbols::{
    WIDE_WORDS, bloom_bit, fold_query, initials_bit, letter_bit, pair_bit, wide_bloom_bit,
};
use super::{Field, Hit, Kind, Tier};
use std::cmp::Reverse;
use std::ops::Range;

/// What is still possible for an entity, one bit per pass (see [`Query::run`]).
/// Each pass's predicate is monotone: if the query plus a character passes, the
/// query passed. So an entity that failed a pass never needs that pass again while
/// the user types on; a [`super::Searcher`] keeps these bits between keystrokes.
pub(super) const MAY_SHORT: u8 = 1;
pub(super) const MAY_LONG: u8 = 2;
pub(super) const MAY_FUZZY: u8 = 4;
pub(super) const MAY_ALL: u8 = MAY_SHORT | MAY_LONG | MAY_FUZZY;
/// Matched in an earlier pass of this round (cleared before the round ends).
pub(super) const HIT: u8 = 8;

/// A query compiled for one index. Cheap to make (well under a millisecond on the
/// bundled plan); make one per keystroke and reuse it for every item of a list.
pub struct Query<'i> {
    index: &'i SearchIndex,
    pub(super) chars: Vec<char>,
    /// `None` for the empty query.
    strict: Option<Strict>,
    /// For the highlights of fuzzy hits.
    fuzzy: Option<Fuzzy>,
}

/// The strict matcher and the cheap tests that let a pass skip a field.
pub(super) struct Strict {
    pub(super) auto: Automaton,
    /// Letters of the query: a field must have all of them in its readings.
    pub(super) letters: u32,
    /// Bloom bits of the query's other characters, which match only themselves (in
    /// the 64-bit filter of names and titles and the 512-bit one of full texts).
    pub(super) bloom: u64,
    pub(super) wide: [u64; WIDE_WORDS],
    /// Pairs of those characters that follow each other in the query, and so
    /// must in a matching text.
    pub(super) pairs: [u64; WIDE_WORDS],
    /// Pairs of initials of which a matching text must have at least one
    /// (see [`first_initials`]), as bits of a text's filter of them; `None` when a
    /// single character may match.
    pub(super) initials: Option<[u64; WIDE_WORDS]>,
    /// One of those characters occurs nowhere in the registry: nothing matches.
    pub(super) hopeless: bool,
}

impl Strict {
    /// Whether a name or title can match at all: it has every letter and
    /// character the query needs. One test instead of a scan for most fields.
    #[inline]
    pub(super) fn admits_short(&self, f: &Short) -> bool {
        f.letters & self.letters == self.letters && f.bloom & self.bloom == self.bloom
    }

    /// As [`Strict::admits_short`], for a full text and its filter.
    #[inline]
    pub(super) fn admits_long(&self, f: &Long) -> bool {
        if f.letters & self.letters != self.letters {
            return false;
        }
        let lf = &f.filter;
        let all = |have: &[u64], need: &[u64]| have.iter().zip(need).all(|(h, n)| h & n == *n);
        all(&lf.symbols, &self.wide)
            && all(&lf.pairs, &self.pairs)
            && self
                .initials
                .as_ref()
                .is_none_or(|alts| lf.initials.iter().zip(alts).any(|(h, a)| h & a != 0))
    }
}

/// A match found in the ranking passes, before its positions are worked out.
#[derive(Debug, Clone, Copy)]
pub(super) struct Raw {
    pub(super) entity: u32,
    /// Index into `SearchIndex::shorts`, or into `SearchIndex::longs` for a
    /// [`Tier::Text`] hit.
    pub(super) field: u32,
    pub(super) tier: Tier,
    pub(super) score: u32,
    pub(super) len: u32,
    /// The strict match's first and last char, when already known.
    pub(super) span: Option<(u32, u32)>,
}

impl Raw {
    pub(super) fn rank(&self) -> (Tier, Reverse<u32>, u32, u32) {
        (self.tier, Reverse(self.score), self.len, self.entity)
    }
}

/// The outcome of one pass over a chunk of entities.
#[derive(Default)]
pub(super) struct Pass {
    pub(super) hits: Vec<Raw>,
    /// Entities for which the pass's predicate is false.
    pub(super) failed: Vec<u32>,
}

impl<'i> Query<'i> {
    pub fn new(index: &'i SearchIndex, query: &str) -> Query<'i> {
        let mut chars = fold_query(query);
        chars.truncate(MAX_QUERY);
        if chars.is_empty() {
            return Query {
                index,
                chars,
                strict: None,
                fuzzy: None,
            };
        }
        let mut letters = 0;
        let mut bloom = 0;
        let mut wide = [0u64; WIDE_WORDS];
        let mut pairs = [0u64; WIDE_WORDS];
        let mut hopeless = false;
        let mut prev: Option<u32> = None;
        for &c in &chars {
            if c.is_ascii_lowercase() {
                letters |= letter_bit(c);
                prev = None;
            } else {
                match index.table.get(c) {
                    Some(s) => {
                        bloom |= bloom_bit(s);
                        set(&mut wide, wide_bloom_bit(s));
                        if let Some(p) = prev {
                            set(&mut pairs, pair_bit(p, s));
                        }
                        prev = Some(s);
                    }
                    None => hopeless = true,
                }
            }
        }
        let strict = Strict {
            auto: Automaton::new(&chars, &index.table),
            letters,
            bloom,
            wide,
            pairs,
            initials: if hopeless {
                None
            } else {
                first_initials(&chars, &index.table).map(|exact| {
                    let mut hashed = [0u64; WIDE_WORDS];
                    for (w, &word) in exact.iter().enumerate() {
                        for i in (0..64).filter(|i| word >> i & 1 != 0) {
                            let pair = w * 64 + i;
                            set(&mut hashed, initials_bit(pair / 26, pair % 26));
                        }
                    }
                    hashed
                })
            },
            hopeless,
        };
        let fuzzy = Some(Fuzzy::new(&chars));
        Query {
            index,
            chars,
            strict: Some(strict),
            fuzzy,
        }
    }

    /// Whether the query is empty (it matches everything).
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The best `limit` hits of every kind, best first.
    pub fn search(&mut self, limit: usize) -> Vec<Hit> {
        let scope = self.index.scope(None);
        let mut may = vec![MAY_ALL; scope.len()];
        self.ranked(scope, &mut may, limit)
    }

    /// Every entity of `kind` that matches, in registry order.
    pub fn filter(&mut self, kind: Kind) -> Vec<Hit> {
        let scope = self.index.scope(Some(kind));
        let mut may = vec![MAY_ALL; scope.len()];
        self.listed(scope, &mut may)
    }

    /// The best hit of one entity (`None` if it does not match or is out of range).
    pub fn matches(&mut self, kind: Kind, index: usize) -> Option<Hit> {
        let e = self.index.entity_of(kind, index)?;
        self.listed(e..e + 1, &mut [MAY_ALL]).pop()
    }

    /// The best hit of each of `indices` (entities of `kind`, in any order), as
    /// [`Query::matches`] gives it, `None` where it does not match or is out of
    /// range: one round over the whole list (a dashboard list of tasks), not one
    /// per entity.
    pub fn matching(&mut self, kind: Kind, indices: &[usize]) -> Vec<Option<Hit>> {
        let mut out = vec![None; indices.len()];
        let (slots, entities): (Vec<usize>, Vec<u32>) = indices
            .iter()
            .enumerate()
            .filter_map(|(k, &i)| Some((k, self.index.entity_of(kind, i)?)))
            .unzip();
        if self.strict.is_none() {
            for (&k, &e) in slots.iter().zip(&entities) {
                out[k] = Some(self.everything(e));
            }
            return out;
        }
        let mut may = vec![MAY_ALL; entities.len()];
        for (at, raw) in self.run(&entities, &mut may, None) {
            out[slots[at as usize]] = Some(self.finish(&raw));
        }
        out
    }

    /// The best `limit` hits among `scope`, best first; `may` holds what is still
    /// possible for each entity of the scope and is updated.
    pub(super) fn ranked(&mut self, scope: Range<u32>, may: &mut [u8], limit: usize) -> Vec<Hit> {
        if self.strict.is_none() {
            return scope.take(limit).map(|e| self.everything(e)).collect();
        }
        let entities: Vec<u32> = scope.collect();
        let mut hits: Vec<Raw> = self
            .run(&entities, may, Some(limit))
            .into_iter()
            .map(|(_, r)| r)
            .collect();
        if hits.len() > limit {
            if limit == 0 {
                hits.clear();
            } else {
                hits.select_nth_unstable_by_key(limit - 1, Raw::rank);
                hits.truncate(limit);
            }
        }
        hits.sort_unstable_by_key(Raw::rank);
        hits.iter().map(|r| self.finish(r)).collect()
    }

    /// Every match among `scope`, in entity (registry) order.
    pub(super) fn listed(&mut self, scope: Range<u32>, may: &mut [u8]) -> Vec<Hit> {
        if self.strict.is_none() {
            return scope.map(|e| self.everything(e)).collect();
        }
        let entities: Vec<u32> = scope.collect();
        let mut hits = self.run(&entities, may, None);
        hits.sort_unstable_by_key(|&(at, _)| at);
        hits.iter().map(|(_, r)| self.finish(r)).collect()
    }

    /// The hit of an entity under the empty query: its main field, nothing marked.
    fn everything(&self, e: u32) -> Hit {
        let (kind, index) = self.index.locate(e);
        let field = match kind {
            Kind::Unit | Kind::Town => Field::Name,
            Kind::Section | Kind::Task | Kind::Measure => Field::Title,
            Kind::Goal => Field::Text,
        };
        Hit {
            kind,
            index,
            field,
            tier: Tier::Exact,
            score: 0,
            positions: Vec::new(),
            len: 0,
        }
    }

    /// The ranking passes, each over the entities that earlier passes did not match
    /// and for which it is still possible, stopping as soon as `limit` hits are sure
    /// to outrank everything the later passes could find:
    /// 1. strict matches in names and titles (exact, prefix, substring);
    /// 2. strict matches in full texts;
    /// 3. fuzzy matches in names and titles.
    ///
    /// `may[k]` belongs to `entities[k]`; each hit comes with that `k`.
    fn run(&mut self, entities: &[u32], may: &mut [u8], limit: Option<usize>) -> Vec<(u32, Raw)> {
        let (ix, strict) = match &self.strict {
            Some(s) => (self.index, s),
            None => return Vec::new(),
        };
        if strict.hopeless {
            may.fill(0);
            return Vec::new();
        }
        let enough = |n: usize| limit.is_some_and(|l| n >= l);
        // The entities a pass looks at, and where each is in `entities`.
        let pending = |may: &[u8], bit: u8| -> (Vec<u32>, Vec<u32>) {
            may.iter()
                .enumerate()
                .filter(|&(_, &m)| m & (bit | HIT) == bit)
                .map(|(k, _)| (entities[k], k as u32))
                .unzip()
        };
        // A pass reports hits and failures in the order it was given the
        // entities, so each is found by walking that order once.
        let place = |found: &mut dyn Iterator<Item = u32>, todo: &[u32], at: &[u32]| {
            let mut j = 0;
            found
                .map(|e| {
                    while todo[j] != e {
                        j += 1;
                    }
                    j += 1;
                    at[j - 1]
                })
                .collect::<Vec<u32>>()
        };
        let mut hits: Vec<(u32, Raw)> = Vec::new();
        let round = |may: &mut [u8],
                     bit: u8,
                     pass: &(dyn Fn(&[u32]) -> Pass + Sync),
                     hits: &mut Vec<(u32, Raw)>| {
            let (todo, at) = pending(may, bit);
            let pass = in_chunks(&todo, |chunk| pass(chunk));
            let hit_at = place(&mut pass.hits.iter().map(|h| h.entity), &todo, &at);
            for (&k, h) in hit_at.iter().zip(pass.hits) {
                may[k as usize] |= HIT;
                hits.push((k, h));
            }
            for k in place(&mut pass.failed.iter().copied(), &todo, &at) {
                may[k as usize] &= !bit;
            }
        };

        round(
            may,
            MAY_SHORT,
            &|chunk| short_pass(ix, strict, chunk),
            &mut hits,
        );

        if !enough(hits.len()) {
            // Every name or title hit ranks above every text hit.
            let need = limit.map(|l| l.saturating_sub(hits.len()));
            round(
                may,
                MAY_LONG,
                &|chunk| long_pass(ix, strict, chunk, need),
                &mut hits,
            );
        }

        if !enough(hits.len()) {
            let chars = &self.chars;
            round(
                may,
                MAY_FUZZY,
                &|chunk| fuzzy_pass(ix, strict, chars, chunk),
                &mut hits,
            );
        }

        for &(k, _) in &hits {
            may[k as usize] &= !HIT;
        }
        hits
    }

    /// Works out the positions of a ranked match.
    fn finish(&mut self, r: &Raw) -> Hit {
        let ix = self.index;
        let (kind, index) = ix.locate(r.entity);
        if r.tier == Tier::Text {
            // The text pass found the match's span as it read the text.
            let span = r
                .span
                .map(|(st, en)| (st as usize, en as usize))
                .or_else(|| {
                    let s = self.strict.as_ref()?;
                    s.auto
                        .find_in_text(&ix.longs[r.field as usize].text, &ix.table)
                });
            let positions = span.map(|(st, en)| (st..=en).collect()).unwrap_or_default();
            return Hit {
                kind,
                index,
                field: Field::Text,
                tier: r.tier,
                score: r.score,
                positions,
                len: r.len,
            };
        }
        let syms = ix.short_syms(r.field);
        let mut positions: Vec<usize> = match (r.span, r.tier) {
            (Some((st, en)), _) => (st as usize..=en as usize).collect(),
            (None, Tier::Fuzzy) => self
                .fuzzy
                .as_mut()
                .and_then(|fz| fz.positions(syms, &ix.table))
                .map(|(_, p)| p)
                .unwrap_or_default(),
            (None, _) => self
                .strict
                .as_ref()
                .and_then(|s| s.auto.find(syms))
                .map(|(st, en)| (st..=en).collect())
                .unwrap_or_default(),
        };
        let (field, shift) = ix.short_report(r.field);
        for p in &mut positions {
            *p += shift as usize;
        }
        Hit {
            kind,
            index,
            field,
            tier: r.tier,
            score: r.score,
            positions,
            len: r.len,
        }
    }
}
