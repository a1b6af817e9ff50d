//! Text from a registry is shown, never executed: control characters, escape
//! sequences and invisible format characters are removed when the file is loaded,
//! and so is everything whose width terminals disagree on (variation selectors,
//! skin tones, zero-width joiners, Hangul fillers), so that the width dubang
//! measures is the width the terminal draws. The same cleaning is applied to
//! settings, paths and the CLI's own output before they reach a terminal.

/// Cleans one line of text (names, titles): no line breaks are kept.
pub fn sanitize_line(s: &str) -> String {
    clean(s, false)
}

/// Cleans a multi-paragraph text: line breaks are kept, everything else as in
/// [`sanitize_line`].
pub fn sanitize_text(s: &str) -> String {
    clean(s, true)
}

/// Cleans a line in place, leaving it untouched (not copied) when already clean:
/// what the loader does to every string of the file.
pub(crate) fn clean_line(s: &mut String) {
    if !is_clean(s, false) {
        *s = clean(s, false);
    }
}

/// Cleans a multi-paragraph text in place, as [`clean_line`] but keeping line breaks.
pub(crate) fn clean_text(s: &mut String) {
    if !is_clean(s, true) {
        *s = clean(s, true);
    }
}

/// As [`clean_text`], for a text shared with the search index.
pub(crate) fn clean_shared_text(s: &mut std::sync::Arc<str>) {
    if !is_clean(s, true) {
        *s = clean(s, true).into();
    }
}

/// Whether [`sanitize_line`] would leave `s` as it is (without copying it).
pub(crate) fn is_clean_line(s: &str) -> bool {
    is_clean(s, false)
}

/// Whether [`sanitize_text`] would leave `s` as it is (without copying it).
pub(crate) fn is_clean_text(s: &str) -> bool {
    is_clean(s, true)
}

/// Whether cleaning would leave `s` as it is. Almost every string is clean, and
/// almost all of its bytes are printable ASCII, a CJK ideograph (U+4000..U+9FFF,
/// three bytes led by 0xE4..=0xE9), CJK punctuation (U+3000..U+3FFF, led by 0xE3:
/// 。、《》〔〕, of which cleaning drops only the Hangul filler U+3164) or a
/// full-width form (U+FF00..U+FF7F, led by 0xEF 0xBC or 0xEF 0xBD: ，：（）６０％,
/// none dropped), none of which cleaning touches: those are skipped by their first
/// bytes, every other character is decoded and asked.
fn is_clean(s: &str, keep_newlines: bool) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x20..=0x7e => i += 1,
            0xe4..=0xe9 => i += 3,
            // U+3164 is E3 85 A4.
            0xe3 if bytes.get(i + 1..i + 3) != Some(&[0x85, 0xa4][..]) => i += 3,
            0xef if matches!(bytes.get(i + 1), Some(0xbc | 0xbd)) => i += 3,
            _ => {
                let Some(c) = s[i..].chars().next() else {
                    return true;
                };
                let changed = match c {
                    '\n' => !keep_newlines,
                    '\t' | '\u{2028}' | '\u{2029}' | '\u{1f1e6}'..='\u{1f1ff}' => true,
                    c => is_unwanted(c),
                };
                if changed {
                    return false;
                }
                i += c.len_utf8();
            }
        }
    }
    true
}

fn clean(s: &str, keep_newlines: bool) -> String {
    if is_clean(s, keep_newlines) {
        return s.to_string();
    }
    clean_chars(s, keep_newlines)
}

/// The cleaning itself, character by character.
fn clean_chars(s: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 control sequence introducer: same shape as ESC [.
            '\u{9b}' => skip_csi(&mut chars),
            '\n' | '\u{2028}' | '\u{2029}' if keep_newlines => out.push('\n'),
            '\n' | '\t' | '\u{2028}' | '\u{2029}' => out.push(' '),
            // A flag is two of these: terminals draw the pair one, two or four
            // columns wide. One ASCII stand-in each, so the width is certain.
            '\u{1f1e6}'..='\u{1f1ff}' => out.push('?'),
            c if is_unwanted(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether a character is dropped: it drives the terminal, is invisible, or has a
/// width that unicode-width and real terminals (tmux, xterm, VTE) disagree on.
pub fn is_unwanted(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{ad}'                  // soft hyphen: drawn by some terminals, not others
            | '\u{34f}'               // combining grapheme joiner
            | '\u{61c}'               // Arabic letter mark (bidi)
            | '\u{115f}' | '\u{1160}' // Hangul fillers: blank, two columns or none
            | '\u{17b4}' | '\u{17b5}' // Khmer inherent vowels (invisible)
            | '\u{180b}'..='\u{180f}' // Mongolian variation selectors and vowel separator
            | '\u{200b}'..='\u{200f}' // zero-width space/joiners, LRM, RLM
            | '\u{2028}' | '\u{2029}' // line and paragraph separators
            | '\u{202a}'..='\u{202e}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{206f}' // word joiner, invisible operators, bidi isolates
            | '\u{20e3}'              // combining keycap: 1️⃣ is one column or two
            | '\u{3164}'              // Hangul filler
            | '\u{fe00}'..='\u{fe0f}' // variation selectors: ❤️ (VS16) is 1 or 2 columns
            | '\u{feff}'              // byte-order mark / zero-width no-break space
            | '\u{ffa0}'              // halfwidth Hangul filler
            | '\u{fff9}'..='\u{fffb}' // interlinear annotation controls
            | '\u{1bca0}'..='\u{1bca3}' // shorthand format controls
            | '\u{1d173}'..='\u{1d17a}' // musical format controls
            | '\u{1f3fb}'..='\u{1f3ff}' // skin tones: merged with the emoji or not
            | '\u{e0000}'..='\u{e007f}' // tag characters (hidden text)
            | '\u{e0100}'..='\u{e01ef}' // variation selectors supplement
        )
}

/// Drops the rest of an escape sequence after ESC.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        // OSC, DCS, SOS, PM, APC: a string ended by BEL or ST (ESC \).
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        // Two-character sequences such as ESC c (reset) or ESC ( B.
        Some(&c) if !c.is_control() => {
            chars.next();
            if matches!(c, '(' | ')' | '*' | '+' | '#' | '%') {
                chars.next();
            }
        }
        _ => {}
    }
}

