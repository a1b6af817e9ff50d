//! `w`: the registry written to another path, as the file holds it (the text as
//! its authors wrote it, not as cleaned for the screen) with the edits not in the
//! file yet on top (see [`store::save_copy`]). Shared by the runner and the tests.

use super::app::App;
use crate::store;
use std::path::Path;

/// Writes the copy and tells the app how it went. `saving`: saves are still on
/// their way, so the file may or may not hold them yet; the copy is then taken
/// from the screen, which holds them for sure (and says so).
pub fn write_elsewhere(app: &mut App, path: &Path, saving: bool) {
    use crate::words::screen::copy;
    // What was written, and why from the screen when it was.
    let result = if saving {
        store::save_as(path, &app.reg).map(|s| (s, Some(copy::from_screen_while_saving(app.lang))))
    } else {
        // In the order the screen shows them (see `show_unsaved`).
        let mut unsaved = app.pending.clone();
        unsaved.extend(app.in_flight.iter().cloned());
        store::save_copy(path, &app.file, &unsaved, &app.reg).map(|c| {
            let why = c.from_screen.map(|why| copy::from_screen(app.lang, &why));
            (c.saved, why)
        })
    };
    match result {
        Ok((saved, why)) => {
            app.written_as(&saved.path);
            if let (Some(why), Some(m)) = (why, app.message.as_mut()) {
                m.push_str(&why);
            }
        }
        Err(e) => app.write_as_failed(&e),
    }
}
