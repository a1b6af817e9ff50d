//! A plan saved from a government site as an HTML page → its paragraphs, one per
//! line: block elements (`<p>`, `<div>`, `<li>`, table rows, headings) and `<br>`
//! end a line, entities are decoded by the parser, and scripts, styles, forms and
//! navigation (by element or by an id/class naming it) are dropped.

use super::docx::Block;
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

/// The page's text, one paragraph per line (tables as rows of cells).
pub fn to_text(html: &str) -> String {
    to_blocks(html)
        .into_iter()
        .flat_map(|b| match b {
            Block::Paragraph(p) => vec![p],
            Block::Table(rows) => rows.into_iter().map(|r| r.join(" ")).collect(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The page's paragraphs and tables, in order; a task table is read like a Word one.
pub fn to_blocks(html: &str) -> Vec<Block> {
    let doc = Html::parse_document(html);
    let mut st = Blocks::default();
    walk(doc.tree.root(), &mut st, 0);
    st.flush();
    st.blocks
}

#[derive(Default)]
struct Blocks {
    blocks: Vec<Block>,
    text: String,
}

impl Blocks {
    fn flush(&mut self) {
        for l in std::mem::take(&mut self.text).lines().map(tidy) {
            if !l.is_empty() {
                self.blocks.push(Block::Paragraph(l));
            }
        }
    }
}

/// The rows of a table element, each cell's text tidied (a table inside a cell is
/// text of that cell).
fn rows(node: NodeRef<Node>, out: &mut Vec<Vec<String>>, depth: usize) {
    if depth > 200 {
        return;
    }
    for child in node.children() {
        let Node::Element(e) = child.value() else {
            continue;
        };
        match e.name() {
            "tr" => {
                let mut row = Vec::new();
                for cell in child.children() {
                    if let Node::Element(c) = cell.value()
                        && matches!(c.name(), "td" | "th")
                    {
                        let mut st = Blocks::default();
                        walk_inline(cell, &mut st, depth + 1);
                        let lines: Vec<String> = st
                            .text
                            .lines()
                            .map(tidy)
                            .filter(|l| !l.is_empty())
                            .collect();
                        row.push(lines.join("\n"));
                    }
                }
                out.push(row);
            }
            "thead" | "tbody" | "tfoot" => rows(child, out, depth + 1),
            _ => {}
        }
    }
}

fn is_chrome(e: &scraper::node::Element) -> bool {
    let marked = |v: &str| {
        let v = v.to_ascii_lowercase();
        CHROME_MARKS.iter().any(|m| v.contains(m))
    };
    e.id().is_some_and(marked) || e.classes().any(marked)
}

fn walk(node: NodeRef<Node>, st: &mut Blocks, depth: usize) {
    visit(node, st, depth, false);
}

/// Inside a table cell: nested tables are text.
fn walk_inline(node: NodeRef<Node>, st: &mut Blocks, depth: usize) {
    for child in node.children() {
        visit(child, st, depth + 1, true);
    }
}

fn visit(node: NodeRef<Node>, st: &mut Blocks, depth: usize, inline: bool) {
    if depth > 200 {
        return;
    }
    match node.value() {
        Node::Text(t) => st.text.extend(
            t.text
                .chars()
                .map(|c| if c.is_whitespace() { ' ' } else { c }),
        ),
        Node::Element(e) => {
            let name = e.name();
            if SKIPPED.contains(&name) || is_chrome(e) {
                return;
            }
            if name == "table" && !inline {
                st.flush();
                let mut out = Vec::new();
                rows(node, &mut out, depth + 1);
                if !out.is_empty() {
                    st.blocks.push(Block::Table(out));
                }
                return;
            }
            let block = BLOCKS.contains(&name);
            if block {
                st.text.push('\n');
            }
            let cell = matches!(name, "td" | "th");
            for child in node.children() {
                visit(child, st, depth + 1, inline);
            }
            if cell {
                st.text.push(' ');
            }
            if block {
                st.text.push('\n');
            }
        }
        Node::Document | Node::Fragment => {
            for child in node.children() {
                visit(child, st, depth + 1, inline);
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
