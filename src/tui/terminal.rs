//! The terminal's lifecycle: raw mode and the alternate screen are always undone —
//! on quit, on error (a guard's Drop), on panic (a hook that restores first, then
//! prints), and on SIGHUP/SIGTERM/SIGINT/SIGQUIT (a thread that restores and exits,
//! because crossterm spins at 100 % CPU reading a terminal that is gone, #793).

use super::backend::WideBackend;
use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;
use std::io::{self, Stdout, stdout};
use std::sync::Once;

/// The width-aware backend: fewer bytes per frame, one write per frame (issue 16).
pub type Term = Terminal<WideBackend<Stdout>>;

/// Restores the terminal when dropped, whatever path leaves the dashboard.
pub struct Guard {
    pub terminal: Term,
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal in raw mode on the alternate screen, with bracketed paste (a
/// pasted note arrives as text, not as keys). Mouse capture stays off:
/// over SSH it sends every movement and blocks text selection.
pub fn enter() -> io::Result<Guard> {
    install_hooks()?;
    enable_raw_mode()?;
    if let Err(e) = execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste, Hide) {
        restore();
        return Err(e);
    }
    // Asked here: in raw mode (no echo), before crossterm reads any input.
    let sync = super::backend::sync::supported();
    match Terminal::new(WideBackend::new(stdout()).synchronised(sync)) {
        Ok(terminal) => Ok(Guard { terminal }),
        Err(e) => {
            restore();
            Err(e)
        }
    }
}

/// Undoes everything [`enter`] did. Safe to call more than once and from any
/// thread; errors are ignored (the terminal may already be gone).
pub fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

static HOOKS: Once = Once::new();

/// Run by the signal thread after the terminal is restored and before exiting:
/// the dashboard lets a running save finish and keeps what is unsaved.
static ON_SIGNAL: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// Sets what the signal thread does before exiting (once per process).
pub fn on_signal(hook: fn()) {
    let _ = ON_SIGNAL.set(hook);
}

/// Runs the hook set by [`on_signal`], if any: on a signal, or a terminal found gone.
pub fn before_exit() {
    if let Some(hook) = ON_SIGNAL.get() {
        hook();
    }
}

fn install_hooks() -> io::Result<()> {
    let mut result = Ok(());
    HOOKS.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        match Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT]) {
            Ok(mut signals) => {
                std::thread::spawn(move || {
                    if let Some(sig) = signals.forever().next() {
                        restore();
                        before_exit();
                        std::process::exit(128 + sig);
                    }
                });
            }
            Err(e) => result = Err(e),
        }
    });
    result
}
