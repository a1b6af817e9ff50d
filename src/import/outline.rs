//! The outline markers the genre numbers its headings and items with, at every
//! level: `一、` parts, `（一）` sections or action programmes, `1.` / `1、` / `1．` /
//! `１．` items, `（1）` sub-items and `①` points. Only the marker is read here; what
//! the item is (heading, task, goal clause, text) is decided by what follows it.

/// A numbered line's marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// 0 `第一部分`, 1 `一、`, 2 `（一）`, 3 `1.`, 4 `（1）`, 5 `①`.
    pub level: u8,
    /// The number the marker stands for (一 → 1, ① → 1, １ → 1).
    pub number: u32,
    /// The numeral as written, without brackets or punctuation: 一, 12, ①.
    pub numeral: String,
    /// Byte offset of the text after the marker (and the spaces after it).
    pub rest: usize,
}

/// The value of a Chinese numeral up to 99 (一, 十, 十二, 二十三).
pub fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [d] if *d == '十' => Some(10),
        [d] => digit(*d).map(|v| v as u32),
        ['十', u] => digit(*u).map(|v| 10 + v as u32),
        [t, '十'] => digit(*t).map(|v| 10 * v as u32),
        [t, '十', u] => Some(10 * digit(*t)? as u32 + digit(*u)? as u32),
        _ => None,
    }
    .filter(|n| *n > 0)
}

fn ascii_digits(s: &str) -> Option<u32> {
    let d: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or('0'),
            c => c,
        })
        .collect();
    d.parse().ok().filter(|n| *n > 0)
}

fn is_cn_digit(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Skips spaces after a marker.
fn after_spaces(line: &str, at: usize) -> usize {
    at + (line[at..].len() - line[at..].trim_start().len())
}

/// The marker a line starts with, if any.
pub fn marker(line: &str) -> Option<Marker> {
    let first = line.chars().next()?;
    // 第一部分, 第二章: above the parts.
    if let Some(rest) = line.strip_prefix('第') {
        let num: String = rest.chars().take_while(|c| is_cn_digit(*c)).collect();
        let after = &rest[num.len()..];
        let unit = ["部分", "章", "篇"]
            .into_iter()
            .find(|u| after.starts_with(u))?;
        let at = line.len() - after.len() + unit.len();
        return Some(Marker {
            level: 0,
            number: chinese_number(&num)?,
            numeral: num,
            rest: after_spaces(line, at),
        });
    }
    // ① … ⑳
    if ('①'..='⑳').contains(&first) {
        let at = first.len_utf8();
        return Some(Marker {
            level: 5,
            number: first as u32 - '①' as u32 + 1,
            numeral: first.to_string(),
            rest: after_spaces(line, at),
        });
    }
    if matches!(first, '(' | '（') {
        let inner_at = first.len_utf8();
        let inner: String = line[inner_at..]
            .chars()
            .take_while(|c| is_cn_digit(*c) || is_digit(*c))
            .collect();
        let close_at = inner_at + inner.len();
        let close = line[close_at..].chars().next()?;
        if inner.is_empty() || !matches!(close, ')' | '）') || inner.chars().count() > 3 {
            return None;
        }
        let (level, number) = if inner.chars().all(is_cn_digit) {
            (2, chinese_number(&inner)?)
        } else if inner.chars().all(is_digit) {
            (4, ascii_digits(&inner)?)
        } else {
            return None;
        };
        return Some(Marker {
            level,
            number,
            numeral: inner,
            rest: after_spaces(line, close_at + close.len_utf8()),
        });
    }
    let head: String = line
        .chars()
        .take_while(|c| is_cn_digit(*c) || is_digit(*c))
        .collect();
    if head.is_empty() || head.chars().count() > 3 {
        return None;
    }
    let punct_at = head.len();
    let punct = line[punct_at..].chars().next()?;
    let rest = after_spaces(line, punct_at + punct.len_utf8());
    if head.chars().all(is_cn_digit) && matches!(punct, '、' | '.' | '．') {
        return Some(Marker {
            level: 1,
            number: chinese_number(&head)?,
            numeral: head,
            rest,
        });
    }
    if head.chars().all(is_digit) && matches!(punct, '.' | '．' | '、') {
        // 1.5亿元 is a figure, not an item.
        if line[punct_at + punct.len_utf8()..]
            .chars()
            .next()
            .is_some_and(is_digit)
        {
            return None;
        }
        return Some(Marker {
            level: 3,
            number: ascii_digits(&head)?,
            numeral: head,
            rest,
        });
    }
    None
}

/// A heading's text: up to its first 。 when the paragraph goes on.
pub fn heading_title(rest: &str) -> &str {
    let t = rest.split('。').next().unwrap_or("").trim();
    t.trim_end_matches(['.', ';', '；', ':', '：'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Option<(u8, u32, String)> {
        marker(s).map(|m| (m.level, m.number, s[m.rest..].to_string()))
    }

    #[test]
    fn every_level() {
        assert_eq!(m("三、具体任务"), Some((1, 3, "具体任务".into())));
        assert_eq!(m("十二、其他"), Some((1, 12, "其他".into())));
        assert_eq!(m("（二）行动"), Some((2, 2, "行动".into())));
        assert_eq!(m("(十)行动"), Some((2, 10, "行动".into())));
        assert_eq!(m("12.做事"), Some((3, 12, "做事".into())));
        assert_eq!(m("1、做事"), Some((3, 1, "做事".into())));
        assert_eq!(m("１．做事"), Some((3, 1, "做事".into())));
        assert_eq!(m("（3）做事"), Some((4, 3, "做事".into())));
        assert_eq!(m("②做事"), Some((5, 2, "做事".into())));
        assert_eq!(m("1.5亿元"), None);
        assert_eq!(m("2025年"), None);
        assert_eq!(m("（由市负责）"), None);
        assert_eq!(m("一是加强"), None);
        assert_eq!(m("第二部分 重点任务"), Some((0, 2, "重点任务".into())));
        assert_eq!(m("第一书记"), None);
    }

    #[test]
    fn titles_stop_at_the_first_full_stop() {
        assert_eq!(heading_title("强化组织领导。成立小组"), "强化组织领导");
        assert_eq!(heading_title("实施六大行动计划"), "实施六大行动计划");
    }
}
