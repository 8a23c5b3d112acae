//! The departments index (every department with its counts, and the handoff matrix) and a
//! department's page, as template data.

use super::journey_table::{self, JourneyTable};
use super::{links, plans_page};
use crate::address;
use crate::analysis::departments::{At, Department, Departments};
use crate::analysis::{Analysis, Finding, PromiseStatus};
use crate::diagnostics::FindingSeverity;
use crate::labels::Labels;
use crate::model::{Enumerated, Project};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// The link to a department's (first) page, by its address segment.
pub fn link(slug: &str) -> String {
    address::link(&address::department_page(slug, 0))
}

/// The link to the department page of each owner that has one, by the owner as journeys
/// write it: every owner of a touchpoint, lane item, journey or plan of today's journeys. An
/// owner named only in a desired journey has no page.
#[derive(Debug, Default)]
pub struct OwnerLinks<'a> {
    links: HashMap<&'a str, String>,
}

impl<'a> OwnerLinks<'a> {
    /// The links of a project's departments.
    pub fn new(project: &'a Project) -> Self {
        let owners = crate::model::department::owners(&project.journeys);
        let links = crate::model::department::slugs(owners)
            .into_iter()
            .map(|(owner, slug)| (owner, link(&slug)))
            .collect();
        OwnerLinks { links }
    }

    /// No links at all: for a page that must not lead elsewhere (the printed report).
    pub fn none() -> Self {
        OwnerLinks::default()
    }

    /// The link to the page of an owner's department, if it has one.
    pub fn of(&self, owner: &str) -> Option<&str> {
        self.links.get(owner).map(String::as_str)
    }
}

/// Where a row of a department page is: its journey and touchpoint, with their links.
struct Place<'a> {
    journey: &'a str,
    journey_link: String,
    stage: &'a str,
    touchpoint: &'a str,
    touchpoint_link: String,
}

impl Place<'_> {
    /// The number of fields [`Place::write`] writes.
    const FIELDS: usize = 5;

    /// Writes the place's fields into a row, as `#[serde(flatten)]` would, but as fields of
    /// the row's struct: flattened, a row became a map whose every key the templates' serializer
    /// allocated (a department page has thousands of rows).
    fn write<S: SerializeStruct>(&self, row: &mut S) -> Result<(), S::Error> {
        row.serialize_field("journey", self.journey)?;
        row.serialize_field("journey_link", &self.journey_link)?;
        row.serialize_field("stage", self.stage)?;
        row.serialize_field("touchpoint", self.touchpoint)?;
        row.serialize_field("touchpoint_link", &self.touchpoint_link)
    }
}

fn place<'a>(at: &At<'a>) -> Place<'a> {
    Place {
        journey: &at.journey.title,
        journey_link: links::journey(&at.journey.id),
        stage: &at.stage.name,
        touchpoint: &at.touchpoint.name,
        touchpoint_link: links::touchpoint(&at.journey.id, &at.touchpoint.id),
    }
}

/// A touchpoint the department owns, as its page lists it.
struct OwnedRow<'a> {
    at: Place<'a>,
    emotion: &'a crate::model::Emotion,
    moment: &'a str,
    impression: Option<&'static str>,
    impression_label: Option<&'a str>,
}

impl Serialize for OwnedRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut row = serializer.serialize_struct("OwnedRow", Place::FIELDS + 4)?;
        self.at.write(&mut row)?;
        row.serialize_field("emotion", self.emotion)?;
        row.serialize_field("moment", self.moment)?;
        row.serialize_field("impression", &self.impression)?;
        row.serialize_field("impression_label", &self.impression_label)?;
        row.end()
    }
}

/// A lane item the department owns, as its page lists it.
struct ItemRow<'a> {
    at: Place<'a>,
    lane: &'a str,
    text: &'a str,
    system: &'a Option<String>,
    wait: &'a Option<String>,
    fail: bool,
}

impl Serialize for ItemRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut row = serializer.serialize_struct("ItemRow", Place::FIELDS + 5)?;
        self.at.write(&mut row)?;
        row.serialize_field("lane", self.lane)?;
        row.serialize_field("text", self.text)?;
        row.serialize_field("system", self.system)?;
        row.serialize_field("wait", self.wait)?;
        row.serialize_field("fail", &self.fail)?;
        row.end()
    }
}

