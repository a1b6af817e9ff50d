//! The forms a plan arrives in — plain text (UTF-8, UTF-16 or GB18030), an HTML page
//! saved from a government site, a Word .docx with paragraphs and task tables — all
//! read into the one text the importer parses, one paragraph per line.

mod docx;
mod html;
mod numbering;
mod table;
mod text;

pub use docx::{Block, parse_xml as docx_xml};
pub use html::to_text as html_text;

use super::ImportError;
use super::outline::marker;
use chrono::NaiveDate;

/// A document read into text.
#[derive(Debug, Clone)]
pub struct Source {
    pub text: String,
    /// Due dates from a task table: (1-based line in `text`, date).
    pub dues: Vec<(usize, NaiveDate)>,
    /// What was read, for the user: 文本（GB18030）, 网页, Word 文档…
    pub note: String,
}

/// Reads a document's bytes, whatever its form; `name` (the file name) only helps
/// to tell HTML from text.
pub fn read(bytes: &[u8], name: &str) -> Result<Source, ImportError> {
    if docx::looks_like_docx(bytes) {
        return Ok(from_blocks(docx::blocks(bytes)?, " Word 文档"));
    }
    let (decoded, encoding) = text::decode(bytes)?;
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") || html::looks_like_html(&decoded) {
        let kind = format!("网页（{encoding}）");
        return Ok(from_blocks(html::to_blocks(&decoded), &kind));
    }
    Ok(Source {
        text: decoded,
        dues: Vec::new(),
        note: format!("读取为纯文本（{encoding}）"),
    })
}

/// A Word body's or a page's blocks → lines; task tables through [`table`].
/// `kind` names what was read, for the note.
pub fn from_blocks(blocks: Vec<Block>, kind: &str) -> Source {
    let mut lines: Vec<String> = Vec::new();
    let mut dues = Vec::new();
    let (mut paragraphs, mut tables, mut task_tables) = (0, 0, 0);
    let mut last_part = 0;
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                paragraphs += 1;
                for l in p.split('\n') {
                    if let Some(m) = marker(l.trim()).filter(|m| m.level == 1) {
                        last_part = m.number;
                    }
                    lines.push(l.to_string());
                }
            }
            Block::Table(rows) => {
                tables += 1;
                match rows.first().and_then(|h| table::columns(h)) {
                    Some(cols) => {
                        task_tables += 1;
                        last_part += 1;
                        let (ls, ds) = table::lines(&rows, &cols, last_part);
                        let base = lines.len();
                        dues.extend(ds.into_iter().map(|(i, d)| (base + i + 1, d)));
                        lines.extend(ls);
                    }
                    None => {
                        for cell in rows.iter().flatten() {
                            lines.extend(cell.split('\n').map(str::to_string));
                        }
                    }
                }
            }
        }
    }
    Source {
        text: lines.join("\n"),
        dues,
        note: format!(
            "读取为{kind}：{paragraphs} 段，{tables} 个表格（其中任务分工表 {task_tables} 个）"
        ),
    }
}
