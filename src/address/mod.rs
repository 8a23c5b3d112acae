//! The address plan: every file the build writes, by its address relative to the output
//! folder (`journeys/a/index.html`). `load` checks that no page or copied file takes an
//! address the build writes, or another page's; `render` asks it where each file goes.

mod link;
mod relative;

pub use link::link;
pub use relative::{DataFiles, Place, Target, Targets, resolve};

use std::collections::BTreeMap;

/// The home page.
pub const HOME: &str = "index.html";
/// The project and its analysis, for other programs.
pub const MODEL: &str = "model.json";
/// The site-wide touchpoint inventory as CSV.
pub const INVENTORY_CSV: &str = "inventory.csv";
/// The consistency report as CSV.
pub const CONSISTENCY_CSV: &str = "consistency.csv";
/// Inventory, consistency, findings and improvements as sheets of one Excel workbook.
pub const WORKBOOK: &str = "journeymap.xlsx";
/// The data files, for download: the model, the two CSV files and the workbook.
pub const DOWNLOADS: [&str; 4] = [MODEL, INVENTORY_CSV, CONSISTENCY_CSV, WORKBOOK];
/// The site-wide consistency report.
pub const CONSISTENCY: &str = "consistency/index.html";
/// The promise heat map as a file of its own (drawn for up to [`PROMISE_MAP_MAX_JOURNEYS`]).
pub const PROMISE_MAP: &str = "consistency/promises.svg";
/// The printable report of the whole site.
pub const REPORT: &str = "report/index.html";
/// The built-in theme's stylesheet.
pub const STYLESHEET: &str = "theme/style.css";
/// The built-in theme's search box script.
pub const SEARCH_SCRIPT: &str = "theme/search.js";
/// The built-in theme's script that shows the current section's link in the header on a phone.
pub const NAV_SCRIPT: &str = "theme/nav.js";
/// The built-in theme's script that sorts and narrows down the home page's table of journeys.
pub const TABLE_SCRIPT: &str = "theme/tables.js";
/// The search library (elasticlunr.js) the search box script uses.
pub const SEARCH_LIBRARY: &str = "theme/elasticlunr.min.js";
/// The search index, a script that assigns a global (a page opened from `file://` may load
/// a script but not fetch a file).
pub const SEARCH_INDEX: &str = "search/index.js";

/// Every department of the site and the handoffs between them.
pub const DEPARTMENTS: &str = "departments/index.html";
/// The table of every measured value over the waves (written when there are waves).
pub const MEASUREMENTS: &str = "measurements/index.html";
/// The action plans of improvement options (written when an option has a plan).
pub const PLANS: &str = "plans/index.html";

/// The page of one survey wave.
pub fn wave_page(id: &str) -> String {
    format!("measurements/{id}/index.html")
}

/// Page `index` (from 0) of the table of every measured value over the waves.
pub fn measurements_page(index: usize) -> String {
    match index {
        0 => MEASUREMENTS.to_string(),
        n => format!("measurements/page-{}/index.html", n + 1),
    }
}

