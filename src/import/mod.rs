//! A Chinese government work plan, as published, → a [`Registry`].
//!
//! The importer is written for the genre: page chrome around the text, a notice
//! (title, 文号, issuer, date), parts headed 一、二、…, goals "到2025年…", sections
//! (一)(二)… of numbered tasks 1. 2. …, each task ending in a responsibility
//! annotation, and 保障措施. Anything it cannot place is an [`ImportError`] with the
//! line and what was expected — never a silently partial registry.

mod annotation;
mod curation;
mod document;
mod goals;
mod title;
mod units;

pub use curation::{Curation, Gazetteer};

use crate::registry::{FORMAT, Registry, validate};
use std::fmt;

/// What the importer needs besides the text.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The city's full list of towns and zones; without it 各镇(区) cannot be expanded.
    pub gazetteer: Option<Gazetteer>,
    /// Hand-made links of goals to sections, and title overrides.
    pub curation: Option<Curation>,
    /// Recorded as `document.source`.
    pub source: Option<String>,
    /// Use the gazetteer and curation compiled into dubang when the document is
    /// theirs (its issuer names the gazetteer's city; its 文号 is the curation's)
    /// and no file was given.
    pub bundled: bool,
}

/// A registry and what the user should know about how it was made.
#[derive(Debug, Clone)]
pub struct Imported {
    pub registry: Registry,
    /// Things the user should know: what could not be done, what was assumed.
    pub notes: Vec<String>,
}

/// Where the document could not be understood and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// 1-based line of the document (0: not tied to a line).
    pub line: usize,
    /// 1-based column in characters, when known.
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => f.write_str(&self.message),
            (l, Some(c)) => write!(f, "line {l}, column {c}: {}", self.message),
            (l, None) => write!(f, "line {l}: {}", self.message),
        }
    }
}

impl std::error::Error for ImportError {}

impl ImportError {
    fn at(line: usize, column: Option<usize>, message: impl Into<String>) -> Self {
        ImportError {
            line,
            column,
            message: message.into(),
        }
    }
}

/// Imports a plan's text.
pub fn import(text: &str, opts: &ImportOptions) -> Result<Imported, ImportError> {
    let parsed = document::parse(text)?;
    let mut notes = Vec::new();
    let mut opts = opts.clone();
    if opts.bundled {
        pick_bundled(&parsed, &mut opts, &mut notes);
    }
    let wanted = opts.curation.as_ref().and_then(|c| c.document.as_deref());
    if let (Some(c), Some(number)) = (wanted, parsed.number())
        && c != number
    {
        return Err(ImportError::at(
            0,
            None,
            format!(
                "the curation is for {c} but the document is {number}: give the curation made for this document"
            ),
        ));
    }
    let mut reg = document::build(parsed, &opts, &mut notes)?;
    reg.format = FORMAT.to_string();
    reg.document.source = opts.source.clone();
    reg.sanitize();
    if let Some(p) = validate(&reg).into_iter().next() {
        // The importer made something the loader would refuse: a bug, not the user's.
        return Err(ImportError::at(
            0,
            None,
            format!(
                "internal error: the imported registry is invalid at {}: {}",
                p.path, p.message
            ),
        ));
    }
    Ok(Imported {
        registry: reg,
        notes,
    })
}

fn pick_bundled(parsed: &document::Parsed, opts: &mut ImportOptions, notes: &mut Vec<String>) {
    if opts.gazetteer.is_none() {
        let g = Gazetteer::bundled();
        if let Some(city) = g.city.as_deref().filter(|c| parsed.issued_in(c)) {
            notes.push(format!(
                "used the bundled list of {city}'s {} towns and zones (seeds/towns.json); --towns FILE gives another",
                g.towns.len()
            ));
            opts.gazetteer = Some(g);
        }
    }
    if opts.curation.is_none() {
        let c = Curation::bundled();
        if c.document.is_some() && c.document.as_deref() == parsed.number() {
            notes.push(format!(
                "used the bundled curation of {} (goal links, headlines: seeds/curation.json); --curation FILE gives another",
                parsed.number().unwrap_or_default()
            ));
            opts.curation = Some(c);
        }
    }
}
