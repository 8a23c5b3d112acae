//! Which parts of the site a render writes: all of it, or only what an edit changed. `serve`
//! compares the project and analysis before and after an edit and re-renders the pages that
//! show something that changed.

use crate::analysis::{Analysis, PromiseTrace};
use crate::model::{Page, Project, Promise, ViewTarget};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// The parts of a site to render.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Every file of the site.
    pub everything: bool,
    /// Journey pages, with their plots, by journey id.
    pub journeys: BTreeSet<String>,
    /// Markdown pages by path under `content/`.
    pub pages: BTreeSet<String>,
    /// The home page.
    pub home: bool,
    /// The other pages about the whole site: the inventory, the consistency report, the
    /// department pages, the report, the search index.
    pub site_wide: bool,
    /// The data files: `model.json`, the CSV files, the workbook (even with `everything`,
    /// only when this is set).
    pub downloads: bool,
}

impl Selection {
    /// The whole site.
    pub fn everything() -> Self {
        Selection {
            everything: true,
            downloads: true,
            ..Selection::default()
        }
    }

    /// The data files alone.
    pub fn downloads() -> Self {
        Selection {
            downloads: true,
            ..Selection::default()
        }
    }

    /// True when nothing is to be rendered.
    pub fn is_empty(&self) -> bool {
        !self.everything
            && !self.home
            && !self.site_wide
            && !self.downloads
            && self.journeys.is_empty()
            && self.pages.is_empty()
    }

    /// Splits a partial selection into the steps `serve` shows one after the other: its
    /// journey and Markdown pages, then the home page, then the other site-wide files, so the
    /// edited page and the home page are shown before the long site-wide files are done.
    pub fn steps(self) -> [Selection; 3] {
        let home = Selection {
            home: self.home,
            ..Selection::default()
        };
        let site_wide = Selection {
            site_wide: self.site_wide,
            downloads: self.downloads,
            ..Selection::default()
        };
        let pages = Selection {
            home: false,
            site_wide: false,
            downloads: false,
            ..self
        };
        [pages, home, site_wide]
    }
}

