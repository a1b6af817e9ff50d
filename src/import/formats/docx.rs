//! A Word `.docx` → its paragraphs and tables, in document order, from
//! `word/document.xml` (a zip archive of XML parts). Paragraphs are lines; a table
//! that assigns tasks (任务分工表) is kept as rows for [`super::table`]; any other
//! table's cells become lines.

use super::numbering::{Numbering, val};
use crate::import::ImportError;
use crate::import::messages::Msg;
use crate::import::outline::marker;
use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// One piece of the document body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    /// Rows of cells, each cell its paragraphs joined by newlines.
    Table(Vec<Vec<String>>),
}

/// Largest `word/document.xml` read (a plan is far smaller).
const MAX_XML: u64 = 64 << 20;

pub fn looks_like_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

fn bad(message: Msg) -> ImportError {
    ImportError::at(1, Some(1), message)
}

/// The body of a .docx.
pub fn blocks(bytes: &[u8]) -> Result<Vec<Block>, ImportError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| bad(Msg::DocxUnreadable(e.to_string())))?;
    let mut numbering = String::new();
    if let Ok(part) = zip.by_name("word/numbering.xml") {
        // Without its numbering a document still reads, only without automatic numbers.
        let _ = part.take(MAX_XML).read_to_string(&mut numbering);
    }
    let mut part = zip
        .by_name("word/document.xml")
        .map_err(|_| bad(Msg::DocxNoDocument))?;
    let mut xml = String::new();
    (&mut part)
        .take(MAX_XML)
        .read_to_string(&mut xml)
        .map_err(|e| bad(Msg::DocxXmlUnreadable(e.to_string())))?;
    parse_with(&xml, Numbering::parse(&numbering))
}

/// A table being read: its rows, the open row, the open cell.
type OpenTable = (Vec<Vec<String>>, Vec<String>, Option<String>);

#[derive(Default)]
struct State {
    blocks: Vec<Block>,
    para: Option<String>,
    /// Open tables (nested ones too): rows, the open row, the open cell.
    tables: Vec<OpenTable>,
    in_text: bool,
    numbering: Numbering,
    /// The open paragraph's automatic numbering: (numId, level).
    num: (Option<String>, u8),
}

impl State {
    fn push_text(&mut self, s: &str) {
        if let Some(p) = self.para.as_mut() {
            p.push_str(s);
        }
    }

    fn end_paragraph(&mut self) {
        let Some(mut p) = self.para.take() else {
            return;
        };
        if let (Some(id), ilvl) = std::mem::take(&mut self.num)
            && let Some(label) = self.numbering.next(&id, ilvl)
            && marker(p.trim_start()).is_none()
        {
            p.insert_str(0, &label);
        }
        if let Some((_, _, Some(cell))) = self.tables.last_mut() {
            if !cell.is_empty() {
                cell.push('\n');
            }
            cell.push_str(&p);
        } else if !self.tables.is_empty() {
            // Text in a row outside a cell: ignored as Word does.
        } else {
            self.blocks.push(Block::Paragraph(p));
        }
    }

    fn end_table(&mut self) {
        let Some((rows, _, _)) = self.tables.pop() else {
            return;
        };
        match self.tables.last_mut() {
            // A table in a cell: its text joins the cell.
            Some((_, _, Some(cell))) => {
                for r in rows {
                    cell.push('\n');
                    cell.push_str(&r.join(" "));
                }
            }
            _ => self.blocks.push(Block::Table(rows)),
        }
    }
}

/// A `word/document.xml` without automatic numbering.
pub fn parse_xml(xml: &str) -> Result<Vec<Block>, ImportError> {
    parse_with(xml, Numbering::default())
}

fn parse_with(xml: &str, numbering: Numbering) -> Result<Vec<Block>, ImportError> {
    let mut r = Reader::from_str(xml);
    let mut st = State {
        numbering,
        ..State::default()
    };
    loop {
        let ev = r.read_event().map_err(|e| {
            bad(Msg::DocxMalformed {
                at: r.buffer_position(),
                error: e.to_string(),
            })
        })?;
        match ev {
            Event::Start(e) => match e.local_name().as_ref() {
                "p" => {
                    st.para = Some(String::new());
                    st.num = (None, 0);
                }
                "t" => st.in_text = true,
                "tbl" => st.tables.push((Vec::new(), Vec::new(), None)),
                "tr" => {
                    if let Some(t) = st.tables.last_mut() {
                        t.1.clear();
                    }
                }
                "tc" => {
                    if let Some(t) = st.tables.last_mut() {
                        t.2 = Some(String::new());
                    }
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "numId" => st.num.0 = val(&e),
                "ilvl" => st.num.1 = val(&e).and_then(|v| v.parse().ok()).unwrap_or(0),
                "tab" => st.push_text(" "),
                "br" | "cr" => st.push_text("\n"),
                "p" => {
                    st.para = Some(String::new());
                    st.end_paragraph();
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "p" => st.end_paragraph(),
                "t" => st.in_text = false,
                "tc" => {
                    if let Some(t) = st.tables.last_mut()
                        && let Some(c) = t.2.take()
                    {
                        t.1.push(c);
                    }
                }
                "tr" => {
                    if let Some(t) = st.tables.last_mut() {
                        let row = std::mem::take(&mut t.1);
                        t.0.push(row);
                    }
                }
                "tbl" => st.end_table(),
                _ => {}
            },
            Event::Text(t) if st.in_text => {
                let s = t.xml10_content();
                st.push_text(&s);
            }
            Event::GeneralRef(g) if st.in_text => {
                let c = match g.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*g.xml10_content() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    st.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::CData(t) if st.in_text => {
                let s = t.xml10_content().into_owned();
                st.push_text(&s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    while !st.tables.is_empty() {
        st.end_table();
    }
    Ok(st.blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_tables() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
            <w:p><w:r><w:t>一、任务</w:t></w:r></w:p>
            <w:p><w:r><w:t>1.做事&amp;</w:t></w:r><w:r><w:t xml:space="preserve">成事。</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>任务</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            </w:body></w:document>"#;
        let b = parse_xml(xml).unwrap();
        assert_eq!(b[0], Block::Paragraph("一、任务".into()));
        assert_eq!(b[1], Block::Paragraph("1.做事&成事。".into()));
        assert_eq!(
            b[2],
            Block::Table(vec![
                vec!["序号".into(), "任务".into()],
                vec!["1".into(), "甲\n乙".into()]
            ])
        );
    }
}
