//! Checks that need the whole project: unique promise ids, references from journeys and
//! pages to promises, journeys and touchpoints, page addresses and sequences.

use super::journey::PromiseReference;
use super::page::PageDraft;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Listing, Location, did_you_mean};
use crate::model::{Promise, ViewTarget};
use std::collections::{BTreeMap, BTreeSet};

/// Reports promise ids defined twice (the register and inline promises share one namespace).
pub fn check_unique_promises(promises: &[Promise], diagnostics: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, &Location> = BTreeMap::new();
    for promise in promises {
        if let Some(first) = seen.get(promise.id.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    promise.location.clone(),
                    format!("the promise id `{}` is already used", promise.id),
                )
                .with_help(Some(format!(
                    "it is first defined at {first}; promise ids are unique across the site"
                ))),
            );
        } else {
            seen.insert(&promise.id, &promise.location);
        }
    }
}

/// Reports promise ids named in `promises` lists and deliveries that no promise has.
pub fn check_promise_references(
    promises: &[Promise],
    references: &[PromiseReference],
    diagnostics: &mut Diagnostics,
) {
    let ids: BTreeSet<&str> = promises.iter().map(|p| p.id.as_str()).collect();
    for reference in references {
        let id = reference.id.as_str();
        if ids.contains(id) {
            continue;
        }
        let help = if ids.is_empty() {
            "define it in content/promises.yaml or inline with `id` and `text`".to_string()
        } else {
            did_you_mean(id, ids.iter().copied(), Listing::Otherwise("the promises")).help
        };
        diagnostics.push(
            Diagnostic::error(
                Code::UnknownPromise,
                reference.location.clone(),
                format!("there is no promise `{id}`"),
            )
            .with_help(Some(help)),
        );
    }
}

/// Every journey id of the project, with the touchpoint ids its file declares (`None` when
/// the file could not be read, so its touchpoints are unknown).
pub type DeclaredJourneys = BTreeMap<String, Option<BTreeSet<String>>>;

/// Reports pages that name unknown journeys or touchpoints (front matter and views).
pub fn check_page_references(
    pages: &[PageDraft],
    declared: &DeclaredJourneys,
    diagnostics: &mut Diagnostics,
) {
    let journey_ids = declared.keys().map(String::as_str);
    let unknown_journey = |id: &str, location: &Location| {
        let help = if declared.is_empty() {
            "there are no journeys in content/journeys/ yet".to_string()
        } else {
            did_you_mean(id, journey_ids.clone(), Listing::Otherwise("the journeys")).help
        };
        Diagnostic::error(
            Code::UnknownJourney,
            location.clone(),
            format!("there is no journey `{id}`"),
        )
        .with_help(Some(help))
    };
    for draft in pages {
        if let Some(target) = &draft.target {
            let (journey_id, location) = &target.journey;
            match declared.get(journey_id) {
                None => diagnostics.push(unknown_journey(journey_id, location)),
                Some(None) => {}
                Some(Some(touchpoints)) => {
                    if let Some((touchpoint, location)) = &target.touchpoint
                        && !touchpoints.contains(touchpoint)
                    {
                        let ids = touchpoints.iter().map(String::as_str);
                        let subject = format!("the touchpoints of `{journey_id}`");
                        let help = did_you_mean(touchpoint, ids, Listing::Otherwise(&subject)).help;
                        diagnostics.push(
                            Diagnostic::error(
                                Code::UnknownTouchpoint,
                                location.clone(),
                                format!(
                                    "the journey `{journey_id}` has no touchpoint `{touchpoint}`"
                                ),
                            )
                            .with_help(Some(help)),
                        );
                    }
                }
            }
        }
        for view in &draft.page.views {
            if let ViewTarget::Journey(id) = &view.target
                && !declared.contains_key(id)
            {
                diagnostics.push(unknown_journey(id, &view.location));
            }
        }
    }
}

/// Files the build writes itself; a file under content/ may not take their place.
pub fn generated_files<'a>(journey_ids: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    let mut files: BTreeSet<String> = [
        "index.html",
        "model.json",
        "inventory.csv",
        "consistency.csv",
        "inventory/index.html",
        "consistency/index.html",
        "consistency/promises.svg",
    ]
    .into_iter()
    .map(str::to_string)
    .collect();
    for id in journey_ids {
        for name in ["index.html", "journey.svg", "priorities.svg"] {
            files.insert(format!("journeys/{id}/{name}"));
        }
    }
    files
}

/// Reports pages and files that would be written to the same place, or to a place the
/// build writes itself, and pages of one folder that share an `order`.
pub fn check_addresses(
    pages: &[PageDraft],
    assets: &[String],
    declared: &DeclaredJourneys,
    diagnostics: &mut Diagnostics,
) {
    let generated = generated_files(declared.keys().map(String::as_str));
    let mut taken: BTreeMap<String, &Location> = BTreeMap::new();
    for draft in pages {
        let page = &draft.page;
        let file = format!("{}index.html", page.url);
        if generated.contains(&file) {
            let help = if page.url.is_empty() {
                "the home page is generated: put its introduction in `description` in content/site.yaml".to_string()
            } else {
                format!(
                    "journeymap writes `{}` itself: move or rename this page",
                    page.url
                )
            };
            diagnostics.push(
                Diagnostic::error(
                    Code::ReservedPath,
                    page.location.clone(),
                    format!(
                        "this page would replace the generated page at `{}`",
                        display_url(&page.url)
                    ),
                )
                .with_help(Some(help)),
            );
        } else if let Some(first) = taken.get(&file) {
            diagnostics.push(
                Diagnostic::error(
                    Code::DuplicatePage,
                    page.location.clone(),
                    format!(
                        "this page has the same address, `{}`, as {}",
                        display_url(&page.url),
                        first.file
                    ),
                )
                .with_help(Some(
                    "`a.md` and `a/_index.md` are both published at `a/`: keep one".to_string(),
                )),
            );
        } else {
            taken.insert(file, &page.location);
        }
    }
    for asset in assets {
        let location = Location::file(format!("content/{asset}").into());
        if generated.contains(asset) {
            diagnostics.push(
                Diagnostic::error(
                    Code::ReservedPath,
                    location,
                    format!("journeymap writes `{asset}` itself"),
                )
                .with_help(Some("move or rename this file".to_string())),
            );
        } else if let Some(page) = taken.get(asset) {
            diagnostics.push(Diagnostic::error(
                Code::DuplicatePage,
                location,
                format!("this file has the same address as the page {}", page.file),
            ));
        }
    }
    check_orders(pages, diagnostics);
}

fn check_orders(pages: &[PageDraft], diagnostics: &mut Diagnostics) {
    let mut seen: BTreeMap<(&str, i64), &str> = BTreeMap::new();
    for draft in pages.iter().filter(|d| !d.page.draft && !d.page.is_index()) {
        let (Some(order), Some(location)) = (draft.page.order, &draft.order_location) else {
            continue;
        };
        let key = (draft.page.folder(), order);
        if let Some(first) = seen.get(&key) {
            diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateOrder,
                    location.clone(),
                    format!("`order: {order}` is also used by {first} in the same folder"),
                )
                .with_help(Some(
                    "give each page of a sequence its own number".to_string(),
                )),
            );
        } else {
            seen.insert(key, &draft.page.path);
        }
    }
}

fn display_url(url: &str) -> String {
    if url.is_empty() {
        "/".to_string()
    } else {
        url.to_string()
    }
}