/// Whether two values are equal: the same one (shared between builds) or equal ones.
fn same<T: PartialEq>(a: &T, b: &T) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// [`same`] for values that may be missing.
fn same_or_none<T: PartialEq>(a: Option<&T>, b: Option<&T>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same(a, b),
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// What must be rendered again after the project changed from `before` to `after`.
pub fn changes(before: (&Project, &Analysis), after: (&Project, &Analysis)) -> Selection {
    let ((old, old_facts), (new, new_facts)) = (before, after);
    let same_ids = |a: &Project, b: &Project| {
        a.journeys
            .iter()
            .map(|j| &j.id)
            .eq(b.journeys.iter().map(|j| &j.id))
            && a.desired
                .iter()
                .map(|j| (&j.id, &j.desired_for))
                .eq(b.desired.iter().map(|j| (&j.id, &j.desired_for)))
    };
    let promise_ids = |p: &Project| p.promises.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
    // Plans as the plans page shows them: where they are written does not count, so an
    // edit above a plan does not rebuild every page.
    let plans = |p: &Project| {
        p.journeys
            .iter()
            .flat_map(|j| j.improvements.iter().map(|i| &i.plan))
            .map(|plan| {
                plan.as_ref()
                    .map(|p| (p.owner.clone(), p.measure.clone(), p.due.clone(), p.status))
            })
            .collect::<Vec<_>>()
    };
    // The files the site is made of: a department or an inventory page that is no longer
    // written must go, which only a whole render does.
    let files = |p: &Project| {
        (
            crate::model::department::page_counts(&p.journeys),
            super::inventory::page_count(p),
        )
    };
    if old.site != new.site
        || old.waves != new.waves
        || old.personas != new.personas
        || files(old) != files(new)
        || plans(old) != plans(new)
        || old.assets != new.assets
        || !same_ids(old, new)
        || promise_ids(old) != promise_ids(new)
        || old.pages.len() != new.pages.len()
        || old
            .pages
            .iter()
            .zip(&new.pages)
            .any(|(a, b)| !same_place(a, b))
    {
        return Selection::everything();
    }
    let mut journeys: BTreeSet<String> = old
        .journeys
        .par_iter()
        .zip(new.journeys.par_iter())
        .filter(|(a, b)| {
            !same(a.as_ref(), b.as_ref())
                || !same_or_none(old_facts.journey(&a.id), new_facts.journey(&b.id))
        })
        .map(|(_, b)| b.id.clone())
        .collect();
    // A design and its current journey show each other (the comparison, the link back).
    for (a, b) in old.desired.iter().zip(&new.desired) {
        if a != b || old_facts.design(&a.id) != new_facts.design(&b.id) {
            journeys.insert(b.id.clone());
        }
    }
    let linked: Vec<String> = new
        .desired
        .iter()
        .filter_map(|d| {
            let current = d.desired_for.clone()?;
            let either = journeys.contains(&d.id) || journeys.contains(&current);
            either.then_some([d.id.clone(), current])
        })
        .flatten()
        .collect();
    journeys.extend(linked);
    let changed_promises: BTreeSet<&str> = old
        .promises
        .iter()
        .zip(&new.promises)
        .filter(|(a, b)| shown_promise(a) != shown_promise(b))
        .map(|(_, b)| b.id.as_str())
        .collect();
    let old_traces: BTreeMap<&str, _> = old_facts
        .promises
        .iter()
        .map(|t| (t.id.as_str(), t))
        .collect();
    for trace in &new_facts.promises {
        let before = old_traces.get(trace.id.as_str());
        let same = before.is_some_and(|b| shown_trace(b) == shown_trace(trace));
        if same && !changed_promises.contains(trace.id.as_str()) {
            continue;
        }
        for version in before.into_iter().copied().chain([trace]) {
            journeys.extend(version.made_at.iter().map(|t| t.journey.clone()));
            journeys.extend(version.deliveries.iter().map(|d| d.at.journey.clone()));
        }
    }
    // A design's page lists the promises it makes and delivers, traced over the design alone.
    for design in &new.desired {
        let named = design.touchpoints().any(|(_, t)| {
            let delivered = t.delivers.iter().map(|d| &d.promise);
            t.promises
                .iter()
                .chain(delivered)
                .any(|id| changed_promises.contains(id.as_str()))
        });
        if named {
            journeys.insert(design.id.clone());
        }
    }
    let edited: Vec<&Page> = old
        .pages
        .par_iter()
        .zip(new.pages.par_iter())
        .filter(|(a, b)| !same(a.as_ref(), b.as_ref()))
        .map(|(_, b)| b.as_ref())
        .collect();
    // A folder's own page names its course in every page's navigation.
    let retitled_index = old
        .pages
        .iter()
        .zip(&new.pages)
        .any(|(a, b)| a.title != b.title && b.is_index());
    if retitled_index {
        return Selection::everything();
    }
    let retitled_in_sequence: BTreeSet<&str> = old
        .pages
        .iter()
        .zip(&new.pages)
        .filter(|(a, b)| a.title != b.title && b.order.is_some() && !b.is_index())
        .map(|(_, b)| b.folder())
        .collect();
    let in_sequence_with_retitled =
        |p: &Page| retitled_in_sequence.contains(p.folder()) && (p.order.is_some() || p.is_index());
    let pages: BTreeSet<String> = new
        .pages
        .iter()
        .filter(|p| {
            edited.iter().any(|e| e.path == p.path)
                || in_sequence_with_retitled(p)
                || p.journey.as_ref().is_some_and(|j| journeys.contains(j))
                || p.views.iter().any(|v| match &v.target {
                    ViewTarget::All => !journeys.is_empty(),
                    ViewTarget::Journey(id) => journeys.contains(id),
                })
        })
        .map(|p| p.path.clone())
        .collect();
    let retitled_notes = old
        .pages
        .iter()
        .zip(&new.pages)
        .filter(|(a, b)| a.title != b.title)
        .filter_map(|(_, b)| b.journey.clone());
    journeys.extend(retitled_notes);
    let anything = !journeys.is_empty() || !pages.is_empty();
    Selection {
        everything: false,
        home: anything,
        site_wide: anything,
        downloads: anything,
        journeys,
        pages,
    }
}

/// What pages show of a promise: everything but where it is written (an edit above it in
/// its file moves it, but changes no other page).
fn shown_promise(p: &Promise) -> impl PartialEq + '_ {
    (&p.id, &p.text, &p.source, &p.origin)
}

