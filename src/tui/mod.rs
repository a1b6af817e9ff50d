//! The full-screen dashboard: terminal lifecycle, event loop, state, views.
//!
//! The loop is the only place that touches files while the dashboard runs: it
//! performs the [`edit::Effect`]s the state asks for (saves, on the saver thread)
//! and polls the file once a second for changes made by others (read on a loader
//! thread): what is slow happens off the thread that answers keys.

pub mod app;
pub mod backend;
mod command;
pub mod dashboard;
pub mod edit;
mod export;
pub mod find;
pub mod keys;
pub mod layout;
pub mod loader;
mod lost;
pub mod overlays;
pub mod present;
mod reload;
mod route;
pub mod saver;
mod saving;
pub mod terminal;
pub mod theme;
mod unsaved;
pub mod version;
pub mod view;
pub mod write_as;

#[cfg(test)]
mod tests;

use crate::lang::Lang;
use crate::registry::Registry;
use crate::store::{self, FileStamp};
use app::App;
use crossterm::event;
use edit::Effect;
use std::path::PathBuf;
use std::time::Duration;

pub struct Options {
    pub file: PathBuf,
    pub lang: Lang,
    /// `--read-only`: no edits, whatever the file's permissions.
    pub read_only: bool,
    /// Swap ambiguous-width characters for ASCII stand-ins.
    pub ascii: bool,
    /// A first message for the status line (e.g. "created your copy at …").
    pub message: Option<String>,
    pub keys: keys::KeyMap,
    pub theme: theme::Theme,
    /// Start in presentation mode (leaving it quits).
    pub present: bool,
    /// When a task is on the problem list (`[problems]` of the settings).
    pub thresholds: crate::report::Thresholds,
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// How often the file is checked for changes made by others.
const POLL: Duration = Duration::from_secs(1);

/// While a save runs on the saver thread, how often the loop looks for its report
/// between keys (crossterm cannot be woken from another thread). Only then: idle,
/// the loop sleeps for [`POLL`].
const SAVE_TICK: Duration = Duration::from_millis(20);

/// Runs the dashboard until the user quits. Event-driven: it waits for a key, a
/// resize or the once-a-second file check, and draws only when something changed.
pub fn run(reg: Registry, opts: Options) -> Result<(), String> {
    let stamp = FileStamp::of(&opts.file).ok();
    let mut app = App::new(reg, opts.file, opts.lang, now());
    app.stamp = stamp;
    app.ascii = opts.ascii;
    app.keys = opts.keys;
    app.thresholds = opts.thresholds;
    app.who = crate::registry::who();
    app.message = opts.message;
    if opts.present {
        app.start_presenting(true);
    }
    let check = store::writable(&app.file);
    app.read_only = opts.read_only || check != store::Writable::Yes;
    if app.read_only {
        let why = (!opts.read_only).then_some(&check);
        let reason = crate::words::screen::edits::read_only(app.lang, why, &app.file);
        if !opts.read_only {
            app.message.get_or_insert_with(|| reason.clone());
        }
        app.read_only_reason = Some(reason);
    }
    if !app.read_only {
        match store::recovery::take(&app.file) {
            Some(Ok((_, edits))) if !edits.is_empty() => app.recovered(edits),
            Some(Err(path)) => {
                app.message = Some(crate::words::screen::saving::recovery_unreadable(
                    app.lang, &path,
                ));
            }
            _ => {}
        }
    }
    saver::keep_unsaved(&app.file, &app.pending);
    let _ = LANG.set(app.lang);
    terminal::on_signal(rescue_on_exit);
    let theme = opts.theme;
    let mut guard = terminal::enter().map_err(|e| format!("cannot use the terminal: {e}"))?;
    lost::watch();
    let out = event_loop(&mut app, &mut guard, &theme);
    if out.is_err() {
        // The terminal is gone: keep what is not saved, as on a signal.
        drop(guard);
        rescue_on_exit();
    }
    // A signal or the terminal watcher may be rescuing edits at this very moment.
    saver::after_rescue();
    out
}

/// The language of the message printed after a signal (the signal thread has no App).
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// How long an exit waits for a running save.
const RESCUE_WAIT: Duration = Duration::from_secs(5);

/// On the way out without a quit: lets a running save finish (bounded), writes
/// what is still unsaved to the recovery file and says where on stderr.
fn rescue_on_exit() {
    use std::io::Write;
    if let Some(result) = saver::rescue(RESCUE_WAIT) {
        let lang = LANG.get().copied().unwrap_or_default();
        let line = crate::words::screen::saving::rescued(lang, &result);
        let _ = writeln!(std::io::stderr(), "{line}");
    }
}

fn event_loop(
    app: &mut App,
    guard: &mut terminal::Guard,
    theme: &theme::Theme,
) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("terminal error: {e}");
    // Pages and scrolling follow the terminal's size: the first, then each resize.
    let size = guard.terminal.size().map_err(fail)?;
    app.resize(size.width, size.height);
    let mut dirty = true;
    // The stamp of a broken file already reported, so it is said once.
    let mut reported: Option<FileStamp> = None;
    let mut saver = saver::Saver::start();
    let mut loader = loader::Loader::default();
    loop {
        if dirty {
            app.now = now();
            // Whatever the last event, save or reload said goes in the message log.
            app.log_message();
            guard
                .terminal
                .draw(|f| view::draw(f, app, theme))
                .map_err(fail)?;
            dirty = false;
        }
        let wait = if saver.busy() || loader.busy() {
            SAVE_TICK
        } else {
            POLL
        };
        if event::poll(wait).map_err(fail)? {
            let ev = event::read().map_err(fail)?;
            // The state reads the clock from here, never itself: edits are stamped
            // with the time of the key that made them.
            app.now = now();
            let (changed, effect) = app.handle(&ev);
            dirty = changed;
            if let Some(effect) = effect {
                app.now = now();
                perform(app, effect, &mut saver, &mut loader);
                app.settle_scroll();
                dirty = true;
            }
        } else if !saver.busy() && !loader.busy() {
            // Not while our own save runs: its write would look like someone else's.
            dirty = loader::check_file(app, &mut loader, &reported);
            if dirty {
                app.settle_scroll();
            }
        }
        if let Some(loaded) = loader.poll(&app.reg, app.shows_the_file()) {
            app.now = now();
            loader::take(app, loaded, &mut reported);
            app.settle_scroll();
            dirty = true;
        }
        while let Some(report) = saver.next(Duration::ZERO) {
            app.now = now();
            app.save_report(report);
            app.settle_scroll();
            dirty = true;
        }
        if !saver.busy() {
            // Every report taken: the kept edits are all that is unsaved.
            saver::keep_unsaved(&app.file, &app.pending);
        }
        if app.quit {
            return Ok(());
        }
    }
}

