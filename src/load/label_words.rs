//! Values written in the words of a label rather than the format's own (`kind: menselijk`,
//! `moment: excelleer`, `result: deels`): the format stays English, so these are refused, but
//! with the format's word for them: "did you mean `human`? (menselijk)". The words come from
//! the label catalogues of every language but English.

use crate::diagnostics::{Message, Names};
use crate::labels::Labels;
use crate::model::{Enumerated, Labelled, Language};

/// The value whose label in a language other than English `word` names, and that label in
/// lower case: the label itself, one of its words (`deels`), its start (`excelleer`) or a
/// near miss (`menselijke`).
pub fn value_named<T: Labelled>(word: &str) -> Option<(T, String)> {
    let wanted = word.trim().to_lowercase();
    if wanted.is_empty() {
        return None;
    }
    let labels: Vec<(T, String)> = Language::ALL
        .iter()
        .filter(|language| **language != Language::En)
        .flat_map(|language| {
            let catalogue = Labels::new(*language);
            T::ALL
                .iter()
                .map(move |value| (*value, catalogue.of(*value).to_lowercase()))
        })
        .collect();
    let exact = labels.iter().find(|(_, label)| *label == wanted);
    let word_of = || {
        labels
            .iter()
            .find(|(_, label)| label.split_whitespace().any(|w| w == wanted))
    };
    let start_of = || {
        labels
            .iter()
            .find(|(_, label)| wanted.chars().count() >= 4 && label.starts_with(&wanted))
    };
    let near = || {
        labels
            .iter()
            .map(|(value, label)| (strsim::damerau_levenshtein(&wanted, label), value, label))
            .filter(|(distance, _, label)| *distance <= label.chars().count().max(4) / 4)
            .min_by_key(|(distance, _, _)| *distance)
            .map(|(_, value, label)| (*value, label.clone()))
    };
    exact
        .or_else(word_of)
        .or_else(start_of)
        .cloned()
        .or_else(near)
}

/// "did you mean `human`? (menselijk)" for a value written as a label, with the format's
/// words, worded in the reader's language when reported.
pub fn hint<T: Labelled>(word: &str) -> Option<Message> {
    let (value, label) = value_named::<T>(word)?;
    Some(
        Message::new("hint.value_of_label")
            .with("value", value.as_str())
            .with("label", label)
            .with("values", Names::of(T::names())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Basis, DeliveryResult, Kind, Moment};

    fn named<T: Labelled>(word: &str) -> Option<&'static str> {
        value_named::<T>(word).map(|(value, _)| value.as_str())
    }

    #[test]
    fn kinds_in_dutch() {
        assert_eq!(named::<Kind>("menselijk"), Some("human"));
        assert_eq!(named::<Kind>("Functioneel"), Some("functional"));
        assert_eq!(named::<Kind>("mechanisch"), Some("mechanical"));
        assert_eq!(named::<Kind>("functionele"), Some("functional"));
        assert_eq!(named::<Kind>("robot"), None);
    }

    #[test]
    fn moments_in_dutch() {
        assert_eq!(named::<Moment>("standaard"), Some("standard"));
        assert_eq!(named::<Moment>("excelleer"), Some("excel"));
        assert_eq!(named::<Moment>("waarheid"), Some("truth"));
        assert_eq!(named::<Moment>("moment van de waarheid"), Some("truth"));
        assert_eq!(named::<Moment>("gewoon"), None);
    }

    #[test]
    fn bases_in_dutch() {
        assert_eq!(named::<Basis>("waargenomen"), Some("observed"));
        assert_eq!(named::<Basis>("gerapporteerd"), Some("reported"));
        let assumed = Labels::new(Language::Nl).of(Basis::Assumed).to_lowercase();
        assert_eq!(named::<Basis>(&assumed), Some("assumed"));
        assert_eq!(named::<Basis>("geraden"), None);
    }

    #[test]
    fn results_in_dutch() {
        assert_eq!(named::<DeliveryResult>("overtroffen"), Some("exceeded"));
        assert_eq!(named::<DeliveryResult>("waargemaakt"), Some("kept"));
        assert_eq!(named::<DeliveryResult>("deels"), Some("partly"));
        assert_eq!(named::<DeliveryResult>("gebroken"), Some("broken"));
        assert_eq!(named::<DeliveryResult>("misschien"), None);
    }

    #[test]
    fn every_dutch_label_names_its_value() {
        fn each<T: Labelled + PartialEq + std::fmt::Debug>() {
            let dutch = Labels::new(Language::Nl);
            for value in T::ALL {
                let (found, _) = value_named::<T>(dutch.of(*value)).unwrap();
                assert_eq!(found, *value);
            }
        }
        each::<Kind>();
        each::<Moment>();
        each::<Basis>();
        each::<DeliveryResult>();
    }

    #[test]
    fn the_hint_names_the_format_word_and_the_label() {
        let english = hint::<Kind>("menselijk")
            .unwrap()
            .render(&Labels::english());
        assert_eq!(
            english,
            "did you mean `human`? (menselijk) The format's words are English: \
             `human`, `functional` or `mechanical`"
        );
        let dutch = hint::<Moment>("excelleer")
            .unwrap()
            .render(&Labels::new(Language::Nl));
        assert!(
            dutch.starts_with("bedoel je `excel`? (excelleermoment) "),
            "{dutch}"
        );
    }
}
