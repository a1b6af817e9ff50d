//! Word's automatic numbering: a paragraph that says "numbering 3, level 0" and no
//! typed 一、 gets its marker back from `word/numbering.xml` (the level's format —
//! chineseCounting, decimal, decimalEnclosedCircle — and its text, `%1、` or
//! `（%1）`), counted as Word counts, so the outline reads it like typed text.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The numbering definitions and the counters of the paragraphs read so far.
#[derive(Debug, Default)]
pub struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    levels: HashMap<(String, u8), Level>,
    counters: HashMap<String, [u32; 9]>,
}

/// The `w:val` of an element.
pub fn val(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .map(|a| a.value.to_string())
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.to_string())
}

fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n - 10) as usize] }),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

fn format(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographTraditional"
        | "japaneseCounting" => chinese(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
            char::from_u32('①' as u32 + n.saturating_sub(1).min(19))
                .map_or(n.to_string(), String::from)
        }
        "decimalFullWidth" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32))
            .collect(),
        _ => n.to_string(),
    }
}

impl Numbering {
    /// Reads `word/numbering.xml`; whatever cannot be read is left out.
    pub fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut r = Reader::from_str(xml);
        let (mut abs, mut num, mut lvl): (Option<String>, Option<String>, Option<u8>) =
            (None, None, None);
        while let Ok(ev) = r.read_event() {
            let (e, empty) = match &ev {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "abstractNum" => abs = None,
                        "num" => num = None,
                        "lvl" => lvl = None,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            match e.local_name().as_ref() {
                "abstractNum" if !empty => abs = attr(e, "abstractNumId"),
                "num" if !empty => num = attr(e, "numId"),
                "abstractNumId" => {
                    if let (Some(id), Some(a)) = (num.clone(), val(e)) {
                        n.nums.insert(id, a);
                    }
                }
                "lvl" if !empty => lvl = attr(e, "ilvl").and_then(|v| v.parse().ok()),
                name @ ("numFmt" | "lvlText" | "start") => {
                    if let (Some(a), Some(l), Some(v)) = (abs.clone(), lvl, val(e)) {
                        let level = n.levels.entry((a, l)).or_default();
                        match name {
                            "numFmt" => level.format = v,
                            "lvlText" => level.text = v,
                            _ => level.start = v.parse().unwrap_or(1),
                        }
                    }
                }
                _ => {}
            }
        }
        n
    }

    /// The marker of the next paragraph numbered `num_id` at level `ilvl`.
    pub fn next(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        let abs = self.nums.get(num_id)?.clone();
        let ilvl = ilvl.min(8);
        let level = self.levels.get(&(abs.clone(), ilvl))?.clone();
        if level.format == "none" || level.format == "bullet" {
            return None;
        }
        let counters = self.counters.entry(abs.clone()).or_insert([0; 9]);
        counters[ilvl as usize] += 1;
        for c in counters.iter_mut().skip(ilvl as usize + 1) {
            *c = 0;
        }
        let counts = *counters;
        let mut text = level.text.clone();
        for l in 0..=ilvl {
            let lv = self
                .levels
                .get(&(abs.clone(), l))
                .cloned()
                .unwrap_or_default();
            let value = counts[l as usize] + lv.start.max(1) - 1;
            text = text.replace(&format!("%{}", l + 1), &format(value.max(1), &lv.format));
        }
        Some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_word_counts_them() {
        let xml = r#"<w:numbering xmlns:w="w">
            <w:abstractNum w:abstractNumId="0">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
        let mut n = Numbering::parse(xml);
        assert_eq!(n.next("3", 0).as_deref(), Some("一、"));
        assert_eq!(n.next("3", 1).as_deref(), Some("1."));
        assert_eq!(n.next("3", 1).as_deref(), Some("2."));
        assert_eq!(n.next("3", 0).as_deref(), Some("二、"));
        assert_eq!(n.next("3", 1).as_deref(), Some("1."));
        assert_eq!(n.next("9", 0), None);
    }
}