/// A row that names one more thing at a touchpoint: an ask, a promise made or broken. Only
/// what it names is among its fields.
struct AtRow<'a> {
    at: Place<'a>,
    /// What is asked of the customer, as a sentence says it.
    item: Option<String>,
    promise: Option<&'a str>,
    /// The link to the promise in the consistency report.
    promise_link: Option<String>,
    result: Option<&'static str>,
    result_label: Option<&'a str>,
    /// How the site keeps a promise made here, over all its deliveries.
    status: Option<&'static str>,
    status_label: Option<&'a str>,
}

impl Serialize for AtRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut row = serializer.serialize_struct("AtRow", Place::FIELDS + 7)?;
        self.at.write(&mut row)?;
        let named = [
            ("item", self.item.as_deref()),
            ("promise", self.promise),
            ("promise_link", self.promise_link.as_deref()),
            ("result", self.result),
            ("result_label", self.result_label),
            ("status", self.status),
            ("status_label", self.status_label),
        ];
        for (key, value) in named {
            match value {
                Some(value) => row.serialize_field(key, value)?,
                None => row.skip_field(key)?,
            }
        }
        row.end()
    }
}

/// The departments index: each department with its counts, and the matrix of handoffs
/// (rows hand over, columns take over) with its totals.
pub fn index(
    departments: &Departments<'_>,
    project: &Project,
    labels: &Labels,
    slugs: &BTreeMap<&str, String>,
) -> Value {
    let site = &project.site;
    // The plans each owner owns, and those of others that change one of its touchpoints.
    let mut plans: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_others: BTreeMap<&str, usize> = BTreeMap::new();
    for journey in &project.journeys {
        for option in &journey.improvements {
            let Some(plan) = &option.plan else {
                continue;
            };
            if let Some(owner) = plan.owner.as_deref() {
                *plans.entry(owner).or_default() += 1;
            }
            for other in plans_page::changed_owners(journey, option, plan) {
                *by_others.entry(other).or_default() += 1;
            }
        }
    }
    // By the name a reader sees, as the inventory lists owners, not by the id journeys write.
    let mut list: Vec<&Department<'_>> = departments.list.iter().collect();
    list.sort_by_cached_key(|d| (site.owner_name(d.owner).to_lowercase(), d.owner));
    let rows: Vec<Value> = list
        .iter()
        .map(|d| {
            json!({
                "name": site.owner_name(d.owner),
                "link": slugs.get(d.owner).map(|s| link(s)),
                "pages": (d.page_starts.len() > 1).then(|| {
                    labels.fill("departments.pages", &[("count", d.page_starts.len().to_string())])
                }),
                "journeys": d.journeys.len(),
                "touchpoints": d.touchpoints.len(),
                "items": d.items.len(),
                "fail_points": d.fail_points(),
                "handoffs_out": d.handoffs_out.values().sum::<usize>(),
                "handoffs_in": d.handoffs_in.values().sum::<usize>(),
                "findings": d.findings.len(),
                "plans": plans.get(d.owner).copied().unwrap_or(0),
                "plans_by_others": by_others.get(d.owner).map(|count| {
                    labels.fill("departments.plans_by_others", &[("count", count.to_string())])
                }),
            })
        })
        .collect();
    let in_matrix: Vec<&str> = list
        .iter()
        .map(|d| d.owner)
        .filter(|o| departments.matrix.keys().any(|(a, b)| a == o || b == o))
        .collect();
    let matrix: Vec<Value> = in_matrix
        .iter()
        .map(|from| {
            let cells: Vec<usize> = in_matrix
                .iter()
                .map(|to| departments.matrix.get(&(*from, *to)).copied().unwrap_or(0))
                .collect();
            json!({
                "name": site.owner_name(from),
                "cells": cells,
                "total": cells.iter().sum::<usize>(),
            })
        })
        .collect();
    let column_totals: Vec<usize> = in_matrix
        .iter()
        .map(|to| {
            in_matrix
                .iter()
                .map(|from| departments.matrix.get(&(*from, *to)).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    json!({
        "has_plans": project.has_plans(),
        "has_journey_owners": departments.list.iter().any(|d| !d.journeys.is_empty()),
        "departments": rows,
        "matrix": {
            "columns": in_matrix.iter().map(|o| site.owner_name(o)).collect::<Vec<_>>(),
            "rows": matrix,
            "totals": column_totals,
            "total": departments.matrix.values().sum::<usize>(),
        },
    })
}

/// Page `index` of a department: its touchpoints, lane items, asks, promises and findings in
/// the journeys of that page, and its handoffs.
pub fn page<'a>(
    department: &Department<'a>,
    index: usize,
    project: &'a Project,
    analysis: &'a Analysis,
    labels: &'a Labels,
    slugs: &BTreeMap<&str, String>,
) -> DepartmentPage<'a> {
    let site = &project.site;
    let other = |owner: &str, count: &usize| {
        json!({
            "name": site.owner_name(owner),
            "link": slugs.get(owner).map(|s| link(s)),
            "count": count,
        })
    };
    let promise_text = |id: &'a str| project.promise(id).map_or(id, |p| p.text.as_str());
    let at_row = |at: &At<'a>| AtRow {
        at: place(at),
        item: None,
        promise: None,
        promise_link: None,
        result: None,
        result_label: None,
        status: None,
        status_label: None,
    };
    let status: HashMap<&str, PromiseStatus> = (analysis.promises.iter())
        .map(|p| (p.id.as_str(), p.status))
        .collect();
    let items = department.on_page(&department.items, index, |i| i.at.place);
    let touchpoints = department.on_page(&department.touchpoints, index, |t| t.at.place);
    DepartmentPage {
        name: site.owner_name(department.owner),
        owner: department.owner,
        touchpoints: touchpoints
            .iter()
            .map(|t| OwnedRow {
                at: place(&t.at),
                emotion: &t.at.touchpoint.emotion,
                moment: labels.of(t.at.touchpoint.moment),
                impression: t.impression.map(|i| i.as_str()),
                impression_label: t.impression.map(|i| labels.of(i)),
            })
            .collect::<Vec<_>>(),
        items: items
            .iter()
            .map(|i| ItemRow {
                at: place(&i.at),
                lane: labels.of(i.lane),
                text: &i.item.text,
                system: &i.item.system,
                wait: &i.item.wait,
                fail: i.item.fail,
            })
            .collect::<Vec<_>>(),
        fail_points: items.iter().filter(|i| i.item.fail).count(),
        handoffs_out: department
            .handoffs_out
            .iter()
            .map(|(o, c)| other(o, c))
            .collect::<Vec<_>>(),
        handoffs_in: department
            .handoffs_in
            .iter()
            .map(|(o, c)| other(o, c))
            .collect::<Vec<_>>(),
        asks: department
            .on_page(&department.asks, index, |(at, _)| at.place)
            .iter()
            .map(|(at, item)| AtRow {
                item: Some(crate::analysis::asked(item)),
                ..at_row(at)
            })
            .collect::<Vec<_>>(),
        promises_made: department
            .on_page(&department.promises_made, index, |(at, _)| at.place)
            .iter()
            .map(|(at, id)| {
                let status = status.get(id).copied();
                AtRow {
                    promise: Some(promise_text(id)),
                    promise_link: Some(links::promise(id)),
                    status: status.map(|s| s.as_str()),
                    status_label: status.map(|s| labels.of(s)),
                    ..at_row(at)
                }
            })
            .collect::<Vec<_>>(),
        letdowns: department
            .on_page(&department.letdowns, index, |l| l.at.place)
            .iter()
            .map(|l| AtRow {
                promise: Some(promise_text(l.promise)),
                promise_link: Some(links::promise(l.promise)),
                result: Some(l.result.map_or("undelivered", |r| r.as_str())),
                result_label: Some(match l.result {
                    Some(r) => labels.of(r),
                    None => labels.of(PromiseStatus::Undelivered),
                }),
                ..at_row(&l.at)
            })
            .collect::<Vec<_>>(),
        finding_groups: finding_groups(department, index, project, labels),
        facts: facts(department, labels),
        journeys: (index == 0 && !department.journeys.is_empty())
            .then(|| owned_journeys(department, project, analysis, labels)),
        owns_moments: !department.touchpoints.is_empty() || !department.items.is_empty(),
        touchpoint_filter: touchpoints.len() > journey_table::TOOLS_ABOVE,
        item_filter: items.len() > journey_table::TOOLS_ABOVE,
    }
}