/// Drops parameters and intermediates up to and including a CSI final byte.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
        if !('\u{20}'..='\u{3f}').contains(&c) {
            // Not a well-formed sequence: stop dropping.
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escape_sequences_whole() {
        assert_eq!(sanitize_line("市\u{1b}[31m水务局\u{1b}[0m"), "市水务局");
        assert_eq!(sanitize_line("a\u{1b}]0;title\u{7}b"), "ab");
        assert_eq!(sanitize_line("a\u{1b}]8;;http://x\u{1b}\\b"), "ab");
        assert_eq!(sanitize_line("x\u{9b}2Jy"), "xy");
        assert_eq!(sanitize_line("x\u{1b}cy"), "xy");
    }

    #[test]
    fn strips_controls_and_invisible_format_characters() {
        assert_eq!(sanitize_line("a\u{0}b\u{7}c\u{7f}d\u{85}e"), "abcde");
        assert_eq!(sanitize_line("\u{202e}局务水市\u{200b}"), "局务水市");
        assert_eq!(sanitize_line("a\tb\nc"), "a b c");
        assert_eq!(sanitize_text("a\tb\nc\r"), "a b\nc");
    }

    #[test]
    fn strips_invisible_and_width_ambiguous_characters() {
        let s = "a\u{3164}b\u{115f}c\u{2028}d\u{34f}e\u{180e}f\u{61c}g\u{e0041}h\u{ad}i";
        assert_eq!(sanitize_line(s), "abc defghi");
        assert_eq!(sanitize_text("a\u{2029}b"), "a\nb");
        // Emoji presentation, skin tone, ZWJ family, keycap, flag.
        let e = "❤️👍🏽👨\u{200d}👩\u{200d}👧1️⃣🇨🇳";
        let clean = sanitize_line(e);
        assert_eq!(clean, "❤👍👨👩👧1??");
        // What is measured as a string is the sum of what each character takes.
        use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
        let by_char: usize = clean.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert_eq!(clean.width(), by_char);
    }

    #[test]
    fn a_flag_alone_is_replaced_too() {
        // The fast path must not wave through what the slow one replaces.
        assert_eq!(sanitize_line("🇨🇳"), "??");
        assert_eq!(sanitize_line("中国🇨🇳"), "中国??");
        let mut s = String::from("水务🇨🇳");
        clean_line(&mut s);
        assert_eq!(s, "水务??");
    }

    #[test]
    fn cleaning_in_place_matches_cleaning_a_copy() {
        for s in [
            "市水务局",
            "a\tb\nc\r",
            "〔牵头单位:市乡村振兴局〕 “第四极” — ok",
            "x\u{1b}[31my\u{200b}z\u{2028}w",
            "一\n二\u{2029}三",
            "",
        ] {
            let (mut line, mut text) = (s.to_string(), s.to_string());
            clean_line(&mut line);
            clean_text(&mut text);
            assert_eq!(line, sanitize_line(s), "{s:?}");
            assert_eq!(text, sanitize_text(s), "{s:?}");
        }
    }

    proptest::proptest! {
        /// The quick check says "clean" exactly when cleaning character by
        /// character would change nothing: its shortcuts skip nothing it drops.
        #[test]
        fn the_quick_check_agrees_with_the_cleaning(
            chars in proptest::collection::vec(proptest::prop_oneof![
                proptest::char::any(),
                proptest::char::range('\u{2000}', '\u{3200}'),
                proptest::char::range('\u{fe00}', '\u{ffff}'),
                proptest::sample::select(vec!['\u{3164}', '\u{ffa0}', '\u{feff}', '\u{fe0f}', '\n', '。', '，']),
            ], 0..12),
        ) {
            let s: String = chars.into_iter().collect();
            for keep in [false, true] {
                proptest::prop_assert_eq!(is_clean(&s, keep), clean_chars(&s, keep) == s, "{:?}", s);
            }
        }
    }

    #[test]
    fn every_character_of_the_quick_ranges_is_asked_the_same() {
        // Every character led by E3 or by EF BC / EF BD, one at a time.
        let quick = ('\u{3000}'..='\u{3fff}').chain('\u{ff00}'..='\u{ff7f}');
        for c in quick {
            let s = format!("水{c}务");
            assert_eq!(is_clean(&s, false), clean_chars(&s, false) == s, "{c:?}");
        }
    }

    #[test]
    fn keeps_clean_text_as_is() {
        let s = "〔牵头单位:市乡村振兴局;责任单位:各镇(区)〕 “第四极” — ok";
        assert_eq!(sanitize_line(s), s);
    }
}
