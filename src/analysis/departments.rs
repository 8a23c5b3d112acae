//! What each department owns across journeys: its touchpoints and their impressions, its
//! back-stage and support items, the handoffs in and out, the asks and promises at its
//! touchpoints and the findings about them; and who hands customers to whom.

use super::promises::PromiseStatus;
use super::{Analysis, Finding, Impression};
use crate::diagnostics::Code;
use crate::model::{DeliveryResult, Journey, Lane, LaneItem, Project, Stage, Touchpoint};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A touchpoint of a journey.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    /// The journey.
    pub journey: &'a Journey,
    /// The journey's place among the project's journeys (which department page lists it).
    pub place: usize,
    /// The stage the touchpoint is in.
    pub stage: &'a Stage,
    /// The touchpoint.
    pub touchpoint: &'a Touchpoint,
}

/// A touchpoint a department owns, with the impression it leaves.
#[derive(Debug, Clone)]
pub struct OwnedTouchpoint<'a> {
    /// Where it is.
    pub at: At<'a>,
    /// Its impression.
    pub impression: Option<Impression>,
}

/// A lane item a department owns.
#[derive(Debug, Clone)]
pub struct OwnedItem<'a> {
    /// The touchpoint it stands behind.
    pub at: At<'a>,
    /// Its lane.
    pub lane: Lane,
    /// The item.
    pub item: &'a LaneItem,
}

/// A promise a department's touchpoint lets down: a delivery that breaks it or keeps it
/// partly, or a promise it makes that no touchpoint of the site delivers (the finding
/// `undelivered-promise`).
#[derive(Debug, Clone)]
pub struct Letdown<'a> {
    /// Where the promise is delivered, or made when it is never delivered.
    pub at: At<'a>,
    /// The promise's id.
    pub promise: &'a str,
    /// Broken or partly; `None` when the promise is never delivered.
    pub result: Option<DeliveryResult>,
}

/// Everything a department owns, in journey order.
#[derive(Debug, Clone, Default)]
pub struct Department<'a> {
    /// The owner as journeys write it.
    pub owner: &'a str,
    /// The journeys whose `owner` it is, each with its place among the project's journeys.
    pub journeys: Vec<(usize, &'a Journey)>,
    /// Its touchpoints.
    pub touchpoints: Vec<OwnedTouchpoint<'a>>,
    /// Its items in any lane.
    pub items: Vec<OwnedItem<'a>>,
    /// Handoffs to other departments: how often, by the department taking over.
    pub handoffs_out: BTreeMap<&'a str, usize>,
    /// Handoffs from other departments: how often, by the department handing over.
    pub handoffs_in: BTreeMap<&'a str, usize>,
    /// Information asked at its touchpoints: the touchpoint and the item.
    pub asks: Vec<(At<'a>, &'a str)>,
    /// Promises made at its touchpoints: the touchpoint and the promise's id.
    pub promises_made: Vec<(At<'a>, &'a str)>,
    /// Promises its touchpoints break or keep partly, or make and nobody delivers.
    pub letdowns: Vec<Letdown<'a>>,
    /// Open findings about its touchpoints, and those its lane items cause at another's
    /// touchpoint (a fail point behind a moment of truth, work passed on out of sight), each
    /// once, most severe first; each with its journey's place among the project's journeys
    /// (which page lists it).
    pub findings: Vec<(usize, &'a Finding)>,
    /// Where its pages start: the place (in the project's journeys) of each page's first
    /// journey (see [`crate::model::department::page_starts`]).
    pub page_starts: Vec<usize>,
}

impl Department<'_> {
    /// Which of its pages (from 0) lists what happens in the journey at `place` among the
    /// project's journeys.
    pub fn page_of(&self, place: usize) -> usize {
        self.page_starts
            .partition_point(|&start| start <= place)
            .saturating_sub(1)
    }

    /// The rows of its page `index` (from 0) among `rows` in journey order (its touchpoints,
    /// items, asks, promises made and letdowns are), found by bisection: a department of a
    /// large site has tens of pages over hundreds of thousands of rows.
    pub fn on_page<'r, T>(
        &self,
        rows: &'r [T],
        index: usize,
        place: impl Fn(&T) -> usize,
    ) -> &'r [T] {
        let start = self.page_starts.get(index).copied().unwrap_or(usize::MAX);
        let end = self
            .page_starts
            .get(index + 1)
            .copied()
            .unwrap_or(usize::MAX);
        let from = rows.partition_point(|row| place(row) < start);
        let to = rows.partition_point(|row| place(row) < end);
        rows.get(from..to).unwrap_or_default()
    }

    /// The number of fail points among its items.
    pub fn fail_points(&self) -> usize {
        self.items.iter().filter(|i| i.item.fail).count()
    }
}

