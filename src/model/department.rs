//! Departments: the owners that today's journeys write (of touchpoints, lane items, the
//! journeys themselves and their plans), each with an address segment of its own.

use super::{Journey, slugify};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

/// Rows a department's page holds (the touchpoints and lane items it owns) before the next
/// journeys go on a page of their own: a department of a large site owns tens of thousands.
pub const ROWS_PER_PAGE: usize = 2_000;

/// Every owner the journeys write (see [`owners`]), with where the pages of its department
/// start: the place in `journeys` of the first journey on each page. A journey is never split
/// over two pages; a page takes journeys until the next would bring it past [`ROWS_PER_PAGE`]
/// rows. An owner of no touchpoint or lane item has one page.
pub fn page_starts(journeys: &[Arc<Journey>]) -> BTreeMap<&str, Vec<usize>> {
    // (starts, rows on the last page), per owner: a large site names a few owners at hundreds
    // of thousands of touchpoints, so they are looked up in a hash map.
    let mut pages: HashMap<&str, (Vec<usize>, usize)> = HashMap::new();
    let mut in_journey: Vec<(&str, usize)> = Vec::new();
    for (place, journey) in journeys.iter().enumerate() {
        rows_into(journey, &mut in_journey);
        for &(owner, rows) in &in_journey {
            let (starts, on_page) = pages.entry(owner).or_insert_with(|| (vec![place], 0));
            if *on_page > 0 && *on_page + rows > ROWS_PER_PAGE {
                starts.push(place);
                *on_page = 0;
            }
            *on_page += rows;
        }
    }
    let mut starts: BTreeMap<&str, Vec<usize>> = pages
        .into_iter()
        .map(|(o, (starts, _))| (o, starts))
        .collect();
    for owner in journeys.iter().flat_map(|j| owners_of_journey(j)) {
        starts.entry(owner).or_insert_with(|| vec![0]);
    }
    starts
}

/// The owners a journey names for itself: its own `owner` and those of its options' plans.
pub fn owners_of_journey(journey: &Journey) -> impl Iterator<Item = &str> {
    let plans = journey.improvements.iter().filter_map(|i| i.plan.as_ref());
    (journey.owner.as_deref().into_iter()).chain(plans.filter_map(|p| p.owner.as_deref()))
}

/// The rows a journey gives each department (its touchpoints and lane items with that
/// owner), by owner: what decides where the departments' pages start.
pub fn rows_of(journey: &Journey) -> Vec<(&str, usize)> {
    let mut rows = Vec::new();
    rows_into(journey, &mut rows);
    rows.sort_unstable();
    rows
}

/// [`rows_of`] into `rows` (cleared first), by owner in the order they first appear.
fn rows_into<'a>(journey: &'a Journey, rows: &mut Vec<(&'a str, usize)>) {
    rows.clear();
    for (_, t) in journey.touchpoints() {
        let owners = t.owner.as_deref().into_iter();
        for owner in owners.chain(t.lanes.items().filter_map(|(_, i)| i.owner.as_deref())) {
            match rows.iter_mut().find(|(o, _)| *o == owner) {
                Some((_, count)) => *count += 1,
                None => rows.push((owner, 1)),
            }
        }
    }
}

/// Every owner the journeys write, on touchpoints, lane items, the journeys themselves and
/// their plans: the departments, each with a page (the keys of [`page_starts`], found without
/// counting rows).
pub fn owners(journeys: &[Arc<Journey>]) -> HashSet<&str> {
    let mut owners = HashSet::new();
    for journey in journeys {
        owners.extend(owners_of_journey(journey));
        for (_, t) in journey.touchpoints() {
            owners.extend(t.owner.as_deref());
            owners.extend(t.lanes.items().filter_map(|(_, i)| i.owner.as_deref()));
        }
    }
    owners
}

/// The address segment of every department with its number of pages, for the address plan.
pub fn page_counts(journeys: &[Arc<Journey>]) -> Vec<(String, usize)> {
    let starts = page_starts(journeys);
    slugs(starts.keys().copied())
        .into_iter()
        .map(|(owner, slug)| (slug, starts.get(owner).map_or(1, Vec::len)))
        .collect()
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
    use crate::test_support::{journey, project};

    /// A journey whose touchpoints are owned by `service`, `count` of them, the first with a
    /// back-stage item of `it`.
    fn owned(count: usize) -> String {
        let mut touchpoints = vec![
            "{name: T, kind: human, emotion: 1, owner: service, backstage: [{text: Looks up, owner: it}]}"
                .to_string(),
        ];
        touchpoints.extend(
            (1..count).map(|t| format!("{{name: T{t}, kind: human, emotion: 1, owner: service}}")),
        );
        let touchpoints: Vec<&str> = touchpoints.iter().map(String::as_str).collect();
        journey(&touchpoints)
    }

    #[test]
    fn a_department_gets_a_new_page_where_the_next_journey_would_overflow_it() {
        let rows = super::ROWS_PER_PAGE;
        // a: 1,000 rows, b: 1,000 (page 1 is full), c: 1, d: 2,500 (alone, never split), e: 1.
        let journeys = [
            ("a", owned(1_000)),
            ("b", owned(1_000)),
            ("c", owned(1)),
            ("d", owned(rows + 500)),
            ("e", owned(1)),
        ];
        let journeys: Vec<(&str, &str)> = journeys.iter().map(|(i, y)| (*i, y.as_str())).collect();
        let p = project("", "[]\n", &journeys);
        let starts = super::page_starts(&p.journeys);
        assert_eq!(starts["service"], [0, 2, 3, 4]);
        assert_eq!(starts["it"], [0], "one lane item a journey: one page");
        let counts = super::page_counts(&p.journeys);
        assert_eq!(counts, [("it".to_string(), 1), ("service".to_string(), 4)]);
        let owners = super::owners(&p.journeys);
        let mut owners: Vec<&str> = owners.into_iter().collect();
        owners.sort_unstable();
        assert_eq!(owners, ["it", "service"], "the owners of the pages");
    }

    #[test]
    fn an_owner_of_only_a_journey_or_a_plan_has_one_page() {
        let yaml = owned(2).replace("title: Test\n", "title: Test\nowner: energy\n")
            + "improvements:\n  - title: Fix\n    touchpoints: [t]\n    \
               scores: {distinctive: 1, brand_fit: 1, ease: 1, customer_impact: 1, business_impact: 1}\n    \
               plan: {owner: board, status: idea}\n";
        let p = project("", "[]\n", &[("a", yaml.as_str())]);
        let starts = super::page_starts(&p.journeys);
        let owners: Vec<(&str, &[usize])> =
            starts.iter().map(|(o, s)| (*o, s.as_slice())).collect();
        assert_eq!(
            owners,
            [
                ("board", &[0][..]),
                ("energy", &[0]),
                ("it", &[0]),
                ("service", &[0])
            ]
        );
        let mut named: Vec<&str> = super::owners(&p.journeys).into_iter().collect();
        named.sort_unstable();
        assert_eq!(named, ["board", "energy", "it", "service"]);
    }

    #[test]
    fn owners_get_distinct_slugs() {
        let slugs = super::slugs(["IT", "it", "Customer service", "¿"]);
        assert_eq!(slugs["Customer service"], "customer-service");
        assert_eq!(slugs["IT"], "it");
        assert_eq!(slugs["it"], "it-2");
        assert_eq!(slugs["¿"], "department");
    }
}