/// Whether `segment` names a page of a split measured table (`page-2`): a wave with that id
/// would take the address of one.
pub fn is_page_segment(segment: &str) -> bool {
    segment
        .strip_prefix("page-")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Page `index` (from 0) of the survey wave `id`.
pub fn wave_page_at(id: &str, index: usize) -> String {
    match index {
        0 => wave_page(id),
        n => format!("measurements/{id}/page-{}/index.html", n + 1),
    }
}

/// The number of pages of a table of measured values of `rows` rows (at least one).
pub fn measured_pages(rows: usize) -> usize {
    rows.div_ceil(MEASURED_ROWS_PER_PAGE).max(1)
}

/// Files the build writes for every site, whatever it holds: one line each.
const SITE_FILES: [&str; 8] = [
    HOME,
    MODEL,
    INVENTORY_CSV,
    CONSISTENCY_CSV,
    CONSISTENCY,
    REPORT,
    WORKBOOK,
    DEPARTMENTS,
];

/// Static files of the built-in theme; a project's theme may replace them and add more.
pub const BUILT_IN_THEME_FILES: [&str; 5] = [
    STYLESHEET,
    SEARCH_SCRIPT,
    NAV_SCRIPT,
    TABLE_SCRIPT,
    SEARCH_LIBRARY,
];

/// The files of each journey's folder, by name: one line each.
const JOURNEY_FILES: [fn(&str) -> String; 5] = [
    journey_page,
    journey_curve,
    priorities_plot,
    journey_mermaid,
    journey_blueprint,
];

/// Touchpoints on one page of the site-wide inventory.
pub const INVENTORY_ROWS_PER_PAGE: usize = 2_000;

/// Rows on one page of the measured values over the waves, and of a wave's page: each row
/// holds a value per wave, so fewer than the inventory's keep a page near its size.
pub const MEASURED_ROWS_PER_PAGE: usize = 1_000;

/// The most journeys the site-wide promise heat map (and the report's matrix) is drawn for.
pub const PROMISE_MAP_MAX_JOURNEYS: usize = 200;

/// The page of a journey.
pub fn journey_page(id: &str) -> String {
    format!("journeys/{id}/index.html")
}

/// A journey's emotion curve as a file of its own.
pub fn journey_curve(id: &str) -> String {
    format!("journeys/{id}/journey.svg")
}

/// A journey's service blueprint as a file of its own (for journeys with lanes).
pub fn journey_blueprint(id: &str) -> String {
    format!("journeys/{id}/blueprint.svg")
}

/// A journey as a Mermaid `journey` diagram.
pub fn journey_mermaid(id: &str) -> String {
    format!("journeys/{id}/journey.mmd")
}

/// A journey's priority chart as a file of its own.
pub fn priorities_plot(id: &str) -> String {
    format!("journeys/{id}/priorities.svg")
}

/// Page `index` (from 0) of a department, by its address segment (see
/// [`crate::model::department`]).
pub fn department_page(slug: &str, index: usize) -> String {
    match index {
        0 => format!("departments/{slug}/index.html"),
        n => format!("departments/{slug}/{}/index.html", n + 1),
    }
}

/// The page of a persona, by its id.
pub fn persona_page(id: &str) -> String {
    format!("personas/{id}/index.html")
}

/// The file of a Markdown page with address `url` (`course/lesson-1/`, `""` for the root).
pub fn page(url: &str) -> String {
    format!("{url}index.html")
}

/// The page with every lesson of the course in `folder` (`course`), to print.
pub fn course_print(folder: &str) -> String {
    format!("{folder}/print/index.html")
}

/// Page `index` (from 0) of the site-wide inventory.
pub fn inventory_page(index: usize) -> String {
    match index {
        0 => "inventory/index.html".to_string(),
        n => format!("inventory/{}/index.html", n + 1),
    }
}

/// The number of pages of a site-wide inventory of `touchpoints` rows (at least one).
pub fn inventory_pages(touchpoints: usize) -> usize {
    touchpoints.div_ceil(INVENTORY_ROWS_PER_PAGE).max(1)
}

/// Whether a site of `journeys` journeys has the promise heat map (and the report's matrix).
pub fn promise_map_drawn(journeys: usize) -> bool {
    journeys <= PROMISE_MAP_MAX_JOURNEYS
}

/// The address of a theme's static file, by its path under the theme's `static/`.
pub fn theme_file(relative: &str) -> String {
    format!("theme/{relative}")
}

/// What decides a site's addresses: its journeys, touchpoints, theme files, pages and files.
#[derive(Debug, Default, Clone)]
pub struct Extent<'a> {
    /// Journey ids.
    pub journeys: Vec<&'a str>,
    /// The number of touchpoints of every journey.
    pub touchpoints: usize,
    /// Static files of the project's theme, by path under its `static/`.
    pub theme_files: Vec<&'a str>,
    /// Addresses of the Markdown pages (`course/lesson-1/`), in the order they are claimed.
    pub pages: Vec<&'a str>,
    /// Files under `content/` copied as they are, by path under `content/`.
    pub files: Vec<&'a str>,
    /// Folders of the courses, each with a print page.
    pub courses: Vec<&'a str>,
    /// Whether the site has a search index.
    pub search: bool,
    /// The address segments of the departments (owners), each with its number of pages.
    pub departments: Vec<(String, usize)>,
    /// The ids of the personas of `personas.yaml`.
    pub personas: Vec<String>,
    /// Ids of the survey waves, each with its number of measured values (the rows of its
    /// pages under `measurements/`).
    pub waves: Vec<(&'a str, usize)>,
    /// The rows of the table of measured values over the waves: one per touchpoint and
    /// metric measured in any wave.
    pub measured_rows: usize,
    /// Whether an improvement option has a plan (then `plans/` is written).
    pub plans: bool,
}

/// Who writes the file at an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    /// journeymap: a page, plot or export it generates.
    Build,
    /// The theme: one of its static files.
    Theme,
    /// A Markdown page, by its index in [`Extent::pages`].
    Page(usize),
    /// A copied file, by its index in [`Extent::files`].
    File(usize),
}

/// A page or file at an address that another writer has already taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    /// The address.
    pub address: String,
    /// Who has it: the build, the theme or an earlier page.
    pub first: Writer,
    /// The page or file that would replace it.
    pub second: Writer,
}

