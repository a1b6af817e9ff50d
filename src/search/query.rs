//! One query against the index: the ranking passes and the highlights.

use super::automaton::{Automaton, MAX_QUERY};
use super::fuzzy::Fuzzy;
use super::index::{FieldEntry, SearchIndex, bits, set};
use super::symbols::{Symbols, bloom_bit, fold_query, letter_bit, pair_bit, wide_bloom_bit};
use super::{Field, Hit, Kind, Tier};
use std::cmp::Reverse;
use std::ops::Range;
use std::sync::OnceLock;

/// What is still possible for an entity, one bit per pass (see [`Query::run`]).
/// Each pass's predicate is monotone: if the query plus a character passes, the
/// query passed. So an entity that failed a pass never needs that pass again while
/// the user types on; a [`super::Searcher`] keeps these bits between keystrokes.
pub(super) const MAY_SHORT: u8 = 1;
pub(super) const MAY_LONG: u8 = 2;
pub(super) const MAY_FUZZY: u8 = 4;
pub(super) const MAY_ALL: u8 = MAY_SHORT | MAY_LONG | MAY_FUZZY;
/// Matched in an earlier pass of this round (cleared before the round ends).
const HIT: u8 = 8;

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
struct Strict {
    auto: Automaton,
    /// Letters of the query: a field must have all of them in its readings.
    letters: u32,
    /// Bloom bits of the query's other characters, which match only themselves (in
    /// the 64-bit filter of names and titles and the 512-bit one of full texts).
    bloom: u64,
    wide: [u64; 8],
    /// Pairs of those characters that follow each other in the query, and so
    /// must in a matching text.
    pairs: [u64; 8],
    /// Pairs of initials of which a matching text must have at least one
    /// (see [`first_initials`]); `None` when a single character may match.
    initials: Option<[u64; 11]>,
    /// One of those characters occurs nowhere in the registry: nothing matches.
    hopeless: bool,
}

impl Strict {
    /// Whether the field can match at all: it has every letter and character the
    /// query needs. One test instead of a scan for most fields.
    #[inline]
    fn admits(&self, ix: &SearchIndex, f: &FieldEntry) -> bool {
        if f.letters & self.letters != self.letters {
            return false;
        }
        if f.long {
            let lf = &ix.long_filters[f.filter as usize];
            let all = |have: &[u64], need: &[u64]| have.iter().zip(need).all(|(h, n)| h & n == *n);
            all(&lf.symbols, &self.wide)
                && all(&lf.pairs, &self.pairs)
                && self
                    .initials
                    .as_ref()
                    .is_none_or(|alts| lf.initials.iter().zip(alts).any(|(h, a)| h & a != 0))
        } else {
            f.bloom & self.bloom == self.bloom
        }
    }
}

/// A match found in the ranking passes, before its positions are worked out.
#[derive(Debug, Clone, Copy)]
struct Raw {
    entity: u32,
    /// Index into `SearchIndex::fields`.
    field: u32,
    tier: Tier,
    score: u32,
    len: u32,
    /// The strict match's first and last char, when already known.
    span: Option<(u32, u32)>,
}

impl Raw {
    fn rank(&self) -> (Tier, Reverse<u32>, u32, u32) {
        (self.tier, Reverse(self.score), self.len, self.entity)
    }
}

/// The outcome of one pass over a chunk of entities.
#[derive(Default)]
struct Pass {
    hits: Vec<Raw>,
    /// Entities for which the pass's predicate is false.
    failed: Vec<u32>,
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
        let mut wide = [0u64; 8];
        let mut pairs = [0u64; 8];
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
                first_initials(&chars, &index.table)
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

    /// The best `limit` hits among `scope`, best first; `may` holds what is still
    /// possible for each entity of the scope and is updated.
    pub(super) fn ranked(&mut self, scope: Range<u32>, may: &mut [u8], limit: usize) -> Vec<Hit> {
        if self.strict.is_none() {
            return scope.take(limit).map(|e| self.everything(e)).collect();
        }
        let mut hits = self.run(scope, may, Some(limit));
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
        let mut hits = self.run(scope, may, None);
        hits.sort_unstable_by_key(|h| h.entity);
        hits.iter().map(|r| self.finish(r)).collect()
    }

