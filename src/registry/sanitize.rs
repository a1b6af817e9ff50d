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

fn clean(s: &str, keep_newlines: bool) -> String {
    // Fast path: almost every string is already clean.
    if !s
        .chars()
        .any(|c| is_unwanted(c) || matches!(c, '\n' | '\t' | '\u{2028}' | '\u{2029}'))
    {
        return s.to_string();
    }
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
    fn keeps_clean_text_as_is() {
        let s = "〔牵头单位:市乡村振兴局;责任单位:各镇(区)〕 “第四极” — ok";
        assert_eq!(sanitize_line(s), s);
    }
}
