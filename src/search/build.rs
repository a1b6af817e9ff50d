//! Building the index: every searchable field of a registry read once, its
//! characters interned, its filters made, into arrays sized to fit.

use super::index::{Head, Long, LongFilter, SearchIndex, Short, ShortCode, bits, set};
use super::symbols::{Symbols, bloom_bit, initials_bit, pair_bit, wide_bloom_bit};
use super::{Field, Kind};
use crate::registry::Registry;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The index as it grows, entity by entity, in kind order.
struct Builder {
    table: Symbols,
    short_at: Vec<u32>,
    long_at: Vec<u32>,
    shorts: Vec<Short>,
    heads: Vec<Head>,
    short_syms: Vec<u32>,
    /// The length the romanised forms of the fields so far will have: they are
    /// written once every symbol is known, into an array of the exact size.
    roman: usize,
    longs: Vec<Long>,
}

impl Builder {
    /// Adds an entity: its name-like fields, and its full text if it has one.
    /// Units and towns (the first entities) also record where each field is
    /// reported ([`Head`]): an alias that is part of the name is reported as the name.
    fn entity(&mut self, kind: Kind, fields: &[(Field, &str)], text: Option<Arc<str>>) {
        let first = self.shorts.len();
        let heads = matches!(kind, Kind::Unit | Kind::Town);
        let name = fields
            .iter()
            .find(|(f, _)| *f == Field::Name)
            .map(|(_, s)| *s);
        for &(field, text) in fields {
            if text.is_empty() {
                continue;
            }
            self.short(field, text);
            if !heads {
                continue;
            }
            let mut head = Head {
                report: field,
                shift: 0,
                len: text.chars().count() as u32,
                extra_start: 0,
            };
            if let (Field::Alias(_) | Field::Short, Some(name)) = (field, name)
                && let Some(b) = name.find(text)
            {
                head.report = Field::Name;
                head.shift = name[..b].chars().count() as u32;
                head.len = name.chars().count() as u32;
            }
            self.heads.push(head);
        }
        if heads {
            debug_assert_eq!(self.heads.len(), self.shorts.len(), "heads come first");
            // An alias that starts inside the name marks a word start there.
            let own = &mut self.heads[first..];
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
        }
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            self.long(text);
        }
        self.short_at.push(self.shorts.len() as u32);
        self.long_at.push(self.longs.len() as u32);
    }

    /// A name or title: its symbols, their letters, Bloom bits and romanised form.
    fn short(&mut self, field: Field, text: &str) {
        let syms = self.short_syms.len() as u32;
        let roman = self.roman as u32;
        let (mut letters, mut bloom) = (0u32, 0u64);
        for c in text.chars() {
            let s = self.table.intern(c);
            self.short_syms.push(s);
            letters |= self.table.letters(s);
            bloom |= bloom_bit(s);
            self.roman += self.table.roman_len(s);
        }
        self.shorts.push(Short {
            syms,
            roman,
            letters,
            bloom,
            code: ShortCode::of(field),
        });
    }

    /// A full text: kept as the registry's own string, with its filter.
    fn long(&mut self, text: Arc<str>) {
        let mut letters = 0u32;
        let mut filter = LongFilter::default();
        let mut prev: Option<u32> = None;
        for c in text.chars() {
            let s = self.table.intern(c);
            letters |= self.table.letters(s);
            set(&mut filter.symbols, wide_bloom_bit(s));
            if let Some(p) = prev {
                set(&mut filter.pairs, pair_bit(p, s));
                for a in bits(self.table.initials(p)) {
                    for b in bits(self.table.initials(s)) {
                        set(&mut filter.initials, initials_bit(a, b));
                    }
                }
            }
            prev = Some(s);
        }
        self.longs.push(Long {
            text,
            letters,
            filter,
        });
    }
}

/// How many name-like fields and full texts, and how many characters in the
/// name-like fields, at most: the arrays are made this size once, not doubled
/// as they fill (at 100 000 tasks a doubling leaves megabytes unused).
fn sizes(reg: &Registry) -> (usize, usize, usize) {
    let mut fields: Vec<&str> = Vec::new();
    for u in &reg.units {
        // The name twice: it may give a short name (水务局).
        fields.extend([u.name.as_str(), u.name.as_str()]);
        fields.extend(u.aliases.iter().map(String::as_str));
    }
    for t in &reg.towns {
        fields.push(&t.name);
        fields.extend(t.short.as_deref());
        fields.extend(t.aliases.iter().map(String::as_str));
    }
    for s in &reg.sections {
        fields.extend([s.numeral.as_str(), s.title.as_str()]);
    }
    fields.extend(reg.goals.iter().filter_map(|g| g.horizon.as_deref()));
    fields.extend(reg.tasks.iter().map(|t| t.title.as_str()));
    for m in &reg.measures {
        fields.extend([m.numeral.as_str(), m.title.as_str()]);
    }
    let chars: usize = fields.iter().map(|f| f.chars().count()).sum();
    // A task's number is a field too, of its digits.
    let digits: usize = reg
        .tasks
        .iter()
        .map(|t| crate::text::digits(t.number.into()))
        .sum();
    let longs = reg.goals.len() + reg.tasks.len() + reg.measures.len();
    (fields.len() + reg.tasks.len(), longs, chars + digits)
}

