//! Checks the links and images of every page, as Zola does: each one written relative to its
//! Markdown file (`les-2.md`, `../journeys/x.yaml`, `img/x.png`, `#heading`) must name a
//! published file, and each `#heading` a heading of its page. External links are left alone.

use super::page::{PageDraft, PageLink};
use crate::address::{self, AddressPlan, DataFiles, Extent, Target, Targets, Writer};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Listing, Message, did_you_mean};
use crate::model::Journey;
use crate::msg;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The sections of a journey's page (default theme) that a link may name after `#`.
const JOURNEY_SECTIONS: [&str; 14] = [
    "blueprint",
    "comparison",
    "comparison-figures",
    "curve",
    "findings",
    "improvements",
    "measured",
    "notes",
    "peak-end",
    "priorities",
    "promises",
    "promises-delivered",
    "promises-made",
    "touchpoints",
];

/// Whether a link may name `fragment` on a journey's page: a touchpoint by its id (the page's
/// anchor is `tp-` and the id), a stage as `stage-` and its id, or a section.
fn names_anchor(journey: &Journey, fragment: &str) -> bool {
    let touchpoint = fragment.strip_prefix("tp-").unwrap_or(fragment);
    journey.touchpoint(touchpoint).is_some()
        || fragment
            .strip_prefix("stage-")
            .is_some_and(|s| journey.stages.iter().any(|stage| stage.id == s))
        || JOURNEY_SECTIONS.contains(&fragment)
}

/// Reports every link or image of `pages` that points at nothing, every link to a heading
/// a page does not have, and every link to a journey's touchpoint it does not have.
/// `journeys` (with their ids) and `assets` are paths under `content/`; `journey` finds a
/// journey by id, looked up only for a link that names a place on its page; `data` holds the
/// data files whose entries a link may name (`personas.yaml#anna`).
pub fn check_links<'j>(
    pages: &[Arc<PageDraft>],
    journeys: &[(String, String)],
    journey: &dyn Fn(&str) -> Option<&'j Journey>,
    assets: &[String],
    data: DataFiles<'_>,
    extent: &Extent<'_>,
    diagnostics: &mut Diagnostics,
) {
    let published = pages.iter().filter(|d| !d.page.draft);
    let targets = Targets::new(
        published.map(|d| (d.page.path.as_str(), d.page.url.as_str())),
        journeys
            .iter()
            .map(|(path, id)| (path.as_str(), id.as_str())),
        assets.iter().map(String::as_str),
        data,
    );
    let journey_ids: BTreeMap<&str, &str> = journeys
        .iter()
        .map(|(path, id)| (path.as_str(), id.as_str()))
        .collect();
    let mut anchors: BTreeMap<&str, &[String]> = BTreeMap::new();
    let mut drafts: BTreeSet<&str> = BTreeSet::new();
    for draft in pages {
        anchors.insert(&draft.page.path, &draft.anchors);
        if let Some(folder) = draft.page.path.strip_suffix("_index.md") {
            anchors.insert(folder, &draft.anchors);
        }
        if draft.page.draft {
            drafts.insert(&draft.page.path);
        }
    }
    // Only a link that names no file under `content/` needs the plan: built when one does.
    let plan = std::cell::OnceCell::new();
    let generated = |url: &str, link: &str| {
        is_generated(plan.get_or_init(|| AddressPlan::new(extent).0), url, link)
    };
    for draft in pages {
        for link in &draft.links {
            let found = match address::resolve(&draft.page.path, &link.url) {
                Target::External => continue,
                Target::Fragment("") => continue,
                Target::Fragment(fragment) => {
                    check_heading(link, &draft.page.path, fragment, &draft.anchors)
                }
                Target::File { path: None, .. } if generated(&draft.page.url, &link.url) => None,
                Target::File { path: None, .. } => {
                    Some(broken(link, msg!("error.climbs_out")).with_help(msg!("help.climbs_out")))
                }
                Target::File {
                    path: Some(path),
                    fragment,
                } if targets.entry_ids(&path).is_some() => {
                    check_entry(link, &path, fragment, &targets)
                }
                Target::File {
                    path: Some(path),
                    fragment,
                } => match targets.address(&path) {
                    Some(_) => match (fragment, anchors.get(path.as_str())) {
                        (Some(f), Some(list)) if !f.is_empty() => {
                            check_heading(link, &path, f, list)
                        }
                        (Some(f), None) if !f.is_empty() => journey_ids
                            .get(path.as_str())
                            .and_then(|id| journey(id))
                            .and_then(|j| check_touchpoint(link, &path, f, j)),
                        _ => None,
                    },
                    None if generated(&draft.page.url, &link.url) => None,
                    None if drafts.contains(path.as_str()) => Some(
                        broken(link, msg!("error.link_to_draft", path))
                            .with_help(msg!("help.link_to_draft")),
                    ),
                    None => {
                        let hint = did_you_mean(
                            &path,
                            targets.paths(),
                            Listing::Sentence(msg!("help.link_path")),
                        );
                        Some(broken(link, msg!("error.no_such_file", path)).with_help(hint.help))
                    }
                },
            };
            if let Some(d) = found {
                diagnostics.push(d);
            }
        }
    }
}

