//! Unit names as a plan writes them → the registry's units and towns: aliases
//! merged (农业农村局 → 市农业农村局), kinds classified, 各镇(区) recognised, towns
//! resolved against the gazetteer.

use crate::registry::{Town, TownKind, Unit, UnitKind};
use std::collections::HashMap;

/// What a name written in an annotation turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Unit(String),
    Town(String),
}

/// Builds units and towns from names in order of first appearance.
pub struct Directory {
    pub units: Vec<Unit>,
    pub towns: Vec<Town>,
    /// Written name (normalised key) → owner id.
    by_key: HashMap<String, Owner>,
    gazetteer: bool,
}

/// Brackets and spaces unified so 各镇(区) and 各镇（区） are one name.
fn key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

/// Administrative prefixes a department name may be written with or without.
const PREFIXES: [&str; 3] = ["市", "县", "区"];

/// 各镇(区), 各镇, 各乡镇, 各镇(区)人民政府…: every town of the city.
/// Also the other levels' groups of local governments: 各区、县级市, 各县（市、区）,
/// 各街道, 各省级人民政府, 各省（区、市）.
fn is_all_towns(k: &str) -> bool {
    k.starts_with('各')
        && (["镇", "乡", "街道", "区", "县", "省"]
            .iter()
            .any(|l| k.contains(l))
            || (k.starts_with("各市") && !k.starts_with("各市场")))
        && !k.contains("单位")
        && !k.contains("部门")
        && !k.contains("有关")
        && !k.contains("相关")
        && k.chars().count() <= 14
}

fn looks_like_town(k: &str) -> Option<TownKind> {
    let n = k.chars().count();
    if n <= 6 && (k.ends_with('镇') || k.ends_with('乡') || k.ends_with("街道")) {
        Some(TownKind::Town)
    } else if k.ends_with("经济区") && k.contains("华侨") {
        Some(TownKind::Zone)
    } else {
        None
    }
}

fn classify(k: &str) -> UnitKind {
    if is_all_towns(k) {
        UnitKind::AllTowns
    } else if k.contains("银行")
        || k.ends_with("支行")
        || k.ends_with("分行")
        || k.contains("信用社")
    {
        UnitKind::Bank
    } else if (k.starts_with('各') && (k.ends_with("单位") || k.ends_with("部门")))
        || k.ends_with("成员单位")
        || k.ends_with("领导小组")
        || k.contains("有关单位")
        || k.contains("相关单位")
        || k.contains("相关部门")
    {
        UnitKind::Group
    } else if [
        "局", "委", "办", "部", "院", "厅", "中心", "室", "处", "队", "站", "所", "会", "政府",
    ]
    .iter()
    .any(|s| k.ends_with(s))
    {
        UnitKind::Department
    } else {
        UnitKind::Other
    }
}

/// The name a town goes by in running text: 嘉积 for 嘉积镇, 彬村山 for the zone.
pub fn short_name(town: &Town) -> String {
    if let Some(s) = &town.short {
        return s.clone();
    }
    let n = &town.name;
    for suffix in ["镇", "乡", "街道"] {
        if let Some(s) = n.strip_suffix(suffix)
            && s.chars().count() >= 2
        {
            return s.to_string();
        }
    }
    n.clone()
}

impl Directory {
    /// A directory that knows the gazetteer's towns (if any) from the start.
    pub fn new(gazetteer: Option<&[Town]>) -> Directory {
        let mut d = Directory {
            units: Vec::new(),
            towns: Vec::new(),
            by_key: HashMap::new(),
            gazetteer: gazetteer.is_some(),
        };
        for t in gazetteer.unwrap_or_default() {
            d.by_key.insert(key(&t.name), Owner::Town(t.id.clone()));
            for a in &t.aliases {
                d.by_key.insert(key(a), Owner::Town(t.id.clone()));
            }
            d.towns.push(t.clone());
        }
        d
    }

    /// Whether the town list is complete (a gazetteer was given).
    pub fn has_gazetteer(&self) -> bool {
        self.gazetteer
    }

    /// Registers every written name, in the order given, so that ids follow the
    /// document. Aliases are merged afterwards by [`Directory::merge_aliases`].
    pub fn resolve(&mut self, written: &str) -> Owner {
        let k = key(written);
        if let Some(o) = self.by_key.get(&k) {
            return o.clone();
        }
        let owner = if let Some(kind) = looks_like_town(&k).filter(|_| !is_all_towns(&k)) {
            let id = format!("town{}", self.towns.len() + 1);
            self.towns.push(Town {
                id: id.clone(),
                name: written.trim().to_string(),
                kind,
                short: None,
                code: None,
                aliases: Vec::new(),
            });
            Owner::Town(id)
        } else {
            let id = format!("u{}", self.units.len() + 1);
            self.units.push(Unit {
                id: id.clone(),
                name: written.trim().to_string(),
                aliases: Vec::new(),
                kind: classify(&k),
            });
            Owner::Unit(id)
        };
        self.by_key.insert(k, owner.clone());
        owner
    }

