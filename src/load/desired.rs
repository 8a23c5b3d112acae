//! Desired journeys: a journey file with `desired_for: <journey id>` is the design of that
//! current journey. Checks the rules that need every journey (the named journey exists and
//! is current, one design per journey, no targets beside a design, `creates` names the
//! design's touchpoints) and sets the designs apart from today's journeys.

use super::journey::PromiseReference;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Listing, Location, did_you_mean};
use crate::model::Journey;
use std::collections::{BTreeMap, BTreeSet};

/// What the desired-journey rules need of one journey file.
pub struct Parts {
    /// The journey as read.
    pub journey: Journey,
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
) -> (Vec<Journey>, Vec<Journey>) {
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
            let help = did_you_mean(current, others, Listing::Otherwise("the journeys")).help;
            diagnostics.push(
                Diagnostic::error(
                    Code::UnknownJourney,
                    target.location.clone(),
                    format!("`desired_for` names the journey `{current}`, which does not exist"),
                )
                .with_help(Some(help)),
            );
        } else if designs.contains_key(current) {
            diagnostics.push(
                Diagnostic::error(
                    Code::DesiredOfDesired,
                    target.location.clone(),
                    format!(
                        "`{current}` is itself a desired journey; a design is made for a current journey"
                    ),
                )
                .with_help(Some(format!(
                    "name the current journey that `{current}` is the design of, or remove `desired_for` from one of the two files"
                ))),
            );
        } else if let Some((first, at)) = design_of.get(current) {
            diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateDesired,
                    target.location.clone(),
                    format!("the journey `{current}` already has the desired journey `{first}`"),
                )
                .with_help(Some(format!(
                    "a journey has at most one desired journey ({first} names it at {at}); merge the two designs into one file"
                ))),
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
                    "a desired journey has no `target`: its emotions are the design".to_string(),
                    "write the desired emotion as the touchpoint's `emotion`".to_string(),
                )
            } else if let Some(design) = design {
                (
                    format!(
                        "`{id}` has the desired journey `{design}`, so a `target` here is not used"
                    ),
                    format!(
                        "write the desired emotion in content/journeys/{design}.yaml and remove this `target`"
                    ),
                )
            } else {
                continue;
            };
            diagnostics.push(
                Diagnostic::error(Code::TargetWithDesired, at.clone(), message)
                    .with_help(Some(help)),
            );
        }
        if is_design {
            for at in &part.inline_promises {
                diagnostics.push(
                    Diagnostic::error(
                        Code::PromiseInDesign,
                        at.clone(),
                        "a desired journey does not define promises: it makes and delivers the promises of the site",
                    )
                    .with_help(Some(
                        "define the promise in content/promises.yaml and name its id here".to_string(),
                    )),
                );
            }
        }
        check_creates(part, design.and_then(|d| find(&parts, d)), diagnostics);
    }
    let (desired, current): (Vec<Parts>, Vec<Parts>) =
        parts.into_iter().partition(|p| p.desired_for.is_some());
    let mut current: Vec<Journey> = current.into_iter().map(|p| p.journey).collect();
    let mut desired: Vec<Journey> = desired.into_iter().map(|p| p.journey).collect();
    current.sort_by(|a, b| a.id.cmp(&b.id));
    desired.sort_by(|a, b| a.id.cmp(&b.id));
    (current, desired)
}

fn find<'a>(parts: &'a [Parts], id: &str) -> Option<&'a Journey> {
    parts.iter().map(|p| &p.journey).find(|j| j.id == id)
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
                let subject = format!("the touchpoints of `{}`", design.id);
                did_you_mean(id, ids, Listing::Otherwise(&subject)).help
            }
            None => format!(
                "`creates` names touchpoints of the desired journey, and `{}` has none: add a journey file with `desired_for: {}`",
                part.journey.id, part.journey.id
            ),
        };
        diagnostics.push(
            Diagnostic::error(
                Code::UnknownTouchpoint,
                created.location.clone(),
                format!("the desired journey has no touchpoint `{id}`"),
            )
            .with_help(Some(help)),
        );
    }
}
