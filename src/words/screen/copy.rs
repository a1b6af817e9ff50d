//! The words of a write elsewhere (`w`) that could not copy the file as written
//! and wrote what the screen shows instead, with why.

use crate::lang::Lang;
use crate::store::FromScreen;

/// Appended to "written to PATH" when the copy came from the screen.
pub fn from_screen(lang: Lang, why: &FromScreen) -> String {
    let reason = match (lang, why) {
        (Lang::Zh, FromScreen::Unreadable(e)) => {
            format!("原文件现在读不出:{}", crate::words::load_error(lang, e))
        }
        (Lang::Zh, FromScreen::EditRefused(e)) => format!(
            "有修改用不到原文件的当前版本上:{}",
            crate::words::edit_error(lang, e)
        ),
        (Lang::En, FromScreen::Unreadable(e)) => {
            format!(
                "the file cannot be read now: {}",
                crate::words::load_error(lang, e)
            )
        }
        (Lang::En, FromScreen::EditRefused(e)) => format!(
            "an edit does not apply to the file's current version: {}",
            crate::words::edit_error(lang, e)
        ),
    };
    with_reason(lang, &reason)
}

/// Appended to "written to PATH" when saves were still on their way: the file
/// does not hold them yet, the screen does.
pub fn from_screen_while_saving(lang: Lang) -> String {
    let reason = match lang {
        Lang::Zh => "还有修改正在保存",
        Lang::En => "edits were still being saved",
    };
    with_reason(lang, reason)
}

fn with_reason(lang: Lang, reason: &str) -> String {
    match lang {
        Lang::Zh => format!("(按屏幕内容写出,控制字符和不可见字符已去掉:{reason})"),
        Lang::En => {
            format!(" (from the screen, control and invisible characters removed: {reason})")
        }
    }
}
