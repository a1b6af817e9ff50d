//! The people who edit a registry: login → 姓名, 单位, 电话, so that history says
//! 王丽（市水务局） where the file records `wangli`.
//!
//! Kept in the registry itself (`people`, optional) rather than a side file: it is
//! shared, locked, saved and reloaded with the history it explains, needs no second
//! path to configure or permission to get right, and `dubang validate` checks it.

use super::Registry;
use serde::{Deserialize, Serialize};

/// One person of the `people` list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// The Unix login that history records (`by`).
    pub login: String,
    /// 姓名, as colleagues call them.
    pub name: String,
    /// 单位: a unit's id or name (an unknown one is an error `dubang validate` names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// 电话, free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// What a login stands for: the person's name and their unit's display name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Who<'a> {
    pub name: &'a str,
    pub unit: Option<&'a str>,
}

impl Registry {
    /// The person with this login, if the `people` list has them.
    pub fn person(&self, login: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.login == login)
    }

    /// The name and unit behind a login (the unit as its display name when the
    /// `unit` field names one by id or alias).
    pub fn who_is(&self, login: &str) -> Option<Who<'_>> {
        let p = self.person(login)?;
        let unit = p.unit.as_deref().map(|u| self.unit_display(u));
        Some(Who {
            name: &p.name,
            unit,
        })
    }

    /// A unit by id, name or alias, as its name; the text itself when no unit matches.
    fn unit_display<'a>(&'a self, key: &'a str) -> &'a str {
        self.find_unit(key)
            .map_or(key, |i| self.units[i].name.as_str())
    }

    /// The index of the unit whose id, name or alias is `key`.
    pub fn find_unit(&self, key: &str) -> Option<usize> {
        let key = key.trim();
        self.units
            .iter()
            .position(|u| u.id == key || u.name == key || u.aliases.iter().any(|a| a == key))
    }
}

pub(super) fn sanitize(people: &mut [Person]) {
    for p in people {
        super::sanitize::clean_line(&mut p.login);
        super::sanitize::clean_line(&mut p.name);
        for s in [&mut p.unit, &mut p.phone].into_iter().flatten() {
            super::sanitize::clean_line(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_login_resolves_to_name_and_unit_by_id_name_or_alias() {
        let mut reg: Registry = serde_json::from_str(crate::store::BUNDLED).unwrap();
        let u = reg.units[0].clone();
        reg.people = vec![
            Person {
                login: "wangli".into(),
                name: "王丽".into(),
                unit: Some(u.id.clone()),
                phone: None,
            },
            Person {
                login: "liwei".into(),
                name: "李伟".into(),
                unit: Some("某某办".into()),
                phone: Some("123".into()),
            },
        ];
        let w = reg.who_is("wangli").unwrap();
        assert_eq!((w.name, w.unit), ("王丽", Some(u.name.as_str())));
        assert_eq!(reg.who_is("liwei").unwrap().unit, Some("某某办"));
        assert_eq!(reg.who_is("root"), None);
    }

    #[test]
    fn validate_names_a_repeated_login_an_empty_name_and_an_unknown_unit() {
        let mut reg: Registry = serde_json::from_str(crate::store::BUNDLED).unwrap();
        let p = |login: &str, name: &str, unit: &str| Person {
            login: login.into(),
            name: name.into(),
            unit: Some(unit.into()),
            phone: None,
        };
        reg.people = vec![
            p("wangli", "王丽", "市水务局"),
            p("wangli", "王丽", "u8"),
            p("liwei", " ", "水务局?"),
        ];
        let paths: Vec<String> = crate::registry::validate(&reg)
            .into_iter()
            .map(|p| p.path)
            .collect();
        assert_eq!(
            paths,
            ["people[1].login", "people[2].name", "people[2].unit"]
        );
    }
}
