//! The format's fixed sets of words (`kind: human`, `result: partly`, ...): each word is
//! spelled once, in an [`enumerated!`] list, and that spelling feeds serde (model.json), the
//! JSON Schema, the label keys and the decoder's "valid values are" hints.

/// A value that is one of a fixed set of words.
pub trait Enumerated: Copy + 'static {
    /// Every value, in the format's order.
    const ALL: &'static [Self];

    /// The value's one spelling, e.g. `human`.
    fn as_str(self) -> &'static str;

    /// The value spelled `name`, if any.
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == name)
    }

    /// Every spelling, in the format's order.
    fn names() -> impl Iterator<Item = &'static str> + Clone {
        Self::ALL.iter().map(|v| v.as_str())
    }
}

/// An enumerated value that people see by its label, `GROUP.name` (`kind.human`).
pub trait Labelled: Enumerated {
    /// The first part of its label keys, e.g. `kind`.
    const GROUP: &'static str;
}

/// Defines an enum whose variants are each written `Variant = "word"`: the word is the
/// variant's serde name (so also its JSON Schema `const`) and its [`Enumerated::as_str`].
/// The enum must derive `Serialize` (serde reads the `rename` this adds).
macro_rules! enumerated {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $word:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $(
                $(#[$variant_meta])*
                #[serde(rename = $word)]
                $variant,
            )+
        }

        impl $crate::model::Enumerated for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)+
                }
            }
        }
    };
}

pub(crate) use enumerated;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Impression, PromiseStatus};
    use crate::model::{Basis, DeliveryResult, Kind, Language, Moment, ViewKind};

    fn serde_agrees<T: Enumerated + serde::Serialize + PartialEq + std::fmt::Debug>() {
        for value in T::ALL {
            let json = serde_json::to_value(value).unwrap();
            assert_eq!(json, value.as_str());
            assert_eq!(T::from_name(value.as_str()), Some(*value));
        }
        assert_eq!(T::from_name("no such word"), None);
    }

    #[test]
    fn serde_writes_the_one_spelling() {
        serde_agrees::<Kind>();
        serde_agrees::<Moment>();
        serde_agrees::<Basis>();
        serde_agrees::<DeliveryResult>();
        serde_agrees::<Language>();
        serde_agrees::<ViewKind>();
        serde_agrees::<Impression>();
        serde_agrees::<PromiseStatus>();
        assert_eq!(PromiseStatus::AtRisk.as_str(), "at-risk");
    }
}
