//! Finds where a JSON path (`tasks[3].lead[0]`) starts in a document's text, so a
//! problem found after parsing can still be reported as line:column.

/// One step of a JSON path.
#[derive(Debug, PartialEq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            out.push(Step::Index(r[..end].parse().ok()?));
            rest = &r[end + 1..];
        } else {
            let r = rest.strip_prefix('.').unwrap_or(rest);
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end == 0 {
                return None;
            }
            out.push(Step::Key(&r[..end]));
            rest = &r[end..];
        }
    }
    Some(out)
}

/// Line and column (1-based, columns in characters) where the value at `path`
/// starts, or `None` when the text does not hold that path.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let steps = steps(path)?;
    let bytes = text.as_bytes();
    let mut pos = skip_ws(bytes, 0);
    for step in steps {
        pos = match step {
            Step::Key(key) => find_key(text, pos, key)?,
            Step::Index(n) => find_index(bytes, pos, n)?,
        };
    }
    Some(line_col(text, pos))
}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(text.len());
    let mut b = byte;
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    let before = &text[..b];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// End of the string whose opening quote is at `i`.
fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// End of the value that starts at `i`.
fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = skip_string(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            None
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
            {
                j += 1;
            }
            Some(j)
        }
    }
}

fn find_key(text: &str, obj: usize, key: &str) -> Option<usize> {
    let b = text.as_bytes();
    if b.get(obj) != Some(&b'{') {
        return None;
    }
    let mut i = skip_ws(b, obj + 1);
    while b.get(i) == Some(&b'"') {
        let end = skip_string(b, i)?;
        let name: String = serde_json::from_str(&text[i..end]).ok()?;
        i = skip_ws(b, end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        let value = skip_ws(b, i + 1);
        if name == key {
            return Some(value);
        }
        i = skip_ws(b, skip_value(b, value)?);
        if b.get(i) == Some(&b',') {
            i = skip_ws(b, i + 1);
        }
    }
    None
}

fn find_index(b: &[u8], arr: usize, n: usize) -> Option<usize> {
    if b.get(arr) != Some(&b'[') {
        return None;
    }
    let mut i = skip_ws(b, arr + 1);
    for _ in 0..n {
        if b.get(i) == Some(&b']') {
            return None;
        }
        i = skip_ws(b, skip_value(b, i)?);
        if b.get(i) != Some(&b',') {
            return None;
        }
        i = skip_ws(b, i + 1);
    }
    (b.get(i) != Some(&b']') && i < b.len()).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let text = "{\n  \"a\": {\"x\": 1},\n  \"tasks\": [\n    {\"id\": \"t1\"},\n    {\"id\": \"t2\", \"lead\": [\"u1\", \"u9\"]}\n  ]\n}";
        assert_eq!(locate(text, "a.x"), Some((2, 14)));
        assert_eq!(locate(text, "tasks[1].lead[1]"), Some((5, 33)));
        assert_eq!(locate(text, "tasks[2]"), None);
        assert_eq!(locate(text, "nope"), None);
    }

    #[test]
    fn columns_count_characters() {
        let text = "{\"名称\": \"市水务局\", \"k\": 1}";
        assert_eq!(locate(text, "k"), Some((1, 21)));
    }
}