/// Saves, or writes elsewhere, and tells the app how it went.
fn perform(app: &mut App, effect: Effect, saver: &mut saver::Saver, loader: &mut loader::Loader) {
    match effect {
        // Shown now, saved by the saver thread; the loop takes its report (which
        // brings any version a running load would, and newer).
        Effect::Save { edits, undo } => {
            loader.cancel();
            saver.send(app.begin_save(edits, undo));
        }
        Effect::WriteAs(path) => write_as::write_elsewhere(app, &path, saver.busy()),
        Effect::Export {
            format,
            path,
            tasks,
        } => {
            let rendered = crate::report::render(
                &app.reg,
                &app.ix,
                &tasks,
                format,
                app.lang,
                app.today(),
                &app.thresholds,
            );
            // A relative name is in the directory dubang was started from: say so.
            let shown = std::env::current_dir()
                .map(|d| d.join(&path))
                .unwrap_or_else(|_| path.clone());
            match rendered.and_then(|bytes| crate::report::command::write_file(&path, &bytes)) {
                Ok(()) => app.exported(&shown, tasks.len()),
                Err(e) => {
                    let why = crate::report::command::write_reason(app.lang, &e);
                    app.export_failed(&format!("{}: {why}", shown.display()));
                }
            }
        }
    }
}
