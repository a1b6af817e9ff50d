//! The words of the message log: its title, the empty case, and the hints that
//! name the keys in force.

use crate::lang::Lang;

/// The message log's title: "消息记录 (Esc 关闭)".
pub fn log_title(lang: Lang, close: &str, more: &str) -> String {
    match lang {
        Lang::Zh => format!("消息记录 ({close} 关闭){more}"),
        Lang::En => format!("Messages ({close} closes){more}"),
    }
}

/// What the log says before anything was said.
pub fn log_empty(lang: Lang) -> &'static str {
    lang.pick("尚无消息", "no messages yet")
}

/// The heading of the log's keys in the help.
pub fn log_context(lang: Lang) -> &'static str {
    lang.pick("【消息记录】", "[Message log]")
}

/// The hint line while the log is open.
pub fn log_hint(lang: Lang, scroll: &str, close: &str) -> String {
    match lang {
        Lang::Zh => format!("{scroll} 滚动  {close} 关闭消息记录"),
        Lang::En => format!("{scroll} scroll  {close} closes the log"),
    }
}
