//! The second family of annotations, by responsibility, as national and provincial
//! plans write them: `（市甲局、市乙局负责）`, `（市甲局牵头，市乙局配合）`,
//! `（市甲局、市乙局牵头负责）`, `（甲、乙等按职责分工负责）`,
//! `（市甲局、市乙局，各区人民政府按职责分工负责）`, with a sentence in the first one
//! saying the unit listed first leads (排在第一位的为牵头单位，下同).

use super::annotation::{is_close, is_open, split_names};

/// The units of one annotation of this family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duty {
    pub lead: Vec<String>,
    pub responsible: Vec<String>,
    /// The annotation says the first-listed unit leads.
    pub states_first_lead: bool,
    /// A `负责` list of several units, whose first unit was taken as the lead.
    pub first_taken_as_lead: bool,
    /// A deadline written in the annotation (…负责，2024年底前完成).
    pub due: Option<chrono::NaiveDate>,
}

/// Verbs that close a list of units, longest first, and the role they give.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Lead,
    LeadAll,
    Responsible,
    Duty,
}

const VERBS: [(&str, Role); 23] = [
    ("牵头负责", Role::LeadAll),
    ("负责落实", Role::Duty),
    ("负责实施", Role::Duty),
    ("组织实施", Role::Duty),
    ("抓好落实", Role::Duty),
    ("共同参与", Role::Responsible),
    ("按职责分工负责", Role::Duty),
    ("按职能分工负责", Role::Duty),
    ("按职责负责", Role::Duty),
    ("分工负责", Role::Duty),
    ("共同负责", Role::Duty),
    ("分别负责", Role::Duty),
    ("负责", Role::Duty),
    ("牵头", Role::Lead),
    ("配合", Role::Responsible),
    ("参与", Role::Responsible),
    ("协助", Role::Responsible),
    ("协办", Role::Responsible),
    ("共同推进", Role::Duty),
    ("组织落实", Role::Responsible),
    ("落实", Role::Responsible),
    ("实施", Role::Responsible),
    ("指导", Role::Responsible),
];

/// Endings (and starts) of what can be a unit's name; a bracket in prose whose words
/// are not names (（由企业自主决定）) is not an annotation.
const UNIT_ENDS: [&str; 40] = [
    "局", "委", "部", "办", "厅", "院", "会", "中心", "室", "处", "队", "站", "所", "署", "行",
    "社", "司", "集团", "单位", "部门", "政府", "组", "团", "联", "协", "校", "馆", "区", "县",
    "市", "镇", "乡", "街道", "省", "海关", "公安", "法院", "机关", "企业", "机构",
];

fn looks_like_unit(name: &str) -> bool {
    let n = name.chars().count();
    (1..=30).contains(&n)
        && !name.contains(['。', '，', ',', '；', ';', '：', ':'])
        && (name.starts_with('各') || UNIT_ENDS.iter().any(|e| name.ends_with(e)))
}

/// `2024年底前完成`, `持续推进`, `长期坚持`: when, not who.
fn is_time(clause: &str) -> bool {
    let digits_year = clause.contains('年') && clause.chars().any(|c| c.is_ascii_digit());
    digits_year
        || [
            "持续推进",
            "长期坚持",
            "持续实施",
            "逐步推进",
            "年内完成",
            "年底前",
            "长期推进",
        ]
        .iter()
        .any(|k| clause.contains(k))
}

fn is_rule_sentence(clause: &str) -> bool {
    ["第一位", "首位", "下同", "不再列出", "排名第一", "列第一"]
        .iter()
        .any(|k| clause.contains(k))
}

