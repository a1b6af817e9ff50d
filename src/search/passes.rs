//! The ranking passes of a query over the entities — strict matches in names and
//! titles, then in full texts, then fuzzy — run in chunks across threads, and the
//! cheap tests (initials of a match's first characters, word starts) that let a
//! pass skip a field without scanning it.

use super::Tier;
use super::fuzzy::Fuzzy;
use super::index::{SearchIndex, bits, set};
use super::query::{Pass, Raw, Strict};
use super::symbols::{Symbols, letter_bit};
use std::sync::OnceLock;

/// Pass 1 over some entities: the best strict match among names and titles.
pub(super) fn short_pass(ix: &SearchIndex, strict: &Strict, entities: &[u32]) -> Pass {
    let auto = &strict.auto;
    let mut out = Pass::default();
    for &e in entities {
        let mut best: Option<Raw> = None;
        for k in ix.shorts_of(e) {
            if !strict.admits_short(&ix.shorts[k as usize]) {
                continue;
            }
            let syms = ix.short_syms(k);
            let found = if let Some(end) = auto.match_at(syms, 0) {
                if auto.matches_all(syms) {
                    Some((Tier::Exact, 0, (0, syms.len() - 1)))
                } else {
                    Some((Tier::Prefix, 0, (0, end)))
                }
            } else if auto.find_end(syms).is_some() {
                // Prefer a match that starts a word.
                word_starts(&ix.table, syms, ix.extra_start(k))
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
                    field: k,
                    tier,
                    score,
                    len: ix.short_len(k),
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
/// Text hits rank by registry order, below every name and title: with `need` of
/// them (in entity order) found, no later entity's text hit can make the best
/// `limit`, so the pass stops there (the entities it did not read stay possible).
pub(super) fn long_pass(
    ix: &SearchIndex,
    strict: &Strict,
    entities: &[u32],
    need: Option<usize>,
) -> Pass {
    let mut out = Pass::default();
    for &e in entities {
        if need.is_some_and(|n| out.hits.len() >= n) {
            break;
        }
        let found = ix.longs_of(e).find_map(|k| {
            let long = &ix.longs[k as usize];
            if !strict.admits_long(long) {
                return None;
            }
            let (st, en) = strict.auto.find_in_text(&long.text, &ix.table)?;
            Some((k, (st as u32, en as u32)))
        });
        match found {
            Some((k, span)) => out.hits.push(Raw {
                entity: e,
                field: k,
                tier: Tier::Text,
                score: 0,
                // Text hits tie by registry order, not by the length of the text.
                len: 0,
                span: Some(span),
            }),
            None => out.failed.push(e),
        }
    }
    out
}

/// Pass 3: the best fuzzy match among names and titles. An entity whose fields
/// hold the query as a subsequence, but score too low, is neither a hit nor failed.
pub(super) fn fuzzy_pass(
    ix: &SearchIndex,
    strict: &Strict,
    chars: &[char],
    entities: &[u32],
) -> Pass {
    let mut fuzzy = Fuzzy::new(chars);
    let mut out = Pass::default();
    for &e in entities {
        let mut best: Option<Raw> = None;
        let mut weak = false;
        for k in ix.shorts_of(e) {
            if !strict.admits_short(&ix.shorts[k as usize]) {
                continue;
            }
            match fuzzy.score(ix.short_roman(k), ix.short_syms(k), &ix.table) {
                Ok(score) => {
                    let raw = Raw {
                        entity: e,
                        field: k,
                        tier: Tier::Fuzzy,
                        score: score as u32,
                        len: ix.short_len(k),
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
pub(super) fn in_chunks(entities: &[u32], pass: impl Fn(&[u32]) -> Pass + Sync) -> Pass {
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
pub(super) fn first_initials(q: &[char], table: &Symbols) -> Option<[u64; 11]> {
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
    use super::super::symbols::fold_query;
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