/// Whether a link, read from the page's own address, names a file the build writes itself
/// (`../../inventory/index.html`).
fn is_generated(plan: &AddressPlan, url: &str, link: &str) -> bool {
    let Target::File {
        path: Some(path), ..
    } = address::resolve(&address::page(url), link)
    else {
        return false;
    };
    let path = if path.ends_with('/') || path.is_empty() {
        format!("{path}index.html")
    } else {
        path
    };
    matches!(plan.writer(&path), Some(Writer::Build | Writer::Theme))
}

fn broken(link: &PageLink, why: Message) -> Diagnostic {
    let url = &link.url;
    let message = if link.image {
        msg!("error.broken_image", url, why)
    } else {
        msg!("error.broken_link", url, why)
    };
    Diagnostic::error(Code::BrokenLink, link.location.clone(), message)
}

/// An error when `fragment` is not one of the anchors of the page at `path`.
fn check_heading(
    link: &PageLink,
    path: &str,
    fragment: &str,
    anchors: &[String],
) -> Option<Diagnostic> {
    if anchors.iter().any(|a| a == fragment) || is_footnote(fragment) {
        return None;
    }
    let hint = did_you_mean(
        fragment,
        anchors.iter().map(String::as_str),
        Listing::Otherwise(msg!("list.headings")),
    );
    let help = if anchors.is_empty() {
        msg!("help.no_headings", path)
    } else {
        hint.help
    };
    Some(
        Diagnostic::error(
            Code::UnknownHeading,
            link.location.clone(),
            msg!("error.unknown_heading", url = &link.url, fragment, path),
        )
        .with_help(help),
    )
}

/// An error when `fragment` names no touchpoint, stage or section of the journey at `path`.
fn check_touchpoint(
    link: &PageLink,
    path: &str,
    fragment: &str,
    journey: &Journey,
) -> Option<Diagnostic> {
    if names_anchor(journey, fragment) {
        return None;
    }
    let hint = did_you_mean(
        fragment,
        journey
            .touchpoints()
            .map(|(_, t)| t.id.as_str())
            .collect::<Vec<_>>(),
        Listing::Otherwise(msg!("list.touchpoint_ids")),
    );
    Some(
        Diagnostic::error(
            Code::UnknownHeading,
            link.location.clone(),
            msg!(
                "error.unknown_touchpoint_link",
                url = &link.url,
                fragment,
                path
            ),
        )
        .with_help(hint.help),
    )
}

/// An error when a link to a data file (`personas.yaml#anna`) names no entry of it, or names
/// none where the file has no page of its own.
fn check_entry(
    link: &PageLink,
    path: &str,
    fragment: Option<&str>,
    targets: &Targets,
) -> Option<Diagnostic> {
    let ids = targets.entry_ids(path)?;
    let listing = Listing::Otherwise(msg!("list.entry_ids"));
    match fragment.filter(|f| !f.is_empty()) {
        None if targets.address(path).is_some() => None,
        Some(id) if targets.entry(path, id).is_some() => None,
        None => {
            let example = ids.clone().next().map(|id| format!("{path}#{id}"));
            let help = match example {
                Some(example) => msg!("help.name_an_entry", example),
                None => did_you_mean("", ids, listing).help,
            };
            Some(broken(link, msg!("error.no_page_of_its_own", path)).with_help(help))
        }
        Some(id) => Some(
            Diagnostic::error(
                Code::UnknownHeading,
                link.location.clone(),
                msg!(
                    "error.unknown_entry_link",
                    url = &link.url,
                    fragment = id,
                    path
                ),
            )
            .with_help(did_you_mean(id, ids, listing).help),
        ),
    }
}

/// The anchors the renderer gives footnotes (`#fn-x`, `#fnref-x`).
fn is_footnote(fragment: &str) -> bool {
    fragment.starts_with("fn-") || fragment.starts_with("fnref-")
}
