//! Ids: kebab-case names used in addresses and references, derived from names by default.

/// A kebab-case slug of a name, accents folded: "Oriëntatie & koop" -> `orientatie-koop`.
pub fn slugify(name: &str) -> String {
    let folded = deunicode::deunicode(name).to_lowercase();
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// True when `id` is kebab-case: lower-case ASCII letters and digits in words joined by `-`.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents() {
        assert_eq!(slugify("Oriëntatie"), "orientatie");
        assert_eq!(slugify("Café crème — à emporter"), "cafe-creme-a-emporter");
    }

    #[test]
    fn joins_words_with_single_dashes() {
        assert_eq!(
            slugify("  Buys the hairdryer, in store!  "),
            "buys-the-hairdryer-in-store"
        );
    }

    #[test]
    fn a_name_of_symbols_only_gives_an_empty_slug() {
        assert_eq!(slugify("?!"), "");
    }

    #[test]
    fn kebab_case_rules() {
        assert!(is_kebab_case("easy-returns"));
        assert!(is_kebab_case("step4"));
        assert!(!is_kebab_case("Easy-returns"));
        assert!(!is_kebab_case("easy--returns"));
        assert!(!is_kebab_case("-easy"));
        assert!(!is_kebab_case("easy_returns"));
        assert!(!is_kebab_case(""));
    }
}
