//! The language of labels and messages: Chinese or English. `--lang` (adapted by the
//! command line) wins, then the settings file, then a locale that names a language,
//! then the plan's own language (most servers run with `LANG=C.UTF-8` or `POSIX`,
//! which says nothing about the reader).

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    #[default]
    En,
}

impl Lang {
    /// The locale's language, if it names one: the first set of LC_ALL, LC_MESSAGES,
    /// LANG (POSIX precedence); zh* is Chinese, en* English. `C`, `POSIX`,
    /// `C.UTF-8`, an unset locale or any other language say nothing (`None`).
    pub fn from_locale(env: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| env(k).filter(|v| !v.is_empty()))?
            .to_ascii_lowercase();
        if locale.starts_with("zh") {
            Some(Lang::Zh)
        } else if locale.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The locale's language, English when it names none (for messages given before
    /// any plan is read).
    pub fn from_env(env: impl Fn(&str) -> Option<String>) -> Lang {
        Lang::from_locale(env).unwrap_or(Lang::En)
    }

    /// The language a plan is written in: Chinese when its title has Chinese
    /// characters.
    pub fn of_text(title: &str) -> Lang {
        if title.chars().any(is_cjk) {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language to use: the first of `chosen` (`--lang`, then settings), the
    /// locale when it names a language, else the plan's.
    pub fn resolve(
        chosen: Option<Lang>,
        env: impl Fn(&str) -> Option<String>,
        plan_title: &str,
    ) -> Lang {
        chosen
            .or_else(|| Lang::from_locale(env))
            .unwrap_or_else(|| Lang::of_text(plan_title))
    }

    /// Picks the label for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// How `--lang` and the settings file spell it.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(
        pairs: &'static [(&'static str, &'static str)],
    ) -> impl Fn(&str) -> Option<String> + Copy {
        move |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn follows_posix_precedence() {
        assert_eq!(Lang::from_env(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(
            Lang::from_env(env(&[("LC_ALL", "C.UTF-8"), ("LANG", "zh_CN.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env(env(&[("LC_ALL", ""), ("LANG", "zh_TW")])),
            Lang::Zh
        );
        assert_eq!(Lang::from_env(env(&[])), Lang::En);
    }

    #[test]
    fn a_locale_that_says_nothing_leaves_it_to_the_plan() {
        let zh_plan = "琼海市推进琼崖革命老区振兴发展实施方案";
        for silent in [
            &[("LANG", "C.UTF-8")][..],
            &[("LANG", "POSIX")],
            &[("LANG", "C")],
            &[],
        ] {
            let pairs: &'static [(&'static str, &'static str)] = silent;
            assert_eq!(Lang::from_locale(env(pairs)), None, "{silent:?}");
            assert_eq!(Lang::resolve(None, env(pairs), zh_plan), Lang::Zh);
            assert_eq!(Lang::resolve(None, env(pairs), "Work plan"), Lang::En);
        }
        // A locale that names a language wins over the plan; --lang over both.
        let en = env(&[("LANG", "en_GB.UTF-8")]);
        assert_eq!(Lang::resolve(None, en, zh_plan), Lang::En);
        assert_eq!(Lang::resolve(Some(Lang::Zh), en, "Work plan"), Lang::Zh);
        let zh = env(&[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "C")]);
        assert_eq!(Lang::resolve(None, zh, "Work plan"), Lang::Zh);
    }
}
