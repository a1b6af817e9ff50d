//! Checks that hold a registry together: supported format, unique ids, every
//! reference resolving, values in range. The store reports the first problem with
//! its JSON path; the path is in the same `tasks[3].lead[0]` form serde uses.

use super::{FORMAT, Registry};
// Seeded and several times faster than SipHash on short ids: 100 000 task ids, their
// numbers and every reference are hashed here at each load (see Cargo.toml).
use foldhash::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the JSON document, e.g. `tasks[3].lead[0]`.
    pub path: String,
    /// What is wrong and what to do about it.
    pub message: String,
}

fn problem(path: String, message: String) -> Problem {
    Problem { path, message }
}

/// Every problem of the registry, in document order of the fields checked.
pub fn validate(reg: &Registry) -> Vec<Problem> {
    let mut out = Vec::new();
    if reg.format != FORMAT {
        out.push(problem(
            "format".into(),
            format!(
                "unsupported format '{}': this version of dubang reads \"{FORMAT}\"",
                reg.format
            ),
        ));
    }

    let sections = unique_ids(
        &mut out,
        "sections",
        reg.sections.iter().map(|s| s.id.as_str()),
    );
    // Units and towns share one namespace: `responsible` may hold either.
    let mut owners = unique_ids(&mut out, "units", reg.units.iter().map(|u| u.id.as_str()));
    let towns = unique_ids(&mut out, "towns", reg.towns.iter().map(|t| t.id.as_str()));
    for (i, t) in reg.towns.iter().enumerate() {
        if owners.contains_key(t.id.as_str()) {
            out.push(problem(
                format!("towns[{i}].id"),
                format!(
                    "id '{}' is used by a unit too: give the town its own id",
                    t.id
                ),
            ));
        }
    }
    owners.extend(towns.iter().map(|(id, i)| (*id, *i)));
    unique_ids(&mut out, "goals", reg.goals.iter().map(|g| g.id.as_str()));
    unique_ids(&mut out, "tasks", reg.tasks.iter().map(|t| t.id.as_str()));
    for (i, u) in reg.units.iter().enumerate() {
        non_empty(&mut out, format!("units[{i}].name"), &u.name);
    }
    for (i, t) in reg.towns.iter().enumerate() {
        non_empty(&mut out, format!("towns[{i}].name"), &t.name);
    }

    for (i, s) in reg.sections.iter().enumerate() {
        let Some(parent) = &s.parent else { continue };
        if !sections.contains_key(parent.as_str()) {
            out.push(dangling(
                format!("sections[{i}].parent"),
                parent,
                "section",
                "sections",
            ));
            continue;
        }
        // Follow the parents: a section must not end up inside itself.
        let mut cur = Some(parent.as_str());
        let mut steps = 0;
        while let Some(id) = cur {
            if id == s.id || steps > reg.sections.len() {
                out.push(problem(
                    format!("sections[{i}].parent"),
                    format!(
                        "section '{}' is inside itself through its parents: give it a parent outside it",
                        s.id
                    ),
                ));
                break;
            }
            steps += 1;
            cur = reg
                .sections
                .iter()
                .find(|x| x.id == id)
                .and_then(|x| x.parent.as_deref());
        }
    }

    let mut numbers: HashMap<u32, usize> = HashMap::default();
    for (i, t) in reg.tasks.iter().enumerate() {
        if let Some(first) = numbers.insert(t.number, i) {
            out.push(problem(
                format!("tasks[{i}].number"),
                format!(
                    "task number {} is also used by tasks[{first}]: give each task its own number",
                    t.number
                ),
            ));
        }
        if !sections.contains_key(t.section.as_str()) {
            out.push(dangling(
                format!("tasks[{i}].section"),
                &t.section,
                "section",
                "sections",
            ));
        }
        for (j, id) in t.lead.iter().enumerate() {
            if !owners.contains_key(id.as_str()) {
                out.push(dangling(
                    format!("tasks[{i}].lead[{j}]"),
                    id,
                    "unit",
                    "units or towns",
                ));
            }
        }
        for (j, id) in t.responsible.iter().enumerate() {
            if !owners.contains_key(id.as_str()) {
                out.push(dangling(
                    format!("tasks[{i}].responsible[{j}]"),
                    id,
                    "unit",
                    "units or towns",
                ));
            }
        }
        for (j, id) in t.mentions.iter().enumerate() {
            if !towns.contains_key(id.as_str()) {
                out.push(dangling(
                    format!("tasks[{i}].mentions[{j}]"),
                    id,
                    "town",
                    "towns",
                ));
            }
        }
        if t.progress > 100 {
            out.push(problem(
                format!("tasks[{i}].progress"),
                format!(
                    "progress {} is over 100: use a percentage from 0 to 100",
                    t.progress
                ),
            ));
        }
    }
    for (i, g) in reg.goals.iter().enumerate() {
        for (j, id) in g.sections.iter().enumerate() {
            if !sections.contains_key(id.as_str()) {
                out.push(dangling(
                    format!("goals[{i}].sections[{j}]"),
                    id,
                    "section",
                    "sections",
                ));
            }
        }
        for (k, target) in g.targets.iter().enumerate() {
            for (j, id) in target.sections.iter().enumerate() {
                if !sections.contains_key(id.as_str()) {
                    out.push(dangling(
                        format!("goals[{i}].targets[{k}].sections[{j}]"),
                        id,
                        "section",
                        "sections",
                    ));
                }
            }
        }
    }
    people(&mut out, reg);
    out
}

