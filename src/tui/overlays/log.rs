//! The message log: the status line's last messages (see [`crate::tui::app::LOG_LEN`])
//! in full, newest first, each with its time, wrapped by Unicode rules so a long
//! Chinese message cut on the status line can be read. It owns its scroll, reads
//! the keys of the `message_log` context and draws itself.

use super::document::{Placed, place};
use crate::lang::Lang;
use crate::text::wrap;
use crate::tui::app::{App, Command};
use crate::tui::keys::Context;
use crate::tui::view::{Ui, clear_wide_edges};
use crate::words::screen::log as words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// The open log: its first line shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LogView {
    pub scroll: usize,
}

pub use super::document::Outcome;

/// Columns of the time before each message ("10:02:03 ").
const TIME_W: usize = 9;

/// The log's lines at `cols` columns: the time, then the message wrapped after it.
fn lines(app: &App, cols: usize) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    let text_w = cols.saturating_sub(TIME_W).max(1);
    for (at, msg) in app.log.iter().rev() {
        let shown = if app.ascii {
            crate::text::unambiguous(msg)
        } else {
            msg.clone()
        };
        for (k, l) in wrap(&shown, text_w).into_iter().enumerate() {
            let time = (k == 0).then(|| at.format("%H:%M:%S").to_string());
            out.push((time, l));
        }
    }
    out
}

impl LogView {
    /// A command of the `message_log` context on a screen of `area`.
    pub fn handle(&mut self, cmd: Command, app: &App, area: Rect) -> Outcome {
        let doc = place(area, |cols| lines(app, cols));
        let closes = [Command::Back, Command::Log, Command::Quit, Command::Cancel];
        super::document::key(&mut self.scroll, cmd, &closes, doc.visible, doc.max)
    }

    pub fn draw(&self, f: &mut Frame, ui: &Ui, area: Rect) {
        let app = ui.app;
        let Placed {
            rect: r,
            cols,
            lines: all,
            visible,
            max,
        } = place(area, |cols| lines(app, cols));
        clear_wide_edges(f.buffer_mut(), r);
        f.render_widget(Clear, r);
        let scroll = self.scroll.min(max);
        let more = super::document::position(scroll, max);
        let close = ui.key(Context::Log, Command::Cancel);
        let block = ui.block(&words::log_title(app.lang, &close, &more), true);
        let inner = block.inner(r);
        f.render_widget(block, r);
        if cols <= TIME_W {
            return;
        }
        let shown: Vec<Line> = if all.is_empty() {
            vec![Line::from(ui.cell(
                words::log_empty(app.lang),
                cols,
                ui.theme.dim,
            ))]
        } else {
            all.into_iter()
                .skip(scroll)
                .take(visible)
                .map(|(time, text)| {
                    Line::from(vec![
                        ui.cell(&time.unwrap_or_default(), TIME_W, ui.theme.dim),
                        ui.cell(&text, cols - TIME_W, ui.theme.base),
                    ])
                })
                .collect()
        };
        f.render_widget(Paragraph::new(shown), inner);
    }
}

/// The hint line while the log is open, from the keys in force.
pub fn hint(ui: &Ui) -> String {
    let k = |c| ui.key(Context::Log, c);
    let lang: Lang = ui.app.lang;
    words::log_hint(
        lang,
        &format!("{}{}", k(Command::Up), k(Command::Down)),
        &k(Command::Cancel),
    )
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::tui::tests::{app, press, screen_sized, typed};
    use crossterm::event::KeyCode;

    /// Issue 11, item 11: a message longer than the status line was cut with no
    /// way to read it.
    #[test]
    fn a_long_message_is_kept_and_shown_in_full_wrapped() {
        let mut app = app(Lang::Zh, "");
        app.resize(80, 24);
        let long = "已重新载入:李伟、王丽、张强 的 12 处修改,另有 3 处其他修改;磁盘上的文件已损坏,显示的是上次的版本,请检查 /srv/dubang/registry.json 的第 3 行";
        app.message = Some(long.into());
        app.log_message();
        app.message = Some("已清除筛选".into());
        app.log_message();
        let status = screen_sized(&app, 80, 24);
        assert!(
            !status.contains("第 3 行"),
            "cut on the status line:\n{status}"
        );
        typed(&mut app, "L");
        assert!(app.showing_log());
        let shown = screen_sized(&app, 80, 24);
        // Every character of the long message is on screen, in order, over lines.
        let squashed: String = shown.chars().filter(|c| !c.is_whitespace()).collect();
        let inner: String = shown
            .lines()
            .filter_map(|l| l.split('│').nth(2))
            .collect::<String>()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let want: String = long.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(inner.contains(&want), "{shown}");
        // Newest first, each with its time.
        let newest = squashed.find("已清除筛选").expect("the newest message");
        assert!(newest < squashed.find("已重新载入").unwrap(), "{shown}");
        assert!(shown.contains("10:00:00"), "{shown}");
        press(&mut app, KeyCode::Esc);
        assert!(!app.showing_log());
    }

    #[test]
    fn the_log_keeps_the_last_fifty_and_its_key_is_rebindable() {
        let mut app = app(
            Lang::En,
            "[keys]\nmessages = \"M\"\n[keys.message_log]\nclose = \"z\"\n",
        );
        for i in 0..60 {
            app.message = Some(format!("message {i}"));
            app.log_message();
        }
        let kept: Vec<&str> = app.messages().map(|(_, m)| m.as_str()).collect();
        assert_eq!(kept.len(), crate::tui::app::LOG_LEN);
        assert_eq!(kept[0], "message 10");
        assert_eq!(kept.last(), Some(&"message 59"));
        typed(&mut app, "L");
        assert!(!app.showing_log(), "L is no longer the log's key");
        typed(&mut app, "M");
        assert!(app.showing_log());
        let shown = screen_sized(&app, 100, 30);
        assert!(shown.contains("Messages (z closes)"), "{shown}");
        assert!(shown.contains("z closes the log"), "{shown}");
        typed(&mut app, "z");
        assert!(!app.showing_log());
        let shown = screen_sized(&app, 100, 30);
        assert!(
            shown.contains("M messages"),
            "the hint names the key: {shown}"
        );
        let help = crate::tui::view::help_rows(&app);
        assert!(
            help.iter()
                .any(|(k, d)| k == "M" && d.starts_with("message log")),
            "{help:?}"
        );
    }
}
