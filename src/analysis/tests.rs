//! Every derived term and finding pinned on small hand-computed projects, loaded through the
//! real loader so the model is exactly what users get.

use super::*;
use crate::diagnostics::{Code, FindingSeverity};
use crate::labels::Labels;
use crate::model::Project;
use crate::test_support::{journey, project};

fn codes(findings: &[Finding]) -> Vec<(&'static str, Vec<String>)> {
    findings
        .iter()
        .map(|f| (f.code.as_str(), f.touchpoints.clone()))
        .collect()
}

fn single(touchpoints: &[&str]) -> (Project, Analysis) {
    let p = project("", "", &[("j", &journey(touchpoints))]);
    let a = analyse(&p);
    (p, a)
}

#[test]
fn impressions_and_counts() {
    let (_, a) = single(&[
        "{name: A, kind: human, emotion: 3}",
        "{name: B, kind: human, emotion: 2}",
        "{name: C, kind: functional, emotion: 1, moment: truth}",
        "{name: D, kind: mechanical, emotion: -2}",
        "{name: E, kind: functional, emotion: -3, moment: excel}",
    ]);
    let j = &a.journeys[0];
    use Impression::*;
    assert_eq!(
        j.impressions,
        [Magic, Positive, Neutral, Negative, Miserable]
    );
    assert_eq!(j.counts.touchpoints, 5);
    assert_eq!(j.counts.by_kind[&crate::model::Kind::Human], 2);
    assert_eq!(j.counts.by_kind[&crate::model::Kind::Functional], 2);
    assert_eq!(j.counts.by_kind[&crate::model::Kind::Mechanical], 1);
    assert_eq!(j.counts.by_moment[&crate::model::Moment::Standard], 3);
    assert_eq!(j.counts.by_moment[&crate::model::Moment::Truth], 1);
    assert_eq!(j.counts.by_moment[&crate::model::Moment::Excel], 1);
    assert_eq!(j.counts.impression(Magic), 1);
    assert_eq!(a.counts, j.counts, "site counts add up the journeys");
}

#[test]
fn peak_end_current_and_desired() {
    let (_, a) = single(&[
        "{name: A, kind: human, emotion: -2, target: 1}",
        "{name: B, kind: human, emotion: 2}",
        "{name: C, kind: human, emotion: 0, target: 3}",
    ]);
    let j = &a.journeys[0];
    assert_eq!(
        j.current.peak.touchpoint, "b",
        "tie between -2 and 2: the later one"
    );
    assert_eq!(j.current.end.touchpoint, "c");
    assert_eq!(j.current.remembered, 1.0);
    assert_eq!(j.current.mean, 0.0);
    let desired = j.desired.as_ref().unwrap();
    assert_eq!(desired.peak.touchpoint, "c", "desired curve: 1, 2, 3");
    assert_eq!(desired.remembered, 3.0);
    assert_eq!(desired.mean, 2.0);
}

#[test]
fn no_targets_means_no_desired_curve() {
    let (_, a) = single(&["{name: A, kind: human, emotion: 1}"]);
    assert!(a.journeys[0].desired.is_none());
}

#[test]
fn handoffs_need_two_owners_that_differ() {
    let yaml = "title: T\nstages:\n  - name: One\n    touchpoints:\n      - {name: A, kind: human, emotion: 0, owner: sales}\n      - {name: B, kind: human, emotion: 0, owner: sales}\n      - {name: C, kind: human, emotion: 0, owner: billing}\n      - {name: D, kind: human, emotion: 0}\n      - {name: E, kind: human, emotion: 0, owner: sales}\n  - name: Two\n    touchpoints:\n      - {name: F, kind: human, emotion: 0, owner: metering}\n";
    let p = project("", "", &[("j", yaml)]);
    let a = analyse(&p);
    let j = &a.journeys[0];
    let pairs: Vec<(&str, &str, bool)> = j
        .handoffs
        .iter()
        .map(|h| (h.from.as_str(), h.to.as_str(), h.within_stage))
        .collect();
    assert_eq!(
        pairs,
        [("b", "c", true), ("e", "f", false)],
        "no handoff around the touchpoint without owner"
    );
    assert_eq!(j.handoffs[0].from_owner, "sales");
    assert_eq!(j.handoffs[0].to_owner, "billing");
    let per_stage: Vec<usize> = j.handoffs_per_stage.iter().map(|s| s.count).collect();
    assert_eq!(
        per_stage,
        [1, 0],
        "a handoff across stages counts in no stage"
    );
}

