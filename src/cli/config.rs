//! `dubang config`: the settings file's place, its problems, a commented default.

use dubang::lang::Lang;
use dubang::store;
use dubang::words::{self, Say};
use std::path::PathBuf;

/// `dubang config`: where the settings file is and every problem in it — settings
/// and `[keys]` bindings alike — with exit 1 when there is any; `--print-default`
/// prints a commented default, `--write` puts it in place when there is no file.
pub fn run_config(
    lang: Lang,
    config: Option<PathBuf>,
    print_default: bool,
    write: bool,
    settings: &dubang::settings::Settings,
    problems: Vec<dubang::settings::Problem>,
) -> Result<(), String> {
    if print_default {
        print!("{}", dubang::tui::keys::default_settings_text());
        return Ok(());
    }
    let p = config.ok_or_else(|| Say::NoConfigDir.text(lang))?;
    if write {
        if p.exists() {
            return Err(Say::ConfigExists(&p).text(lang));
        }
        let text = dubang::tui::keys::default_settings_text();
        let made = match p.parent() {
            Some(dir) => std::fs::create_dir_all(dir),
            None => Ok(()),
        };
        made.and_then(|()| store::write_atomic(&p, text.as_bytes()))
            .map_err(|e| {
                Say::CannotWrite {
                    path: &p,
                    error: words::io_error(lang, &e),
                }
                .text(lang)
            })?;
        sayln!("{}", Say::ConfigWritten(&p).text(lang));
        return Ok(());
    }
    let state = if p.exists() {
        String::new()
    } else {
        Say::ConfigMissing.text(lang)
    };
    sayln!("{}{state}", p.display());
    // The bindings are checked as the dashboard would apply them.
    let (_, key_problems) = dubang::tui::keys::KeyMap::from_bindings(&settings.bindings, &p);
    let all: Vec<_> = problems.into_iter().chain(key_problems).collect();
    for problem in &all {
        esayln!("dubang: {}", words::settings_problem(lang, problem));
    }
    match all.len() {
        0 => Ok(()),
        n => Err(Say::ConfigProblems(n).text(lang)),
    }
}
