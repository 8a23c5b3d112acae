//! Desired journeys: a journey file with `desired_for: <journey id>` is the design of that
//! current journey. Checks the rules that need every journey (the named journey exists and
//! is current, one design per journey, no targets beside a design, `creates` names the
//! design's touchpoints) and sets the designs apart from today's journeys.

use super::journey::PromiseReference;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Listing, Location, did_you_mean};
use crate::model::Journey;
use crate::msg;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// What the desired-journey rules need of one journey file.
pub struct Parts {
    /// The journey as read.
    pub journey: Arc<Journey>,
    /// Its `desired_for`, where written.
    pub desired_for: Option<PromiseReference>,
    /// Where each of its `target`s is written.
    pub targets: Vec<Location>,
    /// The ids its improvement options' `creates` name.
    pub creates: Vec<PromiseReference>,
    /// Where each promise it defines inline is written.
    pub inline_promises: Vec<Location>,
}

/// Today's journeys and the desired ones, each sorted by id; reports every broken rule.
/// `declared` holds every journey id, also of files that could not be read.
pub fn split(
    parts: Vec<Parts>,
    declared: &BTreeSet<String>,
    diagnostics: &mut Diagnostics,
) -> (Vec<Arc<Journey>>, Vec<Arc<Journey>>) {
    let designs: BTreeMap<&str, &str> = parts
        .iter()
        .filter_map(|p| Some((p.journey.id.as_str(), p.desired_for.as_ref()?.id.as_str())))
        .collect();
    let mut design_of: BTreeMap<&str, (&str, &Location)> = BTreeMap::new();
    for part in &parts {
        let Some(target) = &part.desired_for else {
            continue;
        };
        let id = part.journey.id.as_str();
        let current = target.id.as_str();
        if !declared.contains(current) {
            let others = declared.iter().map(String::as_str).filter(|j| *j != id);
            let listing = Listing::Otherwise(msg!("list.journeys"));
            let help = did_you_mean(current, others, listing).help;
            diagnostics.push(
                Diagnostic::error(
                    Code::UnknownJourney,
                    target.location.clone(),
                    msg!("error.unknown_desired_for", current),
                )
                .with_help(help),
            );
        } else if designs.contains_key(current) {
            diagnostics.push(
                Diagnostic::error(
                    Code::DesiredOfDesired,
                    target.location.clone(),
                    msg!("error.desired_of_desired", current),
                )
                .with_help(msg!("help.desired_of_desired", current)),
            );
        } else if let Some((first, at)) = design_of.get(current) {
            diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateDesired,
                    target.location.clone(),
                    msg!("error.duplicate_desired", current, first),
                )
                .with_help(msg!("help.duplicate_desired", first, at)),
            );
        } else {
            design_of.insert(current, (id, &target.location));
        }
    }
    for part in &parts {
        let id = part.journey.id.as_str();
        let is_design = part.desired_for.is_some();
        let design = design_of.get(id).map(|(d, _)| *d);
        for at in &part.targets {
            let (message, help) = if is_design {
                (
                    msg!("error.target_in_design"),
                    msg!("help.target_in_design"),
                )
            } else if let Some(design) = design {
                (
                    msg!("error.target_beside_design", id, design),
                    msg!("help.target_beside_design", design),
                )
            } else {
                continue;
            };
            diagnostics.push(
                Diagnostic::error(Code::TargetWithDesired, at.clone(), message).with_help(help),
            );
        }
        if is_design {
            for at in &part.inline_promises {
                diagnostics.push(
                    Diagnostic::error(
                        Code::PromiseInDesign,
                        at.clone(),
                        msg!("error.promise_in_design"),
                    )
                    .with_help(msg!("help.promise_in_design")),
                );
            }
        }
        check_creates(part, design.and_then(|d| find(&parts, d)), diagnostics);
    }
    let (desired, current): (Vec<Parts>, Vec<Parts>) =
        parts.into_iter().partition(|p| p.desired_for.is_some());
    let mut current: Vec<Arc<Journey>> = current.into_iter().map(|p| p.journey).collect();
    let mut desired: Vec<Arc<Journey>> = desired.into_iter().map(|p| p.journey).collect();
    current.sort_by(|a, b| a.id.cmp(&b.id));
    desired.sort_by(|a, b| a.id.cmp(&b.id));
    (current, desired)
}

fn find<'a>(parts: &'a [Parts], id: &str) -> Option<&'a Journey> {
    parts
        .iter()
        .map(|p| p.journey.as_ref())
        .find(|j| j.id == id)
}

/// `creates` names touchpoints of the journey's desired journey.
fn check_creates(part: &Parts, design: Option<&Journey>, diagnostics: &mut Diagnostics) {
    for created in &part.creates {
        let id = created.id.as_str();
        let help = match design {
            Some(design) if design.touchpoint(id).is_some() => continue,
            Some(design) => {
                let ids: Vec<&str> = design.touchpoints().map(|(_, t)| t.id.as_str()).collect();
                let ids = ids.iter().copied();
                let listing =
                    Listing::Otherwise(msg!("list.touchpoints_of", journey_id = &design.id));
                did_you_mean(id, ids, listing).help
            }
            None => msg!("help.creates_without_design", journey = &part.journey.id),
        };
        diagnostics.push(
            Diagnostic::error(
                Code::UnknownTouchpoint,
                created.location.clone(),
                msg!("error.no_touchpoint_in_design", id),
            )
            .with_help(help),
        );
    }
}
