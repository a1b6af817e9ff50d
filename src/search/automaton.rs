//! The strict matcher: a query compiled against the symbol table into a small
//! nondeterministic automaton whose states are "how much of the query has been
//! consumed" (a bit set, so at most [`MAX_QUERY`] characters).
//!
//! Each character of the text consumes, from the current query position, one of:
//! - the character itself (`水` matches 水; `g` matches the g of `5G`);
//! - one whole reading (`shui` on 水; every reading of a polyphone: `chang` or
//!   `zhang` on 长);
//! - the first letter of a reading (`s` on 水), or its two-letter initial zh/ch/sh
//!   (`zh` on 镇);
//! - at the very end of the query, any beginning of a reading (`jiaj` on 嘉积), so a
//!   match is found while the last syllable is still being typed.
//!
//! So `shuiwuju`, `swj`, `shuiwj`, `市shui` and `水wu局` all match 市水务局, and a
//! match always covers consecutive characters: the highlight of a strict match is a
//! run of positions.

use super::symbols::Symbols;
use std::sync::OnceLock;

mod text;

/// Queries are cut to this many characters (after folding and removing spaces).
pub(crate) const MAX_QUERY: usize = 63;

/// A query compiled for one symbol table.
#[derive(Debug, Clone)]
pub(crate) struct Automaton {
    n: usize,
    accept: u64,
    /// `trans[s * n + i]`: the states reached from state `i` by symbol `s`.
    trans: Vec<u64>,
    /// `trans[s * n]`, kept apart so that the scan for a match start touches
    /// one small, dense array.
    start: Vec<u64>,
    /// Sets of the characters that can start a match and follow its first,
    /// made when a text is first read (see `text.rs`).
    starts: OnceLock<text::Starts>,
}

impl Automaton {
    /// Compiles a folded, non-empty query (see [`super::symbols::fold_query`]).
    pub(crate) fn new(query: &[char], table: &Symbols) -> Automaton {
        let query = &query[..query.len().min(MAX_QUERY)];
        let n = query.len();
        let accept = 1u64 << n;
        // The ASCII lowercase letters that start at each query position.
        let mut letters = vec![0usize; n + 1];
        for i in (0..n).rev() {
            letters[i] = if query[i].is_ascii_lowercase() {
                letters[i + 1] + 1
            } else {
                0
            };
        }
        let bytes: Vec<u8> = query
            .iter()
            .map(|&c| if c.is_ascii() { c as u8 } else { 0 })
            .collect();
        let symbols = table.len();
        let mut trans = vec![0u64; symbols * n];
        for s in 0..symbols as u32 {
            let ch = table.ch(s);
            for i in 0..n {
                let mut next = 0u64;
                if query[i] == ch {
                    next |= 1 << (i + 1);
                }
                let k = letters[i];
                if k > 0 {
                    let q = &bytes[i..i + k];
                    for r in table.readings(s) {
                        // The rest of the query is the beginning of this reading.
                        if i + k == n && r.starts_with(q) {
                            next |= accept;
                        }
                        // The whole reading.
                        if q.starts_with(r) {
                            next |= 1 << (i + r.len());
                        }
                        // Its first letter, or its zh/ch/sh initial.
                        if q[0] == r[0] {
                            next |= 1 << (i + 1);
                            if k >= 2 && r.len() > 2 && r[1] == b'h' && q[1] == b'h' {
                                next |= 1 << (i + 2);
                            }
                        }
                    }
                }
                trans[s as usize * n + i] = next;
            }
        }
        // A state from which no text can reach the end of the query is dropped:
        // `wushu` after a character that took only its w (the rest, `ushu`, starts
        // no reading) goes nowhere, so 为 and 完 need not start a match there.
        // Transitions only go forward, so the states are settled from the last.
        let mut live = accept;
        for i in (0..n).rev() {
            if (0..symbols).any(|s| trans[s * n + i] & live != 0) {
                live |= 1 << i;
            }
        }
        for t in &mut trans {
            *t &= live;
        }
        let start = (0..symbols).map(|s| trans[s * n]).collect();
        Automaton {
            n,
            accept,
            trans,
            start,
            starts: OnceLock::new(),
        }
    }

    /// States reached from `states` (which must not hold the accept bit) by `s`.
    #[inline]
    fn step(&self, s: u32, states: u64) -> u64 {
        let base = s as usize * self.n;
        let mut next = 0;
        let mut rest = states;
        while rest != 0 {
            let i = rest.trailing_zeros() as usize;
            next |= self.trans[base + i];
            rest &= rest - 1;
        }
        next
    }