impl SearchIndex {
    /// Indexes every unit, town, section, goal, task and measure of the registry.
    pub fn build(reg: &Registry) -> SearchIndex {
        let (shorts, longs, chars) = sizes(reg);
        let entities = reg.units.len()
            + reg.towns.len()
            + reg.sections.len()
            + reg.goals.len()
            + reg.tasks.len()
            + reg.measures.len();
        let mut b = Builder {
            table: Symbols::new(),
            short_at: Vec::with_capacity(entities + 1),
            long_at: Vec::with_capacity(entities + 1),
            shorts: Vec::with_capacity(shorts + 1),
            heads: Vec::new(),
            short_syms: Vec::with_capacity(chars),
            roman: 0,
            longs: Vec::with_capacity(longs),
        };
        b.short_at.push(0);
        b.long_at.push(0);
        let mut kinds: [Range<u32>; 6] = Default::default();
        let count = |b: &Builder| b.short_at.len() as u32 - 1;

        let start = count(&b);
        for u in &reg.units {
            let mut f = vec![(Field::Name, u.name.as_str())];
            f.extend(
                u.aliases
                    .iter()
                    .enumerate()
                    .map(|(k, a)| (Field::Alias(k), a.as_str())),
            );
            // The name without the city's 市 is how staff say it (水务局), as the
            // document does for 农业农村局: a short name, unless an alias has it.
            if let Some(core) = u.name.strip_prefix('市')
                && core.chars().count() >= 2
                && !u.aliases.iter().any(|a| a == core)
            {
                f.push((Field::Short, core));
            }
            b.entity(Kind::Unit, &f, None);
        }
        kinds[Kind::Unit.slot()] = start..count(&b);

        let start = count(&b);
        for t in &reg.towns {
            let mut f = vec![(Field::Name, t.name.as_str())];
            if let Some(s) = &t.short {
                f.push((Field::Short, s.as_str()));
            }
            f.extend(
                t.aliases
                    .iter()
                    .enumerate()
                    .map(|(k, a)| (Field::Alias(k), a.as_str())),
            );
            b.entity(Kind::Town, &f, None);
        }
        kinds[Kind::Town.slot()] = start..count(&b);

        let start = count(&b);
        for s in &reg.sections {
            let f = [
                (Field::Numeral, s.numeral.as_str()),
                (Field::Title, s.title.as_str()),
            ];
            b.entity(Kind::Section, &f, None);
        }
        kinds[Kind::Section.slot()] = start..count(&b);

        let start = count(&b);
        for g in &reg.goals {
            let f = [(Field::Horizon, g.horizon.as_deref().unwrap_or(""))];
            b.entity(Kind::Goal, &f, Some(g.text.as_str().into()));
        }
        kinds[Kind::Goal.slot()] = start..count(&b);

        let start = count(&b);
        for t in &reg.tasks {
            let number = t.number.to_string();
            let f = [
                (Field::Number, number.as_str()),
                (Field::Title, t.title.as_str()),
            ];
            b.entity(Kind::Task, &f, Some(Arc::clone(&t.text)));
        }
        kinds[Kind::Task.slot()] = start..count(&b);

        // 保障措施: found by title and text like a task.
        let start = count(&b);
        for m in &reg.measures {
            let f = [
                (Field::Numeral, m.numeral.as_str()),
                (Field::Title, m.title.as_str()),
            ];
            b.entity(Kind::Measure, &f, Some(m.text.as_str().into()));
        }
        kinds[Kind::Measure.slot()] = start..count(&b);

        // The end of the last field's symbols and romanised form.
        b.shorts.push(Short {
            syms: b.short_syms.len() as u32,
            roman: b.roman as u32,
            letters: 0,
            bloom: 0,
            code: ShortCode::Title,
        });
        // The capacities were upper bounds (a unit's short name is counted whether
        // it has one or not): shrinking gives back the unused tail in place.
        b.short_syms.shrink_to_fit();
        b.shorts.shrink_to_fit();
        b.heads.shrink_to_fit();
        // Field after field, as `Short::roman` counted them.
        let mut roman = Vec::with_capacity(b.roman);
        for &s in &b.short_syms {
            b.table.romanise(s, &mut roman);
        }
        debug_assert_eq!(roman.len(), b.roman);

        let (task_numbers, task_ids) = task_lookups(reg);
        SearchIndex {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            table: b.table,
            kinds,
            short_at: b.short_at,
            long_at: b.long_at,
            shorts: b.shorts,
            heads: b.heads,
            short_syms: b.short_syms,
            roman,
            longs: b.longs,
            task_numbers,
            task_ids,
        }
    }
}

/// What finds a task by `t` + a number: the number → the first task with it
/// (sorted by number), and the ids of the form `t12` that `t` + their number
/// would not find.
#[allow(clippy::type_complexity)]
fn task_lookups(
    reg: &Registry,
) -> (
    Vec<(u32, u32)>,
    std::collections::HashMap<String, (usize, usize)>,
) {
    // `t` + a number finds the first task with that number; an id of the same
    // form wins over it. Only ids that read `t` + digits can ever be asked for,
    // and one that is its own task's `t` + number is already found by number:
    // neither is kept (at 100 000 tasks, 200 000 strings fewer).
    let mut task_numbers: Vec<(u32, u32)> = (0..reg.tasks.len() as u32)
        .map(|i| (reg.tasks[i as usize].number, i))
        .collect();
    // Stable: the first task of a number comes first, and is the one kept.
    task_numbers.sort_by_key(|&(n, _)| n);
    task_numbers.dedup_by_key(|&mut (n, _)| n);
    task_numbers.shrink_to_fit();
    let first_of = |n: u32| {
        task_numbers
            .binary_search_by_key(&n, |&(n, _)| n)
            .ok()
            .map(|k| task_numbers[k].1 as usize)
    };
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
        if digits == number && first_of(t.number) == Some(i) {
            continue;
        }
        task_ids.insert(id, (i, number.len()));
    }
    (task_numbers, task_ids)
}