#[test]
fn a_journey_without_owners_has_no_handoffs() {
    let (_, a) = single(&[
        "{name: A, kind: human, emotion: 1}",
        "{name: B, kind: human, emotion: 3}",
    ]);
    assert!(a.journeys[0].handoffs.is_empty());
    assert!(
        a.journeys[0]
            .handoffs_per_stage
            .iter()
            .all(|s| s.count == 0)
    );
}

#[test]
fn handoff_chain_is_found_above_the_limit_only() {
    let chain = |owners: &[&str]| {
        let tps: Vec<String> = owners
            .iter()
            .enumerate()
            .map(|(i, o)| format!("{{name: T{i}, kind: human, emotion: 3, owner: {o}}}"))
            .collect();
        journey(&tps.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let site = "findings:\n  max_handoffs_in_a_row: 2\n";
    let at_limit = project(site, "", &[("j", &chain(&["a", "b", "c"]))]);
    assert!(codes(&analyse(&at_limit).journeys[0].findings).is_empty());
    let above = project(site, "", &[("j", &chain(&["a", "b", "c", "a"]))]);
    let a = analyse(&above);
    assert_eq!(codes(&a.journeys[0].findings)[0].0, "handoff-chain");
    assert!(
        a.journeys[0].findings[0]
            .message(&Labels::english())
            .contains("a → b → c → a"),
        "{}",
        a.journeys[0].findings[0].message(&Labels::english())
    );
    let strict = project(
        "findings:\n  max_handoffs_in_a_row: 0\n",
        "",
        &[("j", &chain(&["a", "b"]))],
    );
    assert_eq!(
        codes(&analyse(&strict).journeys[0].findings)[0].0,
        "handoff-chain"
    );
}

#[test]
fn repeated_asks_count_each_touchpoint_once() {
    let (_, a) = single(&[
        "{name: A, kind: human, emotion: 3, asks: [customer-number, customer-number]}",
        "{name: B, kind: human, emotion: 0, asks: [address]}",
        "{name: C, kind: human, emotion: 0, asks: [customer-number]}",
    ]);
    let j = &a.journeys[0];
    assert_eq!(j.repeated_asks.len(), 1);
    assert_eq!(j.repeated_asks[0].item, "customer-number");
    assert_eq!(j.repeated_asks[0].touchpoints, ["a", "c"]);
    let finding = &j.findings[0];
    assert_eq!(finding.code, Code::RepeatedAsk);
    assert_eq!(
        finding.location.line(),
        Some(7),
        "at the second touchpoint that asks"
    );
}

#[test]
fn improvements_use_custom_weights_and_share_ranks_on_ties() {
    let site = "criteria:\n  - {id: ease, weight: 3}\n  - {id: reach, label: Reach, weight: 1}\n";
    let yaml = format!(
        "{}improvements:\n  - {{title: First, scores: {{ease: 1, reach: 5}}}}\n  - {{title: Second, scores: {{ease: 5, reach: 1}}}}\n  - {{title: Third, scores: {{ease: 5, reach: 1}}}}\n",
        journey(&["{name: A, kind: human, emotion: 3}"])
    );
    let p = project(site, "", &[("j", &yaml)]);
    let a = analyse(&p);
    let ranked: Vec<(&str, f64, usize)> = a.journeys[0]
        .improvements
        .iter()
        .map(|r| (r.title.as_str(), r.score, r.rank))
        .collect();
    assert_eq!(
        ranked,
        [("Second", 4.0, 1), ("Third", 4.0, 1), ("First", 2.0, 3)]
    );
}

#[test]
fn moment_findings_at_their_boundaries() {
    let (_, a) = single(&[
        "{name: Truth on the bound, kind: human, emotion: -1, moment: truth}",
        "{name: Truth below, kind: human, emotion: -2, moment: truth}",
        "{name: Excel on the bound, kind: human, emotion: 1, moment: excel}",
        "{name: Excel above, kind: human, emotion: 2, moment: excel}",
        "{name: Miserable, kind: human, emotion: -3}",
        "{name: Ends on the bound, kind: human, emotion: -1}",
    ]);
    let found = codes(&a.journeys[0].findings);
    assert_eq!(
        found,
        [
            ("truth-below-zone", vec!["truth-below".to_string()]),
            ("miserable-moment", vec!["miserable".to_string()]),
            ("excel-not-positive", vec!["excel-on-the-bound".to_string()]),
            ("no-magic-moment", vec![]),
        ],
        "a score exactly on the zone's bound is not below it; an excel moment on the upper bound is not positive; ending at -1 is not low"
    );
}

#[test]
fn low_ending_and_magic_with_a_custom_scale() {
    let site = "scale: {min: -5, max: 5, indifference: [-2, 2], magic: 4, miserable: -4}\n";
    let p = project(
        site,
        "",
        &[(
            "j",
            &journey(&[
                "{name: A, kind: human, emotion: 4}",
                "{name: B, kind: human, emotion: -3}",
            ]),
        )],
    );
    let a = analyse(&p);
    assert_eq!(
        a.journeys[0].impressions,
        [Impression::Magic, Impression::Negative]
    );
    assert_eq!(
        codes(&a.journeys[0].findings),
        [("low-ending", vec!["b".to_string()])]
    );
    let message = a.journeys[0].findings[0].message(&Labels::english());
    assert!(
        message.contains("\u{201c}B\u{201d}") && !message.contains("(b)") && message.contains("-3"),
        "{message}"
    );
}

const PROMISES: &str = "- {id: registered, text: From the register}\n- {id: never-used, text: Nobody makes or keeps this}\n";

#[test]
fn promise_traces_statuses_and_consistency_indices() {
    let one = journey(&[
        "{name: Advert, kind: functional, emotion: 3, promises: [registered, {id: inline, text: Made inline}]}",
        "{name: Keeps, kind: human, emotion: 1, delivers: [{promise: registered, result: exceeded}]}",
        "{name: Partly, kind: human, emotion: 0, delivers: [{promise: inline, result: partly, evidence: Late}]}",
    ]);
    let two = journey(&[
        "{name: Breaks, kind: human, emotion: 3, delivers: [{promise: registered, result: broken}]}",
        "{name: Promises more, kind: human, emotion: 3, promises: [{id: orphan, text: Made but never kept}]}",
    ]);
    let p = project("", PROMISES, &[("one", &one), ("two", &two)]);
    let a = analyse(&p);
    let status: Vec<(&str, PromiseStatus)> = a
        .promises
        .iter()
        .map(|t| (t.id.as_str(), t.status))
        .collect();
    assert_eq!(
        status,
        [
            ("registered", PromiseStatus::Broken),
            ("never-used", PromiseStatus::Undelivered),
            ("inline", PromiseStatus::AtRisk),
            ("orphan", PromiseStatus::Undelivered),
        ]
    );
    let registered = &a.promises[0];
    assert_eq!(registered.made_at.len(), 1);
    assert_eq!(registered.made_at[0].journey, "one");
    assert_eq!(registered.deliveries.len(), 2);
    assert_eq!(
        a.promises[2].deliveries[0].evidence.as_deref(),
        Some("Late")
    );
    // one: exceeded 1 + partly 0.5 over 2 = 75 %.
    assert_eq!(a.journey("one").unwrap().consistency_index, Some(75.0));
    // two: broken 0 + its undelivered `orphan` 0 over 2 = 0 %.
    assert_eq!(a.journey("two").unwrap().consistency_index, Some(0.0));
    // site: 1 + 0.5 + 0 over 3 deliveries + 2 undelivered = 30 %.
    assert_eq!(a.consistency_index, Some(30.0));
    let site: Vec<_> = a
        .site_findings
        .iter()
        .map(|f| (f.code.as_str(), f.promise.clone()))
        .collect();
    assert_eq!(
        site,
        [("undelivered-promise", Some("never-used".to_string()))]
    );
    let two_codes: Vec<&str> = a
        .journey("two")
        .unwrap()
        .findings
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    assert_eq!(two_codes, ["broken-promise", "undelivered-promise"]);
    let one_codes: Vec<&str> = a
        .journey("one")
        .unwrap()
        .findings
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    assert_eq!(one_codes, ["promise-at-risk"]);
}

#[test]
fn a_delivery_before_its_promise_in_the_same_journey_is_found() {
    let yaml = journey(&[
        "{name: Early, kind: human, emotion: 3, delivers: [{promise: registered, result: kept}]}",
        "{name: Advert, kind: functional, emotion: 1, promises: [registered]}",
    ]);
    let other = journey(&[
        "{name: Elsewhere, kind: human, emotion: 3, delivers: [{promise: registered, result: kept}]}",
    ]);
    let p = project("", PROMISES, &[("j", &yaml), ("k", &other)]);
    let a = analyse(&p);
    let found: Vec<_> = a
        .journey("j")
        .unwrap()
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.touchpoints.clone()))
        .collect();
    assert_eq!(
        found,
        [("delivery-before-promise", vec!["early".to_string()])]
    );
    assert!(
        a.journey("k").unwrap().findings.is_empty(),
        "a delivery in a journey where the promise is not made is not early"
    );
}

