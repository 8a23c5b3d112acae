//! Checks that need the whole project: unique promise ids, references from journeys and
//! pages to promises, journeys and touchpoints, page addresses and sequences.

use super::journey::PromiseReference;
use super::page::PageDraft;
use crate::address::{AddressPlan, Collision, Extent, Writer};
use crate::diagnostics::{
    Code, Diagnostic, Diagnostics, Listing, Location, Position, did_you_mean,
};
use crate::model::{Page, Promise, ViewTarget};
use crate::msg;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Reports promise ids defined twice (the register and inline promises share one namespace).
pub fn check_unique_promises(promises: &[Promise], diagnostics: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, &Location> = BTreeMap::new();
    for promise in promises {
        if let Some(first) = seen.get(promise.id.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    promise.location.clone(),
                    msg!("error.promise_id_used", id = &promise.id),
                )
                .with_help(msg!("help.promise_id_used", first)),
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
            msg!("help.define_promise")
        } else {
            did_you_mean(
                id,
                ids.iter().copied(),
                Listing::Otherwise(msg!("list.promises")),
            )
            .help
        };
        diagnostics.push(
            Diagnostic::error(
                Code::UnknownPromise,
                reference.location.clone(),
                msg!("error.unknown_promise", id),
            )
            .with_help(help),
        );
    }
}

/// Every journey id of the project, with the touchpoint ids its file declares (`None` when
/// the file could not be read, so its touchpoints are unknown).
pub type DeclaredJourneys = BTreeMap<String, Option<Arc<BTreeSet<String>>>>;

/// Reports pages that name unknown journeys or touchpoints (front matter and views).
pub fn check_page_references(
    pages: &[Arc<PageDraft>],
    declared: &DeclaredJourneys,
    diagnostics: &mut Diagnostics,
) {
    let journey_ids = declared.keys().map(String::as_str);
    let unknown_journey = |id: &str, location: &Location| {
        let help = if declared.is_empty() {
            msg!("help.no_journeys_yet")
        } else {
            did_you_mean(
                id,
                journey_ids.clone(),
                Listing::Otherwise(msg!("list.journeys")),
            )
            .help
        };
        Diagnostic::error(
            Code::UnknownJourney,
            location.clone(),
            msg!("error.unknown_journey", id),
        )
        .with_help(help)
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
                        let subject = msg!("list.touchpoints_of", journey_id);
                        let help = did_you_mean(touchpoint, ids, Listing::Otherwise(subject)).help;
                        diagnostics.push(
                            Diagnostic::error(
                                Code::UnknownTouchpoint,
                                location.clone(),
                                msg!("error.no_touchpoint_in", journey_id, touchpoint),
                            )
                            .with_help(help),
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

/// Reports every page and copied file at an address the build or the theme writes itself
/// (`reserved-path`) or at another page's (`duplicate-page`), and pages of one folder that
/// share an `order`. `extent` holds the journeys, touchpoints and theme files; the pages and
/// files are added here.
pub fn check_addresses<'a>(
    pages: &'a [Arc<PageDraft>],
    assets: &'a [String],
    mut extent: Extent<'a>,
    diagnostics: &mut Diagnostics,
) {
    extent.pages = pages.iter().map(|d| d.page.url.as_str()).collect();
    extent.files = assets.iter().map(String::as_str).collect();
    let (_, collisions) = AddressPlan::new(&extent);
    for collision in collisions {
        let Collision {
            address,
            first,
            second,
        } = collision;
        let diagnostic = match second {
            Writer::Page(i) => pages.get(i).map(|d| {
                let first = first_file(first, pages, assets);
                page_collision(&d.page, first)
            }),
            Writer::File(i) => assets.get(i).map(|asset| {
                let first = first_file(first, pages, assets);
                file_collision(asset, &address, first)
            }),
            Writer::Build | Writer::Theme => None,
        };
        if let Some(d) = diagnostic {
            diagnostics.push(d);
        }
    }
    check_orders(pages, diagnostics);
}

/// A page at an address that the build, the theme or an earlier page has.
fn page_collision(page: &Page, first: Result<String, Writer>) -> Diagnostic {
    let location = page.location.clone();
    let url = display_url(&page.url);
    match first {
        Err(Writer::Theme) => Diagnostic::error(
            Code::ReservedPath,
            location,
            msg!("error.page_replaces_theme_file", url),
        )
        .with_help(msg!("help.move_page")),
        Err(_) => {
            let help = if page.url.is_empty() {
                msg!("help.home_page_generated")
            } else {
                msg!("help.generated_page", url)
            };
            Diagnostic::error(
                Code::ReservedPath,
                location,
                msg!("error.page_replaces_generated", url),
            )
            .with_help(help)
        }
        Ok(file) => Diagnostic::error(
            Code::DuplicatePage,
            location,
            msg!("error.same_address", url, file),
        )
        .with_help(msg!("help.same_address")),
    }
}

/// A copied file at an address that the build, the theme or a page has.
fn file_collision(asset: &str, address: &str, first: Result<String, Writer>) -> Diagnostic {
    let location = Location::at(format!("content/{asset}").into(), Position::START);
    let (code, message) = match first {
        Err(Writer::Theme) => (Code::ReservedPath, msg!("error.theme_writes", address)),
        Err(_) => (Code::ReservedPath, msg!("error.journeymap_writes", address)),
        Ok(file) => (Code::DuplicatePage, msg!("error.file_same_address", file)),
    };
    Diagnostic::error(code, location, message).with_help(msg!("help.move_file"))
}

/// The project file (`content/a.md`) of the page or copied file that first took an
/// address, or the writer when that is the build or the theme.
fn first_file(
    first: Writer,
    pages: &[Arc<PageDraft>],
    assets: &[String],
) -> Result<String, Writer> {
    match first {
        Writer::Page(i) => pages
            .get(i)
            .map(|d| d.page.location.file.to_string())
            .ok_or(first),
        Writer::File(i) => assets.get(i).map(|a| format!("content/{a}")).ok_or(first),
        Writer::Build | Writer::Theme => Err(first),
    }
}

fn check_orders(pages: &[Arc<PageDraft>], diagnostics: &mut Diagnostics) {
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
                    msg!("error.order_used", order, first),
                )
                .with_help(msg!("help.order_used")),
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
