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
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(std::io::Error::other)?;
    Ok(out.into_inner())
}
