//! The annotation closing a paragraph, of either family: labelled
//! ([`super::annotation`]) first, else by responsibility ([`super::duty`]), with
//! several 负责 annotations in one paragraph read as one task's.

use super::annotation::{AnnotationError, close_for_len, is_close, is_open, parse_with};

/// Which family an annotation belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `〔牵头单位:…;责任单位:…〕`
    Labelled,
    /// `（甲局、乙局负责）`, `（甲局牵头，乙局配合）`
    Duty,
}

/// The annotation(s) closing a paragraph, of either family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The paragraph's own text, the closing annotation taken out.
    pub text: String,
    pub lead: Vec<String>,
    pub responsible: Vec<String>,
    pub family: Family,
    pub states_first_lead: bool,
    pub first_taken_as_lead: bool,
    pub due: Option<chrono::NaiveDate>,
}

/// Top-level bracket groups of a paragraph: (open byte, close byte).
fn groups(p: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut open = 0usize;
    for (i, c) in p.char_indices() {
        if is_open(c) {
            if depth == 0 {
                open = i;
            }
            depth += 1;
        } else if is_close(c) && depth > 0 {
            depth -= 1;
            if depth == 0 {
                out.push((open, i));
            }
        }
    }
    out
}

fn only_punctuation(s: &str) -> bool {
    s.trim_matches(|c: char| c.is_whitespace() || "。.;；,，".contains(c))
        .is_empty()
}

/// Finds the annotation closing a paragraph: labelled, else by responsibility.
/// `Ok(None)` when there is none (the task goes on).
#[cfg(test)]
pub fn find(paragraph: &str) -> Result<Option<Found>, AnnotationError> {
    find_with(paragraph, false)
}

/// [`find`], knowing whether the document made the first-listed unit the lead.
pub fn find_with(paragraph: &str, first_leads: bool) -> Result<Option<Found>, AnnotationError> {
    if let Some(a) = parse_with(paragraph, first_leads)? {
        return Ok(Some(Found {
            text: paragraph[..a.start].trim().to_string(),
            lead: a.lead,
            responsible: a.responsible,
            family: Family::Labelled,
            states_first_lead: false,
            first_taken_as_lead: false,
            due: a.due,
        }));
    }
    let duties: Vec<(usize, usize, super::duty::Duty)> = groups(paragraph)
        .into_iter()
        .filter_map(|(o, c)| {
            let inner = &paragraph[o + paragraph[o..].chars().next()?.len_utf8()..c];
            super::duty::parse(inner).map(|d| (o, c, d))
        })
        .collect();
    // The last one closes the task; any before it add their units.
    let Some((start, close, _)) = duties.last().map(|(o, c, d)| (*o, *c, d)) else {
        return Ok(None);
    };
    let after = &paragraph[close + close_for_len(paragraph, close)..];
    let mut text = paragraph[..start].trim().to_string();
    if !only_punctuation(after) {
        text.push_str(after.trim());
    }
    let mut found = Found {
        text,
        lead: Vec::new(),
        responsible: Vec::new(),
        family: Family::Duty,
        states_first_lead: false,
        first_taken_as_lead: false,
        due: None,
    };
    // The task's lead is the first annotation's; later ones name more units.
    for (k, (_, _, d)) in duties.into_iter().enumerate() {
        for l in d.lead {
            if k == 0 {
                found.lead.push(l);
            } else if !found.lead.contains(&l) && !found.responsible.contains(&l) {
                found.responsible.push(l);
            }
        }
        for r in d.responsible {
            if !found.responsible.contains(&r) && !found.lead.contains(&r) {
                found.responsible.push(r);
            }
        }
        found.states_first_lead |= d.states_first_lead;
        found.first_taken_as_lead |= d.first_taken_as_lead;
        found.due = found.due.or(d.due);
    }
    Ok(Some(found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn either_family_closes_a_paragraph() {
        let f = find("文字。（市甲局、市乙局，各区人民政府按职责分工负责）")
            .unwrap()
            .unwrap();
        assert_eq!(f.lead, ["市甲局"]);
        assert_eq!(f.responsible, ["市乙局", "各区人民政府"]);
        assert_eq!(f.text, "文字。");
        assert_eq!(f.family, Family::Duty);
        let f = find("甲。（市甲局负责）乙。（市乙局、市丙局负责）")
            .unwrap()
            .unwrap();
        assert_eq!(
            (f.lead, f.responsible),
            (
                vec!["市甲局".into()],
                vec!["市乙局".into(), "市丙局".into()]
            )
        );
        assert_eq!(f.text, "甲。（市甲局负责）乙。");
        let f = find("文字〔牵头单位:市甲局〕").unwrap().unwrap();
        assert_eq!(f.family, Family::Labelled);
        assert_eq!(find("文字（由企业自主决定）。").unwrap(), None);
        // 牵头 in the task's own prose is no annotation.
        assert_eq!(
            find("由市甲局牵头，市乙局配合，建立联席会议机制。").unwrap(),
            None
        );
        let f = find("建立由市甲局牵头、市乙局配合的工作机制。（市丙局负责）")
            .unwrap()
            .unwrap();
        assert_eq!(f.lead, ["市丙局"]);
    }
}
