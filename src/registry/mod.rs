//! The domain: a work plan's registry of sections, tasks, units, towns and goals.
//!
//! These types are the JSON contract of `dubang/1` (see README "File format"): field
//! names are never repurposed. Nothing here knows about terminals or files.

pub mod activity;
mod clean;
mod due;
mod ids;
mod index;
#[cfg(test)]
mod index_props;
pub mod ops;
mod people;
mod positions;
mod rollup;
mod rollups;
mod sanitize;
mod shared;
mod status;
pub mod typed;
mod validate;

pub use due::{Due, DueSource};
pub use index::{Index, TownLink};
pub use ops::{
    Changes, Edit, EditError, Op, Target as EditTarget, apply, apply_indexed, apply_recorded,
    apply_to_goal, apply_to_task, changes_between, changes_in, note_recorded, same_but_edits,
    same_goal_but_edits, who,
};
pub use people::{Person, Who};
pub use positions::{TaskIter, TaskList, TownTasks};
pub use rollup::{GoalDisagreement, Rollup, goal_disagreement};
pub use rollups::Counted;
pub use sanitize::{is_unwanted, sanitize_line, sanitize_text};
pub use shared::Shared;
pub use status::Status;
pub use validate::{Problem, validate};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The value of the `format` field this version reads and writes.
pub const FORMAT: &str = "dubang/1";

/// A whole registry file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Registry {
    pub format: String,
    pub document: Document,
    pub sections: Vec<Section>,
    pub units: Vec<Unit>,
    pub towns: Vec<Town>,
    pub goals: Vec<Goal>,
    pub tasks: Vec<Task>,
    /// The plan's safeguard measures (保障措施): not tasks, no owners, no status.
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// Who the logins of the history are (姓名, 单位, 电话); optional, kept on save.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
}

/// Where the plan comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The plan's own title, e.g. 新时代支持琼崖革命老区振兴发展工作方案.
    pub title: String,
    /// The title of the notice that published it, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    pub issuer: String,
    /// 文号, e.g. 海府〔2021〕244号.
    pub number: String,
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// What the importer could not place, when it was told to import the rest
    /// (`dubang import --allow-partial`), one line each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    /// The numeral of its heading as written, without brackets: 一, 二, …, 3
    pub numeral: String,
    pub title: String,
    /// The section this one sits in (an action programme inside a part), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// A government department or party organ: 市水务局, 市委宣传部.
    Department,
    /// A bank branch: 农业发展银行琼海支行.
    Bank,
    /// A group of units named collectively: 实施乡村振兴战略领导小组成员单位.
    Group,
    /// 各镇(区): every town and zone of the city.
    AllTowns,
    /// Anything else the document names (mass organisations such as 团市委).
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub id: String,
    pub name: String,
    /// Other spellings of the same unit found in the document (农业农村局 for 市农业农村局).
    #[serde(default)]
    pub aliases: Vec<String>,
    pub kind: UnitKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TownKind {
    Town,
    /// An economic zone administered like a town: 彬村山华侨经济区.
    Zone,
    /// A district or county of a city's gazetteer (各区、县级市).
    District,
    /// A county-level city (县级市) or a county (县).
    County,
    /// A province, for national plans (各省级人民政府).
    Province,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Town {
    pub id: String,
    pub name: String,
    pub kind: TownKind,
    /// The name without its suffix, as tasks mention it in passing (嘉积 for 嘉积镇).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// National Bureau of Statistics division code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: String,
    /// The year the goal is set for ("2025"), when the document gives one.
    pub horizon: Option<String>,
    pub due: Option<NaiveDate>,
    pub text: String,
    /// The goal's clauses, each with the sections that serve it.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// The sections that serve the goal (the union of its targets' sections).
    #[serde(default)]
    pub sections: Vec<String>,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub updated_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    pub updated_by: Option<String>,
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub text: String,
    #[serde(default)]
    pub sections: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    /// The task's number in the document, unique in the plan.
    pub number: u32,
    pub section: String,
    /// A short headline for lists.
    pub title: String,
    /// The task's full text from the document (paragraphs separated by newlines).
    /// Shared, not copied, by the search index (the bulk of a large plan's bytes):
    /// no edit changes it; serialised as a plain string.
    pub text: Arc<str>,
    /// Lead units (牵头单位), unit ids, in the document's order.
    pub lead: Vec<String>,
    /// Responsible units (责任单位 / 配合单位): unit or town ids, in the document's order.
    pub responsible: Vec<String>,
    /// The responsible units include 各镇(区): every town and zone.
    #[serde(default)]
    pub all_towns: bool,
    /// Towns the task's text mentions without naming them as responsible.
    #[serde(default)]
    pub mentions: Vec<String>,
    #[serde(default)]
    pub status: Status,
    /// Percent done, 0–100.
    #[serde(default)]
    pub progress: u8,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub updated_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    pub updated_by: Option<String>,
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

/// One recorded change of a task or goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: DateTime<FixedOffset>,
    pub by: String,
    /// What changed: "status", "progress", "due" or "note".
    pub field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the change came from when not typed into dubang: the file name of a
    /// collected 台账 sheet (`dubang ledger collect`). Absent in the file otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Whether this entry takes back an earlier one (undo in the dashboard): shown as
    /// 撤销 / undo in the history. Absent in the file otherwise.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub undo: bool,
}

/// A safeguard measure (保障措施).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub id: String,
    pub numeral: String,
    pub title: String,
    pub text: String,
}

impl Registry {
    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// A task by its number ("12") or its id ("t12").
    pub fn find_task(&self, key: &str) -> Option<usize> {
        let key = key.trim();
        if let Ok(n) = key.parse::<u32>()
            && let Some(i) = self.tasks.iter().position(|t| t.number == n)
        {
            return Some(i);
        }
        self.tasks.iter().position(|t| t.id == key)
    }

    /// The display name of a unit or town id (the id itself when it is unknown).
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        if let Some(u) = self.units.iter().find(|u| u.id == id) {
            return &u.name;
        }
        if let Some(t) = self.towns.iter().find(|t| t.id == id) {
            return &t.name;
        }
        id
    }
}
