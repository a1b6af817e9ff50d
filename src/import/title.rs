//! A short headline for a task, for lists: the task's first sentence when it is a
//! headline (稳步推动智慧城市建设。), else its first clause, cut at a whole character.

/// Longest headline, in characters.
pub const MAX: usize = 20;

pub fn headline(text: &str) -> String {
    let first_para = text.lines().next().unwrap_or("").trim();
    let sentence = first_para
        .split(['。', '；', ';'])
        .next()
        .unwrap_or("")
        .trim();
    if !sentence.is_empty() && sentence.chars().count() <= MAX {
        return sentence.to_string();
    }
    let clause = sentence
        .split([',', '，', '、', ':', '：'])
        .next()
        .unwrap_or("")
        .trim();
    if !clause.is_empty() && clause.chars().count() <= MAX {
        return clause.to_string();
    }
    let cut: String = clause.chars().take(MAX - 1).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_sentence_then_clause() {
        assert_eq!(
            headline("稳步推动智慧城市建设。加快推动琼海市社会管理信息化平台"),
            "稳步推动智慧城市建设"
        );
        assert_eq!(
            headline("持续巩固拓展脱贫攻坚成果,保持过渡期帮扶政策、资金支持、帮扶力量总体稳定。"),
            "持续巩固拓展脱贫攻坚成果"
        );
        let long = "一二三四五六七八九十一二三四五六七八九十一二三";
        assert_eq!(headline(long).chars().count(), MAX);
        assert!(headline(long).ends_with('…'));
    }
}
