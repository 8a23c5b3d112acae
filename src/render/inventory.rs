//! The touchpoint inventory: every touchpoint grouped by kind, with counts and cross-tables
//! of kind by channel and kind by owner. The site-wide inventory is split into pages of
//! [`ROWS_PER_PAGE`] touchpoints; the counts and cross-tables are on every page.

use super::department_page::OwnerLinks;
use super::links;
use crate::analysis::Analysis;
use crate::analysis::Impression;
use crate::labels::Labels;
use crate::model::{Enumerated, Journey, Kind, Project, Stage, Touchpoint};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// Touchpoints on one page of the site-wide inventory.
pub const ROWS_PER_PAGE: usize = crate::address::INVENTORY_ROWS_PER_PAGE;

/// The number of pages of the site-wide inventory of a project.
pub fn page_count(project: &Project) -> usize {
    let touchpoints: usize = project
        .journeys
        .iter()
        .map(|j| j.touchpoints().count())
        .sum();
    crate::address::inventory_pages(touchpoints)
}

/// The inventory of one or every journey: its rows in kind order, and the figures.
pub struct Inventory<'a> {
    prefix: &'a str,
    /// Whether it is the inventory of one journey, whose rows need not name it.
    one_journey: bool,
    total: usize,
    kinds: Vec<KindSummary<'a>>,
    /// Where each row's touchpoint is, in row order; a page makes its own rows from these,
    /// so a large site's rows are never all in memory at once.
    places: Vec<Place<'a>>,
    crosses: [Cross<'a>; 2],
    project: &'a Project,
    labels: &'a Labels,
    owners: &'a OwnerLinks<'a>,
}

/// A touchpoint of the inventory, by reference, with its impression.
#[derive(Clone, Copy)]
struct Place<'a> {
    journey: &'a Journey,
    stage: &'a Stage,
    touchpoint: &'a Touchpoint,
    impression: Impression,
}

impl<'a> Place<'a> {
    /// The touchpoint's row.
    fn row(&self, project: &'a Project, labels: &'a Labels, owners: &OwnerLinks<'_>) -> Row<'a> {
        let none = labels.get("term.none");
        let (journey, t) = (self.journey, self.touchpoint);
        Row {
            name: &t.name,
            link: links::touchpoint(&journey.id, &t.id),
            journey: &journey.title,
            stage: &self.stage.name,
            channel: t.channel.as_deref().unwrap_or(none),
            owner: t
                .owner
                .as_deref()
                .map_or(none, |o| project.site.owner_name(o)),
            owner_link: t
                .owner
                .as_deref()
                .and_then(|o| owners.of(o))
                .map(str::to_string),
            emotion: labels.emotion(t.emotion),
            impression: self.impression.as_str(),
            impression_label: labels.of(self.impression),
            moment_label: labels.of(t.moment),
        }
    }
}

/// A kind with its number of touchpoints and where its rows start.
struct KindSummary<'a> {
    kind: &'a str,
    label: &'a str,
    count: usize,
    start: usize,
}

/// Part of an inventory as the inventory templates get it: every figure, and the rows of
/// one page grouped by kind.
#[derive(Serialize)]
pub struct InventoryView<'v> {
    prefix: &'v str,
    /// Whether it is the inventory of one journey, whose rows need not name it.
    one_journey: bool,
    total: usize,
    kinds: Vec<KindGroup<'v>>,
    crosses: &'v [Cross<'v>; 2],
}

/// The touchpoints of one kind on a page; `count` is the kind's total, and `link` leads to
/// the kind's heading, on the page where its rows start.
#[derive(Serialize)]
struct KindGroup<'v> {
    kind: &'v str,
    label: &'v str,
    count: usize,
    link: String,
    shown: bool,
    touchpoints: Vec<Row<'v>>,
}

/// One touchpoint of the inventory.
#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    link: String,
    journey: &'a str,
    stage: &'a str,
    channel: &'a str,
    owner: &'a str,
    /// The link to the owner's department page, when the owner has one.
    owner_link: Option<String>,
    emotion: String,
    impression: &'a str,
    impression_label: &'a str,
    moment_label: &'a str,
}

/// A cross-table of touchpoints by kind and a dimension (channel or owner).
#[derive(Serialize)]
struct Cross<'a> {
    title: &'a str,
    dimension: &'a str,
    rows: Vec<CrossRow<'a>>,
}

