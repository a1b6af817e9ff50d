//! A login as the reader knows the person: 王丽（市水务局）, or the login itself when
//! the registry's `people` list does not have it.

use crate::lang::Lang;
use crate::registry::Registry;

/// "王丽（市水务局）" / "王丽 (市水务局)"; "王丽" without a unit; the login when unknown.
pub fn person(lang: Lang, reg: &Registry, login: &str) -> String {
    match reg.who_is(login) {
        None => login.to_string(),
        Some(w) => match (w.unit, lang) {
            (None, _) => w.name.to_string(),
            (Some(u), Lang::Zh) => format!("{}（{u}）", w.name),
            (Some(u), Lang::En) => format!("{} ({u})", w.name),
        },
    }
}

/// Each login of a list as [`person`].
pub fn people(lang: Lang, reg: &Registry, logins: &[String]) -> Vec<String> {
    logins.iter().map(|l| person(lang, reg, l)).collect()
}
