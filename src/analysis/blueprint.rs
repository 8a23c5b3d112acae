//! Findings about the service blueprint behind the touchpoints: fail points behind moments
//! of truth, work handed to other departments out of the customer's sight, and promises
//! delivered with nothing behind them.

use super::findings::{Finding, quote, quoted, touchpoint_finding};
use crate::diagnostics::Code;
use crate::model::{Journey, Moment, Project};

/// The blueprint findings of a journey, in journey order.
pub fn blueprint_findings(journey: &Journey, project: &Project) -> Vec<Finding> {
    let site = &project.site;
    let has_blueprint = journey.touchpoints().any(|(_, t)| !t.lanes.is_empty());
    let mut findings = Vec::new();
    for (_, t) in journey.touchpoints() {
        let fails: Vec<String> = t
            .lanes
            .items()
            .filter(|(_, i)| i.fail)
            .map(|(_, i)| quote(&i.text))
            .collect();
        if t.moment == Moment::Truth && !fails.is_empty() {
            findings.push(touchpoint_finding(
                journey,
                Code::FailPointAtTruth,
                t,
                vec![("touchpoint", quoted(t)), ("fail", fails.join(", "))],
            ));
        }
        if let Some(owner) = &t.owner {
            let mut others: Vec<&str> = Vec::new();
            let behind = t.lanes.items().filter(|(lane, _)| lane.is_behind());
            for other in behind.filter_map(|(_, i)| i.owner.as_deref()) {
                let name = site.owner_name(other);
                if other != owner && !others.contains(&name) {
                    others.push(name);
                }
            }
            if !others.is_empty() {
                findings.push(touchpoint_finding(
                    journey,
                    Code::InvisibleHandoff,
                    t,
                    vec![
                        ("touchpoint", quoted(t)),
                        ("owner", site.owner_name(owner).to_string()),
                        ("others", others.join(", ")),
                    ],
                ));
            }
        }
        if has_blueprint && !t.lanes.has_work_behind() {
            for delivery in &t.delivers {
                let promise = project
                    .promise(&delivery.promise)
                    .map_or_else(|| delivery.promise.clone(), |p| p.text.clone());
                let code = Code::UnsupportedPromise;
                findings.push(Finding {
                    location: delivery.location.clone(),
                    ..touchpoint_finding(
                        journey,
                        code,
                        t,
                        vec![
                            ("touchpoint", quoted(t)),
                            ("promise", quote(promise.trim_end_matches('.'))),
                        ],
                    )
                });
            }
        }
    }
    findings
}
