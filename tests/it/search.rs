//! The matcher behind `/` and the global search, on the bundled plan: Chinese,
//! full pinyin, initials, mixtures, polyphones, ranking and highlights.

use dubang::registry::Registry;
use dubang::search::{Field, Hit, Kind, SearchIndex, Searcher, Tier, snippet};
use std::path::Path;
use std::sync::OnceLock;

fn fixture() -> &'static (Registry, SearchIndex) {
    static F: OnceLock<(Registry, SearchIndex)> = OnceLock::new();
    F.get_or_init(|| {
        let reg =
            dubang::store::parse_bytes(Path::new("r.json"), dubang::store::BUNDLED.as_bytes())
                .expect("the bundled plan loads");
        let index = SearchIndex::build(&reg);
        (reg, index)
    })
}

fn search(q: &str) -> Vec<Hit> {
    fixture().1.search(q, 50)
}

/// The displayed name of a hit's entity.
fn name(h: &Hit) -> String {
    let reg = &fixture().0;
    match h.kind {
        Kind::Unit => reg.units[h.index].name.clone(),
        Kind::Town => reg.towns[h.index].name.clone(),
        Kind::Section => reg.sections[h.index].title.clone(),
        Kind::Goal => reg.goals[h.index].text.clone(),
        Kind::Task => format!("task {}", reg.tasks[h.index].number),
        Kind::Measure => reg.measures[h.index].title.clone(),
    }
}

/// The highlighted characters of a hit, read from the field they index.
fn marked(h: &Hit) -> String {
    let text = h.text(&fixture().0).expect("the field exists");
    let chars: Vec<char> = text.chars().collect();
    h.positions.iter().map(|&p| chars[p]).collect()
}

fn task_numbers(hits: &[Hit], tier: Tier) -> Vec<u32> {
    let reg = &fixture().0;
    let mut n: Vec<u32> = hits
        .iter()
        .filter(|h| h.kind == Kind::Task && h.tier == tier)
        .map(|h| reg.tasks[h.index].number)
        .collect();
    n.sort_unstable();
    n
}

#[test]
fn water_bureau_by_initials_full_pinyin_chinese_and_case() {
    for q in [
        "swj",
        "shuiwuju",
        "水务",
        "SWJ",
        "ｓｗｊ",
        "shui wu ju",
        "shuiwj",
    ] {
        let hits = search(q);
        assert_eq!(
            (hits[0].kind, name(&hits[0]).as_str(), hits[0].field),
            (Kind::Unit, "市水务局", Field::Name),
            "{q}: {hits:?}"
        );
    }
    // The highlight is 水务局: positions are chars of the displayed name.
    let h = &search("swj")[0];
    assert_eq!(h.positions, [1, 2, 3]);
    assert_eq!(
        h.tier,
        Tier::Exact,
        "swj is all of 水务局, the name without 市"
    );
    assert_eq!(search("水务")[0].positions, [1, 2]);
    assert_eq!(search("shuiwuju")[0].positions, [1, 2, 3]);
    // 市商务局 (shang wu ju) is swj too: an honest tie, settled by registry order.
    let swj = search("swj");
    assert_eq!(name(&swj[1]), "市商务局");
    assert_eq!(swj[1].tier, Tier::Exact);
}

#[test]
fn rural_revitalisation_bureau_first_then_what_mentions_it() {
    let hits = search("xczx");
    assert_eq!(
        (hits[0].kind, name(&hits[0]).as_str()),
        (Kind::Unit, "市乡村振兴局")
    );
    assert_eq!(marked(&hits[0]), "乡村振兴");
    assert_eq!(hits[0].positions, [1, 2, 3, 4]);
    // The leading group and section 一 mention 乡村振兴 in their names; no task
    // title or text of the bundled plan has the phrase, goal 2025's text does.
    let names: Vec<String> = hits.iter().map(name).collect();
    assert!(names.contains(&"实施乡村振兴战略领导小组成员单位".to_string()));
    assert!(names.contains(&"促进巩固脱贫攻坚成果与乡村振兴有效衔接".to_string()));
    assert!(
        hits.iter()
            .any(|h| h.kind == Kind::Goal && marked(h) == "乡村振兴")
    );
    // The same through Chinese and full pinyin.
    assert_eq!(name(&search("乡村振兴")[0]), "市乡村振兴局");
    assert_eq!(name(&search("xiangcunzhenxing")[0]), "市乡村振兴局");
}