/// Every department and the handoffs between them.
#[derive(Debug, Clone, Default)]
pub struct Departments<'a> {
    /// One per owner, sorted by owner.
    pub list: Vec<Department<'a>>,
    /// Handoffs by (handing over, taking over).
    pub matrix: BTreeMap<(&'a str, &'a str), usize>,
}

/// Gathers every department of a project.
pub fn departments<'a>(project: &'a Project, analysis: &'a Analysis) -> Departments<'a> {
    departments_until(project, analysis, &|| false)
}

/// [`departments`], stopped early (with what was gathered so far) once `stop` says so: for
/// `serve`, whose site-wide files are no longer wanted once a newer edit comes in (at 10,000
/// journeys the gathering takes a third of a second).
pub fn departments_until<'a>(
    project: &'a Project,
    analysis: &'a Analysis,
    stop: &dyn Fn() -> bool,
) -> Departments<'a> {
    let mut by_owner: BTreeMap<&'a str, Department<'a>> = BTreeMap::new();
    // Promises no touchpoint of the site delivers.
    let undelivered: HashSet<&str> = analysis
        .promises
        .iter()
        .filter(|t| t.status == PromiseStatus::Undelivered)
        .map(|t| t.id.as_str())
        .collect();
    let mut matrix: BTreeMap<(&'a str, &'a str), usize> = BTreeMap::new();
    for (place, journey) in project.journeys.iter().enumerate() {
        if place % 64 == 0 && stop() {
            break;
        }
        if let Some(owner) = journey.owner.as_deref() {
            entry(&mut by_owner, owner).journeys.push((place, journey));
        }
        for owner in crate::model::department::owners_of_journey(journey) {
            entry(&mut by_owner, owner);
        }
        let facts = analysis.journey(&journey.id);
        // The open findings about each touchpoint, in the journey's order.
        let mut about_touchpoint: HashMap<&str, Vec<&Finding>> = HashMap::new();
        for f in facts.into_iter().flat_map(|f| f.open_findings()) {
            for t in &f.touchpoints {
                about_touchpoint.entry(t.as_str()).or_default().push(f);
            }
        }
        // A finding about several touchpoints of one department is listed once.
        let mut listed: HashSet<(&str, *const Finding)> = HashSet::new();
        for (index, (stage, t)) in journey.touchpoints().enumerate() {
            let at = At {
                journey,
                place,
                stage,
                touchpoint: t,
            };
            if let Some(owner) = t.owner.as_deref() {
                let d = entry(&mut by_owner, owner);
                d.touchpoints.push(OwnedTouchpoint {
                    at,
                    impression: facts.and_then(|f| f.impressions.get(index).copied()),
                });
                d.asks.extend(t.asks.iter().map(|a| (at, a.as_str())));
                d.promises_made
                    .extend(t.promises.iter().map(|p| (at, p.as_str())));
                d.letdowns.extend(
                    t.promises
                        .iter()
                        .filter(|p| undelivered.contains(p.as_str()))
                        .map(|p| Letdown {
                            at,
                            promise: p.as_str(),
                            result: None,
                        }),
                );
                d.letdowns.extend(
                    t.delivers
                        .iter()
                        .filter(|d| {
                            matches!(d.result, DeliveryResult::Broken | DeliveryResult::Partly)
                        })
                        .map(|d| Letdown {
                            at,
                            promise: d.promise.as_str(),
                            result: Some(d.result),
                        }),
                );
                let about = about_touchpoint.get(t.id.as_str()).into_iter().flatten();
                for &f in about {
                    if listed.insert((owner, std::ptr::from_ref(f))) {
                        d.findings.push((place, f));
                    }
                }
            }
            for (lane, item) in t.lanes.items() {
                if let Some(owner) = item.owner.as_deref() {
                    let d = entry(&mut by_owner, owner);
                    d.items.push(OwnedItem { at, lane, item });
                    // The findings its own work causes at another's touchpoint: a fail point
                    // behind a moment of truth, work passed on out of the customer's sight.
                    let caused = |f: &Finding| {
                        (item.fail && f.code == Code::FailPointAtTruth)
                            || (lane.is_behind()
                                && t.owner.as_deref().is_some_and(|o| o != owner)
                                && f.code == Code::InvisibleHandoff)
                    };
                    let about = about_touchpoint.get(t.id.as_str()).into_iter().flatten();
                    for &f in about {
                        if caused(f) && listed.insert((owner, std::ptr::from_ref(f))) {
                            d.findings.push((place, f));
                        }
                    }
                }
            }
        }
        for h in facts.map(|f| f.handoffs.as_slice()).unwrap_or_default() {
            let (from, to) = (h.from_owner.as_str(), h.to_owner.as_str());
            *matrix.entry((from, to)).or_default() += 1;
            *entry(&mut by_owner, from)
                .handoffs_out
                .entry(to)
                .or_default() += 1;
            *entry(&mut by_owner, to)
                .handoffs_in
                .entry(from)
                .or_default() += 1;
        }
    }
    let mut list: Vec<Department<'a>> = by_owner.into_values().collect();
    if stop() {
        return Departments { list, matrix };
    }
    // In `Finding::order`, by a key with each file's place among the files instead of its
    // name: a department of a large site lists a hundred thousand findings.
    let files: HashSet<&str> = list
        .iter()
        .flat_map(|d| d.findings.iter().map(|(_, f)| &*f.location.file))
        .collect();
    let mut files: Vec<&str> = files.into_iter().collect();
    files.sort_unstable();
    let place: HashMap<&str, usize> = files.into_iter().zip(0..).collect();
    for d in &mut list {
        d.findings.sort_by_cached_key(|(_, f)| {
            f.order_key(place.get(&*f.location.file).copied().unwrap_or_default())
        });
    }
    let mut starts = crate::model::department::page_starts(&project.journeys);
    for d in &mut list {
        d.page_starts = starts.remove(d.owner).unwrap_or_else(|| vec![0]);
    }
    Departments { list, matrix }
}

