//! Did-you-mean hints: the closest valid name to a misspelt one, and the valid names.

use super::{Capital, Message, Names};

/// What a did-you-mean hint says besides the closest name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listing {
    /// A message with `{names}` ("the valid values are {names}"), also after a suggestion.
    Always(Message),
    /// A message with `{names}`, only when no name is close.
    Otherwise(Message),
    /// No list (there are too many names): this sentence instead, also after a suggestion.
    Sentence(Message),
}

/// The help for an unknown word, and the name it suggests (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint<'a> {
    /// The candidate closest to the unknown word, if one is close enough.
    pub closest: Option<&'a str>,
    /// The help: "did you mean `x`?", the valid names, or both.
    pub help: Message,
}

/// The one builder of "did you mean" help: the candidate closest to `word` (a likely typo)
/// as "did you mean `x`?", followed or replaced by what `listing` asks for.
pub fn did_you_mean<'a, I>(word: &str, candidates: I, listing: Listing) -> Hint<'a>
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    let found = closest(word, candidates.clone());
    let rest = match listing {
        Listing::Always(subject) => Some(subject.with("names", Names::of(candidates))),
        Listing::Otherwise(subject) if found.is_none() => {
            Some(subject.with("names", Names::of(candidates)))
        }
        Listing::Otherwise(_) => None,
        Listing::Sentence(sentence) => Some(sentence),
    };
    let help = match (found, rest) {
        (Some(name), Some(rest)) => {
            crate::msg!("help.did_you_mean_and", name, rest = Capital(rest))
        }
        (Some(name), None) => crate::msg!("help.did_you_mean", name),
        (None, Some(rest)) => rest,
        (None, None) => crate::msg!("help.did_you_mean", name = word),
    };
    Hint {
        closest: found,
        help,
    }
}

/// The candidate closest to `input`, if one is close enough to be a likely typo.
fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let wanted = input.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let distance = strsim::damerau_levenshtein(&wanted, &candidate.to_lowercase());
        let longest = wanted.chars().count().max(candidate.chars().count());
        let allowed = (longest / 3).max(1);
        let prefix = !wanted.is_empty()
            && wanted.len() >= 3
            && candidate.to_lowercase().starts_with(&wanted);
        if (distance <= allowed || prefix) && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_transposition() {
        assert_eq!(closest("emotoin", ["emotion", "moment"]), Some("emotion"));
    }

    #[test]
    fn suggests_nothing_for_an_unrelated_word() {
        assert_eq!(closest("colour", ["emotion", "moment", "kind"]), None);
    }

    #[test]
    fn ignores_case_and_prefers_the_nearest() {
        assert_eq!(
            closest("Easy-Return", ["easy-returns", "easy-refunds"]),
            Some("easy-returns")
        );
    }

    #[test]
    fn hints_follow_the_listing() {
        let kinds = ["human", "functional", "mechanical"];
        let always = || Listing::Always(crate::msg!("list.valid_values"));
        assert_eq!(
            did_you_mean("humen", kinds, always()).help.english(),
            "did you mean `human`? The valid values are `human`, `functional` or `mechanical`"
        );
        assert_eq!(
            did_you_mean("robot", kinds, always()).help.english(),
            "the valid values are `human`, `functional` or `mechanical`"
        );
        let otherwise = || Listing::Otherwise(crate::msg!("list.kinds"));
        let hint = did_you_mean("humen", kinds, otherwise());
        assert_eq!(
            (hint.closest, hint.help.english().as_str()),
            (Some("human"), "did you mean `human`?")
        );
        assert_eq!(
            did_you_mean("robot", kinds, otherwise()).help.english(),
            "the kinds are `human`, `functional` or `mechanical`"
        );
        let sentence = || Listing::Sentence(crate::msg!("help.relative_to_content"));
        assert_eq!(
            did_you_mean("logo.sgv", ["logo.svg"], sentence())
                .help
                .english(),
            "did you mean `logo.svg`? The path is relative to content/"
        );
        assert_eq!(
            did_you_mean("x", ["logo.svg"], sentence()).help.english(),
            "the path is relative to content/"
        );
    }
}
