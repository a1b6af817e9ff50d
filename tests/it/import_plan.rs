//! The importer on the bundled plan (海府〔2021〕244号) as published, task by task,
//! and the committed registry checked against a fresh import so they cannot drift.

use dubang::import::{ImportOptions, import};
use dubang::registry::{Registry, TownKind, UnitKind};
use dubang::store;

const DOC: &str = include_str!("../../seeds/haifu-2021-244.txt");

fn imported(bundled: bool) -> (Registry, Vec<String>) {
    let opts = ImportOptions {
        bundled,
        ..Default::default()
    };
    let i = import(DOC, &opts).expect("the bundled document imports");
    (i.registry, i.notes)
}

fn names(reg: &Registry, ids: &[String]) -> Vec<String> {
    ids.iter().map(|id| reg.name_of(id).to_string()).collect()
}

/// (number, section numeral, lead, responsible, 各镇(区)?, text start, text end),
/// copied by hand from the document.
type Expected = (
    u32,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    bool,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const TASKS: &[Expected] = &[
    (1, "一", &["市乡村振兴局"], &["各镇(区)", "实施乡村振兴战略领导小组成员单位"], true, "持续巩固拓展脱贫攻坚成果", "事前预防与事后帮扶相结合。"),
    (2, "一", &["市发改委"], &["各镇(区)", "市农业农村局", "市住建局", "市交运局", "市水务局"], true, "加大以工代赈", "增加劳务收入。"),
    (3, "一", &["市资规局"], &["各镇(区)"], true, "根据市国土空间总体规划", "确保乡村发展与自贸港建设同步推进。"),
    (4, "一", &["市农业农村局"], &["市综合行政执法局", "市水务局", "市住建局", "各镇(区)"], true, "推动有基础的老区村庄", "加快补齐全市农村人居环境突出短板。"),
    (5, "一", &["市委网信办"], &["市中国数字乡村试点工作领导小组成员单位"], false, "积极推进数字乡村试点", "促进城乡融合发展。"),
    (6, "一", &["市交运局"], &["市农业农村局", "各镇(区)"], true, "全力推进“四好农村路”", "持续巩固村村通客车成果。"),
    (7, "一", &["市农业农村局"], &["市乡村振兴局", "人民银行琼海支行", "农业发展银行琼海支行", "中国银行琼海支行", "农业银行琼海支行", "工商银行琼海支行", "建设银行琼海支行", "各镇(区)"], true, "探索建立“政策性金融", "引导企业与贫困户构建利益联结机制。"),
    (8, "一", &["市人社局"], &["各镇(区)"], true, "坚持扶志扶智相结合", "按规定给予职业技能培训补贴。"),
    (9, "一", &["市民政局"], &["市退役军人事务局", "各镇(区)"], true, "全面落实城乡低保对象认定工作", "足额发放到优抚对象手中。"),
    (10, "二", &["市公安局"], &["各镇(区)"], true, "紧扣海南东部中心城市建设目标", "有序有效融入城市。"),
    (11, "二", &["市发改委"], &["市卫健委", "市教育局", "市民政局", "市旅文局", "市生态环境局", "市综合行政执法局", "市水务局", "市住建局", "市科工信局", "市商务局", "东部邮政局"], false, "实施新型城镇化建设补短板强弱项工程", "冷链物流设施和农贸市场。"),
    (12, "二", &["市发改委", "市科工信局"], &["市委政法委", "市公安局", "市综合行政执法局", "市民政局"], false, "稳步推动智慧城市建设。", "全天候受理和一站式办理服务。"),
    (13, "二", &["市商务局"], &["各镇(区)"], true, "积极推动电子商务进农村工作", "实现农旅产业跨越式发展。"),
    (14, "三", &["市农业农村局"], &["市商务局", "各镇(区)"], true, "大力发展热带特色高效农业。", "不断提升耕地地力水平。"),
    (15, "三", &["市农业农村局"], &["市旅文局", "市住建局", "市资规局", "各镇(区)"], true, "精心发展美丽乡村旅游。", "培育乡村旅游创客示范基地。"),
    (16, "四", &["市政府办"], &["市招商局", "市卫健委", "市旅文局"], false, "打造医疗健康产业集群。", "不断提升旅游国际化水平。"),
    (17, "四", &["市科工信局"], &["市发改委", "市招商局", "市交运局"], false, "扎实推动琼海国家级智能网联示范先导区建设。", "形成新型科技企业集群。"),
    (18, "五", &["市商务局"], &["市发改委", "市招商局", "市交运局"], false, "推动博鳌临空经济区建设。", "飞机维修、改装等航空服务产业。"),
    (19, "五", &["市交运局"], &["市资规局", "中原镇", "阳江镇", "龙江镇", "会山镇"], false, "不断完善“路网”建设。", "海南环岛旅游公路琼海段工程建设。"),
    (20, "五", &["市农业农村局"], &["潭门镇"], false, "积极推动潭门中心渔港升级改造项目", "一二三产业融合发展。"),
    (21, "五", &["市水务局"], &["会山镇"], false, "完善一批水利基础设施。", "安全鉴定存在问题进行除险加固。"),
    (22, "六", &["市教育局"], &["市人社局"], false, "逐步推进老区教育优质均衡发展", "优化充实老区农村教师队伍。"),
    (23, "六", &["市卫健委"], &["市人社局"], false, "积极推动东部医疗中心建设", "选派医生对口帮扶老区基层医疗机构。"),
    (24, "六", &["市旅文局"], &["各镇(区)"], true, "进一步提升我市文化体育设施水平。", "农家书屋等项目建设。"),
    (25, "七", &["市委宣传部"], &["市旅文局", "嘉积镇", "阳江镇"], false, "深入挖掘琼海红色革命文化内涵", "基础设施及景观化提升项目建设。"),
    (26, "七", &["市教育局"], &["市委宣传部", "团市委"], false, "推进红色文化教育融合发展。", "激发爱国爱党情怀"),
    (27, "八", &["市生态环境局"], &["市水务局"], false, "争取省厅部门支持", "上游突发环境事件对下游造成污染的补偿。"),
    (28, "八", &["市水务局"], &["嘉积镇", "长坡镇", "万泉镇", "潭门镇", "大路镇", "塔洋镇", "龙江镇", "石壁镇"], false, "深化水环境污染防治", "加快农村黑臭水体综合整治。"),
];

#[test]
fn document_metadata() {
    let (reg, _) = imported(true);
    let d = &reg.document;
    assert_eq!(d.title, "新时代支持琼崖革命老区振兴发展工作方案");
    assert_eq!(
        d.notice.as_deref(),
        Some("琼海市人民政府关于印发新时代支持琼崖革命老区振兴发展工作方案的通知")
    );
    assert_eq!(d.issuer, "琼海市人民政府");
    assert_eq!(d.number, "海府〔2021〕244号");
    assert_eq!(d.date.unwrap().to_string(), "2021-12-31");
}

#[test]
fn sections() {
    let (reg, _) = imported(true);
    let got: Vec<(&str, &str)> = reg
        .sections
        .iter()
        .map(|s| (s.numeral.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("一", "促进巩固脱贫攻坚成果与乡村振兴有效衔接"),
            ("二", "全面推进新型城镇化建设"),
            ("三", "培育壮大特色优势产业"),
            ("四", "提升创新发展驱动能力"),
            ("五", "加快推动基础设施提质升级"),
            ("六", "提升公共服务质量"),
            ("七", "大力弘扬传承红色文化"),
            ("八", "推动绿色转型发展"),
        ]
    );
}

#[test]
fn every_task_with_its_units_as_the_document_gives_them() {
    let (reg, _) = imported(true);
    assert_eq!(reg.tasks.len(), 28);
    for (task, &(number, numeral, lead, resp, all_towns, start, end)) in reg.tasks.iter().zip(TASKS)
    {
        assert_eq!(task.number, number);
        assert_eq!(task.id, format!("t{number}"));
        let section = reg.sections.iter().find(|s| s.id == task.section).unwrap();
        assert_eq!(section.numeral, numeral, "task {number}");
        assert_eq!(names(&reg, &task.lead), lead, "lead of task {number}");
        assert_eq!(
            names(&reg, &task.responsible),
            resp,
            "responsible of task {number}"
        );
        assert_eq!(task.all_towns, all_towns, "各镇(区) of task {number}");
        assert!(
            task.text.starts_with(start),
            "task {number} starts {:?}",
            &task.text
        );
        assert!(
            task.text.ends_with(end),
            "task {number} ends {:?}",
            &task.text
        );
        assert!(
            !task.text.contains("牵头单位"),
            "task {number} text keeps its annotation"
        );
        // The full text: exactly the document's line, less number and annotation.
        let line = DOC
            .lines()
            .find(|l| l.starts_with(&format!("{number}.")))
            .unwrap();
        let body = &line[format!("{number}.").len()..];
        assert!(
            body.starts_with(&*task.text),
            "task {number}: text is not the document's"
        );
        let rest = body[task.text.len()..].trim();
        assert!(
            rest.starts_with(['〔', '(']) && rest.contains("牵头单位"),
            "task {number}: {rest}"
        );
    }
}

#[test]
fn task_20_lead_is_the_city_agriculture_bureau_under_its_alias() {
    let (reg, _) = imported(true);
    let t20 = &reg.tasks[19];
    let unit = reg.units.iter().find(|u| u.id == t20.lead[0]).unwrap();
    assert_eq!(unit.name, "市农业农村局");
    assert_eq!(unit.aliases, ["农业农村局"]);
    // One unit, not two: the alias was merged.
    assert_eq!(
        reg.units
            .iter()
            .filter(|u| u.name.contains("农业农村局"))
            .count(),
        1
    );
    // Task 12 has two lead units.
    assert_eq!(names(&reg, &reg.tasks[11].lead), ["市发改委", "市科工信局"]);
}

#[test]
fn units_are_classified() {
    let (reg, _) = imported(true);
    let kind = |name: &str| reg.units.iter().find(|u| u.name == name).map(|u| u.kind);
    assert_eq!(kind("市水务局"), Some(UnitKind::Department));
    assert_eq!(kind("农业发展银行琼海支行"), Some(UnitKind::Bank));
    assert_eq!(
        kind("实施乡村振兴战略领导小组成员单位"),
        Some(UnitKind::Group)
    );
    assert_eq!(kind("各镇(区)"), Some(UnitKind::AllTowns));
    assert_eq!(
        reg.units
            .iter()
            .filter(|u| u.kind == UnitKind::Bank)
            .count(),
        6
    );
    // Towns are not units.
    assert_eq!(kind("潭门镇"), None);
    assert_eq!(reg.units.len(), 34);
}

#[test]
fn towns_come_from_the_gazetteer_and_mentions_are_found() {
    let (reg, notes) = imported(true);
    assert_eq!(reg.towns.len(), 13);
    assert_eq!(
        reg.towns
            .iter()
            .filter(|t| t.kind == TownKind::Zone)
            .count(),
        1
    );
    assert!(reg.towns.iter().any(|t| t.name == "博鳌镇"));
    assert!(notes.iter().any(|n| n.contains("13 towns")));
    let mentioned = |n: usize| names(&reg, &reg.tasks[n - 1].mentions);
    assert_eq!(mentioned(18), ["博鳌镇"]);
    assert_eq!(mentioned(14), ["万泉镇", "塔洋镇", "长坡镇", "大路镇"]);
    // 万泉河 and 塔洋河 are rivers, not towns; task 28 names its towns explicitly.
    assert!(mentioned(27).is_empty());
    assert!(mentioned(28).is_empty());
}

#[test]
fn without_a_gazetteer_only_named_towns_and_a_note() {
    let (reg, notes) = imported(false);
    assert_eq!(reg.towns.len(), 11);
    assert!(
        notes
            .iter()
            .any(|n| n.contains("各镇(区) could not be expanded")),
        "{notes:?}"
    );
}

#[test]
fn goals_are_separate_and_linked() {
    let (reg, _) = imported(true);
    assert_eq!(reg.goals.len(), 2);
    let (g25, g35) = (&reg.goals[0], &reg.goals[1]);
    assert_eq!(
        (
            g25.horizon.as_deref(),
            g25.due.unwrap().to_string().as_str()
        ),
        (Some("2025"), "2025-12-31")
    );
    assert_eq!(
        (
            g35.horizon.as_deref(),
            g35.due.unwrap().to_string().as_str()
        ),
        (Some("2035"), "2035-12-31")
    );
    assert!(
        g25.text
            .starts_with("到2025年,老区脱贫攻坚成果全面巩固拓展")
    );
    assert!(g25.text.ends_with("影响力不断扩大。"));
    assert!(
        g35.text
            .starts_with("到2035年,形成富具海南自由贸易港特色的老区")
    );
    assert_eq!(g25.targets.len(), 8);
    assert_eq!(g35.targets.len(), 7);
    // Every target is linked by the curation, and the red-culture target to section 七.
    assert!(
        g25.targets
            .iter()
            .chain(&g35.targets)
            .all(|t| !t.sections.is_empty())
    );
    let red = g25
        .targets
        .iter()
        .find(|t| t.text.contains("红色文化"))
        .unwrap();
    assert_eq!(red.sections, ["s7"]);
}

#[test]
fn safeguard_measures() {
    let (reg, _) = imported(true);
    let titles: Vec<&str> = reg.measures.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(titles, ["强化组织领导", "强化政策保障", "强化跟踪问效"]);
    assert!(reg.measures[0].text.starts_with("成立由常务副市长任组长"));
    assert!(reg.measures[2].text.ends_with("定期跟踪重点任务推进。"));
    // The page's footer is chrome, not part of a measure.
    assert!(
        reg.measures
            .iter()
            .all(|m| !m.text.contains("网站") && !m.text.contains("版权"))
    );
}

#[test]
fn the_committed_registry_is_what_the_importer_makes() {
    let opts = ImportOptions {
        bundled: true,
        source: Some("seeds/haifu-2021-244.txt".into()),
        ..Default::default()
    };
    let fresh = store::to_json(&import(DOC, &opts).unwrap().registry);
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/registry.json"))
            .unwrap();
    assert!(
        fresh == committed,
        "seeds/registry.json is stale: run `cargo run -- import seeds/haifu-2021-244.txt -o seeds/registry.json`"
    );
    assert_eq!(
        store::BUNDLED,
        committed,
        "the binary embeds seeds/registry.json"
    );
}