fn entry<'m, 'a>(
    by_owner: &'m mut BTreeMap<&'a str, Department<'a>>,
    owner: &'a str,
) -> &'m mut Department<'a> {
    by_owner.entry(owner).or_insert_with(|| Department {
        owner,
        ..Department::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::test_support::project;
    use std::collections::BTreeSet;

    const JOURNEY: &str = "title: Repair
stages:
  - name: Contact
    touchpoints:
      - {name: Calls, kind: human, emotion: -2, owner: service, moment: truth, asks: [customer-number], promises: [fast], backstage: [{text: Looks up, owner: service}], support: [{text: CRM, owner: it, fail: true}]}
  - name: Repair
    touchpoints:
      - {name: Transferred, kind: human, emotion: -3, owner: faults, asks: [customer-number]}
      - {name: Gets an e-mail, kind: functional, emotion: 0, owner: service, delivers: [{promise: fast, result: broken}]}
      - {name: Collects, kind: human, emotion: 2, owner: store}
      - {name: Reads a review, kind: human, emotion: 0}
      - {name: Returns, kind: human, emotion: 1, owner: store}
";

    #[test]
    fn departments_hold_exactly_their_moments_and_handoffs() {
        let p = project("", "- {id: fast, text: Fast.}\n", &[("repair", JOURNEY)]);
        let a = analyse(&p);
        let d = departments(&p, &a);
        let owners: Vec<&str> = d.list.iter().map(|d| d.owner).collect();
        assert_eq!(owners, ["faults", "it", "service", "store"]);
        let service = &d.list[2];
        let names: Vec<&str> = service
            .touchpoints
            .iter()
            .map(|t| t.at.touchpoint.name.as_str())
            .collect();
        assert_eq!(names, ["Calls", "Gets an e-mail"]);
        assert_eq!(
            service.items.len(),
            1,
            "its back-stage item; the support item is IT's"
        );
        assert_eq!(
            service.handoffs_out.iter().collect::<Vec<_>>(),
            [(&"faults", &1), (&"store", &1)]
        );
        assert_eq!(
            service.handoffs_in.iter().collect::<Vec<_>>(),
            [(&"faults", &1)]
        );
        assert_eq!(service.asks.len(), 1);
        assert_eq!(service.promises_made.len(), 1);
        assert_eq!(service.letdowns.len(), 1);
        let it = &d.list[1];
        assert!(it.touchpoints.is_empty());
        assert_eq!((it.items.len(), it.fail_points()), (1, 1));
        // What its CRM causes at Calls, a moment of truth of service's: the fail point behind
        // it and the work passed to it out of the customer's sight; nothing else about Calls.
        let mut caused: Vec<&str> = it.findings.iter().map(|(_, f)| f.code.as_str()).collect();
        caused.sort_unstable();
        assert_eq!(caused, ["fail-point-at-truth", "invisible-handoff"]);
        let store = &d.list[3];
        assert!(
            store.handoffs_out.is_empty(),
            "the review has no owner: no handoff"
        );
        // Calls → Transferred → Gets an e-mail → Collects: three handoffs.
        let handoffs: usize = a.journeys.iter().map(|j| j.handoffs.len()).sum();
        assert_eq!(handoffs, 3);
        assert_eq!(d.matrix.values().sum::<usize>(), handoffs);
        assert_eq!(d.matrix[&("service", "faults")], 1);
        assert_eq!(d.matrix[&("faults", "service")], 1);
        assert_eq!(d.matrix[&("service", "store")], 1);
        let codes: Vec<&str> = service
            .findings
            .iter()
            .map(|(_, f)| f.code.as_str())
            .collect();
        assert!(codes.contains(&"fail-point-at-truth"), "{codes:?}");
        assert!(codes.contains(&"broken-promise"), "{codes:?}");
        assert!(codes.contains(&"handoff-chain"), "{codes:?}");
        assert_eq!(
            codes.iter().filter(|c| **c == "handoff-chain").count(),
            1,
            "a finding about two of its touchpoints is listed once"
        );
    }

    #[test]
    fn a_department_lists_the_journeys_it_owns() {
        let owned_by = |owner: &str| {
            JOURNEY.replace(
                "title: Repair\n",
                &format!("title: Repair\nowner: {owner}\n"),
            )
        };
        let (a, b, c) = (owned_by("service"), owned_by("board"), owned_by("service"));
        let p = project(
            "",
            "- {id: fast, text: Fast.}\n",
            &[("a", a.as_str()), ("b", b.as_str()), ("c", c.as_str())],
        );
        let analysis = analyse(&p);
        let d = departments(&p, &analysis);
        let journeys = |owner: &str| -> Vec<(usize, &str)> {
            let department = d.list.iter().find(|d| d.owner == owner).unwrap();
            department
                .journeys
                .iter()
                .map(|(place, j)| (*place, j.id.as_str()))
                .collect()
        };
        assert_eq!(journeys("service"), [(0, "a"), (2, "c")]);
        assert_eq!(journeys("board"), [(1, "b")]);
        assert!(journeys("store").is_empty());
        let board = d.list.iter().find(|d| d.owner == "board").unwrap();
        assert!(board.touchpoints.is_empty() && board.items.is_empty());
        assert_eq!(board.page_starts, [0]);
    }

    #[test]
    fn a_page_holds_exactly_the_rows_of_its_journeys() {
        let department = Department {
            page_starts: vec![0, 3, 7],
            ..Department::default()
        };
        let rows = [0, 0, 1, 3, 4, 6, 7, 9];
        for index in 0..4 {
            let by_bisection = department.on_page(&rows, index, |r| *r);
            let by_filter: Vec<usize> = (rows.iter().copied())
                .filter(|r| index < 3 && department.page_of(*r) == index)
                .collect();
            assert_eq!(by_bisection, by_filter, "page {index}");
        }
        assert_eq!(department.on_page(&rows, 1, |r| *r), [3, 4, 6]);
        assert!(
            department.on_page(&rows, 3, |r| *r).is_empty(),
            "no such page"
        );
    }

    #[test]
    fn a_department_lists_its_findings_in_finding_order_across_files() {
        // Journey ids and file names sort differently: `a-b.yaml` comes before `a.yaml`.
        let p = project(
            "",
            "- {id: fast, text: Fast.}\n",
            &[("a", JOURNEY), ("a-b", JOURNEY), ("b", JOURNEY)],
        );
        let a = analyse(&p);
        let d = departments(&p, &a);
        for department in &d.list {
            let mut expected: Vec<&Finding> = department.findings.iter().map(|(_, f)| *f).collect();
            expected.sort_by(|x, y| Finding::order(x, y));
            let listed: Vec<*const Finding> = department
                .findings
                .iter()
                .map(|(_, f)| std::ptr::from_ref(*f))
                .collect();
            let expected: Vec<*const Finding> =
                expected.iter().map(|f| std::ptr::from_ref(*f)).collect();
            assert_eq!(listed, expected, "{}", department.owner);
        }
        let service = d.list.iter().find(|d| d.owner == "service").unwrap();
        let files: BTreeSet<&str> = service
            .findings
            .iter()
            .map(|(_, f)| &*f.location.file)
            .collect();
        assert_eq!(files.len(), 3, "findings of every file");
    }

    #[test]
    fn a_promise_made_and_never_delivered_is_let_down_where_it_is_made() {
        // `bags` is made at Calls and delivered nowhere; `fast` is broken at Gets an e-mail.
        let journey = JOURNEY.replace("promises: [fast]", "promises: [fast, bags]");
        let p = project(
            "",
            "- {id: fast, text: Fast.}\n- {id: bags, text: Bags tracked.}\n",
            &[("repair", journey.as_str())],
        );
        let a = analyse(&p);
        let d = departments(&p, &a);
        let service = d.list.iter().find(|d| d.owner == "service").unwrap();
        let letdowns: Vec<(&str, &str, Option<DeliveryResult>)> = service
            .letdowns
            .iter()
            .map(|l| (l.at.touchpoint.name.as_str(), l.promise, l.result))
            .collect();
        assert_eq!(
            letdowns,
            [
                ("Calls", "bags", None),
                ("Gets an e-mail", "fast", Some(DeliveryResult::Broken)),
            ]
        );
        let codes: Vec<&str> = service
            .findings
            .iter()
            .map(|(_, f)| f.code.as_str())
            .collect();
        assert!(codes.contains(&"undelivered-promise"), "{codes:?}");
    }
}
