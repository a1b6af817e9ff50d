//! The index: every searchable field of the registry as symbol ids, with what the
//! matcher needs to skip a field without reading it.

use super::query::Query;
use super::symbols::{Symbols, bloom_bit, pair_bit, wide_bloom_bit};
use super::{Field, Hit, Kind};
use crate::registry::Registry;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Clone)]
pub(super) struct FieldEntry {
    /// The field reported in hits (the name, for an alias that is part of it).
    pub(super) report: Field,
    /// A full text: strict matches only, ranked as [`super::Tier::Text`]; its symbols
    /// live in `SearchIndex::long_syms`, the others in `short_syms`, so that the
    /// pass over names and titles reads one compact array.
    pub(super) long: bool,
    pub(super) syms: Range<u32>,
    /// Added to positions to turn them into positions in the reported field.
    pub(super) shift: u32,
    /// Chars of the reported field.
    pub(super) len: u32,
    /// A word start inside the field besides the usual ones (where an alias or
    /// short name starts inside the name: after the 市 of 市水务局).
    pub(super) extra_start: u32,
    /// Every letter of every reading of the field's characters.
    pub(super) letters: u32,
    /// A Bloom filter of the field's symbols (64 bits: names and titles are short).
    pub(super) bloom: u64,
    /// A full text's [`LongFilter`] in `SearchIndex::long_filters`; `u32::MAX` for
    /// names and titles.
    pub(super) filter: u32,
    /// A name's or title's romanised form (for the fuzzy tier) in `SearchIndex::roman`.
    pub(super) roman: Range<u32>,
}

/// What a full text holds, in a few hundred bits, so that a query can skip most
/// texts without scanning them.
#[derive(Debug, Clone, Default)]
pub(super) struct LongFilter {
    /// A Bloom filter of its symbols.
    pub(super) symbols: [u64; 8],
    /// A Bloom filter of its pairs of adjacent symbols (水务).
    pub(super) pairs: [u64; 8],
    /// Which pairs of initials follow each other (bit `a * 26 + b`): `wushui` needs
    /// a w-initial character followed by an s- (wu|shui) or u-initial one (w|u…).
    pub(super) initials: [u64; 11],
}

pub(super) fn set(bits: &mut [u64], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

#[derive(Debug, Clone)]
pub(super) struct Entity {
    pub(super) kind: Kind,
    pub(super) index: u32,
    pub(super) fields: Range<u32>,
}

/// Everything searchable in a registry, with the readings of every character
/// computed once. Rebuild it when the registry is reloaded.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    /// Unique per build, so a [`super::Searcher`] notices a new index.
    pub(super) id: u64,
    pub(super) table: Symbols,
    /// Kind order, then registry order: entity ids sort like hits tie.
    pub(super) entities: Vec<Entity>,
    pub(super) kinds: [Range<u32>; 6],
    pub(super) fields: Vec<FieldEntry>,
    pub(super) short_syms: Vec<u32>,
    pub(super) long_syms: Vec<u32>,
    pub(super) long_filters: Vec<LongFilter>,
    pub(super) roman: Vec<u8>,
    /// A task's id of the form `t12`, lower-case → its position, when `t` + its
    /// number would not find it: the command line names tasks so, and people type
    /// what they used there. With the number's length in characters (what a hit on
    /// it highlights).
    pub(super) task_ids: std::collections::HashMap<String, (usize, usize)>,
    /// A task's number → the position of the first task with it (`t` + the number
    /// finds it unless an id in `task_ids` reads the same).
    pub(super) task_numbers: std::collections::HashMap<u32, usize>,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl SearchIndex {
    /// Which build this is (unique per build in a process): an index kept across
    /// an edit keeps its id.
    pub fn id(&self) -> u64 {
        self.id
    }
}

struct Builder {
    table: Symbols,
    entities: Vec<Entity>,
    fields: Vec<FieldEntry>,
    short_syms: Vec<u32>,
    long_syms: Vec<u32>,
    long_filters: Vec<LongFilter>,
    roman: Vec<u8>,
}

impl Builder {
    /// Adds an entity with its fields: (field, text, is it a full text).
    fn entity(&mut self, kind: Kind, index: usize, fields: &[(Field, &str, bool)]) {
        let first = self.fields.len() as u32;
        let name = fields
            .iter()
            .find(|(f, _, _)| *f == Field::Name)
            .map(|(_, s, _)| *s);
        for &(field, text, long) in fields {
            if text.is_empty() {
                continue;
            }
            let arena = if long {
                &mut self.long_syms
            } else {
                &mut self.short_syms
            };
            let start = arena.len() as u32;
            let (mut len, mut letters, mut bloom) = (0u32, 0u32, 0u64);
            let mut lf = LongFilter::default();
            let roman_start = self.roman.len() as u32;
            let mut prev: Option<u32> = None;
            for c in text.chars() {
                let s = self.table.intern(c);
                arena.push(s);
                len += 1;
                letters |= self.table.letters(s);
                if long {
                    set(&mut lf.symbols, wide_bloom_bit(s));
                    if let Some(p) = prev {
                        set(&mut lf.pairs, pair_bit(p, s));
                        for a in bits(self.table.initials(p)) {
                            for b in bits(self.table.initials(s)) {
                                set(&mut lf.initials, a * 26 + b);
                            }
                        }
                    }
                    prev = Some(s);
                } else {
                    bloom |= bloom_bit(s);
                    self.table.romanise(s, &mut self.roman);
                }
            }
            let filter = if long {
                self.long_filters.push(lf);
                self.long_filters.len() as u32 - 1
            } else {
                u32::MAX
            };
            let mut entry = FieldEntry {
                report: field,
                long,
                syms: start..arena.len() as u32,
                shift: 0,
                len,
                extra_start: 0,
                letters,
                bloom,
                filter,
                roman: roman_start..self.roman.len() as u32,
            };
            if let (Field::Alias(_) | Field::Short, Some(name)) = (field, name)
                && let Some(b) = name.find(text)
            {
                entry.report = Field::Name;
                entry.shift = name[..b].chars().count() as u32;
                entry.len = name.chars().count() as u32;
            }
            self.fields.push(entry);
        }
        // An alias that starts inside the name marks a word start there.
        let own = &mut self.fields[first as usize..];
        if let Some(extra) = own
            .iter()
            .filter(|f| f.report == Field::Name && f.shift > 0)
            .map(|f| f.shift)
            .next()
        {
            for f in own.iter_mut() {
                if f.report == Field::Name && f.shift == 0 {
                    f.extra_start = extra;
                }
            }
        }
        self.entities.push(Entity {
            kind,
            index: index as u32,
            fields: first..self.fields.len() as u32,
        });
    }
}

/// The positions of the set bits of a letter set (0 for a).
pub(super) fn bits(mut set: u32) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (set != 0).then(|| {
            let i = set.trailing_zeros() as usize;
            set &= set - 1;
            i
        })
    })
}

