//! Departments: the owners that journeys write (of touchpoints and of lane items), each
//! with an address segment of its own.

use super::{Journey, slugify};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

/// Every owner the journeys write, on touchpoints and lane items, sorted.
pub fn owners(journeys: &[Arc<Journey>]) -> BTreeSet<&str> {
    // Gathered in a hash set: a large site names a few owners at hundreds of thousands of
    // touchpoints.
    let mut owners = HashSet::new();
    for (_, t) in journeys.iter().flat_map(|j| j.touchpoints()) {
        owners.extend(t.owner.as_deref());
        owners.extend(t.lanes.items().filter_map(|(_, i)| i.owner.as_deref()));
    }
    owners.into_iter().collect()
}

/// The address segment of each owner (`customer-service`, `it`): its slug, with `-2`, `-3`
/// ... after a slug an earlier owner (in sorted order) already has.
pub fn slugs<'a>(owners: impl IntoIterator<Item = &'a str>) -> BTreeMap<&'a str, String> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut slugs = BTreeMap::new();
    let sorted: BTreeSet<&str> = owners.into_iter().collect();
    for owner in sorted {
        let base = match slugify(owner) {
            s if s.is_empty() => "department".to_string(),
            s => s,
        };
        let mut slug = base.clone();
        let mut n = 2;
        while taken.contains(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(slug.clone());
        slugs.insert(owner, slug);
    }
    slugs
}

#[cfg(test)]
mod tests {
    #[test]
    fn owners_get_distinct_slugs() {
        let slugs = super::slugs(["IT", "it", "Customer service", "¿"]);
        assert_eq!(slugs["Customer service"], "customer-service");
        assert_eq!(slugs["IT"], "it");
        assert_eq!(slugs["it"], "it-2");
        assert_eq!(slugs["¿"], "department");
    }
}