/// The findings a page shows of each severity before the rest are folded away, and the most
/// a page shows unfolded at all (then only the high ones are): a department of a large site
/// has thousands.
pub const FINDINGS_SHOWN_OPEN: usize = 20;

/// The open findings about the department's touchpoints in the journeys of page `index`, by
/// severity, most severe first; each with the journey it is in.
fn finding_groups<'a>(
    department: &Department<'a>,
    index: usize,
    project: &'a Project,
    labels: &'a Labels,
) -> Vec<FindingGroup<'a>> {
    let on_page: Vec<&Finding> = department
        .findings
        .iter()
        .filter(|(place, _)| department.page_of(*place) == index)
        .map(|(_, f)| *f)
        .collect();
    let all_open = on_page.len() <= FINDINGS_SHOWN_OPEN;
    let row = |f: &Finding| {
        let journey = f.journey.as_deref().and_then(|id| project.journey(id));
        FindingRow {
            code: f.code.as_str(),
            severity: f.severity.as_str(),
            severity_label: labels.named("severity", f.severity.as_str()),
            message_html: super::markdown::message_html(&f.message(labels)),
            journey: journey.map(|j| j.title.as_str()),
            journey_link: journey.map(|j| links::journey(&j.id)),
        }
    };
    on_page
        .chunk_by(|a, b| a.severity == b.severity)
        .map(|group| {
            let severity = group.first().map_or(FindingSeverity::Low, |f| f.severity);
            let (first, rest) = group.split_at(group.len().min(FINDINGS_SHOWN_OPEN));
            FindingGroup {
                severity: severity.as_str(),
                label: labels.named("severity", severity.as_str()),
                count: group.len(),
                open: all_open || severity == FindingSeverity::High,
                findings: first.iter().map(|f| row(f)).collect(),
                more_label: (!rest.is_empty()).then(|| {
                    labels.fill(
                        "department.findings_more",
                        &[("count", rest.len().to_string())],
                    )
                }),
                more: rest.iter().map(|f| row(f)).collect(),
                kinds: if rest.is_empty() {
                    Vec::new()
                } else {
                    kinds(group, labels)
                },
            }
        })
        .collect()
}

