//! Links between the files of the site: an address of the plan ([`crate::address`]),
//! percent-encoded, behind a `root` prefix (`../../`), so the site works from `file://`, any
//! sub-path of a web server, and a zip.

use crate::address;

/// The link to the page of a journey.
pub fn journey(id: &str) -> String {
    address::link(&address::journey_page(id))
}

/// The link to a touchpoint's row on its journey page.
pub fn touchpoint(journey_id: &str, touchpoint_id: &str) -> String {
    [journey(journey_id).as_str(), "#tp-", touchpoint_id].concat()
}

/// The id of a plan on the plans page: the plan of option `index` (from 0) of a journey.
pub fn plan_anchor(journey_id: &str, index: usize) -> String {
    format!("plan-{journey_id}-{}", index + 1)
}

/// The link to a plan on the plans page.
pub fn plan(journey_id: &str, index: usize) -> String {
    [
        address::link(address::PLANS).as_str(),
        "#",
        &plan_anchor(journey_id, index),
    ]
    .concat()
}

/// The id of an improvement option's row on its journey page: option `index` (from 0).
pub fn option_anchor(journey_id: &str, index: usize) -> String {
    format!("option-{journey_id}-{}", index + 1)
}

/// The link to an improvement option's row on its journey page.
pub fn option(journey_id: &str, index: usize) -> String {
    [
        journey(journey_id).as_str(),
        "#",
        &option_anchor(journey_id, index),
    ]
    .concat()
}

/// The link to a promise's part of the consistency report (its id there is `promise-<id>`).
pub fn promise(id: &str) -> String {
    [
        address::link(address::CONSISTENCY).as_str(),
        "#promise-",
        id,
    ]
    .concat()
}

/// The link to a Markdown page with address `url` (`course/lesson-1/`).
pub fn page(url: &str) -> String {
    address::link(&address::page(url))
}

/// The link to page `index` (from 0) of the site-wide inventory.
pub fn inventory_page(index: usize) -> String {
    address::link(&address::inventory_page(index))
}

/// The prefix that leads from a file back to the site root: `""`, `../`, `../../`...
pub fn root_of(file: &str) -> String {
    "../".repeat(file.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_prefixes() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("inventory/index.html"), "../");
        assert_eq!(root_of("journeys/a/index.html"), "../../");
        assert_eq!(root_of(&address::page("course/lesson-1/")), "../../");
        assert_eq!(root_of(&address::inventory_page(0)), "../");
        assert_eq!(address::inventory_page(2), "inventory/3/index.html");
    }

    #[test]
    fn links_are_encoded_addresses() {
        assert_eq!(page("notes/a#b/"), "notes/a%23b/index.html");
        assert_eq!(page("100%/"), "100%25/index.html");
        assert_eq!(touchpoint("shop", "pay"), "journeys/shop/index.html#tp-pay");
        assert_eq!(inventory_page(1), "inventory/2/index.html");
        assert_eq!(plan("shop", 0), "plans/index.html#plan-shop-1");
        assert_eq!(option("shop", 1), "journeys/shop/index.html#option-shop-2");
    }
}