    /// Merges units written with and without the administrative prefix
    /// (农业农村局 and 市农业农村局) into the prefixed one. Returns a map from the
    /// dropped ids to the kept ones, which the caller applies to its tasks.
    ///
    /// `abbreviations` are the document's own `（以下简称市发改委）`: (the short name,
    /// the text before it, which ends with the full name). A short name used in an
    /// annotation is merged into the full one when the full one is a unit too.
    pub fn merge_aliases(&mut self, abbreviations: &[(String, String)]) -> HashMap<String, String> {
        let full: HashMap<String, usize> = self
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (key(&u.name), i))
            .collect();
        let mut renamed: HashMap<String, String> = HashMap::new();
        for i in 0..self.units.len() {
            let k = key(&self.units[i].name);
            let target = PREFIXES
                .iter()
                .find_map(|p| full.get(&format!("{p}{k}")).copied());
            if let Some(t) = target {
                let from = self.units[i].id.clone();
                let to = self.units[t].id.clone();
                renamed.insert(from, to);
            }
        }
        let find = |k: &str| {
            full.get(k)
                .or_else(|| PREFIXES.iter().find_map(|p| full.get(&format!("{p}{k}"))))
                .copied()
        };
        for (short, before) in abbreviations {
            let Some(s) = find(&key(short)) else { continue };
            let before = key(before);
            let chars: Vec<(usize, char)> = before.char_indices().collect();
            // The longest tail of the text before the bracket that names a unit.
            let target = chars
                .iter()
                .map(|(i, _)| &before[*i..])
                .filter(|tail| tail.chars().count() >= 2)
                .find_map(find);
            if let Some(t) = target.filter(|t| *t != s) {
                let from = self.units[s].id.clone();
                let to = self.units[t].id.clone();
                renamed.entry(from).or_insert(to);
            }
        }
        // Follow chains (水务局 → 市水务局 → 市市水务局) to the name that is kept, and
        // give it every spelling on the way as an alias.
        let last = |mut id: String| {
            let mut seen = 0;
            while let Some(next) = renamed.get(&id) {
                id = next.clone();
                seen += 1;
                if seen > renamed.len() {
                    break;
                }
            }
            id
        };
        let finals: Vec<(String, String)> = renamed
            .keys()
            .map(|from| (from.clone(), last(from.clone())))
            .collect();
        let mut aliases: Vec<(String, String)> = Vec::new();
        for u in &self.units {
            if let Some((_, to)) = finals.iter().find(|(from, _)| *from == u.id) {
                aliases.push((to.clone(), u.name.clone()));
            }
        }
        for (to, alias) in aliases {
            if let Some(u) = self.units.iter_mut().find(|u| u.id == to) {
                u.aliases.push(alias);
            }
        }
        let mut renamed: HashMap<String, String> = finals.into_iter().collect();
        self.units.retain(|u| !renamed.contains_key(&u.id));
        // Ids follow the order of first appearance, without gaps.
        let mut renumber = HashMap::new();
        for (n, u) in self.units.iter_mut().enumerate() {
            let new = format!("u{}", n + 1);
            if u.id != new {
                renumber.insert(u.id.clone(), new.clone());
                u.id = new;
            }
        }
        for v in renamed.values_mut() {
            if let Some(n) = renumber.get(v) {
                *v = n.clone();
            }
        }
        renamed.extend(renumber);
        renamed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_the_kinds_of_unit() {
        assert_eq!(classify("市水务局"), UnitKind::Department);
        assert_eq!(classify("市委宣传部"), UnitKind::Department);
        assert_eq!(classify("人民银行琼海支行"), UnitKind::Bank);
        assert_eq!(
            classify("实施乡村振兴战略领导小组成员单位"),
            UnitKind::Group
        );
        assert_eq!(classify("各镇(区)"), UnitKind::AllTowns);
        assert_eq!(classify("各区、县级市"), UnitKind::AllTowns);
        assert_eq!(classify("各县(市、区)"), UnitKind::AllTowns);
        assert_eq!(classify("各省级人民政府"), UnitKind::AllTowns);
        assert_eq!(classify("各有关单位"), UnitKind::Group);
        assert_eq!(classify("各项目牵头单位"), UnitKind::Group);
        assert_eq!(classify("各市场主体"), UnitKind::Other);
        assert_eq!(looks_like_town("潭门镇"), Some(TownKind::Town));
        assert_eq!(looks_like_town("彬村山华侨经济区"), Some(TownKind::Zone));
        assert_eq!(looks_like_town("市水务局"), None);
    }

    #[test]
    fn merges_names_without_the_city_prefix() {
        let mut d = Directory::new(None);
        assert_eq!(d.resolve("农业农村局"), Owner::Unit("u1".into()));
        d.resolve("市水务局");
        d.resolve("市农业农村局");
        d.resolve("各镇（区）");
        assert_eq!(d.resolve("各镇(区)"), Owner::Unit("u4".into()));
        let map = d.merge_aliases(&[]);
        assert_eq!(d.units.len(), 3);
        assert_eq!(d.units[1].name, "市农业农村局");
        assert_eq!(d.units[1].aliases, ["农业农村局"]);
        assert_eq!(map["u1"], "u2");
        assert_eq!(map["u3"], "u2");
    }

    #[test]
    fn merges_the_documents_own_abbreviations() {
        let mut d = Directory::new(None);
        d.resolve("市发改委");
        d.resolve("市发展和改革委员会");
        d.resolve("发改委");
        let map = d.merge_aliases(&[("市发改委".into(), "由市发展和改革委员会".into())]);
        assert_eq!(d.units.len(), 1);
        assert_eq!(d.units[0].name, "市发展和改革委员会");
        assert_eq!(map["u1"], "u1");
        assert_eq!(map["u3"], "u1");
    }

    #[test]
    fn merges_chains_of_prefixes() {
        let mut d = Directory::new(None);
        d.resolve("水务局");
        d.resolve("市水务局");
        d.resolve("市市水务局");
        let map = d.merge_aliases(&[]);
        assert_eq!(d.units.len(), 1);
        assert_eq!(d.units[0].name, "市市水务局");
        assert_eq!(map["u1"], "u1");
        assert_eq!(map["u2"], "u1");
    }
}