#[test]
fn a_journey_without_deliveries_has_no_consistency_index() {
    let (_, a) = single(&["{name: A, kind: human, emotion: 3}"]);
    assert_eq!(a.journeys[0].consistency_index, None);
    assert_eq!(a.consistency_index, None);
}

#[test]
fn findings_name_the_touchpoint_and_point_at_it() {
    let (_, a) = single(&["{name: Queue at the desk, kind: human, emotion: -3, moment: truth}"]);
    let all = a.findings();
    let found: Vec<&str> = all.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(
        found,
        [
            "miserable-moment",
            "truth-below-zone",
            "low-ending",
            "no-magic-moment",
        ],
        "most severe first, then by place: the journey's own finding before the touchpoint's"
    );
    let miserable = all[0];
    assert!(
        miserable
            .message(&Labels::english())
            .contains("\u{201c}Queue at the desk\u{201d} is a Miserable Moment"),
        "{}",
        miserable.message(&Labels::english())
    );
    assert!(miserable.message(&Labels::english()).contains("-3"));
    assert_eq!(miserable.location.file.as_ref(), "content/journeys/j.yaml");
    assert_eq!(miserable.location.line(), Some(5));
}

#[test]
fn the_analysis_serialises_deterministically() {
    let (_, a) = single(&[
        "{name: A, kind: human, emotion: 3, owner: x, asks: [n]}",
        "{name: B, kind: human, emotion: -3, owner: y, asks: [n]}",
    ]);
    let first = serde_json::to_string(&a).unwrap();
    let second = serde_json::to_string(&analyse(
        &single(&[
            "{name: A, kind: human, emotion: 3, owner: x, asks: [n]}",
            "{name: B, kind: human, emotion: -3, owner: y, asks: [n]}",
        ])
        .0,
    ))
    .unwrap();
    assert_eq!(first, second);
    let value: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(
        value["journeys"][0]["impressions"],
        serde_json::json!(["magic", "miserable"])
    );
    assert_eq!(
        value["journeys"][0]["findings"][0]["code"],
        "miserable-moment"
    );
    assert_eq!(value["journeys"][0]["counts"]["by_kind"]["human"], 2);
}