/// The kinds of the findings of a group with how many of each, most first (ties in the order
/// of the codes).
fn kinds<'a>(group: &[&Finding], labels: &'a Labels) -> Vec<FindingKind<'a>> {
    let mut counts: BTreeMap<crate::diagnostics::Code, usize> = BTreeMap::new();
    for finding in group {
        *counts.entry(finding.code).or_default() += 1;
    }
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_by_key(|&(_, count)| std::cmp::Reverse(count));
    counts
        .into_iter()
        .map(|(code, count)| FindingKind {
            name: labels.named("rule", code.as_str()),
            count,
        })
        .collect()
}

/// The department's headline figures, over all its pages.
fn facts(department: &Department<'_>, labels: &Labels) -> DepartmentFacts {
    let mut places: Vec<usize> = (department.touchpoints.iter().map(|t| t.at.place))
        .chain(department.items.iter().map(|i| i.at.place))
        .collect();
    places.sort_unstable();
    places.dedup();
    let high = (department.findings.iter())
        .filter(|(_, f)| f.severity == FindingSeverity::High)
        .count();
    DepartmentFacts {
        touchpoints: department.touchpoints.len(),
        journeys_in: places.len(),
        journeys_owned: department.journeys.len(),
        findings: department.findings.len(),
        high: (high > 0)
            .then(|| labels.fill("department.high_count", &[("count", high.to_string())])),
        fail_points: department.fail_points(),
        letdowns: department.letdowns.len(),
        handoffs: format!(
            "{} / {}",
            department.handoffs_out.values().sum::<usize>(),
            department.handoffs_in.values().sum::<usize>()
        ),
    }
}

