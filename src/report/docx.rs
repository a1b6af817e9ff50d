//! The 通报 as a Word document, in the shape of a government bulletin (GB/T 9704
//! layout: A4, 28 pt lines): title in 方正小标宋简体, headings in 黑体, body in
//! 仿宋_GB2312, group lines in 楷体_GB2312, page numbers in the footer. Font names
//! are set for East Asian text too (`w:eastAsia`), which WPS and Word read for Chinese.

use super::bulletin::{Block, Bulletin};
use super::problems::Level;
use super::words::Words;
use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, Run,
    RunFonts, SpecialIndentType,
};

const TITLE_FONT: &str = "方正小标宋简体";
const HEADING_FONT: &str = "黑体";
const BODY_FONT: &str = "仿宋_GB2312";
const GROUP_FONT: &str = "楷体_GB2312";
/// 二号 (22 pt) and 三号 (16 pt), in half-points.
const TITLE_SIZE: usize = 44;
const BODY_SIZE: usize = 32;

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .ascii(name)
        .hi_ansi(name)
        .east_asia(name)
        .cs(name)
        .hint("eastAsia")
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(font)).size(size)
}

/// Body paragraph: 28 pt exact line spacing, indented two characters.
fn body(p: Paragraph) -> Paragraph {
    p.line_spacing(
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(560),
    )
    .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
    .first_line_chars(200)
}

fn level_colour(l: Level) -> &'static str {
    match l {
        Level::Red => "C00000",
        // A dark yellow that still reads on white paper.
        Level::Yellow => "B8860B",
        Level::Blue => "0070C0",
    }
}

/// The .docx bytes of the bulletin.
pub fn render(b: &Bulletin, w: &Words) -> std::io::Result<Vec<u8>> {
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(2098)
                .bottom(1984)
                .left(1588)
                .right(1474)
                .header(851)
                .footer(992),
        )
        .default_fonts(fonts(BODY_FONT))
        .default_size(BODY_SIZE)
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_page_num(PageNum::new()),
            ),
        )
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().after(240))
                .add_run(run(&b.title, TITLE_FONT, TITLE_SIZE)),
        )
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().after(240))
                .add_run(run(&b.subtitle, GROUP_FONT, BODY_SIZE)),
        );
    for block in &b.blocks {
        let p = match block {
            Block::Heading(h) => body(Paragraph::new()).add_run(run(h, HEADING_FONT, BODY_SIZE)),
            Block::Para(t) => body(Paragraph::new()).add_run(run(t, BODY_FONT, BODY_SIZE)),
            Block::Group(g) => body(Paragraph::new()).add_run(run(g, GROUP_FONT, BODY_SIZE).bold()),
            Block::Item { level, text } => body(Paragraph::new())
                .add_run(
                    run(&format!("【{}】", w.level(*level)), HEADING_FONT, BODY_SIZE)
                        .color(level_colour(*level)),
                )
                .add_run(run(text, BODY_FONT, BODY_SIZE)),
        };
        doc = doc.add_paragraph(p);
    }
    let mut parts = doc.build();
    parts.document = schema_order(&parts.document);
    parts.styles = schema_order(&parts.styles);
    for footer in &mut parts.footers {
        *footer = schema_order(footer);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    parts.pack(&mut out).map_err(std::io::Error::other)?;
    Ok(out.into_inner())
}

/// The children of `w:rPr` in the order of the schema (ECMA-376 §17.3.2.27). docx-rs
/// writes `w:sz` and `w:color` before `w:rFonts`, and `w:pPr`'s `w:rPr` first; Word
/// drops properties that come out of sequence (LibreOffice and WPS forgive it), and
/// the fonts are the point here.
const RPR_ORDER: [&str; 39] = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
];

/// The children of `w:pPr` in the order of the schema (§17.3.1.26).
const PPR_ORDER: [&str; 36] = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];

/// `w:rPr` and `w:pPr` children in schema order.
fn schema_order(xml: &[u8]) -> Vec<u8> {
    let runs = reorder(xml, "w:rPr", &RPR_ORDER);
    reorder(&runs, "w:pPr", &PPR_ORDER)
}

/// Reorders the empty-element children of every `<tag>…</tag>` into `order`; one with
/// any other content is left as it is.
fn reorder(xml: &[u8], tag: &str, order: &[&str]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(xml) else {
        return xml.to_vec();
    };
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let (open, close) = (open.as_str(), close.as_str());
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        let body_at = start + open.len();
        let Some(len) = rest[body_at..].find(close) else {
            break;
        };
        out.push_str(&rest[..body_at]);
        out.push_str(&sorted_children(&rest[body_at..body_at + len], order));
        rest = &rest[body_at + len..];
    }
    out.push_str(rest);
    out.into_bytes()
}

fn sorted_children(body: &str, order: &[&str]) -> String {
    let mut children: Vec<&str> = Vec::new();
    let mut rest = body.trim();
    while !rest.is_empty() {
        match (rest.strip_prefix("<w:"), rest.find("/>")) {
            (Some(_), Some(end)) if !rest[..end].contains('>') => {
                children.push(&rest[..end + 2]);
                rest = rest[end + 2..].trim_start();
            }
            _ => return body.to_string(),
        }
    }
    let rank = |c: &&str| {
        let name = c[3..].split([' ', '/']).next().unwrap_or("");
        order.iter().position(|n| *n == name).unwrap_or(order.len())
    };
    children.sort_by_key(rank);
    children.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_properties_follow_the_schema_order() {
        let xml = "<w:pPr><w:rPr /><w:jc w:val=\"center\" /><w:spacing w:after=\"240\" /></w:pPr>";
        let out = String::from_utf8(schema_order(xml.as_bytes())).unwrap();
        assert_eq!(
            out,
            "<w:pPr><w:spacing w:after=\"240\" /><w:jc w:val=\"center\" /><w:rPr /></w:pPr>"
        );
    }

    #[test]
    fn run_properties_follow_the_schema_order() {
        let xml = "<w:r><w:rPr><w:sz w:val=\"44\" /><w:szCs w:val=\"44\" /><w:color w:val=\"C00000\" /><w:b /><w:rFonts w:eastAsia=\"黑体\" /></w:rPr><w:t>x</w:t></w:r><w:rPr /><w:rPr><w:rPrChange><w:b/></w:rPrChange></w:rPr>";
        let out = String::from_utf8(schema_order(xml.as_bytes())).unwrap();
        assert_eq!(
            out,
            "<w:r><w:rPr><w:rFonts w:eastAsia=\"黑体\" /><w:b /><w:color w:val=\"C00000\" /><w:sz w:val=\"44\" /><w:szCs w:val=\"44\" /></w:rPr><w:t>x</w:t></w:r><w:rPr /><w:rPr><w:rPrChange><w:b/></w:rPrChange></w:rPr>"
        );
    }
}
