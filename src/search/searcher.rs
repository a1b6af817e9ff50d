//! A search box's memory between keystrokes.

use super::query::MAY_ALL;
use super::{Hit, Kind, SearchIndex};

/// Remembers the last query and, for each entity, which ranking passes it can still
/// pass. When the next query extends the last one (one more character typed), an
/// entity that failed a pass is not examined by that pass again: every pass's test
/// is monotone (`swj` matching implies `sw` matched), so the results are exactly
/// those of a fresh search, for less work. Any other edit (backspace, a new index,
/// another list) starts afresh.
#[derive(Debug, Clone, Default)]
pub struct Searcher {
    index_id: u64,
    /// `None`: global search; `Some(kind)`: filtering one list.
    scope: Option<Kind>,
    last: Vec<char>,
    /// Per entity of the scope: the passes it may still pass.
    may: Vec<u8>,
}

impl Searcher {
    pub fn new() -> Searcher {
        Searcher::default()
    }

    /// Forgets the last query (a rebuilt index is noticed without this).
    pub fn reset(&mut self) {
        self.last.clear();
        self.may.clear();
    }

    /// As [`SearchIndex::search`].
    pub fn search(&mut self, index: &SearchIndex, query: &str, limit: usize) -> Vec<Hit> {
        let mut q = index.query(query);
        self.prepare(index, None, &q.chars);
        let mut hits = q.ranked(index.scope(None), &mut self.may, limit);
        self.last = q.chars;
        index.put_task_id_first(query, &mut hits, limit);
        hits
    }

    /// As [`SearchIndex::filter`].
    pub fn filter(&mut self, index: &SearchIndex, kind: Kind, query: &str) -> Vec<Hit> {
        let mut q = index.query(query);
        self.prepare(index, Some(kind), &q.chars);
        let hits = q.listed(index.scope(Some(kind)), &mut self.may);
        self.last = q.chars;
        hits
    }

    /// Keeps what was learnt when `query` extends the last query on the same index
    /// and scope; else starts with everything possible.
    fn prepare(&mut self, index: &SearchIndex, scope: Option<Kind>, query: &[char]) {
        let len = index.scope(scope).len();
        let narrowing = self.index_id == index.id
            && self.scope == scope
            && self.may.len() == len
            && !self.last.is_empty()
            && query.starts_with(&self.last);
        if !narrowing {
            self.index_id = index.id;
            self.scope = scope;
            self.may.clear();
            self.may.resize(len, MAY_ALL);
        }
    }
}