/// The journeys the department owns, each with its figures and how many of its touchpoints
/// the department runs itself.
fn owned_journeys<'a>(
    department: &Department<'a>,
    project: &'a Project,
    analysis: &Analysis,
    labels: &Labels,
) -> JourneyTable<'a> {
    let none = OwnerLinks::none();
    let rows = (department.journeys.iter())
        .filter_map(|&(_, journey)| {
            let own = journey
                .touchpoints()
                .filter(|(_, t)| t.owner.as_deref() == Some(department.owner))
                .count();
            let row = journey_table::row(project, journey, analysis, labels, &none)?;
            Some(row.on_department_page(own))
        })
        .collect();
    JourneyTable::new("owned-journeys", rows)
}

/// A department's page as its template gets it.
#[derive(serde::Serialize)]
pub struct DepartmentPage<'a> {
    name: &'a str,
    owner: &'a str,
    touchpoints: Vec<OwnedRow<'a>>,
    items: Vec<ItemRow<'a>>,
    fail_points: usize,
    handoffs_out: Vec<Value>,
    handoffs_in: Vec<Value>,
    asks: Vec<AtRow<'a>>,
    promises_made: Vec<AtRow<'a>>,
    letdowns: Vec<AtRow<'a>>,
    finding_groups: Vec<FindingGroup<'a>>,
    facts: DepartmentFacts,
    /// The journeys it owns; on the first page only.
    journeys: Option<JourneyTable<'a>>,
    /// Whether it owns any touchpoint or lane item (an owner of only journeys or plans does
    /// not, and its page leaves out the sections about them).
    owns_moments: bool,
    /// Whether its touchpoints on this page are many enough for a filter box.
    touchpoint_filter: bool,
    /// Whether its lane items on this page are many enough for a filter box.
    item_filter: bool,
}

/// The open findings of one severity on a department's page.
#[derive(serde::Serialize)]
struct FindingGroup<'a> {
    severity: &'a str,
    label: &'a str,
    count: usize,
    /// Shown unfolded: the high ones always, the rest when the page has few findings.
    open: bool,
    /// The first [`FINDINGS_SHOWN_OPEN`] of them.
    findings: Vec<FindingRow<'a>>,
    /// The rest, folded away behind `more_label` ("Show the other 464").
    more: Vec<FindingRow<'a>>,
    more_label: Option<String>,
    /// How many of each kind, most first; for a group longer than is shown unfolded.
    kinds: Vec<FindingKind<'a>>,
}

/// A kind of finding (its rule) and how many of a group are of it.
#[derive(serde::Serialize)]
struct FindingKind<'a> {
    name: &'a str,
    count: usize,
}

/// An open finding about one of the department's touchpoints, as its page lists it.
#[derive(serde::Serialize)]
struct FindingRow<'a> {
    code: &'a str,
    severity: &'a str,
    severity_label: &'a str,
    message_html: String,
    journey: Option<&'a str>,
    journey_link: Option<String>,
}

/// A department's headline figures, as its page shows them at the top.
#[derive(serde::Serialize)]
struct DepartmentFacts {
    touchpoints: usize,
    /// The journeys in which it owns a touchpoint or lane item.
    journeys_in: usize,
    journeys_owned: usize,
    findings: usize,
    /// How many of the findings are high, in words; `None` when none is.
    high: Option<String>,
    fail_points: usize,
    letdowns: usize,
    /// Handoffs out and in, as "2 / 1".
    handoffs: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Location};
    use crate::model::Language;

    #[test]
    fn kinds_are_counted_most_first_and_ties_in_the_order_of_the_codes() {
        let finding = |code| Finding::new(code, String::new(), Location::file("j".into()));
        let found = [
            finding(Code::TruthBelowZone),
            finding(Code::MiserableMoment),
            finding(Code::BrokenPromise),
            finding(Code::MiserableMoment),
        ];
        let group: Vec<&Finding> = found.iter().collect();
        let labels = Labels::new(Language::En);
        let kinds: Vec<(&str, usize)> = kinds(&group, &labels)
            .iter()
            .map(|k| (k.name, k.count))
            .collect();
        assert_eq!(
            kinds,
            [
                ("Miserable Moment", 2),
                ("Broken promise", 1),
                ("Moment of truth below the zone", 1)
            ]
        );
    }
}