impl SearchIndex {
    /// Indexes every unit, town, section, goal, task and measure of the registry.
    pub fn build(reg: &Registry) -> SearchIndex {
        let mut b = Builder {
            table: Symbols::new(),
            entities: Vec::new(),
            fields: Vec::new(),
            short_syms: Vec::new(),
            long_syms: Vec::new(),
            long_filters: Vec::new(),
            roman: Vec::new(),
        };
        let mut kinds: [Range<u32>; 6] = Default::default();

        let start = b.entities.len() as u32;
        for (i, u) in reg.units.iter().enumerate() {
            let mut f = vec![(Field::Name, u.name.as_str(), false)];
            f.extend(
                u.aliases
                    .iter()
                    .enumerate()
                    .map(|(k, a)| (Field::Alias(k), a.as_str(), false)),
            );
            // The name without the city's 市 is how staff say it (水务局), as the
            // document does for 农业农村局: a short name, unless an alias has it.
            if let Some(core) = u.name.strip_prefix('市')
                && core.chars().count() >= 2
                && !u.aliases.iter().any(|a| a == core)
            {
                f.push((Field::Short, core, false));
            }
            b.entity(Kind::Unit, i, &f);
        }
        kinds[Kind::Unit.slot()] = start..b.entities.len() as u32;

        let start = b.entities.len() as u32;
        for (i, t) in reg.towns.iter().enumerate() {
            let mut f = vec![(Field::Name, t.name.as_str(), false)];
            if let Some(s) = &t.short {
                f.push((Field::Short, s.as_str(), false));
            }
            f.extend(
                t.aliases
                    .iter()
                    .enumerate()
                    .map(|(k, a)| (Field::Alias(k), a.as_str(), false)),
            );
            b.entity(Kind::Town, i, &f);
        }
        kinds[Kind::Town.slot()] = start..b.entities.len() as u32;

        let start = b.entities.len() as u32;
        for (i, s) in reg.sections.iter().enumerate() {
            let f = [
                (Field::Numeral, s.numeral.as_str(), false),
                (Field::Title, s.title.as_str(), false),
            ];
            b.entity(Kind::Section, i, &f);
        }
        kinds[Kind::Section.slot()] = start..b.entities.len() as u32;

        let start = b.entities.len() as u32;
        for (i, g) in reg.goals.iter().enumerate() {
            let f = [
                (Field::Horizon, g.horizon.as_deref().unwrap_or(""), false),
                (Field::Text, g.text.as_str(), true),
            ];
            b.entity(Kind::Goal, i, &f);
        }
        kinds[Kind::Goal.slot()] = start..b.entities.len() as u32;

        let start = b.entities.len() as u32;
        for (i, t) in reg.tasks.iter().enumerate() {
            let number = t.number.to_string();
            let f = [
                (Field::Number, number.as_str(), false),
                (Field::Title, t.title.as_str(), false),
                (Field::Text, &*t.text, true),
            ];
            b.entity(Kind::Task, i, &f);
        }
        kinds[Kind::Task.slot()] = start..b.entities.len() as u32;
        // `t` + a number finds the first task with that number; an id of the same
        // form wins over it. Only ids that read `t` + digits can ever be asked for,
        // and one that is its own task's `t` + number is already found by number:
        // neither is kept (at 100 000 tasks, 200 000 strings fewer).
        let mut task_numbers = std::collections::HashMap::new();
        for (i, t) in reg.tasks.iter().enumerate() {
            task_numbers.entry(t.number).or_insert(i);
        }
        let mut task_ids = std::collections::HashMap::new();
        for (i, t) in reg.tasks.iter().enumerate() {
            let id = t.id.to_lowercase();
            let Some(digits) = id.strip_prefix('t') else {
                continue;
            };
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let number = t.number.to_string();
            if digits == number && task_numbers.get(&t.number) == Some(&i) {
                continue;
            }
            task_ids.insert(id, (i, number.len()));
        }

        // 保障措施: found by title and text like a task.
        let start = b.entities.len() as u32;
        for (i, m) in reg.measures.iter().enumerate() {
            let f = [
                (Field::Numeral, m.numeral.as_str(), false),
                (Field::Title, m.title.as_str(), false),
                (Field::Text, m.text.as_str(), true),
            ];
            b.entity(Kind::Measure, i, &f);
        }
        kinds[Kind::Measure.slot()] = start..b.entities.len() as u32;

        SearchIndex {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            table: b.table,
            entities: b.entities,
            kinds,
            fields: b.fields,
            short_syms: b.short_syms,
            long_syms: b.long_syms,
            long_filters: b.long_filters,
            roman: b.roman,
            task_numbers,
            task_ids,
        }
    }