/// Every address of a site with its writer.
#[derive(Debug, Default)]
pub struct AddressPlan {
    writers: BTreeMap<String, Writer>,
}

impl AddressPlan {
    /// The plan of a site, and every page or file at an address that is already taken (the
    /// first writer keeps it).
    pub fn new(extent: &Extent<'_>) -> (Self, Vec<Collision>) {
        let mut writers: BTreeMap<String, Writer> = BTreeMap::new();
        let mut generated = SITE_FILES.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        generated.extend((0..inventory_pages(extent.touchpoints)).map(inventory_page));
        if promise_map_drawn(extent.journeys.len()) {
            generated.push(PROMISE_MAP.to_string());
        }
        for id in &extent.journeys {
            generated.extend(JOURNEY_FILES.iter().map(|file| file(id)));
        }
        generated.extend(extent.courses.iter().map(|folder| course_print(folder)));
        for (slug, pages) in &extent.departments {
            generated.extend((0..*pages).map(|index| department_page(slug, index)));
        }
        generated.extend(extent.personas.iter().map(|id| persona_page(id)));
        if extent.search {
            generated.push(SEARCH_INDEX.to_string());
        }
        if !extent.waves.is_empty() {
            let pages = measured_pages(extent.measured_rows);
            generated.extend((0..pages).map(measurements_page));
            for (id, rows) in &extent.waves {
                generated.extend((0..measured_pages(*rows)).map(|index| wave_page_at(id, index)));
            }
        }
        if extent.plans {
            generated.push(PLANS.to_string());
        }
        writers.extend(generated.into_iter().map(|a| (a, Writer::Build)));
        let theme = BUILT_IN_THEME_FILES
            .iter()
            .map(|a| a.to_string())
            .chain(extent.theme_files.iter().map(|f| theme_file(f)));
        writers.extend(theme.map(|a| (a, Writer::Theme)));
        let claims = (extent.pages.iter().enumerate()).map(|(i, url)| (page(url), Writer::Page(i)));
        let claims = claims.chain(
            (extent.files.iter().enumerate()).map(|(i, file)| (file.to_string(), Writer::File(i))),
        );
        let mut collisions = Vec::new();
        for (address, writer) in claims {
            match writers.get(&address) {
                Some(first) => collisions.push(Collision {
                    address,
                    first: *first,
                    second: writer,
                }),
                None => {
                    writers.insert(address, writer);
                }
            }
        }
        (AddressPlan { writers }, collisions)
    }

    /// Every address, sorted, with its writer.
    pub fn addresses(&self) -> impl Iterator<Item = (&str, Writer)> {
        self.writers.iter().map(|(a, w)| (a.as_str(), *w))
    }