#[test]
fn reusing_a_previous_analysis_gives_the_same_analysis() {
    let promises = "- {id: fast, text: Fast}\n- {id: kind, text: Kind}\n";
    let one = journey(&[
        "{name: A, kind: human, emotion: 1, promises: [fast, kind]}",
        "{name: B, kind: human, emotion: -3, moment: truth}",
    ]);
    let two =
        journey(&["{name: C, kind: human, emotion: 2, delivers: [{promise: fast, result: kept}]}"]);
    let before = project("", promises, &[("one", &one), ("two", &two)]);
    let previous = analyse(&before);
    let edits = [
        ("two", two.replace("result: kept", "result: broken")),
        ("one", one.replace("emotion: -3", "emotion: 2")),
        (
            "two",
            two.replace(", delivers: [{promise: fast, result: kept}]", ""),
        ),
    ];
    for (id, yaml) in edits {
        let journeys = [("one", one.clone()), ("two", two.clone())]
            .map(|(j, y)| (j, if j == id { yaml.clone() } else { y }));
        let after = project(
            "",
            promises,
            &[
                (journeys[0].0, &journeys[0].1),
                (journeys[1].0, &journeys[1].1),
            ],
        );
        let reused = analyse_reusing(&after, Some((&before, &previous)));
        assert_eq!(reused, analyse(&after), "after editing {id}");
        assert_ne!(reused, previous, "the edit of {id} shows");
    }
}

