//! The parsed document → a [`Registry`]: unit and town names resolved through the
//! directory (aliases merged, groups kept, local governments expanded through the
//! gazetteer), sections with their parents, tasks, goals and measures.

use super::document::Parsed;
use super::units::{Directory, Owner, short_name};
use super::{ImportError, ImportOptions, Msg, goals, title};
use crate::registry::{Document, Measure, Registry, Section, Task, UnitKind};
use std::collections::HashMap;

/// Resolves names and assembles the registry.
pub fn build(
    p: Parsed,
    opts: &ImportOptions,
    notes: &mut Vec<String>,
) -> Result<Registry, ImportError> {
    let mut dir = Directory::new(opts.gazetteer.as_ref().map(|g| g.towns.as_slice()));
    let owners: Vec<(Vec<Owner>, Vec<Owner>)> = p
        .tasks
        .iter()
        .map(|t| {
            let lead = t.lead.iter().map(|n| dir.resolve(n)).collect();
            let resp = t.responsible.iter().map(|n| dir.resolve(n)).collect();
            (lead, resp)
        })
        .collect();
    let renamed = dir.merge_aliases(&p.abbreviations);
    let listed = opts.gazetteer.as_ref().map_or(0, |g| g.towns.len());
    if dir.has_gazetteer() && dir.towns.len() > listed {
        let extra: Vec<&str> = dir.towns[listed..]
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        notes.push(format!(
            "not in the town list, added as towns: {}",
            extra.join("、")
        ));
    }
    let id_of = |o: &Owner| -> String {
        match o {
            Owner::Unit(id) => renamed.get(id).cloned().unwrap_or_else(|| id.clone()),
            Owner::Town(id) => id.clone(),
        }
    };
    // With a gazetteer that says its level, only the groups of that level expand
    // to its list (各镇(区) to towns, 各区、县级市 to districts, 各省级人民政府 to provinces).
    let level = opts.gazetteer.as_ref().and_then(|g| g.level.as_deref());
    let all_towns_units: Vec<&str> = dir
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::AllTowns && level.is_none_or(|l| of_level(&u.name, l)))
        .map(|u| u.id.as_str())
        .collect();
    let other_level: Vec<&str> = dir
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::AllTowns && !all_towns_units.contains(&u.id.as_str()))
        .map(|u| u.name.as_str())
        .collect();
    if let (Some(l), false) = (level, other_level.is_empty()) {
        notes.push(format!(
            "{} not expanded: the town list (--towns) is of level {l}",
            other_level.join("、")
        ));
    }
    let shorts: Vec<(String, String)> = dir
        .towns
        .iter()
        .map(|t| (t.id.clone(), short_name(t)))
        .collect();
    let titles = opts.curation.as_ref().map(|c| &c.titles);

    let sections: Vec<Section> = p
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| Section {
            id: format!("s{}", i + 1),
            numeral: s.numeral.clone(),
            title: s.title.clone(),
            parent: s.parent.map(|p| format!("s{}", p + 1)),
        })
        .collect();

    let mut tasks = Vec::with_capacity(p.tasks.len());
    for (raw, (lead, resp)) in p.tasks.iter().zip(&owners) {
        let lead: Vec<String> = dedup(lead.iter().map(id_of));
        let responsible: Vec<String> = dedup(resp.iter().map(id_of));
        let all_towns = responsible
            .iter()
            .chain(&lead)
            .any(|id| all_towns_units.contains(&id.as_str()));
        let text = raw.paragraphs.join("\n");
        let mentions = shorts
            .iter()
            .filter(|(id, _)| !responsible.contains(id) && !lead.contains(id))
            .filter(|(_, short)| mentions_town(&text, short))
            .map(|(id, _)| id.clone())
            .collect();
        let title = titles
            .and_then(|t| t.get(&raw.number).cloned())
            .unwrap_or_else(|| title::headline(&text));
        tasks.push(Task {
            id: format!("t{}", raw.number),
            number: raw.number,
            section: sections[raw.section].id.clone(),
            title,
            text: text.into(),
            lead,
            responsible,
            all_towns,
            mentions,
            status: Default::default(),
            progress: 0,
            due: raw.due,
            updated_at: None,
            updated_by: None,
            history: Vec::new(),
        });
    }
    let groups: Vec<&str> = dir
        .units
        .iter()
        .filter(|u| all_towns_units.contains(&u.id.as_str()))
        .map(|u| u.name.as_str())
        .collect();
    if !dir.has_gazetteer() && tasks.iter().any(|t| t.all_towns) {
        notes.push(format!(
            "{} could not be expanded: no town list was given (--towns FILE), so only the towns the document names are known",
            groups.join("、")
        ));
    } else if let Some(g) = opts.gazetteer.as_ref().filter(|_| !groups.is_empty()) {
        notes.push(format!(
            "{} expanded through the list of {} {}",
            groups.join("、"),
            g.towns.len(),
            g.level.as_deref().unwrap_or("镇")
        ));
    }

    let mut goal_list = goals::split(&p.goals_text);
    if let Some(cur) = &opts.curation {
        link_goals(&mut goal_list, cur, &sections)?;
    }

    let measures = p
        .measures
        .into_iter()
        .enumerate()
        .map(|(i, (numeral, title, paras))| Measure {
            id: format!("m{}", i + 1),
            numeral,
            title,
            text: paras.join("\n"),
        })
        .collect();

    if p.notice.number.is_none() {
        notes.push(
            "no document number (文号) found: expected a line such as 文 号:海府〔2021〕244号"
                .into(),
        );
    }
    Ok(Registry {
        format: String::new(),
        document: Document {
            title: p
                .notice
                .plan_title
                .or_else(|| p.notice.notice.clone())
                .unwrap_or_default(),
            notice: p.notice.notice,
            issuer: p.notice.issuer.unwrap_or_default(),
            number: p.notice.number.unwrap_or_default(),
            date: p.notice.date,
            source: None,
            notes: Vec::new(),
        },
        sections,
        units: dir.units,
        towns: dir.towns,
        goals: goal_list,
        tasks,
        measures,
        people: Vec::new(),
    })
}

