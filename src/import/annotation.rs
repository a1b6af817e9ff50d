//! The responsibility annotation that ends a task, in all the shapes plans write it:
//! `〔牵头单位:市水务局;责任单位:会山镇〕`, `(牵头单位:…;责任单位:…)`,
//! `（牵头单位：…；配合单位：…）`, with nested parentheses inside unit names
//! (`各镇(区)`) and 、 , ， as separators.

use super::messages::Msg;

/// The units one annotation names, as written (not yet normalised).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    /// Byte offset in the paragraph where the annotation's opening bracket is.
    pub start: usize,
    pub lead: Vec<String>,
    pub responsible: Vec<String>,
    pub due: Option<chrono::NaiveDate>,
}

/// A malformed annotation: what is wrong and the byte offset in the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotationError {
    pub at: usize,
    pub message: Msg,
}

const LEAD_KEYS: [&str; 3] = ["牵头单位", "牵头部门", "主责单位"];
const RESPONSIBLE_KEYS: [&str; 7] = [
    "责任单位",
    "配合单位",
    "责任部门",
    "配合部门",
    "参与单位",
    "协办单位",
    "协同单位",
];

/// Deadlines some plans add inside the annotation: `；完成时限：2024年12月底`.
const DUE_KEYS: [&str; 4] = ["完成时限", "完成时间", "时间节点", "完成期限"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Lead,
    Responsible,
    Due,
}

fn keys() -> impl Iterator<Item = (&'static str, Key)> {
    LEAD_KEYS
        .iter()
        .map(|k| (*k, Key::Lead))
        .chain(RESPONSIBLE_KEYS.iter().map(|k| (*k, Key::Responsible)))
        .chain(DUE_KEYS.iter().map(|k| (*k, Key::Due)))
}

pub(super) fn is_open(c: char) -> bool {
    matches!(c, '〔' | '(' | '（' | '【' | '[' | '［')
}

pub(super) fn is_close(c: char) -> bool {
    matches!(c, '〕' | ')' | '）' | '】' | ']' | '］')
}

/// Whether a closing bracket may end an annotation opened with `open`. Plans mix
/// ASCII and full-width round brackets, so those pair with each other.
fn pairs(open: char, close: char) -> bool {
    match open {
        '〔' => close == '〕',
        '(' | '（' => matches!(close, ')' | '）'),
        '【' => close == '】',
        '[' | '［' => matches!(close, ']' | '］'),
        _ => false,
    }
}

fn close_for(open: char) -> char {
    match open {
        '〔' => '〕',
        '(' => ')',
        '（' => '）',
        '【' => '】',
        _ => ']',
    }
}

/// Finds and parses the annotation at the end of a paragraph. `Ok(None)` when the
/// paragraph names no responsibility keyword at all (the task goes on).
#[cfg(test)]
pub fn parse(paragraph: &str) -> Result<Option<Annotation>, AnnotationError> {
    parse_with(paragraph, false)
}

/// [`parse`], where `first_leads` says the document made the first-listed unit the
/// lead (排在第一位的为牵头单位): then `（责任单位：甲、乙）` alone names its lead.
pub fn parse_with(
    paragraph: &str,
    first_leads: bool,
) -> Result<Option<Annotation>, AnnotationError> {
    let found: Vec<(usize, &str)> = keys()
        .flat_map(|(k, _)| paragraph.match_indices(k))
        .collect();
    // The annotation starts at the last keyword right after an opening bracket;
    // a keyword elsewhere is prose ("…落实责任单位…") unless a colon follows it.
    let bracketed = found
        .iter()
        .filter(|(i, _)| {
            paragraph[..*i]
                .trim_end()
                .chars()
                .next_back()
                .is_some_and(is_open)
        })
        .map(|(i, _)| *i)
        .max();
    let Some(first_key) = bracketed else {
        return match found.iter().find(|(i, k)| {
            paragraph[i + k.len()..]
                .trim_start()
                .starts_with([':', '：'])
        }) {
            Some(&(at, _)) => Err(AnnotationError {
                at,
                message: Msg::NotBracketed,
            }),
            None => Ok(None),
        };
    };
    let before = paragraph[..first_key].trim_end();
    let open = before
        .chars()
        .next_back()
        .expect("a bracket precedes the keyword");
    let start = before.len() - open.len_utf8();
    let close = matching_close(paragraph, start, open)?;
    let after = &paragraph[close + close_for_len(paragraph, close)..];
    if !after
        .trim_matches(|c: char| c.is_whitespace() || "。.;；,，".contains(c))
        .is_empty()
    {
        return Err(AnnotationError {
            at: close,
            message: Msg::TextAfterAnnotation(after.trim().to_string()),
        });
    }
    let inner_start = start + open.len_utf8();
    let (lead, responsible, due) =
        fields(&paragraph[inner_start..close], inner_start, first_leads)?;
    Ok(Some(Annotation {
        start,
        lead,
        responsible,
        due,
    }))
}

pub(super) fn close_for_len(s: &str, at: usize) -> usize {
    s[at..].chars().next().map_or(0, char::len_utf8)
}