    /// How many entities (units, towns, sections, goals, tasks) are indexed.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Compiles a query for this index: once per keystroke, then reused for any
    /// number of [`Query::matches`] calls.
    pub fn query(&self, query: &str) -> Query<'_> {
        Query::new(self, query)
    }

    /// The best `limit` hits of every kind, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let mut hits = self.query(query).search(limit);
        self.put_task_id_first(query, &mut hits, limit);
        hits
    }

    /// `t12` (or `T12`, `ｔ１２`), a task id as the command line takes it: that task
    /// comes first, its number highlighted.
    pub(super) fn put_task_id_first(&self, query: &str, hits: &mut Vec<Hit>, limit: usize) {
        let q = crate::registry::typed::halfwidth(query)
            .trim()
            .to_lowercase();
        if !q.starts_with('t') || q.len() < 2 || !q[1..].bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        let by_number = || {
            let n: u32 = q[1..].parse().ok()?;
            // Only as the number is written: `t012` is no task's `t` + number.
            let i = *self
                .task_numbers
                .get(&n)
                .filter(|_| n.to_string() == q[1..])?;
            Some((i, q.len() - 1))
        };
        let Some((task, digits)) = self.task_ids.get(&q).copied().or_else(by_number) else {
            return;
        };
        hits.retain(|h| !(h.kind == Kind::Task && h.index == task));
        hits.insert(
            0,
            Hit {
                kind: Kind::Task,
                index: task,
                field: super::Field::Number,
                tier: super::Tier::Exact,
                score: 0,
                positions: (0..digits).collect(),
                len: digits as u32,
            },
        );
        hits.truncate(limit.max(1));
    }

    /// Every entity of `kind` that matches, in registry order (for `/` on a list).
    pub fn filter(&self, kind: Kind, query: &str) -> Vec<Hit> {
        self.query(query).filter(kind)
    }

    /// The best hit of one entity, if it matches (`None` too when out of range).
    pub fn matches(&self, kind: Kind, index: usize, query: &str) -> Option<Hit> {
        self.query(query).matches(kind, index)
    }

    /// The entity id of `kind`'s `index`.
    pub(super) fn entity_of(&self, kind: Kind, index: usize) -> Option<u32> {
        let r = &self.kinds[kind.slot()];
        let e = r.start.checked_add(u32::try_from(index).ok()?)?;
        (e < r.end).then_some(e)
    }

    /// Every entity id, or those of one kind.
    pub(super) fn scope(&self, kind: Option<Kind>) -> Range<u32> {
        match kind {
            None => 0..self.entities.len() as u32,
            Some(k) => self.kinds[k.slot()].clone(),
        }
    }

    pub(super) fn field_syms(&self, f: &FieldEntry) -> &[u32] {
        let arena = if f.long {
            &self.long_syms
        } else {
            &self.short_syms
        };
        &arena[f.syms.start as usize..f.syms.end as usize]
    }

    pub(super) fn field_roman(&self, f: &FieldEntry) -> &[u8] {
        &self.roman[f.roman.start as usize..f.roman.end as usize]
    }

    pub(super) fn entity_fields(&self, e: u32) -> &[FieldEntry] {
        let r = &self.entities[e as usize].fields;
        &self.fields[r.start as usize..r.end as usize]
    }
}
