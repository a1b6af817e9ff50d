//! Text from a registry is shown, never executed: control characters, escape
//! sequences and invisible format characters are removed when the file is loaded.

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
    if !s.chars().any(|c| is_unwanted(c) || c == '\n' || c == '\t') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 control sequence introducer: same shape as ESC [.
            '\u{9b}' => skip_csi(&mut chars),
            '\n' if keep_newlines => out.push('\n'),
            '\n' | '\t' => out.push(' '),
            c if is_unwanted(c) => {}
            c => out.push(c),
        }
    }
    out
}

fn is_unwanted(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200b}'..='\u{200f}'   // zero-width space/joiners, LRM, RLM
            | '\u{202a}'..='\u{202e}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2069}' // word joiner, invisible operators, bidi isolates
            | '\u{feff}'              // byte-order mark / zero-width no-break space
            | '\u{fff9}'..='\u{fffb}' // interlinear annotation controls
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
    fn keeps_clean_text_as_is() {
        let s = "〔牵头单位:市乡村振兴局;责任单位:各镇(区)〕 “第四极” — ok";
        assert_eq!(sanitize_line(s), s);
    }
}
