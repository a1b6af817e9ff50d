//! Display width of text in terminal columns, where a Chinese character takes two:
//! truncation and padding that never split a wide character.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How many decimal digits `n` is written with (1 for 0): a column of numbers is
/// as wide as its largest.
pub fn digits(n: u64) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// Columns the text takes.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Wraps text to `cols` columns by the Unicode line-breaking rules (UAX #14):
/// Chinese breaks between characters, ASCII between words, and closing
/// punctuation (。，、）) never starts a line. Paragraphs (newlines) are kept.
/// Every returned line is at most `cols` columns wide.
pub fn wrap(s: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(2);
    let mut out = Vec::new();
    for para in s.split('\n') {
        if para.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        fill(para, cols, &mut out);
    }
    out
}

/// Greedy fill of one paragraph: the pieces between break opportunities go on a line
/// while they fit (trailing spaces do not count); a piece wider than a line is cut
/// between characters, as a word processor does with a long number or URL.
fn fill(para: &str, cols: usize, out: &mut Vec<String>) {
    let mut line = String::new();
    let mut used = 0;
    let mut start = 0;
    let flush = |line: &mut String, used: &mut usize, out: &mut Vec<String>| {
        if !line.trim_end().is_empty() {
            out.push(line.trim_end().to_string());
        }
        line.clear();
        *used = 0;
    };
    for (end, _) in unicode_linebreak::linebreaks(para) {
        let piece = &para[start..end];
        start = end;
        let solid = width(piece.trim_end());
        if used + solid <= cols {
            line.push_str(piece);
            used += width(piece);
            continue;
        }
        flush(&mut line, &mut used, out);
        if solid <= cols {
            line.push_str(piece);
            used = width(piece);
            continue;
        }
        for c in piece.chars() {
            let w = UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w > cols && !c.is_whitespace() {
                flush(&mut line, &mut used, out);
            }
            line.push(c);
            used += w;
        }
    }
    flush(&mut line, &mut used, out);
}

/// Characters whose width is "ambiguous" (one column in most terminals, two in
/// some CJK setups), each mapped to a one-column ASCII stand-in so that layouts
/// stay aligned in terminals that draw them wide.
pub fn ascii_stand_in(c: char) -> Option<char> {
    Some(match c {
        '“' | '”' | '″' => '"',
        '‘' | '’' | '′' => '\'',
        '—' | '–' | '─' | '━' | '―' => '-',
        '…' => '~',
        '·' | '•' | '●' | '○' => '.',
        '│' | '┃' | '║' => '|',
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╭' | '╮' | '╰' | '╯' => {
            '+'
        }
        '═' => '=',
        '█' | '▉' | '▊' | '▋' | '▌' | '▍' | '▎' | '▏' => '#',
        '░' | '▒' | '▓' => '-',
        '▶' | '►' | '→' => '>',
        '◀' | '◄' | '←' => '<',
        '↑' | '▲' => '^',
        '↓' | '▼' => 'v',
        '×' => 'x',
        '\u{2002}'..='\u{200a}' => ' ',
        _ => return None,
    })
}

/// The text with every ambiguous-width character swapped for its stand-in.
pub fn unambiguous(s: &str) -> String {
    s.chars().map(|c| ascii_stand_in(c).unwrap_or(c)).collect()
}

/// The text cut to at most `max` columns, ending in … when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    // Measured character by character, a sequence such as ❤ + VS16 is one column;
    // as a string it is two. Text from the registry is cleaned of such sequences,
    // but the promise holds for any text: drop characters until the string fits.
    while width(&out) > max - 1 && out.pop().is_some() {}
    out.push('…');
    out
}

/// The text truncated or padded with spaces to exactly `cols` columns.
pub fn fit(s: &str, cols: usize) -> String {
    let mut t = truncate(s, cols);
    let w = width(&t);
    t.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    t
}

/// The text right-aligned in `cols` columns (truncated when longer).
pub fn fit_right(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let pad = cols.saturating_sub(width(&t));
    format!("{}{t}", " ".repeat(pad))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_at_character_boundaries() {
        assert_eq!(truncate("市水务局", 8), "市水务局");
        assert_eq!(truncate("市水务局", 7), "市水务…");
        assert_eq!(truncate("市水务局", 6), "市水…");
        assert_eq!(width(&truncate("市水务局", 6)), 5);
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn wraps_chinese_at_characters_and_keeps_punctuation_off_line_starts() {
        let text = "加快推动琼海市社会管理信息化平台一期项目建设,打造全市统一的政府大数据平台。推进城市数字化、精细化、全周期管理。";
        for cols in 4..40 {
            let lines = wrap(text, cols);
            assert_eq!(lines.concat(), text, "nothing lost at {cols}");
            for l in &lines {
                assert!(width(l) <= cols, "{l:?} wider than {cols}");
                assert!(
                    !l.starts_with(['。', ',', '、', '，']),
                    "{l:?} starts with punctuation at {cols}"
                );
            }
        }
    }

    #[test]
    fn wraps_mixed_text_without_gaps() {
        let lines = wrap("推进G9812高速公路延长线工程建设 and the ring road", 12);
        assert!(lines.iter().all(|l| width(l) <= 12), "{lines:?}");
        assert_eq!(lines[0], "推进G9812高");
    }

    #[test]
    fn stand_ins_keep_widths() {
        let s = "“”—…·│─█░←→↑↓";
        assert_eq!(width(&unambiguous(s)), width(s));
        assert!(unambiguous(s).is_ascii());
    }

    #[test]
    fn fits_exactly() {
        assert_eq!(fit("水务", 5), "水务 ");
        assert_eq!(width(&fit("市水务局", 5)), 5);
        assert_eq!(fit_right("7", 3), "  7");
    }
}