/// Splits at top-level ， , ； ; 。 (not inside 各县（市、区）).
fn clauses(inner: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    for (i, c) in inner.char_indices() {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && matches!(c, '，' | ',' | '；' | ';' | '。') {
            out.push(&inner[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&inner[start..]);
    out
}

/// The units of a bracket's inner text, when it is an annotation of this family.
pub fn parse(inner: &str) -> Option<Duty> {
    let mut lead: Vec<String> = Vec::new();
    let mut responsible: Vec<String> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    let mut states_first_lead = false;
    let mut first_taken_as_lead = false;
    let mut any_verb = false;
    let mut due = None;
    for clause in clauses(inner) {
        let clause = clause.trim();
        if clause.is_empty() {
            continue;
        }
        if is_time(clause) && any_verb {
            due = due.or_else(|| super::dates::due(clause));
            continue;
        }
        if is_rule_sentence(clause) {
            states_first_lead |= clause.contains("牵头");
            continue;
        }
        let verb = VERBS.iter().find(|(v, _)| clause.ends_with(v));
        let list = verb.map_or(clause, |(v, _)| &clause[..clause.len() - v.len()]);
        let list = list
            .trim_end_matches("按职责")
            .trim_end_matches('等')
            .trim_end_matches("分别")
            .trim();
        let names = split_names(list, 0).ok()?;
        if names.is_empty() || !names.iter().all(|n| looks_like_unit(n)) {
            return None;
        }
        let Some(&(_, role)) = verb else {
            pending.extend(names);
            continue;
        };
        any_verb = true;
        let mut names = std::mem::take(&mut pending).into_iter().chain(names);
        match role {
            Role::Lead | Role::LeadAll => lead.extend(names),
            Role::Responsible => responsible.extend(names),
            Role::Duty => {
                if lead.is_empty() {
                    lead.extend(names.next());
                    let rest: Vec<String> = names.collect();
                    first_taken_as_lead |= !rest.is_empty();
                    responsible.extend(rest);
                } else {
                    responsible.extend(names);
                }
            }
        }
    }
    if !any_verb || !pending.is_empty() || lead.is_empty() && responsible.is_empty() {
        return None;
    }
    if lead.is_empty() {
        // （市乙局配合） alone: whoever is named is in charge.
        std::mem::swap(&mut lead, &mut responsible);
    }
    Some(Duty {
        lead,
        responsible,
        states_first_lead,
        first_taken_as_lead,
        due,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lr(s: &str) -> (Vec<String>, Vec<String>) {
        let d = parse(s).unwrap();
        (d.lead, d.responsible)
    }

    #[test]
    fn the_shapes_of_the_family() {
        assert_eq!(
            lr("市甲局、市乙局负责"),
            (vec!["市甲局".into()], vec!["市乙局".into()])
        );
        assert_eq!(
            lr("市甲局牵头，市乙局、市丙局配合"),
            (
                vec!["市甲局".into()],
                vec!["市乙局".into(), "市丙局".into()]
            )
        );
        assert_eq!(lr("市甲局、市乙局牵头负责").0, ["市甲局", "市乙局"]);
        assert_eq!(lr("市甲局、市乙局等负责").1, ["市乙局"]);
        assert_eq!(lr("各省级人民政府负责").0, ["各省级人民政府"]);
        assert_eq!(
            lr("市甲局、市乙局，各区人民政府按职责分工负责"),
            (
                vec!["市甲局".into()],
                vec!["市乙局".into(), "各区人民政府".into()]
            )
        );
        let d = parse("国家甲委、乙部负责，2024年底前完成").unwrap();
        assert_eq!(d.due.map(|d| d.to_string()).as_deref(), Some("2024-12-31"));
        assert_eq!(lr("甲部负责，持续推进").0, ["甲部"]);
        assert_eq!(lr("省甲厅负责，各市县人民政府落实").1, ["各市县人民政府"]);
        assert_eq!(
            lr("省甲厅、省乙厅，各市、县（市、区）人民政府按职责分工负责").1,
            ["省乙厅", "各市、县（市、区）人民政府"]
        );
        assert_eq!(
            lr("甲部等按职责分工负责；各地方人民政府负责落实").1,
            ["各地方人民政府"]
        );
        let d = parse("国家甲委、乙部负责，排在第一位的为牵头单位，下同").unwrap();
        assert!(d.states_first_lead);
        assert_eq!(d.lead, ["国家甲委"]);
    }

    #[test]
    fn prose_in_brackets_is_not_an_annotation() {
        assert_eq!(parse("由企业自主决定"), None);
        assert_eq!(parse("含2025年"), None);
        assert_eq!(parse("以上工作要持续推进，确保成效"), None);
        assert_eq!(parse("市甲局"), None);
    }
}
