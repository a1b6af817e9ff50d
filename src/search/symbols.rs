//! The alphabet of the index: every distinct character of the registry's searchable
//! text becomes a *symbol* with its folded form and all its pinyin readings, looked up
//! once when the index is built. Fields are stored as symbol ids, so matching a
//! keystroke never converts a character to pinyin again.

use pinyin::ToPinyinMulti;
use std::collections::HashMap;
use std::ops::Range;

/// Folds a character for case-insensitive matching, one char to one char so that
/// char positions in the folded text are positions in the displayed text: ASCII
/// and other single-char lowercase mappings, full-width ASCII (ＳＷＪ, typed with a
/// Chinese input method still on) to ASCII, the ideographic space to a space.
pub(crate) fn fold(c: char) -> char {
    let c = match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // CJK ideographs (extension A, the hexagrams, the unified block) have no case:
    // most characters of a plan, and `to_lowercase` is a table search for each.
    if ('\u{3400}'..='\u{9fff}').contains(&c) {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// The folded characters of a query, without whitespace (spaces may separate
/// syllables: `shui wu ju` is `shuiwuju`).
pub(crate) fn fold_query(q: &str) -> Vec<char> {
    q.chars().map(fold).filter(|c| !c.is_whitespace()).collect()
}

/// A symbol: one distinct folded character of the indexed text.
#[derive(Debug, Clone)]
struct Symbol {
    ch: char,
    /// Range into `Symbols::readings`.
    readings: Range<u32>,
    /// The letters of its readings, and the character itself if it is a letter
    /// (bit 0 for `a`): a field lacking one of a query's letters cannot match it.
    letters: u32,
    /// The first letters of its readings, and itself if it is a letter.
    initials: u32,
    /// A letter, digit or Chinese character.
    word: bool,
}

/// The symbol table: characters, their readings (toneless pinyin, every reading of
/// a polyphone: 长 → zhang, chang) and their romanised form for the fuzzy tier.
#[derive(Debug, Clone)]
pub(crate) struct Symbols {
    symbols: Vec<Symbol>,
    /// Reading ids of every symbol, back to back.
    readings: Vec<u16>,
    /// Distinct readings, lowercase ASCII (ü is written v, and also u: 绿 lv, lu).
    reading_text: Vec<Box<[u8]>>,
    reading_ids: HashMap<Box<[u8]>, u16>,
    /// Symbol ids of the Basic Multilingual Plane, `u32::MAX` when unassigned: of
    /// each folded character, and of each character as it was interned (`S` has
    /// the symbol of `s`), so that reading a text needs no folding. Folding twice
    /// folds once, so both agree.
    bmp: Vec<u32>,
    astral: HashMap<char, u32>,
}

impl Symbols {
    pub(crate) fn new() -> Symbols {
        Symbols {
            symbols: Vec::new(),
            readings: Vec::new(),
            reading_text: Vec::new(),
            reading_ids: HashMap::new(),
            bmp: vec![u32::MAX; 0x1_0000],
            astral: HashMap::new(),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.symbols.len()
    }

    /// The symbol of a character, assigned on first sight (the character is folded).
    pub(crate) fn intern(&mut self, c: char) -> u32 {
        if let Some(&known) = self.bmp.get(c as usize)
            && known != u32::MAX
        {
            return known;
        }
        let f = fold(c);
        if let Some(known) = self.get(f) {
            if (c as u32) < 0x1_0000 {
                self.bmp[c as usize] = known;
            }
            return known;
        }
        let id = self.symbols.len() as u32;
        let start = self.readings.len() as u32;
        for r in readings_of(f) {
            let rid = self.reading_id(&r);
            if !self.readings[start as usize..].contains(&rid) {
                self.readings.push(rid);
            }
        }
        let end = self.readings.len() as u32;
        let mut letters = letter_bit(f);
        let mut initials = letter_bit(f);
        for &rid in &self.readings[start as usize..] {
            let r = &self.reading_text[rid as usize];
            initials |= letter_bit(r[0] as char);
            for &b in r.iter() {
                letters |= letter_bit(b as char);
            }
        }
        self.symbols.push(Symbol {
            ch: f,
            readings: start..end,
            letters,
            initials,
            word: f.is_alphanumeric(),
        });
        if (f as u32) < 0x1_0000 {
            self.bmp[f as usize] = id;
        } else {
            self.astral.insert(f, id);
        }
        if (c as u32) < 0x1_0000 {
            self.bmp[c as usize] = id;
        }
        id
    }

    fn reading_id(&mut self, r: &[u8]) -> u16 {
        if let Some(&id) = self.reading_ids.get(r) {
            return id;
        }
        let id = self.reading_text.len() as u16;
        self.reading_text.push(r.into());
        self.reading_ids.insert(r.into(), id);
        id
    }

    /// The folded character of a symbol.
    pub(crate) fn ch(&self, s: u32) -> char {
        self.symbols[s as usize].ch
    }

    /// The readings of a symbol (empty for characters that are not Chinese).
    pub(crate) fn readings(&self, s: u32) -> impl Iterator<Item = &[u8]> + '_ {
        let r = &self.symbols[s as usize].readings;
        self.readings[r.start as usize..r.end as usize]
            .iter()
            .map(|&id| &*self.reading_text[id as usize])
    }

    /// Appends the romanised form of a symbol to `out` (for the fuzzy tier): a space
    /// and then each reading separated by spaces (长 → ` zhang chang`), so that every
    /// syllable starts a word; an ASCII letter or digit stays itself; anything else
    /// (punctuation, other scripts) becomes a space.
    pub(crate) fn romanise(&self, s: u32, out: &mut Vec<u8>) {
        let sym = &self.symbols[s as usize];
        if sym.readings.is_empty() {
            out.push(if sym.ch.is_ascii_alphanumeric() {
                sym.ch as u8
            } else {
                b' '
            });
            return;
        }
        for r in self.readings(s) {
            out.push(b' ');
            out.extend_from_slice(r);
        }
    }

    /// How many bytes [`Symbols::romanise`] appends for the symbol.
    pub(crate) fn roman_len(&self, s: u32) -> usize {
        let sym = &self.symbols[s as usize];
        if sym.readings.is_empty() {
            return 1;
        }
        self.readings(s).map(|r| 1 + r.len()).sum()
    }

    /// Whether the symbol is a letter, digit or Chinese character (a word character).
    pub(crate) fn is_word(&self, s: u32) -> bool {
        self.symbols[s as usize].word
    }

    /// The letters of the symbol's readings and of itself (see [`letter_bit`]).
    pub(crate) fn letters(&self, s: u32) -> u32 {
        self.symbols[s as usize].letters
    }

    /// The first letters of the symbol's readings, and itself if it is a letter.
    pub(crate) fn initials(&self, s: u32) -> u32 {
        self.symbols[s as usize].initials
    }

    /// Every distinct reading of the indexed text.
    pub(crate) fn all_readings(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.reading_text.iter().map(|r| &**r)
    }

    /// The symbols of an indexed text, character by character (`u32::MAX` for a
    /// character the table lacks, which no query matches).
    pub(crate) fn symbols_of<'a>(&'a self, text: &'a str) -> impl Iterator<Item = u32> + 'a {
        text.chars().map(|c| match self.bmp.get(c as usize) {
            Some(&s) => s,
            None => self.get(fold(c)).unwrap_or(u32::MAX),
        })
    }

    /// The symbol of a character of an indexed text, by code point, as
    /// [`Symbols::symbols_of`] reads it.
    #[inline]
    pub(crate) fn symbol_of(&self, cp: u32) -> u32 {
        match self.bmp.get(cp as usize) {
            Some(&s) => s,
            None => char::from_u32(cp)
                .and_then(|c| self.get(fold(c)))
                .unwrap_or(u32::MAX),
        }
    }

    /// Every BMP code point that has a symbol, as the text is read (unfolded
    /// characters too), with it.
    pub(crate) fn bmp_symbols(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.bmp
            .iter()
            .enumerate()
            .filter(|&(_, &s)| s != u32::MAX)
            .map(|(cp, &s)| (cp as u32, s))
    }

    /// The symbol of a folded character, if the indexed text has it.
    pub(crate) fn get(&self, f: char) -> Option<u32> {
        let id = if (f as u32) < 0x1_0000 {
            self.bmp[f as usize]
        } else {
            self.astral.get(&f).copied().unwrap_or(u32::MAX)
        };
        (id != u32::MAX).then_some(id)
    }
}

/// The bit of an ASCII lowercase letter in a letter set (0 for anything else).
pub(crate) fn letter_bit(c: char) -> u32 {
    if c.is_ascii_lowercase() {
        1 << (c as u32 - 'a' as u32)
    } else {
        0
    }
}

/// The bit of a symbol in a field's 64-bit Bloom filter of its symbols.
pub(crate) fn bloom_bit(s: u32) -> u64 {
    1 << (s.wrapping_mul(0x9e37_79b9) >> 26)
}

/// 64-bit words of each of a full text's Bloom filters (of its symbols, of its
/// pairs of adjacent symbols, of its pairs of initials). 256 bits: a text of a
/// hundred-odd characters sets about a third of them, and at 100 000 texts each
/// word is 0.8 MB.
pub(crate) const WIDE_WORDS: usize = 4;
const WIDE_SHIFT: u32 = 32 - (WIDE_WORDS as u32 * 64).trailing_zeros();

/// The bit of a symbol in a full text's wider Bloom filter.
pub(crate) fn wide_bloom_bit(s: u32) -> usize {
    (s.wrapping_mul(0x9e37_79b9) >> WIDE_SHIFT) as usize
}

/// The bit of a pair of adjacent symbols in a full text's filter.
pub(crate) fn pair_bit(a: u32, b: u32) -> usize {
    ((a.wrapping_mul(0x9e37_79b9) ^ b.wrapping_mul(0x85eb_ca6b)).wrapping_mul(0xc2b2_ae35)
        >> WIDE_SHIFT) as usize
}

/// The bit of a pair of initials, letters `a` then `b` (0 for a), in a full
/// text's filter.
pub(crate) fn initials_bit(a: usize, b: usize) -> usize {
    ((a as u32 * 26 + b as u32).wrapping_mul(0x9e37_79b9) >> WIDE_SHIFT) as usize
}

/// Every toneless reading of a character, as ASCII: the `pinyin` crate's
/// heteronym table, ü spelled both v (as pinyin keyboards type it) and u.
fn readings_of(c: char) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    let Some(multi) = c.to_pinyin_multi() else {
        return out;
    };
    for p in multi {
        let plain = p.plain();
        let spellings: Vec<String> = if plain.contains('ü') {
            vec![plain.replace('ü', "v"), plain.replace('ü', "u")]
        } else {
            vec![plain.replace('ê', "e")]
        };
        for s in spellings {
            let s = s.into_bytes();
            if !s.is_empty() && s.iter().all(u8::is_ascii_lowercase) && !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn readings(c: char) -> Vec<String> {
        readings_of(c)
            .into_iter()
            .map(|r| String::from_utf8(r).unwrap())
            .collect()
    }

    #[test]
    fn folding_keeps_one_char_per_char() {
        assert_eq!(fold('S'), 's');
        assert_eq!(fold('Ｓ'), 's');
        assert_eq!(fold('\u{3000}'), ' ');
        assert_eq!(fold('水'), '水');
        // İ lowercases to two chars: kept as it is, so positions stay aligned.
        assert_eq!(fold('İ'), 'İ');
        assert_eq!(
            fold_query(" Shui Wu ju "),
            "shuiwuju".chars().collect::<Vec<_>>()
        );
    }

    #[test]
    fn polyphones_have_every_reading() {
        for (c, want) in [
            ('长', ["chang", "zhang"]),
            ('会', ["hui", "kuai"]),
            ('乐', ["le", "yue"]),
            ('行', ["xing", "hang"]),
        ] {
            let got = readings(c);
            for w in want {
                assert!(got.iter().any(|r| r == w), "{c}: {got:?} lacks {w}");
            }
        }
        assert_eq!(readings('水'), ["shui"]);
        assert!(readings('绿').contains(&"lv".to_string()));
        assert!(readings('绿').contains(&"lu".to_string()));
        assert!(readings('a').is_empty());
        assert!(readings('、').is_empty());
    }

    #[test]
    fn interning_is_stable_and_folded() {
        let mut t = Symbols::new();
        let a = t.intern('长');
        let b = t.intern('S');
        assert_eq!(t.intern('长'), a);
        assert_eq!(t.intern('s'), b);
        assert_eq!(t.intern('ｓ'), b);
        assert_eq!(t.len(), 2);
        assert_eq!(t.ch(b), 's');
        // The same reading is stored once.
        let xing = t.intern('行');
        let n = t.readings(xing).count();
        let mut uniq: Vec<&[u8]> = t.readings(xing).collect();
        uniq.dedup();
        assert_eq!(uniq.len(), n);
        let comma = t.intern('、');
        let mut out = Vec::new();
        t.romanise(a, &mut out);
        t.romanise(b, &mut out);
        t.romanise(comma, &mut out);
        assert_eq!(out, b" zhang changs ");
        let l = t.letters(a);
        for c in "zhangc".chars() {
            assert_ne!(l & letter_bit(c), 0, "{c}");
        }
        assert_eq!(l & letter_bit('x'), 0);
        assert_eq!(t.letters(b), letter_bit('s'));
        assert_eq!(t.initials(a), letter_bit('z') | letter_bit('c'));
        assert_eq!(t.initials(b), letter_bit('s'));
        assert_eq!(t.initials(comma), 0);
        assert_eq!(t.get('水'), None);
        assert_eq!(t.get('s'), Some(b));
        assert!(t.is_word(a) && t.is_word(b) && !t.is_word(comma));
    }
}