#[test]
fn towns_by_pinyin() {
    for (q, town) in [
        ("jiaji", "嘉积镇"),
        ("jiajizhen", "嘉积镇"),
        ("jjz", "嘉积镇"),
        ("jiaj", "嘉积镇"),
        ("boao", "博鳌镇"),
        ("huishan", "会山镇"),
        ("changpo", "长坡镇"),
        ("wanquan", "万泉镇"),
        ("bincunshan", "彬村山华侨经济区"),
    ] {
        let hits = search(q);
        assert_eq!(
            (hits[0].kind, name(&hits[0]).as_str()),
            (Kind::Town, town),
            "{q}"
        );
    }
    let j = &search("jiaji")[0];
    assert_eq!(
        (j.tier, j.field, j.positions.as_slice()),
        (Tier::Exact, Field::Name, &[0, 1][..])
    );
    // Tasks 16 and 26 mention 嘉积 in their text: found, ranked below the names.
    let hits = search("jiaji");
    let text = task_numbers(&hits, Tier::Text);
    assert!(text.contains(&16) && text.contains(&26), "{text:?}");
    let boao = task_numbers(&search("boao"), Tier::Text);
    assert!(boao.contains(&15) && boao.contains(&16), "{boao:?}");
}

#[test]
fn sewage_tasks_by_pinyin_in_the_text() {
    let hits = search("wushui");
    // Tasks 4, 11 and 28 mention 污水; nothing named or titled so.
    assert_eq!(task_numbers(&hits, Tier::Text), [4, 11, 28]);
    for h in &hits {
        assert_eq!((h.field, marked(h).as_str()), (Field::Text, "污水"));
    }
    assert_eq!(task_numbers(&search("污水"), Tier::Text), [4, 11, 28]);
    // A text hit is shown as a window around the match.
    let reg = &fixture().0;
    let text = hits[0].text(reg).unwrap();
    let s = snippet(&text, &hits[0].positions, 40);
    let chars: Vec<char> = s.text.chars().collect();
    let shown: String = s.positions.iter().map(|&p| chars[p]).collect();
    assert_eq!(shown, "污水");
    assert!(dubang::text::width(&s.text) <= 40);
}

/// 长坡镇 is read Chángpō. A per-character table that knows 长 only as zhǎng (or
/// only as cháng) fails one spelling; the index keeps every reading, so `changpo`
/// finds it and so does `zhangpo`. The second is a "wrong" reading, and matching it
/// is on purpose: in a search box recall beats precision. A user unsure of a
/// polyphone's reading still finds the town, and the cost is at worst an extra row
/// (no name in the plan reads zhangpo otherwise).
#[test]
fn polyphones_match_under_every_reading() {
    for q in ["changpo", "zhangpo", "cp", "zp", "长坡"] {
        let hits = search(q);
        assert_eq!(name(&hits[0]), "长坡镇", "{q}: {hits:?}");
        assert_eq!(hits[0].positions, [0, 1]);
    }
    assert_eq!(
        task_numbers(&search("changpo"), Tier::Text),
        task_numbers(&search("zhangpo"), Tier::Text)
    );
    assert!(task_numbers(&search("changpo"), Tier::Text).contains(&28));
    // 会: hui (会山镇) and kuai (会计).
    let kuai = search("kuai");
    let town = kuai
        .iter()
        .find(|h| h.kind == Kind::Town)
        .expect("会山镇 under kuai");
    assert_eq!(
        (name(town).as_str(), town.tier, town.positions.as_slice()),
        ("会山镇", Tier::Prefix, &[0][..])
    );
    // 乐: le and yue (博鳌乐城, in tasks 16's text).
    for q in ["lecheng", "yuecheng"] {
        assert!(task_numbers(&search(q), Tier::Text).contains(&16), "{q}");
    }
    // 行: xing and hang; every bank is a 银行.
    let banks: Vec<String> = search("yinhang")
        .iter()
        .filter(|h| h.kind == Kind::Unit)
        .map(name)
        .collect();
    assert_eq!(banks.len(), 6, "{banks:?}");
    assert!(banks.iter().all(|b| b.contains("银行")));
    assert!(search("yinxing").iter().any(|h| h.kind == Kind::Unit));
}

