//! The words of the safeguard measures view (保障措施): its title, the empty case,
//! the help heading of its keys and the hint line, naming the keys in force.

use crate::lang::Lang;

/// The view's title: "保障措施 (Esc 关闭) 1/9 ↑↓".
pub fn title(lang: Lang, close: &str, more: &str) -> String {
    match lang {
        Lang::Zh => format!("保障措施 ({close} 关闭){more}"),
        Lang::En => format!("Safeguards ({close} closes){more}"),
    }
}

/// What the view says for a plan without measures.
pub fn none(lang: Lang) -> &'static str {
    lang.pick("本方案未列保障措施", "this plan lists no safeguards")
}

/// The heading of the view's keys in the help.
pub fn context(lang: Lang) -> &'static str {
    lang.pick("【保障措施】", "[Safeguards]")
}

/// The hint line while the view is open.
pub fn hint(lang: Lang, scroll: &str, close: &str) -> String {
    match lang {
        Lang::Zh => format!("{scroll} 滚动  {close} 关闭保障措施"),
        Lang::En => format!("{scroll} scroll  {close} closes the safeguards"),
    }
}

/// The Overview's pointer to the view: "B 保障措施(3项)".
pub fn overview_pointer(lang: Lang, key: &str, count: usize) -> String {
    match lang {
        Lang::Zh => format!("{key} 保障措施({count}项)"),
        Lang::En => format!("{key} safeguards ({count})"),
    }
}
