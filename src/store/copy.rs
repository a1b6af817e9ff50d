//! Writing the registry elsewhere (the dashboard's `w`) with the data as written.
//!
//! What the dashboard holds was cleaned for the screen at load (see
//! [`Registry::sanitize`]): escape sequences and invisible characters are gone from
//! it. A copy is data, not a screen, so [`save_copy`] re-reads the file as it is
//! on disk, without cleaning, applies the edits not in it yet on top (as a save
//! does) and writes that. Only when the file cannot be read or checked any more,
//! or one of the edits does not apply to it, does the copy come from what is
//! shown, and the caller is told why.

use super::{LoadError, SaveError, Saved, load_as_written, save_as};
use crate::registry::{Edit, EditError, Registry, apply_recorded};
use std::path::Path;

/// Why a copy was written from what is shown rather than from the file.
#[derive(Debug, Clone, PartialEq)]
pub enum FromScreen {
    /// The file is gone, unreadable or no valid registry now.
    Unreadable(LoadError),
    /// An edit not yet in the file does not apply to its current version.
    EditRefused(EditError),
}

/// A copy written by [`save_copy`].
#[derive(Debug, Clone, PartialEq)]
pub struct Copied {
    pub saved: Saved,
    /// `None`: the file's own data (with the edits). `Some`: what was shown.
    pub from_screen: Option<FromScreen>,
}

/// Writes `source`'s registry as written on disk, with `edits` applied in order, to
/// `path` (see [`save_as`]); `shown` — the registry on screen, edits included —
/// when the file or an edit does not allow that.
pub fn save_copy(
    path: &Path,
    source: &Path,
    edits: &[Edit],
    shown: &Registry,
) -> Result<Copied, SaveError> {
    match as_written(source, edits) {
        Ok(reg) => Ok(Copied {
            saved: save_as(path, &reg)?,
            from_screen: None,
        }),
        Err(why) => Ok(Copied {
            saved: save_as(path, shown)?,
            from_screen: Some(why),
        }),
    }
}

/// The file as written, with the edits on top.
fn as_written(source: &Path, edits: &[Edit]) -> Result<Registry, FromScreen> {
    let mut reg = load_as_written(source).map_err(FromScreen::Unreadable)?;
    for edit in edits {
        apply_recorded(&mut reg, edit).map_err(FromScreen::EditRefused)?;
    }
    Ok(reg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{EditTarget, Op, Status};
    use crate::store::BUNDLED;

    /// The bundled plan with an escape sequence and a bidi override in its title,
    /// as raw JSON text.
    fn hostile() -> String {
        BUNDLED.replacen(
            "\"title\": \"",
            "\"title\": \"\\u001b]0;pwned\\u0007\\u202e",
            1,
        )
    }

    fn setup() -> (tempfile::TempDir, std::path::PathBuf, Registry) {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("registry.json");
        std::fs::write(&p, hostile()).unwrap();
        let shown = crate::store::load(&p).unwrap();
        assert!(!shown.document.title.contains('\u{1b}'));
        (d, p, shown)
    }

    fn done(id: &str) -> Edit {
        Edit::new(
            EditTarget::Task(id.into()),
            Op::SetStatus { to: Status::Done },
        )
    }

    #[test]
    fn the_copy_holds_the_text_as_written_and_the_edits() {
        let (d, p, mut shown) = setup();
        let edit = done("t1");
        let recorded = apply_recorded(&mut shown, &edit).unwrap().len();
        let other = d.path().join("copy.json");
        let c = save_copy(&other, &p, std::slice::from_ref(&edit), &shown).unwrap();
        assert_eq!(c.from_screen, None);
        let copy = std::fs::read_to_string(&other).unwrap();
        assert!(copy.contains("\"title\": \"\\u001b]0;pwned\\u0007\u{202e}"));
        let raw = crate::store::parse_bytes_as_written(&other, copy.as_bytes()).unwrap();
        assert_eq!(raw.task("t1").unwrap().status, Status::Done);
        let before = crate::store::parse_bytes_as_written(&p, hostile().as_bytes()).unwrap();
        let entries = |r: &Registry| r.task("t1").unwrap().history.len();
        assert_eq!(entries(&raw), entries(&before) + recorded);
    }

    #[test]
    fn a_gone_file_or_a_refused_edit_copies_what_is_shown() {
        let (d, p, shown) = setup();
        let other = d.path().join("copy.json");
        let refused = done("t999");
        let c = save_copy(&other, &p, &[refused], &shown).unwrap();
        assert!(matches!(c.from_screen, Some(FromScreen::EditRefused(_))));
        assert_eq!(crate::store::load(&other).unwrap(), shown);
        std::fs::remove_file(&p).unwrap();
        let c = save_copy(&other, &p, &[], &shown).unwrap();
        assert!(matches!(c.from_screen, Some(FromScreen::Unreadable(_))));
        assert_eq!(crate::store::load(&other).unwrap(), shown);
    }
}