#[test]
fn mixed_chinese_and_pinyin() {
    let h = &search("市shui")[0];
    assert_eq!(
        (name(h).as_str(), h.tier, h.positions.as_slice()),
        ("市水务局", Tier::Prefix, &[0, 1][..])
    );
    let h = &search("jiaji镇")[0];
    assert_eq!(
        (name(h).as_str(), h.tier, h.positions.as_slice()),
        ("嘉积镇", Tier::Exact, &[0, 1, 2][..])
    );
    let h = &search("水wu局")[0];
    assert_eq!(
        (name(h).as_str(), h.positions.as_slice()),
        ("市水务局", &[1, 2, 3][..])
    );
    let h = &search("乡村zx")[0];
    assert_eq!(name(h), "市乡村振兴局");
}

#[test]
fn nothing_matches_nonsense() {
    let ix = &fixture().1;
    assert!(ix.search("qqqzzz", 50).is_empty());
    for k in Kind::ALL {
        assert!(ix.filter(k, "qqqzzz").is_empty(), "{k:?}");
    }
    assert!(ix.search("水务水务水务", 50).is_empty());
}

#[test]
fn the_empty_query_matches_everything() {
    let (reg, ix) = fixture();
    let all = ix.search("", usize::MAX);
    assert_eq!(all.len(), ix.len());
    assert_eq!(
        ix.len(),
        reg.units.len()
            + reg.towns.len()
            + reg.sections.len()
            + reg.goals.len()
            + reg.tasks.len()
            + reg.measures.len()
    );
    assert!(all.iter().all(|h| h.positions.is_empty()));
    assert_eq!(ix.search("  ", 3).len(), 3);
    let units = ix.filter(Kind::Unit, "");
    assert_eq!(
        units.iter().map(|h| h.index).collect::<Vec<_>>(),
        (0..reg.units.len()).collect::<Vec<_>>()
    );
}

#[test]
fn ranking_puts_names_and_titles_above_texts_and_fuzzy_last() {
    for q in [
        "swj", "jiaji", "推动", "nongye", "shiju", "boao", "jianshe", "hs", "12", "2025",
    ] {
        let hits = search(q);
        for w in hits.windows(2) {
            assert!(w[0].tier <= w[1].tier, "{q}: tiers out of order: {w:?}");
        }
        let title_or_name = |h: &&Hit| h.field != Field::Text;
        if let Some(first_text) = hits.iter().position(|h| h.tier == Tier::Text) {
            assert!(hits[..first_text].iter().all(|h| title_or_name(&h)), "{q}");
        }
    }
    // A number is a task's number, exactly.
    let h = &search("12")[0];
    assert_eq!(
        (h.kind, h.field, h.tier),
        (Kind::Task, Field::Number, Tier::Exact)
    );
    assert_eq!(fixture().0.tasks[h.index].number, 12);
    // A horizon finds its goal.
    let h = &search("2035")[0];
    assert_eq!(
        (h.kind, h.field, h.tier),
        (Kind::Goal, Field::Horizon, Tier::Exact)
    );
    // Titles: task 18 推动博鳌临空经济区建设 by its title, above texts about 博鳌.
    let hits = search("博鳌临空");
    assert_eq!((hits[0].kind, hits[0].field), (Kind::Task, Field::Title));
    // Ties go to the shorter name: 农业农村局 (prefix of the alias) before the banks.
    let hits = search("nongye");
    assert_eq!(name(&hits[0]), "市农业农村局");
    // Fuzzy: the query's syllables in order with gaps.
    let h = search("shiju")
        .into_iter()
        .find(|h| name(h) == "市水务局")
        .expect("fuzzy hit");
    assert_eq!((h.tier, h.positions.as_slice()), (Tier::Fuzzy, &[0, 3][..]));
    assert!(h.score > 0);
}

#[test]
fn aliases_and_short_names_highlight_in_the_name() {
    let h = &search("农业农村局")[0];
    assert_eq!(
        (name(h).as_str(), h.field, h.tier),
        ("市农业农村局", Field::Name, Tier::Exact)
    );
    assert_eq!(h.positions, [1, 2, 3, 4, 5]);
    // An alias that is not part of the name is reported as itself.
    let h = &search("华侨农场")[0];
    assert_eq!(
        (name(h).as_str(), h.field),
        ("彬村山华侨经济区", Field::Alias(0))
    );
    assert_eq!(marked(h), "华侨农场");
    let h = &search("bcs")[0];
    assert_eq!(
        (name(h).as_str(), h.tier, h.positions.as_slice()),
        ("彬村山华侨经济区", Tier::Exact, &[0, 1, 2][..])
    );
}