/// The `people` list: each login once and named, each unit one of the units.
fn people(out: &mut Vec<Problem>, reg: &Registry) {
    let mut logins = Vec::new();
    unique_ids(
        &mut logins,
        "people",
        reg.people.iter().map(|p| p.login.as_str()),
    );
    // A person's key is their login, not an id: name the field the file has.
    out.extend(logins.into_iter().map(|mut p| {
        p.path = p.path.replace(".id", ".login");
        p
    }));
    for (i, p) in reg.people.iter().enumerate() {
        if p.name.trim().is_empty() {
            out.push(problem(
                format!("people[{i}].name"),
                "empty name: every person needs a name".into(),
            ));
        }
        if let Some(u) = &p.unit
            && reg.find_unit(u).is_none()
        {
            out.push(problem(
                format!("people[{i}].unit"),
                format!(
                    "unknown unit '{u}': no entry of units has this id, name or alias; fix the reference or add the unit"
                ),
            ));
        }
    }
}

fn unique_ids<'a>(
    out: &mut Vec<Problem>,
    list: &str,
    ids: impl Iterator<Item = &'a str>,
) -> HashMap<&'a str, usize> {
    // The map of each id to its first place is also the set of ids the references
    // are checked against (not copied into a set: 100 000 task ids hashed twice).
    let mut seen: HashMap<&str, usize> = HashMap::default();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            out.push(problem(
                format!("{list}[{i}].id"),
                "empty id: give every entry a unique, non-empty id".into(),
            ));
        } else if !super::sanitize::is_clean_line(id) {
            // An id is a key, not text: cleaning it for the screen would break the
            // references to it, so one that needs cleaning is refused.
            out.push(problem(
                format!("{list}[{i}].id"),
                format!("id '{id}' holds a control, invisible or emoji-joining character: use plain letters, digits, - and _"),
            ));
        } else if let Some(first) = seen.insert(id, i) {
            out.push(problem(
                format!("{list}[{i}].id"),
                format!("duplicate id '{id}' (first used by {list}[{first}]): ids must be unique"),
            ));
        }
    }
    seen
}

fn non_empty(out: &mut Vec<Problem>, path: String, value: &str) {
    if value.trim().is_empty() {
        out.push(problem(
            path,
            "empty name: every unit and town needs a name".into(),
        ));
    }
}

fn dangling(path: String, id: &str, what: &str, list: &str) -> Problem {
    problem(
        path,
        format!(
            "unknown {what} '{id}': no entry of {list} has this id; fix the reference or add the {what}"
        ),
    )
}
