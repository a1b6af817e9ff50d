//! The two hand-kept inputs of an import, both JSON files in seeds/: the city's
//! gazetteer of towns, and the curation of what the document does not say (which
//! sections serve which goal, and better headlines where the first clause is poor).

use crate::registry::Town;
use serde::Deserialize;
use std::collections::BTreeMap;

/// `{"city": "琼海市", "level": "镇", "towns": [{"id": "jiaji", "name": "嘉积镇", …}]}`.
#[derive(Debug, Clone, Deserialize)]
pub struct Gazetteer {
    #[serde(default)]
    pub city: Option<String>,
    /// The level of the local governments listed: 镇 (towns and zones of a city),
    /// 区 or 县 (districts and counties of a city), 省 (provinces, for a national
    /// plan). Said in the notes so the user sees which groups it expands.
    #[serde(default)]
    pub level: Option<String>,
    pub towns: Vec<Town>,
}

/// The gazetteer and curation kept in seeds/, compiled in so that importing the
/// bundled plan's document needs no extra files.
const BUNDLED_TOWNS: &str = include_str!("../../seeds/towns.json");
const BUNDLED_CURATION: &str = include_str!("../../seeds/curation.json");

impl Gazetteer {
    /// The bundled gazetteer (琼海市).
    pub fn bundled() -> Gazetteer {
        Gazetteer::from_json(BUNDLED_TOWNS).expect("seeds/towns.json is valid")
    }

    pub fn from_json(text: &str) -> Result<Gazetteer, String> {
        let g: Gazetteer = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if g.towns.is_empty() {
            return Err(super::messages::EMPTY_TOWN_LIST.into());
        }
        Ok(g)
    }
}

/// `{"goals": {"2025": [{"target": "脱贫攻坚成果", "sections": ["s1"]}]},
///   "titles": {"3": "不断优化村庄布局"}}`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Curation {
    /// The 文号 of the document this curation is for.
    #[serde(default)]
    pub document: Option<String>,
    /// Per goal horizon (or goal id), the sections serving each target, where a
    /// target is picked by a piece of its text.
    #[serde(default)]
    pub goals: BTreeMap<String, Vec<TargetLink>>,
    /// Headline overrides by task number.
    #[serde(default)]
    pub titles: BTreeMap<u32, String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TargetLink {
    pub target: String,
    pub sections: Vec<String>,
}

impl Curation {
    /// The bundled curation (海府〔2021〕244号).
    pub fn bundled() -> Curation {
        Curation::from_json(BUNDLED_CURATION).expect("seeds/curation.json is valid")
    }

    pub fn from_json(text: &str) -> Result<Curation, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}
