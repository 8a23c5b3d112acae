//! Which language a run speaks: the `--lang` flag, else the project's `language`, else (before
//! a project is loaded, as for `init`) the locale of the environment, Dutch for `nl_*`.

use crate::model::Language;

/// The language of a run's messages: the flag, else the project's, else the environment's.
pub fn chosen(flag: Option<Language>, project: Option<Language>) -> Language {
    flag.or(project).unwrap_or_else(from_environment)
}

/// The language of the environment's locale (`LC_ALL`, `LC_MESSAGES`, then `LANG`).
pub fn from_environment() -> Language {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(std::env::var_os)
        .find(|v| !v.is_empty());
    locale.map_or(Language::En, |v| from_locale(&v.to_string_lossy()))
}

/// The language of a locale name: Dutch for `nl`, `nl_NL.UTF-8`, `nl-BE`..., else English.
pub fn from_locale(locale: &str) -> Language {
    let lower = locale.to_ascii_lowercase();
    if lower == "nl"
        || lower.starts_with("nl_")
        || lower.starts_with("nl-")
        || lower.starts_with("nl.")
    {
        Language::Nl
    } else {
        Language::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_locales_are_dutch() {
        for locale in ["nl", "nl_NL.UTF-8", "nl_BE", "nl-NL", "NL_nl"] {
            assert_eq!(from_locale(locale), Language::Nl, "{locale}");
        }
        for locale in ["C", "C.UTF-8", "en_GB.UTF-8", "POSIX", "nn_NO", ""] {
            assert_eq!(from_locale(locale), Language::En, "{locale}");
        }
    }

    #[test]
    fn the_flag_wins_then_the_project() {
        let (en, nl) = (Language::En, Language::Nl);
        assert_eq!(chosen(Some(nl), Some(en)), nl);
        assert_eq!(chosen(Some(en), Some(nl)), en);
        assert_eq!(chosen(None, Some(nl)), nl);
    }
}