#[test]
fn filtering_one_list() {
    let (reg, ix) = fixture();
    let towns = ix.filter(Kind::Town, "jiaji");
    assert_eq!(towns.len(), 1);
    assert_eq!(
        (
            reg.towns[towns[0].index].name.as_str(),
            towns[0].positions.as_slice()
        ),
        ("嘉积镇", &[0, 1][..])
    );
    // In list (registry) order, not rank order.
    let tasks = ix.filter(Kind::Task, "wushui");
    assert_eq!(
        tasks
            .iter()
            .map(|h| reg.tasks[h.index].number)
            .collect::<Vec<_>>(),
        [4, 11, 28]
    );
    let units = ix.filter(Kind::Unit, "yh");
    let idx: Vec<usize> = units.iter().map(|h| h.index).collect();
    assert!(idx.windows(2).all(|w| w[0] < w[1]), "{idx:?}");
    assert!(units.iter().all(|h| h.kind == Kind::Unit));
    // One item at a time, for a sublist.
    let water = reg.units.iter().position(|u| u.name == "市水务局").unwrap();
    assert_eq!(
        ix.matches(Kind::Unit, water, "swj").map(|h| h.positions),
        Some(vec![1, 2, 3])
    );
    assert_eq!(ix.matches(Kind::Unit, 0, "swj"), None);
    assert_eq!(ix.matches(Kind::Unit, 10_000, "swj"), None);
    let mut q = ix.query("jiaji");
    let hits: Vec<usize> = (0..reg.towns.len())
        .filter(|&i| q.matches(Kind::Town, i).is_some())
        .collect();
    assert_eq!(hits, [0]);
}

#[test]
fn highlights_always_fall_inside_their_field() {
    let (reg, ix) = fixture();
    for q in [
        "s", "sw", "swj", "w", "wu", "wushui", "水", "水务", "jiaji", "zhen", "市", "jianshe",
        "hs", "shiju", "市局", "2", "lecheng",
    ] {
        for h in ix.search(q, usize::MAX) {
            let text = h
                .text(reg)
                .unwrap_or_else(|| panic!("{q}: no text for {h:?}"));
            let n = text.chars().count();
            assert!(!h.positions.is_empty(), "{q}: {h:?}");
            assert!(h.positions.windows(2).all(|w| w[0] < w[1]), "{q}: {h:?}");
            assert!(h.positions.iter().all(|&p| p < n), "{q}: {h:?} in {text}");
            if h.tier != Tier::Fuzzy {
                let (a, b) = (h.positions[0], *h.positions.last().unwrap());
                assert_eq!(
                    h.positions.len(),
                    b - a + 1,
                    "a strict match is a run: {h:?}"
                );
            }
        }
    }
}

/// Typing narrows the last candidates: every keystroke's results are exactly those
/// of a fresh search, for any limit, also when the query is edited backwards.
#[test]
fn a_searcher_gives_the_results_of_a_fresh_search() {
    let ix = &fixture().1;
    let typed = [
        "swj",
        "shuiwuju",
        "wushui",
        "xczx",
        "jiaji镇",
        "市shui",
        "水务局",
        "huishan",
        "zhangpo",
        "shiju",
        "qqqzzz",
        "jianshe",
        "12",
        "SWJ",
    ];
    for limit in [1, 5, 50, usize::MAX] {
        let mut s = Searcher::new();
        for word in typed {
            let chars: Vec<char> = word.chars().collect();
            for n in 1..=chars.len() {
                let q: String = chars[..n].iter().collect();
                assert_eq!(
                    s.search(ix, &q, limit),
                    ix.search(&q, limit),
                    "{q} (limit {limit})"
                );
            }
            // Backspace, then type on.
            let q: String = chars[..chars.len().saturating_sub(1)].iter().collect();
            assert_eq!(
                s.search(ix, &q, limit),
                ix.search(&q, limit),
                "{q} (limit {limit})"
            );
        }
    }
    let mut s = Searcher::new();
    for k in Kind::ALL {
        for q in [
            "j", "ji", "jia", "jiaj", "jiaji", "w", "wu", "wus", "wushui",
        ] {
            assert_eq!(s.filter(ix, k, q), ix.filter(k, q), "{k:?} {q}");
        }
    }
    // A new index (a reload) is noticed.
    let other = SearchIndex::build(&fixture().0);
    assert_eq!(s.search(&other, "wushui", 50), other.search("wushui", 50));
}