/// Byte offset of the bracket that closes the one at `start`.
fn matching_close(s: &str, start: usize, open: char) -> Result<usize, AnnotationError> {
    let mut depth = 0usize;
    for (i, c) in s[start..].char_indices() {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                if !pairs(open, c) {
                    return Err(AnnotationError {
                        at: start + i,
                        message: Msg::ClosedWith {
                            open,
                            close: c,
                            expected: close_for(open),
                        },
                    });
                }
                return Ok(start + i);
            }
        }
    }
    Err(AnnotationError {
        at: start,
        message: Msg::NotClosed {
            open,
            expected: close_for(open),
        },
    })
}

/// Splits `牵头单位:A、B;责任单位:C,各镇(区)` into its lead and responsible lists.
/// `base` is the byte offset of `inner` in the paragraph, for error positions.
type Fields = (Vec<String>, Vec<String>, Option<chrono::NaiveDate>);

fn fields(inner: &str, base: usize, first_leads: bool) -> Result<Fields, AnnotationError> {
    // Keyword positions at bracket depth 0.
    let mut marks: Vec<(usize, &str, Key)> = Vec::new();
    let mut depth = 0usize;
    for (i, c) in inner.char_indices() {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0
            && let Some((k, lead)) = keys().find(|(k, _)| inner[i..].starts_with(k))
        {
            marks.push((i, k, lead));
        }
    }
    let Some(&(first, _, _)) = marks.first() else {
        return Err(AnnotationError {
            at: base,
            message: Msg::NoKey,
        });
    };
    if !inner[..first].trim().is_empty() {
        return Err(AnnotationError {
            at: base,
            message: Msg::UnexpectedBefore {
                text: inner[..first].trim().to_string(),
                key: marks[0].1.to_string(),
            },
        });
    }
    let mut lead = Vec::new();
    let mut responsible = Vec::new();
    let mut seen_lead = false;
    let mut due = None;
    for (n, &(at, key, role)) in marks.iter().enumerate() {
        let end = marks.get(n + 1).map_or(inner.len(), |m| m.0);
        let body = &inner[at + key.len()..end];
        let trimmed = body.trim_start();
        let Some(value) = trimmed.strip_prefix([':', '：']) else {
            return Err(AnnotationError {
                at: base + at + key.len(),
                message: Msg::NoColon(key.to_string()),
            });
        };
        let value_at = base + at + key.len() + (body.len() - value.len());
        if role == Key::Due {
            due = due.or_else(|| super::dates::due(value));
            continue;
        }
        let names = split_names(value, value_at)?;
        if names.is_empty() {
            return Err(AnnotationError {
                at: base + at,
                message: Msg::NoUnit(key.to_string()),
            });
        }
        if role == Key::Lead {
            seen_lead = true;
            // 牵头单位:市甲局，各区、县级市 — the local governments after the lead carry it out.
            for (i, n) in names.into_iter().enumerate() {
                let after_comma = value
                    .find(n.as_str())
                    .and_then(|at| value[..at].trim_end().chars().next_back())
                    .is_some_and(|c| matches!(c, '，' | ','));
                if i > 0 && n.starts_with('各') && after_comma {
                    responsible.push(n);
                } else {
                    lead.push(n);
                }
            }
        } else {
            responsible.extend(names);
        }
    }
    // 责任单位：市甲局（牵头）、市乙局 — the lead marked in the list.
    if !seen_lead {
        for n in std::mem::take(&mut responsible) {
            match n
                .strip_suffix("（牵头）")
                .or_else(|| n.strip_suffix("(牵头)"))
            {
                Some(l) => {
                    seen_lead = true;
                    lead.push(l.trim().to_string());
                }
                None => responsible.push(n),
            }
        }
    }
    if !seen_lead && first_leads && !responsible.is_empty() {
        seen_lead = true;
        lead.push(responsible.remove(0));
    }
    if !seen_lead {
        return Err(AnnotationError {
            at: base,
            message: Msg::NoLead,
        });
    }
    Ok((lead, responsible, due))
}

/// Unit names separated by 、 , ， / at bracket depth 0; the field's own trailing
/// ; ； 。 are dropped.
pub(super) fn split_names(value: &str, base: usize) -> Result<Vec<String>, AnnotationError> {
    let value = value.trim_end_matches(|c: char| c.is_whitespace() || ";；。.,，、".contains(c));
    let mut names = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    let push = |from: usize, to: usize, names: &mut Vec<String>| -> Result<(), AnnotationError> {
        let name = value[from..to].trim();
        if name.is_empty() {
            return Err(AnnotationError {
                at: base + from,
                message: Msg::EmptyUnitName,
            });
        }
        names.push(name.to_string());
        Ok(())
    };
    for (i, c) in value.char_indices() {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && matches!(c, '、' | ',' | '，' | '/' | ';' | '；') {
            push(start, i, &mut names)?;
            start = i + c.len_utf8();
        }
    }
    if !value[start..].trim().is_empty() || !names.is_empty() {
        push(start, value.len(), &mut names)?;
    }
    Ok(join_groups(names))
}

