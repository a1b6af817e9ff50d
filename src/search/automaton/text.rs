//! Reading a full text for the strict matcher straight from its UTF-8 bytes.
//!
//! Full texts are kept as the registry's strings, not as symbol ids (memory, see
//! `index.rs`), and most of their characters cannot start a match: for `wushu`,
//! only those with a reading that starts with w. While no match is under way the
//! scan decodes each character by hand and tests one bit of a per-query set of the
//! Basic Multilingual Plane's characters that can start a match (8 KB, made once
//! per query when the first text is read); only a character in it, or any
//! character while a match is under way, is looked up in the symbol table. When
//! no single character can match the whole query, a second set (the characters
//! that can follow any first one) turns most would-be starts away by the next
//! character alone. The match's start is then found in the few characters before
//! its end, so a hit needs no second reading of its text.

use super::Automaton;
use crate::search::symbols::Symbols;

/// A set of BMP characters, a bit each.
type Set = [u64; 0x1_0000 / 64];

/// Sets of BMP characters made for one query (see the module doc).
#[derive(Debug, Clone)]
pub(super) struct Starts {
    /// The characters that can start a match.
    first: Box<Set>,
    /// The characters that can follow any character that starts a match; `None`
    /// when a single character can be a whole match.
    then: Option<Box<Set>>,
}

/// Whether the set holds the BMP code point `cp`.
#[inline(always)]
fn has(set: &Set, cp: u32) -> bool {
    set[cp as usize / 64] >> (cp % 64) & 1 != 0
}

impl Automaton {
    fn starts(&self, table: &Symbols) -> &Starts {
        self.starts.get_or_init(|| {
            let mut first = Box::new([0u64; 0x1_0000 / 64]);
            let mut after_one = 0u64;
            for (cp, s) in table.bmp_symbols() {
                let m = self.start.get(s as usize).copied().unwrap_or(0);
                if m != 0 {
                    first[cp as usize / 64] |= 1 << (cp % 64);
                }
            }
            // The states after one character, from wherever it stands.
            for &m in &self.start {
                after_one |= m;
            }
            let then = (after_one & self.accept == 0).then(|| {
                let mut then = Box::new([0u64; 0x1_0000 / 64]);
                for (cp, s) in table.bmp_symbols() {
                    if (s as usize) < self.start.len() && self.step(s, after_one) != 0 {
                        then[cp as usize / 64] |= 1 << (cp % 64);
                    }
                }
                then
            });
            Starts { first, then }
        })
    }

    /// The leftmost match in a full text, as `find` on its symbols would give it:
    /// its first and last char (char indices, inclusive).
    pub(crate) fn find_in_text(&self, text: &str, table: &Symbols) -> Option<(usize, usize)> {
        let sets = self.starts(table);
        let first = &sets.first;
        let b = text.as_bytes();
        let mut i = 0usize;
        let mut states = 0u64;
        while i < b.len() {
            if states == 0 {
                i = self.next_start(b, i, first, table)?;
                // No match starts here if the next character cannot follow.
                if let Some(then) = &sets.then {
                    let (_, len) = decode(b, i);
                    match b.get(i + len) {
                        None => return None,
                        Some(_) => {
                            let (next, _) = decode(b, i + len);
                            if next < 0x1_0000 && !has(then, next) {
                                i += len;
                                continue;
                            }
                        }
                    }
                }
            }
            let (cp, len) = decode(b, i);
            let s = table.symbol_of(cp);
            match self.start.get(s as usize) {
                None => states = 0,
                Some(&start) => {
                    let mut next = start;
                    if states != 0 {
                        next |= self.step(s, states);
                    }
                    if next & self.accept != 0 {
                        let end = chars_in(&b[..i]);
                        return self.start_before(text, i + len, end, table);
                    }
                    states = next;
                }
            }
            i += len;
        }
        None
    }

    /// The first byte at or after `from` that starts a character that can start a
    /// match (or may: one outside the BMP), `None` if there is none. A three-byte
    /// character (nearly every Chinese one) is decoded in place and tested against
    /// the set; ASCII is its own code point; the rest is decoded in full.
    #[inline]
    fn next_start(&self, b: &[u8], from: usize, first: &Set, table: &Symbols) -> Option<usize> {
        let mut i = from;
        while let [x, y, z, ..] = b[i..] {
            if x & 0xf0 == 0xe0 {
                // The set's word is picked by the first two bytes, its bit by the third.
                let word = first[(x as usize & 0x0f) << 6 | (y as usize & 0x3f)];
                if word >> (z & 0x3f) & 1 != 0 {
                    return Some(i);
                }
                i += 3;
            } else if x < 0x80 {
                if has(first, x as u32) {
                    return Some(i);
                }
                i += 1;
            } else {
                let (cp, len) = decode(b, i);
                if self.may_start(cp, first, table) {
                    return Some(i);
                }
                i += len;
            }
        }
        while i < b.len() {
            let (cp, len) = decode(b, i);
            if self.may_start(cp, first, table) {
                return Some(i);
            }
            i += len;
        }
        None
    }