#[derive(Serialize)]
struct CrossRow<'a> {
    name: &'a str,
    /// The link to the department page of the row's owner (by owner, when it has one).
    link: Option<&'a str>,
    total: usize,
    /// Touchpoints of each kind; `None` (an empty cell) for none.
    counts: Vec<Option<usize>>,
}

/// The inventory of every journey, or of one; `prefix` keeps anchors unique when several
/// inventories share a page; `owners` link each owner with a department page to it.
pub fn data<'a>(
    project: &'a Project,
    analysis: &Analysis,
    labels: &'a Labels,
    only: Option<&str>,
    prefix: &'a str,
    owners: &'a OwnerLinks<'a>,
) -> Inventory<'a> {
    let unassigned = labels.get("inventory.unassigned");
    let no_channel = labels.get("inventory.no_channel");
    let mut by_kind: BTreeMap<Kind, Vec<Place<'a>>> =
        Kind::ALL.iter().map(|k| (*k, Vec::new())).collect();
    let mut by_channel: BTreeMap<&'a str, BTreeMap<Kind, usize>> = BTreeMap::new();
    let mut by_owner: BTreeMap<&'a str, BTreeMap<Kind, usize>> = BTreeMap::new();
    // Owners are counted by the name readers see; the name links to the department page of
    // the first owner by that name that has one.
    let mut owner_links: HashMap<&'a str, &'a str> = HashMap::new();
    let mut total = 0;
    for journey in project
        .journeys
        .iter()
        .filter(|j| only.is_none_or(|id| j.id == id))
    {
        let Some(facts) = analysis.journey(&journey.id) else {
            continue;
        };
        for ((stage, t), impression) in journey.touchpoints().zip(&facts.impressions) {
            total += 1;
            by_kind.entry(t.kind).or_default().push(Place {
                journey,
                stage,
                touchpoint: t,
                impression: *impression,
            });
            let channel = t.channel.as_deref().unwrap_or(no_channel);
            *by_channel
                .entry(channel)
                .or_default()
                .entry(t.kind)
                .or_default() += 1;
            let owner = t
                .owner
                .as_deref()
                .map_or(unassigned, |o| project.site.owner_name(o));
            if !owner_links.contains_key(owner)
                && let Some(link) = t.owner.as_deref().and_then(|o| owners.of(o))
            {
                owner_links.insert(owner, link);
            }
            *by_owner
                .entry(owner)
                .or_default()
                .entry(t.kind)
                .or_default() += 1;
        }
    }
    let mut places = Vec::with_capacity(total);
    let kinds = Kind::ALL
        .iter()
        .map(|kind| {
            let touchpoints = by_kind.remove(kind).unwrap_or_default();
            let summary = KindSummary {
                kind: kind.as_str(),
                label: labels.of(*kind),
                count: touchpoints.len(),
                start: places.len(),
            };
            places.extend(touchpoints);
            summary
        })
        .collect();
    let cross = |title: &str,
                 dimension: &str,
                 table: BTreeMap<&'a str, BTreeMap<Kind, usize>>,
                 links: &HashMap<&'a str, &'a str>| {
        let rows = table
            .into_iter()
            .map(|(name, counts)| {
                let cells: Vec<Option<usize>> = Kind::ALL
                    .iter()
                    .map(|k| counts.get(k).copied().filter(|n| *n > 0))
                    .collect();
                CrossRow {
                    name,
                    link: links.get(name).copied(),
                    total: cells.iter().flatten().sum(),
                    counts: cells,
                }
            })
            .collect();
        Cross {
            title: labels.get(title),
            dimension: labels.get(dimension),
            rows,
        }
    };
    Inventory {
        prefix,
        one_journey: only.is_some(),
        total,
        kinds,
        places,
        crosses: [
            cross(
                "inventory.kind_by_channel",
                "term.channel",
                by_channel,
                &HashMap::new(),
            ),
            cross(
                "inventory.kind_by_owner",
                "term.owner",
                by_owner,
                &owner_links,
            ),
        ],
        project,
        labels,
        owners,
    }
}

impl<'a> Inventory<'a> {
    /// The number of pages of `size` rows (at least one).
    pub fn pages(&self, size: usize) -> usize {
        self.total.div_ceil(size.max(1)).max(1)
    }

