//! Plain text as offices receive it: UTF-8 (with or without a byte-order mark),
//! UTF-16 with a mark, or GB18030 (GBK, GB2312) from older Windows machines, with
//! any line endings. Binary data is refused with the line and column where it starts.

use crate::import::ImportError;
use crate::import::messages::{Msg, Unreadable};
use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

/// Decodes bytes to text and names the encoding found.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), ImportError> {
    let (text, name) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (utf8(rest)?, "UTF-8")
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF { UTF_16LE } else { UTF_16BE };
        let (t, _, bad) = enc.decode(bytes);
        if bad {
            return Err(ImportError::at(1, Some(1), Msg::Utf16Invalid));
        }
        (t.into_owned(), "UTF-16")
    } else if let Some(at) = bytes.iter().position(|b| *b == 0) {
        return Err(binary_at(
            &String::from_utf8_lossy(&bytes[..at]),
            Unreadable::Binary,
        ));
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        (s.to_string(), "UTF-8")
    } else {
        let (t, bad) = GB18030.decode_without_bom_handling(bytes);
        if bad {
            let valid = std::str::from_utf8(bytes)
                .map_err(|e| e.valid_up_to())
                .err()
                .unwrap_or(0);
            return Err(binary_at(
                &String::from_utf8_lossy(&bytes[..valid]),
                Unreadable::NeitherUtf8NorGb18030,
            ));
        }
        (t.into_owned(), "GB18030")
    };
    let text = line_endings(&text);
    if let Some(at) = text.find('\0') {
        return Err(binary_at(&text[..at], Unreadable::Binary));
    }
    Ok((text, name))
}

fn utf8(bytes: &[u8]) -> Result<String, ImportError> {
    std::str::from_utf8(bytes).map(str::to_string).map_err(|e| {
        binary_at(
            &String::from_utf8_lossy(&bytes[..e.valid_up_to()]),
            Unreadable::NotUtf8,
        )
    })
}

/// `\r\n` and a lone `\r` become `\n`.
pub fn line_endings(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The error for unreadable content that starts after `before`.
fn binary_at(before: &str, what: Unreadable) -> ImportError {
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    ImportError::at(line, Some(col), Msg::Unreadable(what))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb18030_and_line_endings() {
        let (bytes, _, _) = GB18030.encode("一、任务\r\n1.做事。\r第二行");
        let (t, name) = decode(&bytes).unwrap();
        assert_eq!(name, "GB18030");
        assert_eq!(t, "一、任务\n1.做事。\n第二行");
    }

    #[test]
    fn binary_is_refused_where_it_starts() {
        let e = decode(b"ab\ncd\0ef").unwrap_err();
        assert_eq!((e.line, e.column), (2, Some(3)));
    }
}