    /// Whether the character can start a match.
    fn may_start(&self, cp: u32, first: &Set, table: &Symbols) -> bool {
        if cp < 0x1_0000 {
            return has(first, cp);
        }
        let s = table.symbol_of(cp);
        self.start.get(s as usize).is_some_and(|&m| m != 0)
    }

    /// The match that ends at char `end` (whose bytes end at `to`), the first end
    /// of any match: its start is among the `n` characters up to it (each character
    /// consumes at least one of the query's), the leftmost one from which a match
    /// reaches `end`.
    fn start_before(
        &self,
        text: &str,
        to: usize,
        end: usize,
        table: &Symbols,
    ) -> Option<(usize, usize)> {
        let b = text.as_bytes();
        let mut from = to;
        for _ in 0..self.n.min(end + 1) {
            from -= 1;
            while b[from] & 0xc0 == 0x80 {
                from -= 1;
            }
        }
        let window: Vec<u32> = table.symbols_of(&text[from..to]).collect();
        let back = window.len() - 1;
        // A character the table lacks matches nothing: no match starts before it.
        let known = window
            .iter()
            .rposition(|&s| s as usize >= self.start.len())
            .map_or(0, |p| p + 1);
        (known..window.len())
            .find(|&st| self.match_at(&window, st).is_some())
            .map(|st| (end - back + st, end))
    }
}

/// How many characters valid UTF-8 holds: its bytes that are not continuation
/// bytes (`10xxxxxx`).
fn chars_in(b: &[u8]) -> usize {
    b.iter().filter(|&&x| (x as i8) >= -0x40).count()
}

/// The code point of the character at byte `i` of valid UTF-8, and its length.
#[inline(always)]
fn decode(b: &[u8], i: usize) -> (u32, usize) {
    let c0 = b[i] as u32;
    if c0 < 0x80 {
        return (c0, 1);
    }
    let tail = |j: usize| (b[i + j] & 0x3f) as u32;
    if c0 < 0xe0 {
        ((c0 & 0x1f) << 6 | tail(1), 2)
    } else if c0 < 0xf0 {
        ((c0 & 0x0f) << 12 | tail(1) << 6 | tail(2), 3)
    } else {
        (
            (c0 & 0x07) << 18 | tail(1) << 12 | tail(2) << 6 | tail(3),
            4,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::symbols::fold_query;

    #[test]
    fn decoding_by_hand_agrees_with_chars() {
        let text = "aé水𠀀Ｓ5G、\u{3000}z";
        let mut i = 0;
        for c in text.chars() {
            let (cp, len) = decode(text.as_bytes(), i);
            assert_eq!((cp, len), (c as u32, c.len_utf8()));
            i += len;
        }
    }

    /// The text scan gives what `find` gives on the text's symbols, for queries of
    /// Chinese, pinyin, initials and both, on texts with ASCII, full-width and
    /// astral characters.
    #[test]
    fn the_text_scan_agrees_with_find_on_symbols() {
        let texts = [
            "推进污水处理设施建设,加快市水务局嘉积镇5G网络",
            "ＳＷＪ长坡镇、会山镇𠀀水务局 Wushui 污水水务",
            "",
            "水",
            "市市市水水务务局局",
        ];
        let mut t = Symbols::new();
        for text in texts {
            for c in text.chars() {
                t.intern(c);
            }
        }
        let queries = [
            "wushui", "ws", "swj", "水务", "污shui", "shuiwj", "jiaj", "changpo", "zhangpo", "5g",
            "s", "水", "sw", "wu", "𠀀水", "ssj", "市市", "shishi",
        ];
        for q in queries {
            let a = Automaton::new(&fold_query(q), &t);
            for text in texts {
                let syms: Vec<u32> = t.symbols_of(text).collect();
                assert_eq!(a.find_in_text(text, &t), a.find(&syms), "{q} in {text}");
            }
        }
    }
}
