//! A plan saved from a government site as an HTML page → its paragraphs, one per
//! line: block elements (`<p>`, `<div>`, `<li>`, table rows, headings) and `<br>`
//! end a line, entities are decoded by the parser, and scripts, styles, forms and
//! navigation (by element or by an id/class naming it) are dropped.

use ego_tree::NodeRef;
use scraper::{Html, Node};

const SKIPPED: [&str; 14] = [
    "script", "style", "noscript", "nav", "header", "footer", "head", "iframe", "select", "button",
    "form", "template", "svg", "object",
];

const BLOCKS: [&str; 24] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "tbody",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "hr",
    "center",
];

/// Words in an id or class that mark page chrome, not the plan.
const CHROME_MARKS: [&str; 8] = [
    "nav",
    "menu",
    "footer",
    "breadcrumb",
    "crumb",
    "share",
    "sidebar",
    "topbar",
];

/// Whether the text looks like an HTML page rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<body")
        || head.starts_with("<meta")
        || (head.starts_with('<') && (head.contains("<p") || head.contains("<div")))
}

/// The page's text, one paragraph per line.
pub fn to_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    walk(doc.tree.root(), &mut out, 0);
    out.lines()
        .map(tidy)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_chrome(e: &scraper::node::Element) -> bool {
    let marked = |v: &str| {
        let v = v.to_ascii_lowercase();
        CHROME_MARKS.iter().any(|m| v.contains(m))
    };
    e.id().is_some_and(marked) || e.classes().any(marked)
}

fn walk(node: NodeRef<Node>, out: &mut String, depth: usize) {
    if depth > 200 {
        return;
    }
    match node.value() {
        Node::Text(t) => out.extend(
            t.text
                .chars()
                .map(|c| if c.is_whitespace() { ' ' } else { c }),
        ),
        Node::Element(e) => {
            let name = e.name();
            if SKIPPED.contains(&name) || is_chrome(e) {
                return;
            }
            let block = BLOCKS.contains(&name);
            if block {
                out.push('\n');
            }
            let cell = matches!(name, "td" | "th");
            for child in node.children() {
                walk(child, out, depth + 1);
            }
            if cell {
                out.push(' ');
            }
            if block {
                out.push('\n');
            }
        }
        Node::Document | Node::Fragment => {
            for child in node.children() {
                walk(child, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// One line: runs of white space made one space, spaces between two Chinese
/// characters (left by the page's own line breaks) dropped, ends trimmed.
fn tidy(line: &str) -> String {
    let mut s = String::new();
    let mut space = false;
    for c in line.chars() {
        if c.is_whitespace() && c != '\u{3000}' {
            space = true;
            continue;
        }
        if space && !s.is_empty() {
            let prev_wide = s.chars().next_back().is_some_and(|p| !p.is_ascii());
            if !prev_wide || c.is_ascii() {
                s.push(' ');
            }
        }
        space = false;
        s.push(c);
    }
    s.trim_matches(|c: char| c.is_whitespace()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_without_chrome() {
        let page = "<!DOCTYPE html><html><head><title>t</title><script>var a=1;</script></head>\
            <body><div class=\"top-nav\">首页 | 政务公开</div>\
            <div id=\"zoom\"><p>一、任务</p><p>1.做事&amp;成事。<br>（市甲局负责）</p>\
            <p>文\n字</p></div><footer>版权</footer></body></html>";
        assert!(looks_like_html(page));
        assert_eq!(
            to_text(page),
            "一、任务\n1.做事&成事。\n（市甲局负责）\n文字"
        );
    }
}