#[test]
fn findings_come_most_severe_first_and_accepts_mark_their_matches() {
    let yaml = format!(
        "{}accept:\n  - {{finding: repeated-ask, touchpoint: b, reason: Asked on purpose}}\n  - {{finding: low-ending, touchpoint: a, reason: Stale}}\n  - {{finding: miserable-moment, reason: Known}}\n",
        journey(&[
            "{name: A, kind: human, emotion: 3, asks: [card]}",
            "{name: B, kind: human, emotion: -3, asks: [card]}",
            "{name: C, kind: human, emotion: 0, moment: excel}",
        ])
    );
    let p = project("", "", &[("j", &yaml)]);
    let j = &analyse(&p).journeys[0];
    let found: Vec<(&str, FindingSeverity, Option<&str>)> = j
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.severity, f.accepted.as_deref()))
        .collect();
    use FindingSeverity::*;
    assert_eq!(
        found,
        [
            ("miserable-moment", High, Some("Known")),
            ("excel-not-positive", Medium, None),
            ("repeated-ask", Low, Some("Asked on purpose")),
        ]
    );
    assert_eq!(j.unmatched_accepts, [1], "no low ending at `a`");
    assert_eq!(j.open_findings().count(), 1);
    let message = j.findings[0].message(&Labels::english());
    assert!(
        message.starts_with("\u{201c}B\u{201d} is a Miserable Moment"),
        "{message}"
    );
}

#[test]
fn every_finding_code_has_a_severity_and_no_other_code_has_one() {
    let with: Vec<Code> = crate::diagnostics::FINDINGS
        .iter()
        .map(|(c, _)| *c)
        .collect();
    assert_eq!(with.len(), 20);
    for code in &with {
        assert!(code.finding_severity().is_some(), "{code}");
    }
    assert_eq!(Code::UnknownKey.finding_severity(), None);
    assert_eq!(Code::UnmatchedAccept.finding_severity(), None);
}

/// A journey of stages, each a list of touchpoints written as YAML flow mappings.
fn staged(stages: &[&[&str]]) -> String {
    let mut yaml = String::from("title: Test\nstages:\n");
    for (i, touchpoints) in stages.iter().enumerate() {
        yaml.push_str(&format!("  - name: Stage {i}\n    touchpoints:\n"));
        for t in *touchpoints {
            yaml.push_str(&format!("      - {t}\n"));
        }
    }
    yaml
}

