//! Addresses of the generated pages, relative to the site root; every link in the site is
//! one of these behind a `root` prefix (`../../`), so the site works from `file://`, any
//! sub-path of a web server, and a zip.

/// The page of a journey.
pub fn journey(id: &str) -> String {
    format!("journeys/{id}/index.html")
}

/// A touchpoint's row on its journey page.
pub fn touchpoint(journey_id: &str, touchpoint_id: &str) -> String {
    ["journeys/", journey_id, "/index.html#tp-", touchpoint_id].concat()
}

/// The file of a Markdown page with address `url` (`course/lesson-1/`).
pub fn page(url: &str) -> String {
    format!("{url}index.html")
}

/// Page `index` (from 0) of the site-wide inventory.
pub fn inventory_page(index: usize) -> String {
    match index {
        0 => "inventory/index.html".to_string(),
        n => format!("inventory/{}/index.html", n + 1),
    }
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
        assert_eq!(root_of(&page("course/lesson-1/")), "../../");
        assert_eq!(root_of(&inventory_page(0)), "../");
        assert_eq!(inventory_page(2), "inventory/3/index.html");
    }
}
