//! The full-screen dashboard: terminal lifecycle, event loop, state, views.

pub mod app;
pub mod keys;
pub mod terminal;
pub mod theme;
pub mod view;

use crate::lang::Lang;
use crate::registry::Registry;
use app::App;
use crossterm::event::{self, Event};
use std::path::PathBuf;

pub struct Options {
    pub file: PathBuf,
    pub lang: Lang,
    pub read_only: bool,
    /// Swap ambiguous-width characters for ASCII stand-ins.
    pub ascii: bool,
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// Runs the dashboard until the user quits. Event-driven: it sleeps in `read`
/// until a key or a resize arrives and draws nothing while idle.
pub fn run(reg: Registry, opts: Options) -> Result<(), String> {
    let mut app = App::new(reg, opts.file, opts.lang, now());
    app.read_only = opts.read_only;
    app.ascii = opts.ascii;
    let theme = theme::Theme::dark();
    let mut guard = terminal::enter().map_err(|e| format!("cannot use the terminal: {e}"))?;
    let fail = |e: std::io::Error| format!("terminal error: {e}");
    let mut dirty = true;
    loop {
        if dirty {
            app.now = now();
            guard
                .terminal
                .draw(|f| view::draw(f, &app, &theme))
                .map_err(fail)?;
        }
        dirty = match event::read().map_err(fail)? {
            Event::Key(key) => {
                let cmds = app.keys.commands(key);
                for c in &cmds {
                    app.update(*c);
                }
                !cmds.is_empty()
            }
            Event::Resize(..) => true,
            _ => false,
        };
        if app.quit {
            return Ok(());
        }
    }
}