#[test]
fn two_handoffs_in_a_row_across_a_stage_boundary_are_a_chain() {
    let across = staged(&[
        &["{name: Calls, kind: human, emotion: 0, owner: customer-service}"],
        &[
            "{name: Transferred, kind: human, emotion: -1, owner: technical-faults}",
            "{name: Gets an e-mail, kind: functional, emotion: 0, owner: billing}",
        ],
    ]);
    let p = project("", "", &[("j", &across)]);
    let a = analyse(&p);
    let j = &a.journeys[0];
    assert_eq!(j.handoffs.len(), 2);
    assert!(
        !j.handoffs[0].within_stage,
        "the first crosses the stage boundary"
    );
    let chains: Vec<_> = j
        .findings
        .iter()
        .filter(|f| f.code == Code::HandoffChain)
        .collect();
    assert_eq!(chains.len(), 1, "{:?}", codes(&j.findings));
    assert_eq!(
        chains[0].touchpoints,
        ["calls", "transferred", "gets-an-e-mail"]
    );
    let message = chains[0].message(&Labels::english());
    assert!(
        message.contains("customer-service → technical-faults → billing"),
        "{message}"
    );
    // One handoff, then the same owner again: no run of two.
    let single = staged(&[
        &["{name: Calls, kind: human, emotion: 0, owner: customer-service}"],
        &[
            "{name: Transferred, kind: human, emotion: -1, owner: technical-faults}",
            "{name: Fixed, kind: functional, emotion: 0, owner: technical-faults}",
        ],
    ]);
    let a = analyse(&project("", "", &[("j", &single)]));
    assert!(
        codes(&a.journeys[0].findings)
            .iter()
            .all(|(c, _)| *c != "handoff-chain")
    );
    // Raising the limit to two lets the first journey pass.
    let a = analyse(&project(
        "findings: {max_handoffs_in_a_row: 2}\n",
        "",
        &[("j", &across)],
    ));
    assert!(
        codes(&a.journeys[0].findings)
            .iter()
            .all(|(c, _)| *c != "handoff-chain")
    );
}

fn blueprint_codes(touchpoints: &[&str], promises: &str) -> Vec<(&'static str, Vec<String>)> {
    let p = project("", promises, &[("j", &journey(touchpoints))]);
    let a = analyse(&p);
    codes(&a.journeys[0].findings)
        .into_iter()
        .filter(|(c, _)| {
            [
                "fail-point-at-truth",
                "invisible-handoff",
                "unsupported-promise",
            ]
            .contains(c)
        })
        .collect()
}

#[test]
fn a_fail_point_behind_a_moment_of_truth_is_found() {
    let found = blueprint_codes(
        &[
            "{name: A, kind: human, emotion: 0, moment: truth, support: [{text: CRM, fail: true}]}",
            "{name: B, kind: human, emotion: 0, support: [{text: CRM, fail: true}]}",
            "{name: C, kind: human, emotion: 0, moment: truth, support: [CRM]}",
        ],
        "",
    );
    assert_eq!(found, [("fail-point-at-truth", vec!["a".to_string()])]);
}

#[test]
fn work_behind_a_touchpoint_owned_elsewhere_is_an_invisible_handoff() {
    let found = blueprint_codes(
        &[
            "{name: A, kind: human, emotion: 0, owner: service, backstage: [{text: x, owner: it}], frontstage: [{text: y, owner: sales}]}",
            "{name: B, kind: human, emotion: 0, owner: service, backstage: [{text: x, owner: service}], support: [untouched]}",
            "{name: C, kind: human, emotion: 0, support: [{text: x, owner: it}]}",
        ],
        "",
    );
    assert_eq!(found, [("invisible-handoff", vec!["a".to_string()])]);
}

#[test]
fn a_promise_delivered_with_nothing_behind_it_is_unsupported() {
    let promises = "- {id: fast, text: Fast.}\n";
    let found = blueprint_codes(
        &[
            "{name: A, kind: human, emotion: 0, promises: [fast], evidence: [leaflet]}",
            "{name: B, kind: human, emotion: 0, delivers: [{promise: fast, result: kept}], frontstage: [smiles]}",
            "{name: C, kind: human, emotion: 0, delivers: [{promise: fast, result: kept}], backstage: [checks]}",
        ],
        promises,
    );
    assert_eq!(found, [("unsupported-promise", vec!["b".to_string()])]);
    let without_lanes = blueprint_codes(
        &[
            "{name: A, kind: human, emotion: 0, promises: [fast]}",
            "{name: B, kind: human, emotion: 0, delivers: [{promise: fast, result: kept}]}",
        ],
        promises,
    );
    assert!(
        without_lanes.is_empty(),
        "a journey without lanes has no blueprint to judge"
    );
}
