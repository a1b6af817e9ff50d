//! Display width of text in terminal columns, where a Chinese character takes two:
//! truncation and padding that never split a wide character.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns the text takes.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
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
    fn fits_exactly() {
        assert_eq!(fit("水务", 5), "水务 ");
        assert_eq!(width(&fit("市水务局", 5)), 5);
        assert_eq!(fit_right("7", 3), "  7");
    }
}
