//! The fuzzy tier, by nucleo-matcher (helix's matcher, the fzf algorithm): the query's
//! characters in order, with gaps, scored by how they fall on word starts and runs.
//!
//! An ASCII query is matched against the romanised field (` shi shui wu ju` for
//! 市水务局: every reading of every character, each syllable a word), so `shiju` and
//! `ssj` find 市水务局; each run of matched letters must start a syllable, which
//! keeps out letters picked from the middles of syllables. Any other query is
//! matched against the field's own characters (`市局`).
//! Positions found in the romanised text are mapped back to the characters they came
//! from.

use super::symbols::Symbols;
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The fuzzy matcher for one query.
pub(crate) struct Fuzzy {
    matcher: Matcher,
    /// The query as nucleo reads it: ASCII bytes, or chars.
    ascii: Option<Vec<u8>>,
    chars: Vec<char>,
    /// Matches scoring below this are noise: scattered letters of a long title.
    min_score: u16,
    buf_bytes: Vec<u8>,
    buf_chars: Vec<char>,
    buf_map: Vec<u32>,
    indices: Vec<u32>,
}

/// nucleo's score of one matched character (its `SCORE_MATCH`).
const PER_CHAR: u16 = 16;

impl Fuzzy {
    /// A matcher for a folded, non-empty query.
    pub(crate) fn new(query: &[char]) -> Fuzzy {
        let mut config = Config::DEFAULT;
        config.prefer_prefix = true;
        let ascii = query
            .iter()
            .all(char::is_ascii)
            .then(|| query.iter().map(|&c| c as u8).collect());
        // Each character must, on average, earn its match score: the bonuses for
        // word starts and runs have to pay for the gaps.
        let min_score = PER_CHAR.saturating_mul(query.len().min(u16::MAX as usize) as u16);
        Fuzzy {
            matcher: Matcher::new(config),
            ascii,
            chars: query.to_vec(),
            min_score,
            buf_bytes: Vec::new(),
            buf_chars: Vec::new(),
            buf_map: Vec::new(),
            indices: Vec::new(),
        }
    }

    /// Lays out the haystack for a field in the buffers: the romanised text (with
    /// the char each byte comes from) for an ASCII query, else the folded chars.
    fn load(&mut self, syms: &[u32], table: &Symbols) {
        if self.ascii.is_some() {
            self.buf_bytes.clear();
            self.buf_map.clear();
            for (i, &s) in syms.iter().enumerate() {
                let before = self.buf_bytes.len();
                table.romanise(s, &mut self.buf_bytes);
                let added = self.buf_bytes.len() - before;
                self.buf_map.extend(std::iter::repeat_n(i as u32, added));
            }
        } else {
            self.buf_chars.clear();
            self.buf_chars.extend(syms.iter().map(|&s| table.ch(s)));
        }
    }

    /// The field's score, when the query matches it well enough; else whether it
    /// is at least a subsequence (`Err(true)`: a longer query may still score).
    /// `roman` is the field romanised as [`Symbols::romanise`] does it, kept by the
    /// index so that a keystroke does not redo it.
    pub(crate) fn score(
        &mut self,
        roman: &[u8],
        syms: &[u32],
        table: &Symbols,
    ) -> Result<u16, bool> {
        self.indices.clear();
        let found = if let Some(b) = &self.ascii {
            self.matcher.fuzzy_indices(
                Utf32Str::Ascii(roman),
                Utf32Str::Ascii(b),
                &mut self.indices,
            )
        } else {
            self.buf_chars.clear();
            self.buf_chars.extend(syms.iter().map(|&s| table.ch(s)));
            self.matcher.fuzzy_indices(
                Utf32Str::Unicode(&self.buf_chars),
                Utf32Str::Unicode(&self.chars),
                &mut self.indices,
            )
        };
        match found {
            Some(score) if score >= self.min_score && self.aligned(roman) => Ok(score),
            Some(_) => Err(true),
            None => Err(false),
        }
    }

    /// Whether, in the romanised text, every run of matched letters starts a
    /// syllable (or a word): `shiju` may take shi of 市 and ju of 局, but not the
    /// a of jian to spell `huishan`. Other queries match characters: always true.
    fn aligned(&self, roman: &[u8]) -> bool {
        if self.ascii.is_none() {
            return true;
        }
        let b = roman;
        let mut prev: Option<u32> = None;
        for &i in &self.indices {
            let run_start = prev != Some(i.wrapping_sub(1));
            if run_start && i > 0 && b[i as usize - 1].is_ascii_alphabetic() {
                return false;
            }
            prev = Some(i);
        }
        true
    }

    /// The score and the matched char positions (sorted, distinct).
    pub(crate) fn positions(&mut self, syms: &[u32], table: &Symbols) -> Option<(u16, Vec<usize>)> {
        self.load(syms, table);
        self.indices.clear();
        let (hay, needle) = if let Some(b) = &self.ascii {
            (Utf32Str::Ascii(&self.buf_bytes), Utf32Str::Ascii(b))
        } else {
            (
                Utf32Str::Unicode(&self.buf_chars),
                Utf32Str::Unicode(&self.chars),
            )
        };
        let score = self.matcher.fuzzy_indices(hay, needle, &mut self.indices)?;
        if score < self.min_score || !self.aligned(&self.buf_bytes) {
            return None;
        }
        let mut pos: Vec<usize> = if self.ascii.is_some() {
            self.indices
                .iter()
                .map(|&i| self.buf_map[i as usize] as usize)
                .collect()
        } else {
            self.indices.iter().map(|&i| i as usize).collect()
        };
        pos.sort_unstable();
        pos.dedup();
        Some((score, pos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::symbols::fold_query;

    fn run(text: &str, query: &str) -> Option<(u16, Vec<usize>)> {
        let mut t = Symbols::new();
        let syms: Vec<u32> = text.chars().map(|c| t.intern(c)).collect();
        let mut f = Fuzzy::new(&fold_query(query));
        let mut roman = Vec::new();
        for &s in &syms {
            t.romanise(s, &mut roman);
        }
        let s = f.score(&roman, &syms, &t).ok();
        let p = f.positions(&syms, &t);
        assert_eq!(s, p.as_ref().map(|(s, _)| *s), "score and positions agree");
        p
    }

    #[test]
    fn pinyin_with_gaps() {
        assert_eq!(run("市水务局", "shiju").map(|p| p.1), Some(vec![0, 3]));
        assert_eq!(run("市水务局", "ssj").map(|p| p.1), Some(vec![0, 1, 3]));
        assert_eq!(run("市水务局", "市局").map(|p| p.1), Some(vec![0, 3]));
    }

    #[test]
    fn scattered_letters_are_not_a_match() {
        assert_eq!(run("积极推动电子商务进农村工作", "qqqzzz"), None);
        assert_eq!(run("市水务局", "xyz"), None);
        // h-u-i from 慧, then s-h from 市, then a-n from the middle of 建 (jian).
        assert_eq!(run("稳步推动智慧城市建设", "huishan"), None);
    }
}