    /// The end (inclusive) of the shortest match that starts exactly at `from`.
    pub(crate) fn match_at(&self, syms: &[u32], from: usize) -> Option<usize> {
        let mut states = 1u64;
        for (k, &s) in syms.get(from..)?.iter().enumerate() {
            states = self.step(s, states);
            if states & self.accept != 0 {
                return Some(from + k);
            }
            if states == 0 {
                return None;
            }
        }
        None
    }

    /// Whether the query matches the whole text, first character to last.
    pub(crate) fn matches_all(&self, syms: &[u32]) -> bool {
        let mut states = 1u64;
        for &s in syms {
            states &= !self.accept;
            if states == 0 {
                return false;
            }
            states = self.step(s, states);
        }
        states & self.accept != 0
    }

    /// The end (inclusive) of the first match anywhere in the text (the match that
    /// ends first).
    pub(crate) fn find_end(&self, syms: &[u32]) -> Option<usize> {
        let mut states = 0u64;
        for (k, &s) in syms.iter().enumerate() {
            let Some(&start) = self.start.get(s as usize) else {
                states = 0;
                continue;
            };
            let mut next = start;
            if states != 0 {
                next |= self.step(s, states);
            }
            if next & self.accept != 0 {
                return Some(k);
            }
            states = next;
        }
        None
    }

    /// The leftmost match: its start and (inclusive) end.
    pub(crate) fn find(&self, syms: &[u32]) -> Option<(usize, usize)> {
        let end = self.find_end(syms)?;
        // Each character consumes at least one of the query's: a match is at
        // most `n` characters long, and none ends before `end`.
        (end.saturating_sub(self.n - 1)..=end)
            .find_map(|st| self.match_at(syms, st).map(|e| (st, e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::symbols::fold_query;

    fn setup(text: &str, query: &str) -> (Automaton, Vec<u32>) {
        let mut t = Symbols::new();
        let syms: Vec<u32> = text.chars().map(|c| t.intern(c)).collect();
        (Automaton::new(&fold_query(query), &t), syms)
    }

    fn find(text: &str, query: &str) -> Option<(usize, usize)> {
        let (a, s) = setup(text, query);
        a.find(&s)
    }

    #[test]
    fn full_pinyin_initials_and_mixtures() {
        assert_eq!(find("市水务局", "shuiwuju"), Some((1, 3)));
        assert_eq!(find("市水务局", "swj"), Some((1, 3)));
        assert_eq!(find("市水务局", "shuiwj"), Some((1, 3)));
        assert_eq!(find("市水务局", "shwj"), Some((1, 3)));
        assert_eq!(find("市水务局", "市shui"), Some((0, 1)));
        assert_eq!(find("市水务局", "水wu局"), Some((1, 3)));
        assert_eq!(find("市水务局", "水务"), Some((1, 2)));
        assert_eq!(find("市水务局", "sj"), None);
        assert_eq!(find("嘉积镇", "jiaji镇"), Some((0, 2)));
        assert_eq!(find("嘉积镇", "jiaj"), Some((0, 1)));
        assert_eq!(find("嘉积镇", "jiajizh"), Some((0, 2)));
    }

    #[test]
    fn every_reading_of_a_polyphone() {
        assert_eq!(find("长坡镇", "changpo"), Some((0, 1)));
        assert_eq!(find("长坡镇", "zhangpo"), Some((0, 1)));
        assert_eq!(find("会山镇", "kuai"), Some((0, 0)));
        assert_eq!(find("会山镇", "huishan"), Some((0, 1)));
        assert_eq!(find("快乐", "yue"), Some((1, 1)));
        assert_eq!(find("银行", "yinhang"), Some((0, 1)));
    }

    #[test]
    fn ascii_is_case_insensitive_and_literal() {
        assert_eq!(find("推进5G网络", "5g"), Some((2, 3)));
        assert_eq!(find("推进5G网络", "5GWL"), Some((2, 5)));
        assert_eq!(find("ABC", "b"), Some((1, 1)));
    }

    #[test]
    fn anchored_and_whole() {
        let (a, s) = setup("嘉积镇", "jiaji");
        assert_eq!(a.match_at(&s, 0), Some(1));
        assert!(!a.matches_all(&s));
        let (a, s) = setup("嘉积镇", "jjz");
        assert!(a.matches_all(&s));
        let (a, s) = setup("嘉积", "jiaj");
        assert!(a.matches_all(&s));
        let (a, s) = setup("市水务局", "swj");
        assert_eq!(a.match_at(&s, 0), None);
        assert_eq!(a.match_at(&s, 1), Some(3));
    }

    #[test]
    fn a_long_query_is_cut() {
        let text: String = "水".repeat(80);
        let query: String = "s".repeat(80);
        let (a, s) = setup(&text, &query);
        assert_eq!(a.find(&s), Some((0, MAX_QUERY - 1)));
    }
}