/// What pages show of a promise's trace: everything but where deliveries are written.
fn shown_trace(t: &PromiseTrace) -> impl PartialEq + '_ {
    let deliveries: Vec<_> = t
        .deliveries
        .iter()
        .map(|d| (&d.at, d.result, &d.evidence))
        .collect();
    (&t.id, &t.made_at, deliveries, t.status)
}

/// Whether two versions of a page sit at the same place in the site: the same address,
/// sequence, journey and touchpoint, and both published or both drafts.
fn same_place(a: &Page, b: &Page) -> bool {
    (&a.path, &a.url, a.draft, a.order, &a.journey, &a.touchpoint)
        == (&b.path, &b.url, b.draft, b.order, &b.journey, &b.touchpoint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::diagnostics::Location;
    use crate::model::{View, ViewKind};
    use crate::test_support::{journey, project};
    use std::sync::Arc;

    fn page(path: &str, journey: Option<&str>, order: Option<i64>, views: &[&str]) -> Page {
        Page {
            path: path.to_string(),
            url: path.trim_end_matches(".md").to_string() + "/",
            title: format!("Title of {path}"),
            journey: journey.map(str::to_string),
            touchpoint: None,
            order,
            draft: false,
            body: String::new(),
            views: views
                .iter()
                .map(|target| View {
                    kind: ViewKind::Plot,
                    target: match *target {
                        "all" => ViewTarget::All,
                        id => ViewTarget::Journey(id.to_string()),
                    },
                    location: Location::file(path.into()),
                })
                .collect(),
            location: Location::file(path.into()),
        }
    }

    /// Two journeys and pages: a note on each, a course of three lessons (the first shows
    /// journey `a`), and a page showing every journey.
    fn site() -> Project {
        let touchpoint = "{name: X, kind: human, emotion: 1}";
        let mut project = project(
            "",
            "",
            &[
                ("a", &journey(&[touchpoint])),
                ("b", &journey(&[touchpoint])),
            ],
        );
        project.pages = vec![
            page("all.md", None, None, &["all"]).into(),
            page("course/_index.md", None, None, &[]).into(),
            page("course/one.md", None, Some(1), &["a"]).into(),
            page("course/two.md", None, Some(2), &[]).into(),
            page("notes/on-a.md", Some("a"), None, &[]).into(),
            page("notes/on-b.md", Some("b"), None, &[]).into(),
        ];
        project
    }

    fn selected(before: &Project, after: &Project) -> Selection {
        changes((before, &analyse(before)), (after, &analyse(after)))
    }

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn an_edited_journey_selects_its_page_and_the_pages_showing_it() {
        let before = site();
        let mut after = before.clone();
        Arc::make_mut(&mut after.journeys[1]).stages[0].touchpoints[0].emotion = (-3).into();
        let selection = selected(&before, &after);
        assert_eq!(selection.journeys, set(&["b"]));
        assert_eq!(selection.pages, set(&["all.md", "notes/on-b.md"]));
        assert!(selection.site_wide && !selection.everything);
    }

    #[test]
    fn a_retitled_note_selects_its_journey_and_a_retitled_lesson_its_course() {
        let before = site();
        let mut after = before.clone();
        Arc::make_mut(&mut after.pages[4]).body = "More text".to_string();
        let selection = selected(&before, &after);
        assert!(selection.journeys.is_empty(), "{selection:?}");
        assert_eq!(selection.pages, set(&["notes/on-a.md"]));
        Arc::make_mut(&mut after.pages[4]).title = "Retitled".to_string();
        let selection = selected(&before, &after);
        assert_eq!(
            selection.journeys,
            set(&["a"]),
            "its journey page links it by title"
        );
        assert_eq!(selection.pages, set(&["notes/on-a.md"]));

        let mut after = before.clone();
        Arc::make_mut(&mut after.pages[3]).title = "A new title".to_string();
        let selection = selected(&before, &after);
        assert!(selection.journeys.is_empty());
        assert_eq!(
            selection.pages,
            set(&["course/_index.md", "course/one.md", "course/two.md"])
        );
    }

    #[test]
    fn settings_and_the_set_of_files_select_everything() {
        let before = site();
        let mut after = before.clone();
        after.site.title = "Another title".to_string();
        assert!(selected(&before, &after).everything);
        let mut after = before.clone();
        after.pages.pop();
        assert!(selected(&before, &after).everything);
        let mut after = before.clone();
        Arc::make_mut(&mut after.pages[2]).order = Some(5);
        assert!(selected(&before, &after).everything);
        let mut after = before.clone();
        after.waves.push(crate::model::Wave {
            id: "w".into(),
            name: "W".into(),
            date: "2026-01-01".into(),
            measurements: Vec::new(),
            location: crate::diagnostics::Location::file("content/measurements/w.yaml".into()),
        });
        assert!(
            selected(&before, &after).everything,
            "a wave changes site-wide pages"
        );
        assert!(selected(&before, &before.clone()).is_empty());
    }

    #[test]
    fn a_delivery_selects_the_journey_making_the_promise_only_when_its_result_changes() {
        let promises = "- {id: p, text: P}\n";
        let a = journey(&[
            "{name: X, kind: human, emotion: 1, delivers: [{promise: p, result: kept}]}",
        ]);
        let b = journey(&["{name: Y, kind: human, emotion: 1, promises: [p]}"]);
        let before = project("", promises, &[("a", &a), ("b", &b)]);
        let mut after = before.clone();
        Arc::make_mut(&mut after.journeys[0]).persona =
            Some("A longer persona moves every line below".to_string());
        let delivery =
            &mut Arc::make_mut(&mut after.journeys[0]).stages[0].touchpoints[0].delivers[0];
        if let Some(position) = delivery.location.position.as_mut() {
            position.line += 1;
            position.offset += 40;
        }
        assert_eq!(selected(&before, &after).journeys, set(&["a"]));
        let delivery =
            &mut Arc::make_mut(&mut after.journeys[0]).stages[0].touchpoints[0].delivers[0];
        delivery.result = crate::model::DeliveryResult::Broken;
        assert_eq!(selected(&before, &after).journeys, set(&["a", "b"]));
    }

    #[test]
    fn a_promise_retold_selects_the_design_that_delivers_it() {
        let promises = "- {id: p, text: P}\n- {id: q, text: Q}\n";
        let today = journey(&["{name: X, id: x, kind: human, emotion: 1}"]);
        let design = format!(
            "desired_for: a\n{}",
            journey(&[
                "{name: X, id: x, kind: human, emotion: 2, delivers: [{promise: p, result: kept}]}"
            ])
        );
        let before = project("", promises, &[("a", &today), ("a-desired", &design)]);
        let mut after = before.clone();
        after.promises = crate::model::Promises::new(
            before
                .promises
                .iter()
                .map(|p| crate::model::Promise {
                    text: format!("{} again", p.text),
                    ..p.clone()
                })
                .take(1)
                .chain(before.promises.iter().skip(1).cloned())
                .collect(),
        );
        let chosen = selected(&before, &after);
        assert!(
            chosen.journeys.contains("a-desired"),
            "{:?}",
            chosen.journeys
        );
    }

    #[test]
    fn split_shows_pages_before_site_wide_files() {
        let before = site();
        let mut after = before.clone();
        Arc::make_mut(&mut after.journeys[0]).stages[0].touchpoints[0].emotion = 3.into();
        let [pages, home, site_wide] = selected(&before, &after).steps();
        assert!(!pages.site_wide && !pages.home && pages.journeys.contains("a"));
        assert!(home.home && !home.site_wide && home.journeys.is_empty());
        assert!(site_wide.site_wide && !site_wide.home && site_wide.journeys.is_empty());
    }
}