    /// The writer of an address, if the site has it.
    pub fn writer(&self, address: &str) -> Option<Writer> {
        self.writers.get(address).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extent<'a>(touchpoints: usize, pages: &[&'a str], files: &[&'a str]) -> Extent<'a> {
        Extent {
            journeys: vec!["shop"],
            touchpoints,
            theme_files: vec!["extra.css"],
            pages: pages.to_vec(),
            files: files.to_vec(),
            courses: vec!["course"],
            search: true,
            departments: vec![("it".to_string(), 2)],
            personas: vec!["anna".to_string()],
            waves: Vec::new(),
            measured_rows: 0,
            plans: false,
        }
    }

    #[test]
    fn a_site_has_its_generated_files_theme_pages_and_files() {
        let (plan, collisions) = AddressPlan::new(&extent(3, &["about/"], &["logo.svg"]));
        assert!(collisions.is_empty(), "{collisions:?}");
        let addresses: Vec<(&str, Writer)> = plan.addresses().collect();
        assert_eq!(
            addresses,
            [
                ("about/index.html", Writer::Page(0)),
                ("consistency.csv", Writer::Build),
                ("consistency/index.html", Writer::Build),
                ("consistency/promises.svg", Writer::Build),
                ("course/print/index.html", Writer::Build),
                ("departments/index.html", Writer::Build),
                ("departments/it/2/index.html", Writer::Build),
                ("departments/it/index.html", Writer::Build),
                ("index.html", Writer::Build),
                ("inventory.csv", Writer::Build),
                ("inventory/index.html", Writer::Build),
                ("journeymap.xlsx", Writer::Build),
                ("journeys/shop/blueprint.svg", Writer::Build),
                ("journeys/shop/index.html", Writer::Build),
                ("journeys/shop/journey.mmd", Writer::Build),
                ("journeys/shop/journey.svg", Writer::Build),
                ("journeys/shop/priorities.svg", Writer::Build),
                ("logo.svg", Writer::File(0)),
                ("model.json", Writer::Build),
                ("personas/anna/index.html", Writer::Build),
                ("report/index.html", Writer::Build),
                ("search/index.js", Writer::Build),
                ("theme/elasticlunr.min.js", Writer::Theme),
                ("theme/extra.css", Writer::Theme),
                ("theme/nav.js", Writer::Theme),
                ("theme/search.js", Writer::Theme),
                ("theme/style.css", Writer::Theme),
                ("theme/tables.js", Writer::Theme),
            ]
        );
    }

    #[test]
    fn a_split_inventory_takes_one_address_a_page() {
        let rows = INVENTORY_ROWS_PER_PAGE;
        assert_eq!(inventory_pages(0), 1);
        assert_eq!(inventory_pages(rows), 1);
        assert_eq!(inventory_pages(rows + 1), 2);
        let (_, collisions) = AddressPlan::new(&extent(rows, &["inventory/2/"], &[]));
        assert!(collisions.is_empty(), "one page: `inventory/2/` is free");
        let (plan, collisions) = AddressPlan::new(&extent(2 * rows + 1, &["inventory/2/"], &[]));
        assert_eq!(plan.writer("inventory/3/index.html"), Some(Writer::Build));
        assert_eq!(plan.writer("inventory/4/index.html"), None);
        assert_eq!(
            collisions,
            [Collision {
                address: "inventory/2/index.html".to_string(),
                first: Writer::Build,
                second: Writer::Page(0),
            }]
        );
    }

    #[test]
    fn split_measured_tables_take_one_address_a_page() {
        let rows = MEASURED_ROWS_PER_PAGE;
        assert_eq!(measured_pages(0), 1);
        assert_eq!(measured_pages(rows), 1);
        assert_eq!(measured_pages(rows + 1), 2);
        let site = Extent {
            waves: vec![("spring", rows), ("autumn", 2 * rows + 1)],
            measured_rows: rows + 1,
            ..extent(3, &["measurements/spring/page-2/"], &[])
        };
        let (plan, collisions) = AddressPlan::new(&site);
        let built = |address: &str| plan.writer(address) == Some(Writer::Build);
        assert!(built("measurements/index.html"));
        assert!(built("measurements/page-2/index.html"));
        assert!(!built("measurements/page-3/index.html"));
        assert!(built("measurements/spring/index.html"));
        assert!(built("measurements/autumn/page-3/index.html"));
        assert!(!built("measurements/autumn/page-4/index.html"));
        assert!(collisions.is_empty(), "spring has one page: {collisions:?}");
        let site = Extent {
            pages: vec!["measurements/autumn/page-2/"],
            ..site
        };
        let (_, collisions) = AddressPlan::new(&site);
        assert_eq!(collisions.len(), 1, "{collisions:?}");
        assert_eq!(
            collisions[0].address,
            "measurements/autumn/page-2/index.html"
        );
    }

    #[test]
    fn every_collision_is_reported_and_the_first_writer_keeps_its_address() {
        let pages = ["", "guide/", "guide/", "journeys/shop/"];
        let files = [
            "theme/style.css",
            "theme/extra.css",
            "journeys/shop/journey.svg",
            "inventory.csv",
            "guide/index.html",
            "guide/photo.png",
        ];
        let (plan, collisions) = AddressPlan::new(&extent(3, &pages, &files));
        let found: Vec<(&str, Writer, Writer)> = collisions
            .iter()
            .map(|c| (c.address.as_str(), c.first, c.second))
            .collect();
        assert_eq!(
            found,
            [
                ("index.html", Writer::Build, Writer::Page(0)),
                ("guide/index.html", Writer::Page(1), Writer::Page(2)),
                ("journeys/shop/index.html", Writer::Build, Writer::Page(3)),
                ("theme/style.css", Writer::Theme, Writer::File(0)),
                ("theme/extra.css", Writer::Theme, Writer::File(1)),
                ("journeys/shop/journey.svg", Writer::Build, Writer::File(2)),
                ("inventory.csv", Writer::Build, Writer::File(3)),
                ("guide/index.html", Writer::Page(1), Writer::File(4)),
            ]
        );
        assert_eq!(plan.writer("guide/photo.png"), Some(Writer::File(5)));
    }

    #[test]
    fn the_promise_map_is_written_while_it_is_drawn() {
        let ids: Vec<String> = (0..=PROMISE_MAP_MAX_JOURNEYS)
            .map(|i| format!("j{i}"))
            .collect();
        let mut extent = Extent {
            journeys: ids.iter().map(String::as_str).collect(),
            ..Extent::default()
        };
        assert_eq!(AddressPlan::new(&extent).0.writer(PROMISE_MAP), None);
        extent.journeys.pop();
        assert_eq!(
            AddressPlan::new(&extent).0.writer(PROMISE_MAP),
            Some(Writer::Build)
        );
    }
}
