//! The lenient pass behind `dubang validate`: a file whose values have the wrong type
//! (an unknown status, progress 300, a number where text belongs) still gets every
//! problem listed, not only the first one serde stops at.
//!
//! The file is read as a plain JSON value; deserialising it is retried after each
//! type error, with the offending value replaced by a well-typed stand-in taken
//! from the bundled plan at the same place (an unknown field dropped, a missing one
//! added). Each stand-in is remembered so that the checks run afterwards on the
//! repaired registry do not report problems the stand-in itself made up.

use super::{BUNDLED, LoadError, describe_json_error, locate};
use crate::registry::Registry;
use serde_json::Value;
use std::path::Path;

/// At most this many type errors are collected (a file of garbage stops here).
const MAX_TYPE_ERRORS: usize = 200;

/// Every type error in `text` after `first` (the one the strict reader met), and the
/// registry with stand-ins in their place; `None` when the text is no JSON at all
/// or cannot be repaired into a registry.
pub(super) fn repair(
    file: &Path,
    text: &str,
    first: &LoadError,
) -> Option<(Registry, Vec<LoadError>, Vec<String>)> {
    if !text.trim_start().starts_with('{') {
        return None;
    }
    let mut value: Value = serde_json::from_str(text).ok()?;
    let template: Value = serde_json::from_str(BUNDLED).ok()?;
    let mut problems = Vec::new();
    let mut repaired: Vec<String> = Vec::new();
    for _ in 0..MAX_TYPE_ERRORS {
        let err = match serde_path_to_error::deserialize::<_, Registry>(value.clone()) {
            Ok(reg) => return Some((reg, problems, repaired)),
            Err(e) => e,
        };
        let path = err.path().to_string();
        let path = path.strip_suffix(".?").unwrap_or(&path).to_string();
        let path = if path == "." { String::new() } else { path };
        let message = describe_json_error(err.inner());
        let target = fix(&mut value, &template, &path, &message)?;
        if repaired.contains(&target) {
            // The stand-in did not help: give up rather than loop.
            return None;
        }
        let same_as_first =
            first.json_path.as_deref().unwrap_or("") == path && first.message == message;
        if !same_as_first {
            problems.push(LoadError {
                file: file.to_path_buf(),
                at: locate(text, &path),
                json_path: (!path.is_empty()).then(|| path.clone()),
                message,
            });
        }
        repaired.push(target);
    }
    None
}

/// Puts a well-typed value where the error is; returns the path repaired.
fn fix(value: &mut Value, template: &Value, path: &str, message: &str) -> Option<String> {
    let name = |prefix: &str| -> Option<String> {
        let rest = message.strip_prefix(prefix)?;
        let end = rest.find('`')?;
        Some(rest[..end].to_string())
    };
    let join = |field: &str| {
        if path.is_empty() {
            field.to_string()
        } else {
            format!("{path}.{field}")
        }
    };
    if let Some(field) = name("missing field `") {
        let stand_in = template.pointer(&pointer(&join(&field), true))?.clone();
        value
            .pointer_mut(&pointer(path, false))?
            .as_object_mut()?
            .insert(field.clone(), stand_in);
        return Some(join(&field));
    }
    if let Some(field) = name("unknown field `") {
        value
            .pointer_mut(&pointer(path, false))?
            .as_object_mut()?
            .remove(&field)?;
        return Some(join(&field));
    }
    let stand_in = template.pointer(&pointer(path, true)).cloned();
    let slot = value.pointer_mut(&pointer(path, false))?;
    let stand_in = stand_in.unwrap_or(Value::Null);
    if *slot == stand_in {
        return None;
    }
    *slot = stand_in;
    Some(path.to_string())
}

/// A JSON pointer for a path like `tasks[3].lead[0]`; `first` points every index at
/// element 0 (where the template has an example of each kind of element).
fn pointer(path: &str, first: bool) -> String {
    let mut out = String::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next().filter(|k| !k.is_empty()) {
            out.push('/');
            out.push_str(&key.replace('~', "~0").replace('/', "~1"));
        }
        for index in pieces {
            out.push('/');
            out.push_str(if first {
                "0"
            } else {
                index.trim_end_matches(']')
            });
        }
    }
    out
}

/// The stand-in at `repaired` must not be blamed for what the checks find there.
pub(super) fn caused_by_stand_in(path: &str, repaired: &[String]) -> bool {
    repaired.iter().any(|r| {
        path == r
            || path
                .strip_prefix(r.as_str())
                .is_some_and(|rest| rest.starts_with(['.', '[']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_follow_paths() {
        assert_eq!(pointer("tasks[3].lead[0]", false), "/tasks/3/lead/0");
        assert_eq!(pointer("tasks[3].lead[1]", true), "/tasks/0/lead/0");
        assert_eq!(pointer("document.title", false), "/document/title");
        assert_eq!(pointer("", false), "");
    }

    #[test]
    fn a_stand_in_covers_its_own_place_only() {
        let r = vec!["tasks[1].id".to_string()];
        assert!(caused_by_stand_in("tasks[1].id", &r));
        assert!(!caused_by_stand_in("tasks[1].idx", &r));
        assert!(!caused_by_stand_in("tasks[10].id", &r));
    }
}
