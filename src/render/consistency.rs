//! The consistency report: every promise with where it is made and delivered, its status
//! (worst first), the consistency index per journey and for the site, and the promise by
//! journey matrix (for up to [`MATRIX_MAX_JOURNEYS`] journeys: a wider table helps nobody).

use super::links;
use crate::analysis::{Analysis, InJourney, PromiseTrace, promise_status};
use crate::labels::Labels;
use crate::model::Project;
use serde_json::{Value, json};

/// The most journeys the promise by journey matrix (and its heat map) has columns for.
pub const MATRIX_MAX_JOURNEYS: usize = 200;

/// Whether the site-wide report has the matrix and the heat map.
pub fn site_matrix_shown(project: &Project) -> bool {
    project.journeys.len() <= MATRIX_MAX_JOURNEYS
}

/// The report for the whole site, or for the promises one journey makes or delivers.
pub fn data(project: &Project, analysis: &Analysis, labels: &Labels, only: Option<&str>) -> Value {
    let involved = |trace: &PromiseTrace| {
        only.is_none_or(|id| {
            trace.made_at.iter().any(|m| m.journey == id)
                || trace.deliveries.iter().any(|d| d.at.journey == id)
        })
    };
    let mut traces: Vec<&PromiseTrace> = analysis.promises.iter().filter(|t| involved(t)).collect();
    traces.sort_by_key(|t| t.status);
    let journey_title = |id: &str| {
        project
            .journey(id)
            .map_or(id.to_string(), |j| j.title.clone())
    };
    let touchpoint_name = |journey: &str, id: &str| {
        project
            .journey(journey)
            .and_then(|j| j.touchpoint(id))
            .map_or(id.to_string(), |t| t.name.clone())
    };
    let promises: Vec<Value> = traces
        .iter()
        .filter_map(|trace| {
            let promise = project.promise(&trace.id)?;
            let made_at: Vec<Value> = trace
                .made_at
                .iter()
                .map(|m| {
                    json!({
                        "journey": journey_title(&m.journey),
                        "touchpoint": touchpoint_name(&m.journey, &m.touchpoint),
                        "link": links::touchpoint(&m.journey, &m.touchpoint),
                    })
                })
                .collect();
            let deliveries: Vec<Value> = trace
                .deliveries
                .iter()
                .map(|d| {
                    json!({
                        "journey": journey_title(&d.at.journey),
                        "touchpoint": touchpoint_name(&d.at.journey, &d.at.touchpoint),
                        "link": links::touchpoint(&d.at.journey, &d.at.touchpoint),
                        "result": d.result.as_str(),
                        "result_label": labels.get(&format!("result.{}", d.result.as_str())),
                        "evidence": d.evidence,
                    })
                })
                .collect();
            Some(json!({
                "id": trace.id,
                "text": promise.text,
                "source": promise.source.clone().unwrap_or_else(|| labels.get("term.none").to_string()),
                "status": trace.status.as_str(),
                "status_label": labels.get(&format!("status.{}", trace.status.as_str())),
                "made_at": made_at,
                "deliveries": deliveries,
            }))
        })
        .collect();
    let journeys: Vec<&crate::model::Journey> = project
        .journeys
        .iter()
        .filter(|j| only.is_none_or(|id| j.id == id))
        .collect();
    let per_journey: Vec<Value> = journeys
        .iter()
        .map(|j| {
            let index = analysis.journey(&j.id).and_then(|a| a.consistency_index);
            json!({"title": j.title, "link": links::journey(&j.id), "index": labels.percent(index)})
        })
        .collect();
    let matrix_shown = journeys.len() <= MATRIX_MAX_JOURNEYS;
    let left_out = (!matrix_shown).then(|| {
        labels.fill(
            "consistency.matrix_left_out",
            &[
                ("max", MATRIX_MAX_JOURNEYS.to_string()),
                ("count", journeys.len().to_string()),
            ],
        )
    });
    let journeys: &[&crate::model::Journey] = if matrix_shown { &journeys } else { &[] };
    let rows: Vec<Value> = traces
        .iter()
        .filter(|_| matrix_shown)
        .filter_map(|trace| {
            let promise = project.promise(&trace.id)?;
            let by_journey = trace.by_journey();
            let cells: Vec<Value> = journeys
                .iter()
                .map(|j| cell(trace, by_journey.get(j.id.as_str()), labels))
                .collect();
            Some(json!({"id": trace.id, "text": promise.text, "cells": cells}))
        })
        .collect();
    let matrix_journeys: Vec<Value> = journeys
        .iter()
        .map(|j| json!({"title": j.title, "link": links::journey(&j.id)}))
        .collect();
    json!({
        "promises": promises,
        "journeys": per_journey,
        "show_site": only.is_none(),
        "site_index": labels.percent(analysis.consistency_index),
        "matrix": {"journeys": matrix_journeys, "rows": rows},
        "matrix_left_out": left_out,
    })
}

/// What a promise looks like in one journey: the status of its deliveries there, "made"
/// when it is only made there, or nothing.
fn cell(trace: &PromiseTrace, here: Option<&InJourney>, labels: &Labels) -> Value {
    let Some(here) = here else {
        return json!({"status": Value::Null, "label": ""});
    };
    if !here.results.is_empty() {
        let status = promise_status(here.results.iter().copied());
        return json!({"status": status.as_str(), "label": labels.get(&format!("status.{}", status.as_str()))});
    }
    if here.made {
        if trace.status == crate::analysis::PromiseStatus::Undelivered {
            return json!({"status": "undelivered", "label": labels.get("status.undelivered")});
        }
        return json!({"status": "made", "label": labels.get("consistency.made")});
    }
    json!({"status": Value::Null, "label": ""})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::model::Language;
    use crate::test_support::{journey, project};

    fn report(journeys: usize) -> Value {
        let yaml = journey(&["{name: X, kind: human, emotion: 1, promises: [p]}"]);
        let ids: Vec<String> = (0..journeys).map(|i| format!("j{i:03}")).collect();
        let files: Vec<(&str, &str)> = ids.iter().map(|id| (id.as_str(), yaml.as_str())).collect();
        let project = project("", "- {id: p, text: P}\n", &files);
        data(
            &project,
            &analyse(&project),
            &Labels::new(Language::En),
            None,
        )
    }

    #[test]
    fn the_matrix_has_a_column_per_journey_up_to_its_limit() {
        let shown = report(MATRIX_MAX_JOURNEYS);
        assert_eq!(
            shown["matrix"]["journeys"].as_array().map(Vec::len),
            Some(MATRIX_MAX_JOURNEYS)
        );
        assert_eq!(shown["matrix_left_out"], Value::Null);
        let wide = report(MATRIX_MAX_JOURNEYS + 1);
        assert_eq!(wide["matrix"]["rows"].as_array().map(Vec::len), Some(0));
        let text = wide["matrix_left_out"].as_str().unwrap_or_default();
        assert!(
            text.contains("up to 200 journeys") && text.contains("covers 201"),
            "{text}"
        );
        assert_eq!(
            wide["journeys"].as_array().map(Vec::len),
            Some(MATRIX_MAX_JOURNEYS + 1),
            "every journey keeps its index"
        );
    }
}