/// The pass over full texts stops once it has as many text hits as the limit
/// leaves room for (they rank by registry order, below every name and title):
/// the best `limit` hits are still the first `limit` of all of them, on the
/// bundled plan and on a plan big enough to be searched on two threads.
#[test]
fn a_limit_gives_the_first_hits_of_an_unlimited_search() {
    let _load = crate::common::heavy();
    let (reg, ix) = fixture();
    let mut big = reg.clone();
    big.tasks = (0..20_000)
        .map(|i| {
            let mut t = reg.tasks[i % reg.tasks.len()].clone();
            t.id = format!("t{}", i + 1);
            t.number = (i + 1) as u32;
            t
        })
        .collect();
    let big = SearchIndex::build(&big);
    for ix in [ix, &big] {
        for q in ["wushui", "jianshe", "水", "fazhan", "swj", "shiju", "2"] {
            let all = ix.search(q, usize::MAX);
            for limit in [1, 5, 50, 2000] {
                let want = &all[..all.len().min(limit)];
                assert_eq!(ix.search(q, limit), want, "{q} (limit {limit})");
                let mut s = Searcher::new();
                s.search(
                    ix,
                    &q[..q.len() - q.chars().last().map_or(0, char::len_utf8)],
                    limit,
                );
                assert_eq!(s.search(ix, q, limit), want, "{q} typed (limit {limit})");
            }
        }
    }
}

/// Issue 11, item 17: `t12`, the id `dubang set` takes, finds task 12 first (typed
/// in any case or width), in one-off searches and as-you-type alike.
#[test]
fn a_task_id_finds_its_task_first() {
    let reg = &fixture().0;
    for q in ["t12", "T12", "ｔ１２", " t12 "] {
        let hits = search(q);
        let first = hits.first().unwrap_or_else(|| panic!("{q}: no hit"));
        assert_eq!(
            (first.kind, reg.tasks[first.index].number, first.field),
            (Kind::Task, 12, Field::Number),
            "{q}"
        );
        assert_eq!(marked(first), "12", "{q}");
        let mut s = Searcher::new();
        for n in 1..=q.chars().count() {
            let prefix: String = q.chars().take(n).collect();
            s.search(&fixture().1, &prefix, 50);
        }
        let typed = s.search(&fixture().1, q, 50);
        assert_eq!(typed.first(), Some(first), "{q} typed");
        assert_eq!(
            typed
                .iter()
                .filter(|h| h.kind == Kind::Task && h.index == first.index)
                .count(),
            1,
            "{q}: once"
        );
    }
    assert!(
        search("t99")
            .iter()
            .all(|h| h.kind != Kind::Task || reg.tasks[h.index].number != 99)
    );
}

/// An id of the form `t` + digits wins over another task's number; `t` + a number
/// as written (not `t012`) finds the first task with it.
#[test]
fn a_task_id_wins_over_another_tasks_number() {
    let mut reg = fixture().0.clone();
    let (a, b) = (reg.tasks[3].number, reg.tasks[8].number);
    // Task 8 takes the id that reads like task 3's number.
    reg.tasks[8].id = format!("T{a}");
    let ix = SearchIndex::build(&reg);
    let first = |q: &str| {
        ix.search(q, 50)
            .first()
            .filter(|h| h.kind == Kind::Task && h.field == Field::Number)
            .map(|h| h.index)
    };
    assert_eq!(first(&format!("t{a}")), Some(8));
    assert_eq!(first(&format!("t{b}")), Some(8));
    assert_eq!(first(&format!("t0{b}")), None);
    assert_eq!(first(&reg.tasks[5].id.clone()), Some(5));
}

/// 保障措施 are found by their title and their text (issue 11, item 12).
#[test]
fn measures_are_found() {
    let hits = search("强化跟踪问效");
    assert!(
        hits.iter()
            .any(|h| h.kind == Kind::Measure && h.field == Field::Title),
        "{:?}",
        hits.iter().map(name).collect::<Vec<_>>()
    );
    let reg = &fixture().0;
    let m = reg
        .measures
        .iter()
        .position(|m| m.title == "强化政策保障")
        .unwrap();
    // A phrase from the text only.
    let phrase: String = reg.measures[m].text.chars().skip(4).take(6).collect();
    assert!(
        search(&phrase)
            .iter()
            .any(|h| h.kind == Kind::Measure && h.index == m),
        "{phrase}"
    );
}
