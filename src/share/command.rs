//! The commands `dubang share init` and `dubang doctor`, from parsed arguments to the
//! lines they print; the command line (main.rs) only dispatches.

use super::doctor::{self, Finding};
use super::{Origin, init};
use crate::lang::Lang;
use crate::words::share as say;
use std::path::Path;

/// `dubang share init`: the lines to print, or the one-line reason it stopped.
pub fn share_init(
    lang: Lang,
    req: &init::Request,
    system: Option<&Path>,
) -> Result<Vec<String>, String> {
    let done = init::init(req).map_err(|f| say::failure(lang, &f))?;
    if let Some(config) = system {
        init::write_system_setting(config, &done.file)
            .map_err(|e| say::cannot_write_system(lang, config, &e))?;
    }
    Ok(say::done(lang, &done, system))
}

/// `dubang doctor`: a line per finding with its mark, and whether all is well.
pub fn doctor(lang: Lang, file: &Path, origin: Origin) -> (Vec<String>, bool) {
    let findings = doctor::check(file, origin);
    // Logins as the registry's people list names them, when the file can be read.
    let reg = crate::store::load(file).ok();
    let person = |login: &str| match &reg {
        Some(r) => crate::words::person(lang, r, login),
        None => login.to_string(),
    };
    let lines = findings
        .iter()
        .map(|f: &Finding| {
            format!(
                "{} {}",
                say::level(lang, f.level()),
                say::finding(lang, f, &person)
            )
        })
        .collect();
    (lines, doctor::all_well(&findings))
}