    /// The hit of an entity under the empty query: its main field, nothing marked.
    fn everything(&self, e: u32) -> Hit {
        let ent = &self.index.entities[e as usize];
        let field = match ent.kind {
            Kind::Unit | Kind::Town => Field::Name,
            Kind::Section | Kind::Task | Kind::Measure => Field::Title,
            Kind::Goal => Field::Text,
        };
        Hit {
            kind: ent.kind,
            index: ent.index as usize,
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
    fn run(&mut self, scope: Range<u32>, may: &mut [u8], limit: Option<usize>) -> Vec<Raw> {
        let (ix, strict) = match &self.strict {
            Some(s) => (self.index, s),
            None => return Vec::new(),
        };
        let base = scope.start;
        if strict.hopeless {
            may.fill(0);
            return Vec::new();
        }
        let enough = |n: usize| limit.is_some_and(|l| n >= l);
        let pending = |may: &[u8], bit: u8| -> Vec<u32> {
            may.iter()
                .enumerate()
                .filter(|&(_, &m)| m & (bit | HIT) == bit)
                .map(|(i, _)| base + i as u32)
                .collect()
        };
        let apply = |may: &mut [u8], pass: &Pass, bit: u8| {
            for h in &pass.hits {
                may[(h.entity - base) as usize] |= HIT;
            }
            for &e in &pass.failed {
                may[(e - base) as usize] &= !bit;
            }
        };
        let mut hits: Vec<Raw> = Vec::new();

        let todo = pending(may, MAY_SHORT);
        let pass = in_chunks(&todo, |chunk| short_pass(ix, strict, chunk));
        apply(may, &pass, MAY_SHORT);
        hits.extend(pass.hits);

        if !enough(hits.len()) {
            let todo = pending(may, MAY_LONG);
            let pass = in_chunks(&todo, |chunk| long_pass(ix, strict, chunk));
            apply(may, &pass, MAY_LONG);
            hits.extend(pass.hits);
        }

        if !enough(hits.len()) {
            let todo = pending(may, MAY_FUZZY);
            let chars = &self.chars;
            let pass = in_chunks(&todo, |chunk| fuzzy_pass(ix, strict, chars, chunk));
            apply(may, &pass, MAY_FUZZY);
            hits.extend(pass.hits);
        }

        for h in &hits {
            may[(h.entity - base) as usize] &= !HIT;
        }
        hits
    }

    /// Works out the positions of a ranked match.
    fn finish(&mut self, r: &Raw) -> Hit {
        let ix = self.index;
        let f = &ix.fields[r.field as usize];
        let ent = &ix.entities[r.entity as usize];
        let syms = ix.field_syms(f);
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
        for p in &mut positions {
            *p += f.shift as usize;
        }
        Hit {
            kind: ent.kind,
            index: ent.index as usize,
            field: f.report,
            tier: r.tier,
            score: r.score,
            positions,
            len: r.len,
        }
    }
}

/// Pass 1 over some entities: the best strict match among names and titles.
fn short_pass(ix: &SearchIndex, strict: &Strict, entities: &[u32]) -> Pass {
    let auto = &strict.auto;
    let mut out = Pass::default();
    for &e in entities {
        let first = ix.entities[e as usize].fields.start;
        let mut best: Option<Raw> = None;
        for (k, f) in ix.entity_fields(e).iter().enumerate() {
            if f.long || !strict.admits(ix, f) {
                continue;
            }
            let syms = ix.field_syms(f);
            let found = if let Some(end) = auto.match_at(syms, 0) {
                if auto.matches_all(syms) {
                    Some((Tier::Exact, 0, (0, syms.len() - 1)))
                } else {
                    Some((Tier::Prefix, 0, (0, end)))
                }
            } else if auto.find_end(syms).is_some() {
                // Prefer a match that starts a word.
                word_starts(&ix.table, syms, f.extra_start as usize)
                    .find_map(|st| {
                        auto.match_at(syms, st)
                            .map(|en| (Tier::Substring, 1, (st, en)))
                    })
                    .or_else(|| auto.find(syms).map(|span| (Tier::Substring, 0, span)))
            } else {
                None
            };
            if let Some((tier, score, (st, en))) = found {
                let raw = Raw {
                    entity: e,
                    field: first + k as u32,
                    tier,
                    score,
                    len: f.len,
                    span: Some((st as u32, en as u32)),
                };
                if best.is_none_or(|b| raw.rank() < b.rank()) {
                    best = Some(raw);
                }
            }
        }
        match best {
            Some(b) => out.hits.push(b),
            None => out.failed.push(e),
        }
    }
    out
}

/// Pass 2: a strict match in a full text (the first text field that has one).
fn long_pass(ix: &SearchIndex, strict: &Strict, entities: &[u32]) -> Pass {
    let mut out = Pass::default();
    for &e in entities {
        let first = ix.entities[e as usize].fields.start;
        let found = ix.entity_fields(e).iter().enumerate().find(|(_, f)| {
            f.long && strict.admits(ix, f) && strict.auto.find_end(ix.field_syms(f)).is_some()
        });
        match found {
            Some((k, _)) => out.hits.push(Raw {
                entity: e,
                field: first + k as u32,
                tier: Tier::Text,
                score: 0,
                // Text hits tie by registry order, not by the length of the text.
                len: 0,
                span: None,
            }),
            None => out.failed.push(e),
        }
    }
    out
}

/// Pass 3: the best fuzzy match among names and titles. An entity whose fields
/// hold the query as a subsequence, but score too low, is neither a hit nor failed.
fn fuzzy_pass(ix: &SearchIndex, strict: &Strict, chars: &[char], entities: &[u32]) -> Pass {
    let mut fuzzy = Fuzzy::new(chars);
    let mut out = Pass::default();
    for &e in entities {
        let first = ix.entities[e as usize].fields.start;
        let mut best: Option<Raw> = None;
        let mut weak = false;
        for (k, f) in ix.entity_fields(e).iter().enumerate() {
            if f.long || !strict.admits(ix, f) {
                continue;
            }
            match fuzzy.score(ix.field_roman(f), ix.field_syms(f), &ix.table) {
                Ok(score) => {
                    let raw = Raw {
                        entity: e,
                        field: first + k as u32,
                        tier: Tier::Fuzzy,
                        score: score as u32,
                        len: f.len,
                        span: None,
                    };
                    if best.is_none_or(|b| raw.rank() < b.rank()) {
                        best = Some(raw);
                    }
                }
                Err(subsequence) => weak |= subsequence,
            }
        }
        match best {
            Some(b) => out.hits.push(b),
            None if weak => {}
            None => out.failed.push(e),
        }
    }
    out
}

/// Runs a pass over the entities, split across the machine's cores when there are
/// enough of them to be worth a thread; the results keep the entities' order.
fn in_chunks(entities: &[u32], pass: impl Fn(&[u32]) -> Pass + Sync) -> Pass {
    /// Below this many entities per thread, a thread costs more than it saves.
    const MIN_CHUNK: usize = 8 * 1024;
    static THREADS: OnceLock<usize> = OnceLock::new();
    let cores = *THREADS.get_or_init(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(8)
    });
    let threads = cores.min(entities.len() / MIN_CHUNK).max(1);
    if threads == 1 {
        return pass(entities);
    }
    let size = entities.len().div_ceil(threads);
    let pass = &pass;
    let parts: Vec<Pass> = std::thread::scope(|s| {
        let mut chunks = entities.chunks(size);
        let mine = chunks.next().unwrap_or_default();
        let others: Vec<_> = chunks.map(|c| s.spawn(move || pass(c))).collect();
        let mut parts = vec![pass(mine)];
        for h in others {
            parts.push(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        parts
    });
    let mut out = Pass::default();
    for p in parts {
        out.hits.extend(p.hits);
        out.failed.extend(p.failed);
    }
    out
}

/// The pairs of initials that the first two characters of any match must have,
/// as a set of bits `a * 26 + b`, or `None` when a single character may match (or
/// a character has no initials to tell).
///
/// The first character consumes the query's start: itself, one letter (its
/// initial), zh/ch/sh, or a whole reading; the second character's initial (or the
/// character itself) is the query's letter after that. `wushui`: w|u… or wu|shui,
/// so a text without a w-initial character followed by a u- or s-initial one
/// cannot match, and is skipped without a scan.
fn first_initials(q: &[char], table: &Symbols) -> Option<[u64; 11]> {
    let n = q.len();
    if n < 2 {
        return None;
    }
    let letters = q.iter().take_while(|c| c.is_ascii_lowercase()).count();
    let bytes: Vec<u8> = q[..letters].iter().map(|&c| c as u8).collect();
    if letters == n && table.all_readings().any(|r| r.starts_with(&bytes)) {
        return None;
    }
    // The initials a query character asks of the text character that consumes it.
    let initials_of = |c: char| -> u32 {
        if c.is_ascii_lowercase() {
            letter_bit(c)
        } else {
            table.get(c).map_or(0, |s| table.initials(s))
        }
    };
    let first = initials_of(q[0]);
    let mut cuts = vec![1];
    if letters >= 2 {
        if bytes[1] == b'h' && matches!(bytes[0], b'z' | b'c' | b's') {
            cuts.push(2);
        }
        cuts.extend(
            table
                .all_readings()
                .filter(|r| r.len() > 1 && bytes.starts_with(r))
                .map(<[u8]>::len),
        );
    }
    let mut alts = [0u64; 11];
    for k in cuts {
        if k >= n {
            continue;
        }
        let second = initials_of(q[k]);
        if first == 0 || second == 0 {
            return None;
        }
        for a in bits(first) {
            for b in bits(second) {
                set(&mut alts, a * 26 + b);
            }
        }
    }
    Some(alts)
}

/// Where words start in a field: `extra` first, then every position after a char
/// that is not a letter, digit or Chinese character, or between ASCII and Chinese
/// (`5G` | `网络`). Position 0 is left out: a match there is a prefix.
pub(super) fn word_starts<'a>(
    table: &'a Symbols,
    syms: &'a [u32],
    extra: usize,
) -> impl Iterator<Item = usize> + 'a {
    let extra = (extra > 0 && extra < syms.len()).then_some(extra);
    extra.into_iter().chain((1..syms.len()).filter(move |&p| {
        let (a, b) = (syms[p - 1], syms[p]);
        Some(p) != extra
            && table.is_word(b)
            && (!table.is_word(a) || table.ch(a).is_ascii() != table.ch(b).is_ascii())
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_starts_follow_punctuation_and_scripts() {
        let mut t = Symbols::new();
        let syms: Vec<u32> = "推进5G网络、建设".chars().map(|c| t.intern(c)).collect();
        let got: Vec<usize> = word_starts(&t, &syms, 0).collect();
        assert_eq!(got, [2, 4, 7]);
        let got: Vec<usize> = word_starts(&t, &syms, 1).collect();
        assert_eq!(got, [1, 2, 4, 7]);
    }

    #[test]
    fn first_initials_of_a_query() {
        let mut t = Symbols::new();
        for c in "市水务局嘉积镇污长".chars() {
            t.intern(c);
        }
        let pairs = |q: &str| -> Option<Vec<String>> {
            let alts = first_initials(&fold_query(q), &t)?;
            let mut out = Vec::new();
            for i in 0..26 * 26 {
                if alts[i / 64] & (1 << (i % 64)) != 0 {
                    out.push(format!(
                        "{}{}",
                        (b'a' + (i / 26) as u8) as char,
                        (b'a' + (i % 26) as u8) as char
                    ));
                }
            }
            Some(out)
        };
        assert_eq!(pairs("wushui").unwrap(), ["ws", "wu"]);
        assert_eq!(pairs("swj").unwrap(), ["sw"]);
        // zh is an initial; jia|ji; 市 is shi (and fu).
        assert_eq!(pairs("zhenj").unwrap(), ["ze", "zh", "zj"]);
        assert_eq!(pairs("zhen"), None, "镇 alone is zhen");
        // j|i, ji|a or jia|ji.
        assert_eq!(pairs("jiaji").unwrap(), ["ja", "ji", "jj"]);
        assert_eq!(pairs("市shui").unwrap(), ["fs", "ss"]);
        // One character may be the whole match: no constraint.
        assert_eq!(pairs("shui"), None);
        assert_eq!(pairs("shu"), None);
        assert_eq!(pairs("s"), None);
        // Nothing to say about a character without readings.
        assert_eq!(pairs("5g"), None);
    }

    #[test]
    fn chunks_keep_order() {
        let entities: Vec<u32> = (0..50_000).collect();
        let pass = in_chunks(&entities, |c| Pass {
            hits: Vec::new(),
            failed: c.iter().copied().filter(|e| e % 7 == 0).collect(),
        });
        let want: Vec<u32> = entities.iter().copied().filter(|e| e % 7 == 0).collect();
        assert_eq!(pass.failed, want);
    }
}