    /// The number of touchpoints.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The whole inventory on one page.
    pub fn whole(&self) -> InventoryView<'_> {
        self.page(0, usize::MAX, &|_| String::new())
    }

    /// Page `index` (from 0) of pages of `size` rows; `link_of` gives the address of a page
    /// as seen from this one (empty for this page itself). A kind's heading is on the page
    /// where its rows start (an empty kind's where the next kind starts, or on the last).
    pub fn page(
        &self,
        index: usize,
        size: usize,
        link_of: &dyn Fn(usize) -> String,
    ) -> InventoryView<'_> {
        let pages = self.pages(size);
        let size = size.max(1);
        let page_of = |row: usize| (row / size).min(pages - 1);
        let range: Range<usize> = index.saturating_mul(size).min(self.total)
            ..index.saturating_add(1).saturating_mul(size).min(self.total);
        let kinds = self
            .kinds
            .iter()
            .map(|k| {
                let home = page_of(k.start);
                let rows = k.start.max(range.start)..(k.start + k.count).min(range.end);
                let touchpoints: Vec<Row<'_>> = self
                    .places
                    .get(rows.clone())
                    .unwrap_or_default()
                    .iter()
                    .map(|p| p.row(self.project, self.labels, self.owners))
                    .collect();
                let anchor = format!("#kind-{}{}", self.prefix, k.kind);
                let link = if home == index {
                    anchor
                } else {
                    format!("{}{anchor}", link_of(home))
                };
                KindGroup {
                    kind: k.kind,
                    label: k.label,
                    count: k.count,
                    link,
                    shown: home == index || !touchpoints.is_empty(),
                    touchpoints,
                }
            })
            .collect();
        InventoryView {
            prefix: self.prefix,
            one_journey: self.one_journey,
            total: self.total,
            kinds,
            crosses: &self.crosses,
        }
    }

    /// The range of rows (1-based, inclusive) on page `index` of pages of `size` rows.
    pub fn rows_on(&self, index: usize, size: usize) -> (usize, usize) {
        let from = (index * size).min(self.total);
        (
            (from + 1).min(self.total),
            ((index + 1) * size).min(self.total),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::model::Language;
    use crate::test_support::{journey, project};

    /// A project of 7 human and 3 mechanical touchpoints, and no functional one.
    fn inventory_of(project: &Project, labels: &Labels) -> (Vec<String>, usize) {
        let analysis = analyse(project);
        let no_links = OwnerLinks::none();
        let inventory = data(project, &analysis, labels, None, "", &no_links);
        let pages = inventory.pages(4);
        let mut names = Vec::new();
        for index in 0..pages {
            let view = inventory.page(index, 4, &|p| format!("page-{p}/"));
            for kind in &view.kinds {
                let start = inventory
                    .kinds
                    .iter()
                    .find(|k| k.kind == kind.kind)
                    .unwrap()
                    .start;
                let home = (start / 4).min(pages - 1);
                if home == index {
                    assert!(kind.shown && kind.link.starts_with('#'), "{}", kind.link);
                } else {
                    assert_eq!(kind.link, format!("page-{home}/#kind-{}", kind.kind));
                }
                names.extend(kind.touchpoints.iter().map(|t| t.name.to_string()));
            }
        }
        (names, pages)
    }

    #[test]
    fn pages_hold_every_touchpoint_once_in_kind_order() {
        let mut touchpoints: Vec<String> = (0..7)
            .map(|i| format!("{{name: H{i}, kind: human, emotion: 1}}"))
            .collect();
        touchpoints.extend((0..3).map(|i| format!("{{name: M{i}, kind: mechanical, emotion: 1}}")));
        let refs: Vec<&str> = touchpoints.iter().map(String::as_str).collect();
        let project = project("", "", &[("j", &journey(&refs))]);
        let labels = Labels::new(Language::En);
        let (names, pages) = inventory_of(&project, &labels);
        assert_eq!(pages, 3);
        assert_eq!(
            names,
            ["H0", "H1", "H2", "H3", "H4", "H5", "H6", "M0", "M1", "M2"]
        );
        let analysis = analyse(&project);
        let no_links = OwnerLinks::none();
        let inventory = data(&project, &analysis, &labels, None, "", &no_links);
        assert_eq!(inventory.rows_on(2, 4), (9, 10));
        let whole = inventory.whole();
        assert!(
            whole
                .kinds
                .iter()
                .all(|k| k.shown && k.link.starts_with("#kind-"))
        );
        assert_eq!(
            whole
                .kinds
                .iter()
                .map(|k| k.touchpoints.len())
                .sum::<usize>(),
            10
        );
    }
}