/// Levels a group of local governments lists after its 各: 各区、县级市 is one group,
/// not 各区 and 县级市.
const LEVELS: [&str; 8] = ["县级市", "市", "县", "区", "镇", "乡", "街道", "开发区"];

fn join_groups(names: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        let bare = n.trim_end_matches("人民政府").trim_end_matches("政府");
        // 各市、县（市、区）人民政府: a level with its own brackets, not a department.
        let level_group = LEVELS.iter().any(|l| bare.starts_with(l))
            && bare.chars().count() <= 10
            && !["局", "委", "部", "厅", "办", "院", "中心"]
                .iter()
                .any(|d| bare.ends_with(d));
        match out.last_mut() {
            Some(prev) if prev.starts_with('各') && (LEVELS.contains(&bare) || level_group) => {
                prev.push('、');
                prev.push_str(&n);
            }
            _ => out.push(n),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(p: &str) -> (Vec<String>, Vec<String>) {
        let a = parse(p).unwrap().unwrap();
        (a.lead, a.responsible)
    }

    #[test]
    fn all_bracket_shapes() {
        let (l, r) = ok(
            "文字。〔牵头单位:市乡村振兴局;责任单位:各镇(区)、实施乡村振兴战略领导小组成员单位〕",
        );
        assert_eq!(l, ["市乡村振兴局"]);
        assert_eq!(r, ["各镇(区)", "实施乡村振兴战略领导小组成员单位"]);
        let (l, r) = ok("文字。(牵头单位:市发改委、市科工信局;责任单位:市委政法委)");
        assert_eq!(l, ["市发改委", "市科工信局"]);
        assert_eq!(r, ["市委政法委"]);
        let (l, r) = ok("文字。（牵头单位：市水务局；配合单位：会山镇，各镇（区））。");
        assert_eq!(l, ["市水务局"]);
        assert_eq!(r, ["会山镇", "各镇（区）"]);
    }

    #[test]
    fn deadlines_and_commas_between_parts() {
        let a = parse("文字（牵头单位：市甲局，配合单位：市乙局；完成时限：2024年12月底）")
            .unwrap()
            .unwrap();
        assert_eq!(
            (a.lead, a.responsible),
            (vec!["市甲局".into()], vec!["市乙局".into()])
        );
        assert_eq!(a.due.map(|d| d.to_string()).as_deref(), Some("2024-12-31"));
    }

    #[test]
    fn the_first_listed_leads_when_the_document_says_so() {
        let a = parse_with("文字（责任单位：市甲局、市乙局）", true)
            .unwrap()
            .unwrap();
        assert_eq!(
            (a.lead, a.responsible),
            (vec!["市甲局".into()], vec!["市乙局".into()])
        );
        assert!(parse("文字（责任单位：市甲局、市乙局）").is_err());
    }

    #[test]
    fn a_lead_marked_in_the_list() {
        let (l, r) = ok("文字（责任单位：市发改局（牵头）、市财政局）");
        assert_eq!((l, r), (vec!["市发改局".into()], vec!["市财政局".into()]));
    }

    #[test]
    fn groups_of_local_governments_stay_whole() {
        let (_, r) = ok("文字(牵头单位:市甲局;责任单位:市乙局，各区、县级市)");
        assert_eq!(r, ["市乙局", "各区、县级市"]);
        let (l, r) = ok("文字(牵头单位:市甲局，各县（市、区）)");
        assert_eq!(
            (l, r),
            (vec!["市甲局".into()], vec!["各县（市、区）".into()])
        );
    }

    #[test]
    fn lead_only_and_no_annotation() {
        assert_eq!(ok("做事(牵头单位:市教育局)").1, Vec::<String>::new());
        assert_eq!(parse("只是文字(括号里不是注释)。").unwrap(), None);
        assert_eq!(parse("各地要明确责任单位和牵头单位。").unwrap(), None);
    }

    #[test]
    fn broken_annotations_are_reported() {
        let e = parse("文字〔牵头单位:市水务局;责任单位:会山镇").unwrap_err();
        assert!(
            e.message.to_string().contains("not closed"),
            "{}",
            e.message
        );
        let e = parse("文字〔牵头单位 市水务局〕").unwrap_err();
        assert!(
            e.message.to_string().contains("expected ':'"),
            "{}",
            e.message
        );
        let e = parse("文字〔牵头单位:;责任单位:会山镇〕").unwrap_err();
        assert!(
            e.message.to_string().contains("names no unit"),
            "{}",
            e.message
        );
        let e = parse("文字〔责任单位:会山镇〕").unwrap_err();
        assert!(
            e.message.to_string().contains("no 牵头单位"),
            "{}",
            e.message
        );
        let e = parse("牵头单位:市水务局").unwrap_err();
        assert!(
            e.message.to_string().contains("in brackets"),
            "{}",
            e.message
        );
        let e = parse("〔牵头单位:市水务局、、市住建局〕").unwrap_err();
        assert!(
            e.message.to_string().contains("empty unit name"),
            "{}",
            e.message
        );
        let e = parse("〔牵头单位:市水务局〕还有文字").unwrap_err();
        assert!(
            e.message.to_string().contains("must end the task"),
            "{}",
            e.message
        );
    }
}
