//! Every word the tool itself writes, in one catalogue per language. A key missing from a
//! catalogue is a test failure, never a silent English fallback.

pub mod choice;
mod en;
mod nl;
mod numbers;

pub use numbers::round1;

use crate::model::{Labelled, Language};
use std::collections::{BTreeMap, HashMap};

/// The labels of one language, looked up by key.
#[derive(Debug, Clone)]
pub struct Labels {
    language: Language,
    /// Key to text; a hash map, as pages look up several labels per touchpoint.
    entries: HashMap<&'static str, &'static str>,
}

impl Labels {
    /// The catalogue of a language.
    pub fn new(language: Language) -> Self {
        let entries = match language {
            Language::En => en::LABELS,
            Language::Nl => nl::LABELS,
        };
        Labels {
            language,
            entries: entries.iter().copied().collect(),
        }
    }

    /// The English catalogue.
    pub fn english() -> Self {
        Self::new(Language::En)
    }

    /// The language of this catalogue.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The text of a key; the key itself, in brackets, if it is missing (tests forbid that).
    pub fn get(&self, key: &str) -> &str {
        self.entries.get(key).copied().unwrap_or("[missing label]")
    }

    /// The text of the key `group.name` (`kind.human`, `status.kept`...), looked up without
    /// building the key on the heap: pages ask for several of these per touchpoint.
    pub fn named(&self, group: &str, name: &str) -> &str {
        let mut key = [0u8; 64];
        let len = group.len() + 1 + name.len();
        let Some(slot) = key.get_mut(..len) else {
            return self.get(&format!("{group}.{name}"));
        };
        slot[..group.len()].copy_from_slice(group.as_bytes());
        slot[group.len()] = b'.';
        slot[group.len() + 1..].copy_from_slice(name.as_bytes());
        match std::str::from_utf8(slot) {
            Ok(key) => self.get(key),
            Err(_) => self.get(&format!("{group}.{name}")),
        }
    }

    /// The label of an enumerated value, e.g. `kind.human` for [`Kind::Human`](crate::model::Kind).
    pub fn of<T: Labelled>(&self, value: T) -> &str {
        self.named(T::GROUP, value.as_str())
    }

    /// The text of a key with `{name}` placeholders filled in, in one pass: a value is put in
    /// as it is, even when it holds a `{...}` of its own; a placeholder without a value stays.
    pub fn fill(&self, key: &str, params: &[(&str, String)]) -> String {
        let template = self.get(key);
        let mut text = String::with_capacity(
            template.len() + params.iter().map(|(_, v)| v.len()).sum::<usize>(),
        );
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            text.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| {
                let name = &after[..close];
                let (_, value) = params.iter().find(|(n, _)| *n == name)?;
                Some((value, close))
            });
            match value {
                Some((value, close)) => {
                    text.push_str(value);
                    rest = &after[close + 1..];
                }
                None => {
                    text.push('{');
                    rest = after;
                }
            }
        }
        text.push_str(rest);
        text
    }

    /// Every entry in key order, for templates.
    pub fn entries(&self) -> BTreeMap<&'static str, &'static str> {
        self.entries.iter().map(|(k, v)| (*k, *v)).collect()
    }

    /// Whether the catalogue has a key.
    pub fn has(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// Every key of a catalogue, sorted.
    pub fn keys(language: Language) -> Vec<&'static str> {
        let mut keys: Vec<&'static str> = Self::new(language).entries.into_keys().collect();
        keys.sort_unstable();
        keys
    }
}

/// The catalogue's own copy of a key built at run time (`finding.low-ending`), for a
/// [`Message`](crate::diagnostics::Message); `None` for a key no catalogue has.
pub fn static_key(key: &str) -> Option<&'static str> {
    en::LABELS.iter().map(|(k, _)| *k).find(|k| *k == key)
}

#[cfg(test)]
mod keys_used;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Enumerated;

    #[test]
    fn every_language_has_every_key() {
        let english = Labels::keys(Language::En);
        for &language in Language::ALL {
            assert_eq!(
                Labels::keys(language),
                english,
                "catalogue `{}` differs from English",
                language.as_str()
            );
        }
    }

    #[test]
    fn a_named_key_is_the_group_and_the_name() {
        let labels = Labels::english();
        for (key, text) in en::LABELS {
            let (group, name) = key.split_once('.').unwrap();
            assert_eq!(labels.named(group, name), *text, "{key}");
        }
        let long = "x".repeat(80);
        assert_eq!(labels.named("kind", &long), "[missing label]");
        assert_eq!(labels.named("kind", "nobody"), "[missing label]");
    }

    #[test]
    fn no_key_is_defined_twice() {
        for (name, catalogue) in [("en", en::LABELS), ("nl", nl::LABELS)] {
            let mut keys: Vec<&str> = catalogue.iter().map(|(k, _)| *k).collect();
            let count = keys.len();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), count, "a key is defined twice in `{name}`");
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        let placeholders = |text: &str| -> Vec<String> {
            let mut found: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}').map(|(p, _)| p.to_string()))
                .collect();
            found.sort();
            found
        };
        let en = Labels::new(Language::En);
        let nl = Labels::new(Language::Nl);
        for key in Labels::keys(Language::En) {
            assert_eq!(
                placeholders(en.get(key)),
                placeholders(nl.get(key)),
                "placeholders of `{key}`"
            );
        }
    }

    #[test]
    fn fills_each_placeholder_once_and_keeps_unknown_ones() {
        let labels = Labels::english();
        let template = labels.get("finding.low-ending");
        assert!(template.contains("{touchpoint}") && template.contains("{emotion}"));
        let text = labels.fill(
            "finding.low-ending",
            &[
                ("touchpoint", "{emotion} {x".into()),
                ("emotion", "-2".into()),
            ],
        );
        let expected = template
            .replace("{touchpoint}", "\u{1}")
            .replace("{emotion}", "-2")
            .replace('\u{1}', "{emotion} {x");
        assert_eq!(text, expected);
        assert_eq!(labels.fill("finding.low-ending", &[]), template);
    }

    #[test]
    fn fills_placeholders() {
        let labels = Labels::english();
        let text = labels.fill(
            "finding.low-ending",
            &[("touchpoint", "\"A\" (a)".into()), ("emotion", "-2".into())],
        );
        assert!(text.contains("\"A\" (a)") && text.contains("-2"), "{text}");
    }
}
