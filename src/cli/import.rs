//! `dubang import`: a document in, a registry out, with the check of what came
//! through; the work is in `dubang::import`.

use dubang::import::{
    Curation, Gazetteer, ImportOptions, check, formats, import_document, messages,
};
use dubang::lang::Lang;
use dubang::store;
use dubang::words::{self, FileKind, Say};
use std::path::Path;

fn read_text(lang: Lang, path: &Path, what: FileKind) -> Result<String, String> {
    let bytes = store::files::read_regular(path, store::files::FILE_CAP).map_err(|e| {
        Say::CannotRead {
            path,
            what,
            error: words::io_error(lang, &e),
        }
        .text(lang)
    })?;
    String::from_utf8(bytes).map_err(|e| {
        Say::NotUtf8 {
            path,
            what,
            offset: e.utf8_error().valid_up_to(),
        }
        .text(lang)
    })
}

pub fn run_import(
    named: Option<Lang>,
    document: &Path,
    out: Option<&Path>,
    towns: Option<&Path>,
    curation: Option<&Path>,
    (no_bundled, check, allow_partial): (bool, bool, bool),
) -> Result<(), String> {
    let lang = named.unwrap_or(Lang::En);
    let bytes = store::files::read_regular(document, store::files::FILE_CAP).map_err(|e| {
        Say::CannotRead {
            path: document,
            what: FileKind::Document,
            error: words::io_error(lang, &e),
        }
        .text(lang)
    })?;
    let file = document.display().to_string();
    // Nothing names a language: the document's, as the dashboard takes the plan's.
    let lang = named.unwrap_or_else(|| match formats::read(&bytes, &file) {
        Ok(s) => Lang::of_text(&s.text),
        Err(_) => Lang::of_text(&String::from_utf8_lossy(&bytes)),
    });
    let gazetteer = towns
        .map(|p| {
            read_text(lang, p, FileKind::TownList).and_then(|t| {
                Gazetteer::from_json(&t)
                    .map_err(|e| messages::bad_list(lang, &p.display().to_string(), true, &e))
            })
        })
        .transpose()?;
    let curation = curation
        .map(|p| {
            read_text(lang, p, FileKind::Curation).and_then(|t| {
                Curation::from_json(&t)
                    .map_err(|e| messages::bad_list(lang, &p.display().to_string(), false, &e))
            })
        })
        .transpose()?;
    let opts = ImportOptions {
        gazetteer,
        curation,
        source: Some(file.clone()),
        bundled: !no_bundled,
        // --check shows what could be read even when some lines could not.
        allow_partial: allow_partial || check,
        lang,
    };
    let (imported, source) = match import_document(&bytes, &file, &opts) {
        Ok(ok) => ok,
        Err((problems, source)) => {
            if check {
                say!(
                    "{}",
                    check::report(&file, source.as_deref(), None, &problems)
                );
            } else {
                for p in &problems[..problems.len() - 1] {
                    esayln!("dubang: {}", check::problem_line(&file, p));
                }
            }
            return Err(check::problem_line(&file, &problems[problems.len() - 1]));
        }
    };
    if check {
        let p = &imported.problems;
        say!(
            "{}",
            check::report(&file, Some(&source), Some(&imported), p)
        );
        return match p.len() {
            0 => Ok(()),
            n => Err(messages::unplaced(lang, &file, n)),
        };
    }
    esayln!("dubang: {}", messages::note(lang, &source));
    for p in &imported.problems {
        let line = check::problem_line(&file, p);
        esayln!("dubang: {}", messages::left_out_line(lang, &line));
    }
    for n in &imported.notes {
        esayln!("dubang: {}", messages::note(lang, n));
    }
    let json = store::to_json(&imported.registry);
    match out {
        Some(p) => {
            store::write_atomic(p, json.as_bytes()).map_err(|e| {
                Say::CannotWrite {
                    path: p,
                    error: words::io_error(lang, &e),
                }
                .text(lang)
            })?;
            let r = &imported.registry;
            let counts = [
                r.sections.len(),
                r.tasks.len(),
                r.units.len(),
                r.towns.len(),
                r.goals.len(),
                r.measures.len(),
            ];
            esayln!("dubang: {}", Say::Wrote { path: p, counts }.text(lang));
        }
        None => print!("{json}"),
    }
    Ok(())
}
