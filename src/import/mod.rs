//! A Chinese government work plan, as published, → a [`Registry`].
//!
//! The importer is written for the genre: page chrome around the text, a notice
//! (title, 文号, issuer, date), an outline of parts 一、, sections （一）, items 1.,
//! sub-items （1） and ①; a task is an item that ends in a responsibility annotation
//! (labelled 〔牵头单位:…〕 or by responsibility （…负责）), at whatever level, under
//! whatever part; goals "到2025年…" and 保障措施 are read too. Anything it cannot
//! place is an [`ImportError`] with the line, column and what was expected — never a
//! silently partial registry (unless asked: [`ImportOptions::allow_partial`]).

mod annotation;
mod body;
mod build;
pub mod check;
mod closing;
mod curation;
mod dates;
mod document;
mod duty;
pub mod formats;
mod goals;
pub mod messages;
mod notes;
mod notice;
mod outline;
mod title;
mod units;

pub use curation::{Curation, Gazetteer};

use crate::lang::Lang;
use crate::registry::{FORMAT, Registry, validate};
pub use messages::Msg;
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
    /// Import what could be placed; what was left out goes to `document.notes`.
    pub allow_partial: bool,
    /// The language of the problems' messages (English by default).
    pub lang: Lang,
}

/// A registry and what the user should know about how it was made.
#[derive(Debug, Clone)]
pub struct Imported {
    pub registry: Registry,
    /// Things the user should know: what could not be done, what was assumed.
    pub notes: Vec<String>,
    /// Lines that could not be placed (left out under `allow_partial`).
    pub problems: Vec<ImportError>,
    /// Per task (in registry order): how the document numbers it and its line.
    pub places: Vec<(String, usize)>,
}

/// Where the document could not be understood and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// 1-based line of the document (0: not tied to a line).
    pub line: usize,
    /// 1-based column in characters, when known.
    pub column: Option<usize>,
    /// What is wrong, in the language of [`ImportOptions::lang`].
    pub message: String,
    /// What is wrong, to be said in any language.
    pub what: Msg,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.located(Lang::En))
    }
}

impl std::error::Error for ImportError {}

impl ImportError {
    fn at(line: usize, column: Option<usize>, what: Msg) -> Self {
        ImportError {
            line,
            column,
            message: what.to_string(),
            what,
        }
    }

    /// The message in `lang`.
    pub fn in_lang(mut self, lang: Lang) -> Self {
        self.message = self.what.text(lang);
        self
    }

    /// `line L, column C: message` (`第 L 行第 C 列：…`) in `lang`.
    pub fn located(&self, lang: Lang) -> String {
        messages::at(lang, self.line, self.column, &self.what.text(lang))
    }
}

/// Imports a plan's text. The first problem is the error, unless
/// [`ImportOptions::allow_partial`] is set.
pub fn import(text: &str, opts: &ImportOptions) -> Result<Imported, ImportError> {
    import_all(text, opts).map_err(|mut e| e.swap_remove(0))
}

/// Imports a plan's text; on failure, every problem found, in line order.
pub fn import_all(text: &str, opts: &ImportOptions) -> Result<Imported, Vec<ImportError>> {
    let lang = opts.lang;
    let said = |v: Vec<ImportError>| v.into_iter().map(|e| e.in_lang(lang)).collect();
    let mut imported = import_all_en(text, opts).map_err(said)?;
    imported.problems = said(std::mem::take(&mut imported.problems));
    Ok(imported)
}

fn import_all_en(text: &str, opts: &ImportOptions) -> Result<Imported, Vec<ImportError>> {
    let widths: Vec<usize> = text.split('\n').map(|l| l.chars().count()).collect();
    // Joined label lines can report a column past the end of the written line.
    let clamp = |mut e: ImportError| {
        if let (Some(c), Some(w)) = (e.column, e.line.checked_sub(1).and_then(|l| widths.get(l))) {
            e.column = Some(c.min(w + 1).max(1));
        }
        e
    };
    let mut parsed = document::parse(text).map_err(|e| vec![clamp(e)])?;
    let mut problems: Vec<ImportError> = std::mem::take(&mut parsed.problems)
        .into_iter()
        .map(clamp)
        .collect();
    problems.sort_by_key(|e| (e.line, e.column));
    if !problems.is_empty() && (!opts.allow_partial || parsed.tasks.is_empty()) {
        return Err(problems);
    }
    let places = parsed
        .tasks
        .iter()
        .map(|t| (t.label.clone(), t.line))
        .collect();
    let mut notes = std::mem::take(&mut parsed.assumptions);
    let mut imported = import_parsed(parsed, opts, &mut notes).map_err(|e| vec![e])?;
    imported.registry.document.notes = problems
        .iter()
        .map(|p| messages::left_out(&p.located(opts.lang)))
        .collect();
    if let Some(p) = validate(&imported.registry).into_iter().next() {
        return Err(vec![internal(&p)]);
    }
    imported.problems = problems;
    imported.places = places;
    Ok(imported)
}

/// Imports a document as read from disk: text in any encoding, an HTML page or a
/// Word .docx ([`formats::read`]); a task table's 完成时限 become due dates.
pub fn import_document(
    bytes: &[u8],
    name: &str,
    opts: &ImportOptions,
) -> Result<(Imported, String), (Vec<ImportError>, Option<String>)> {
    let source = formats::read(bytes, name).map_err(|e| (vec![e.in_lang(opts.lang)], None))?;
    let mut imported =
        import_all(&source.text, opts).map_err(|e| (e, Some(source.note.clone())))?;
    for (task, (_, line)) in imported.registry.tasks.iter_mut().zip(&imported.places) {
        if let Some((_, d)) = source.dues.iter().find(|(l, _)| l == line) {
            task.due = Some(*d);
        }
    }
    Ok((imported, source.note))
}

fn internal(p: &crate::registry::Problem) -> ImportError {
    // The importer made something the loader would refuse: a bug, not the user's.
    ImportError::at(
        0,
        None,
        Msg::Internal {
            path: p.path.to_string(),
            message: p.message.clone(),
        },
    )
}

fn import_parsed(
    parsed: document::Parsed,
    opts: &ImportOptions,
    notes: &mut Vec<String>,
) -> Result<Imported, ImportError> {
    let mut opts = opts.clone();
    if opts.bundled {
        pick_bundled(&parsed, &mut opts, notes);
    }
    let wanted = opts.curation.as_ref().and_then(|c| c.document.as_deref());
    if let (Some(c), Some(number)) = (wanted, parsed.number())
        && c != number
    {
        return Err(ImportError::at(
            0,
            None,
            Msg::CurationFor {
                curation: c.to_string(),
                document: number.to_string(),
            },
        ));
    }
    let mut reg = build::build(parsed, &opts, notes)?;
    reg.format = FORMAT.to_string();
    reg.document.source = opts.source.clone();
    reg.sanitize();
    if let Some(p) = validate(&reg).into_iter().next() {
        return Err(internal(&p));
    }
    Ok(Imported {
        registry: reg,
        notes: std::mem::take(notes),
        problems: Vec::new(),
        places: Vec::new(),
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