/// Whether a group of local governments is of a gazetteer's level.
fn of_level(group: &str, level: &str) -> bool {
    match level {
        "镇" | "乡" | "街道" => ["镇", "乡", "街道"].iter().any(|k| group.contains(k)),
        "区" | "县" | "市" => ["区", "县", "市"].iter().any(|k| group.contains(k)),
        "省" => group.contains('省'),
        _ => true,
    }
}

fn dedup(ids: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Whether running text mentions a town by its short name. A name followed by 河
/// or 江 is the river, not the town (万泉河, 塔洋河).
fn mentions_town(text: &str, short: &str) -> bool {
    text.match_indices(short).any(|(i, _)| {
        let next = text[i + short.len()..].chars().next();
        !matches!(next, Some('河' | '江' | '溪'))
    })
}

fn link_goals(
    goals: &mut [crate::registry::Goal],
    cur: &super::Curation,
    sections: &[Section],
) -> Result<(), ImportError> {
    let known: HashMap<&str, usize> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    for (key, links) in &cur.goals {
        let Some(goal) = goals
            .iter_mut()
            .find(|g| g.horizon.as_deref() == Some(key) || &g.id == key)
        else {
            return Err(ImportError::at(0, None, Msg::CurationNoGoal(key.clone())));
        };
        for link in links {
            for s in &link.sections {
                if !known.contains_key(s.as_str()) {
                    return Err(ImportError::at(
                        0,
                        None,
                        Msg::CurationUnknownSection {
                            goal: key.clone(),
                            section: s.clone(),
                        },
                    ));
                }
            }
            let mut hit = false;
            for t in goal
                .targets
                .iter_mut()
                .filter(|t| t.text.contains(&link.target))
            {
                hit = true;
                for s in &link.sections {
                    if !t.sections.contains(s) {
                        t.sections.push(s.clone());
                    }
                }
            }
            if !hit {
                return Err(ImportError::at(
                    0,
                    None,
                    Msg::CurationNoClause {
                        goal: key.clone(),
                        target: link.target.clone(),
                    },
                ));
            }
        }
        let mut all: Vec<&String> = goal.targets.iter().flat_map(|t| &t.sections).collect();
        all.sort_by_key(|s| known[s.as_str()]);
        all.dedup();
        goal.sections = all.into_iter().cloned().collect();
        for t in &mut goal.targets {
            t.sections.sort_by_key(|s| known[s.as_str()]);
        }
    }
    Ok(())
}
