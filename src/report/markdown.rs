//! The 通报 as Markdown, for pasting into a message or a wiki: the same content as
//! the Word file, rendered from the same [`Bulletin`].

use super::bulletin::{Block, Bulletin};
use super::words::Words;

/// The bulletin as Markdown text.
pub fn render(b: &Bulletin, w: &Words) -> String {
    let mut out = format!("# {}\n\n{}\n", b.title, b.subtitle);
    let mut in_list = false;
    for block in &b.blocks {
        let is_item = matches!(block, Block::Item { .. });
        if !(is_item && in_list) {
            out.push('\n');
        }
        in_list = is_item;
        match block {
            Block::Heading(h) => out.push_str(&format!("## {h}\n")),
            Block::Para(p) => out.push_str(&format!("{}\n", escape(p))),
            Block::Group(g) => out.push_str(&format!("**{}**\n", escape(g))),
            Block::Item { level, text } => {
                out.push_str(&format!("- **【{}】**{}\n", w.level(*level), escape(text)));
            }
        }
    }
    out
}

/// Keeps text from the registry from turning into Markdown markup: a line that starts
/// like a heading or list, emphasis characters, brackets; new lines become spaces.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_text_cannot_become_markup() {
        assert_eq!(escape("a*b_c\n# d"), "a\\*b\\_c \\# d");
    }
}
