//! Did-you-mean suggestions: the closest valid name to a misspelt one.

/// The candidate closest to `input`, if one is close enough to be a likely typo.
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
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

/// Names as a readable list: "`a`, `b` or `c`".
pub fn list_names<'a, I>(names: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    let names: Vec<String> = names.into_iter().map(|n| format!("`{n}`")).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {}", rest.join(", "), last),
    }
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
    fn lists_names_with_or() {
        assert_eq!(
            list_names(["human", "functional", "mechanical"]),
            "`human`, `functional` or `mechanical`"
        );
        assert_eq!(list_names(["en"]), "`en`");
    }
}
