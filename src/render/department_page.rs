//! The departments index (every department with its counts, and the handoff matrix) and a
//! department's page, as template data.

use super::links;
use crate::address;
use crate::analysis::departments::{At, Department, Departments};
use crate::labels::Labels;
use crate::model::{Enumerated, Project};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The link to a department's page, by its address segment.
pub fn link(slug: &str) -> String {
    address::link(&address::department_page(slug))
}

fn place(at: &At<'_>) -> Value {
    json!({
        "journey": at.journey.title,
        "journey_link": links::journey(&at.journey.id),
        "stage": at.stage.name,
        "touchpoint": at.touchpoint.name,
        "touchpoint_link": links::touchpoint(&at.journey.id, &at.touchpoint.id),
    })
}

/// The departments index: each department with its counts, and the matrix of handoffs
/// (rows hand over, columns take over) with its totals.
pub fn index(
    departments: &Departments<'_>,
    project: &Project,
    slugs: &BTreeMap<&str, String>,
) -> Value {
    let site = &project.site;
    let rows: Vec<Value> = departments
        .list
        .iter()
        .map(|d| {
            json!({
                "name": site.owner_name(d.owner),
                "link": slugs.get(d.owner).map(|s| link(s)),
                "touchpoints": d.touchpoints.len(),
                "items": d.items.len(),
                "fail_points": d.fail_points(),
                "handoffs_out": d.handoffs_out.values().sum::<usize>(),
                "handoffs_in": d.handoffs_in.values().sum::<usize>(),
                "findings": d.findings.len(),
            })
        })
        .collect();
    let in_matrix: Vec<&str> = departments
        .list
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
        "departments": rows,
        "matrix": {
            "columns": in_matrix.iter().map(|o| site.owner_name(o)).collect::<Vec<_>>(),
            "rows": matrix,
            "totals": column_totals,
            "total": departments.matrix.values().sum::<usize>(),
        },
    })
}

/// A department's page: its touchpoints, lane items, handoffs, asks, promises and findings.
pub fn page(
    department: &Department<'_>,
    project: &Project,
    labels: &Labels,
    slugs: &BTreeMap<&str, String>,
) -> Value {
    let site = &project.site;
    let other = |owner: &str, count: &usize| {
        json!({
            "name": site.owner_name(owner),
            "link": slugs.get(owner).map(|s| link(s)),
            "count": count,
        })
    };
    let promise_text = |id: &str| {
        project
            .promise(id)
            .map_or_else(|| id.to_string(), |p| p.text.clone())
    };
    json!({
        "name": site.owner_name(department.owner),
        "owner": department.owner,
        "touchpoints": department.touchpoints.iter().map(|t| {
            let mut row = place(&t.at);
            row["emotion"] = json!(t.at.touchpoint.emotion);
            row["moment"] = json!(labels.of(t.at.touchpoint.moment));
            row["impression"] = json!(t.impression.map(|i| i.as_str()));
            row["impression_label"] = json!(t.impression.map(|i| labels.of(i)));
            row
        }).collect::<Vec<_>>(),
        "items": department.items.iter().map(|i| {
            let mut row = place(&i.at);
            row["lane"] = json!(labels.of(i.lane));
            row["text"] = json!(i.item.text);
            row["system"] = json!(i.item.system);
            row["wait"] = json!(i.item.wait);
            row["fail"] = json!(i.item.fail);
            row
        }).collect::<Vec<_>>(),
        "fail_points": department.fail_points(),
        "handoffs_out": department.handoffs_out.iter().map(|(o, c)| other(o, c)).collect::<Vec<_>>(),
        "handoffs_in": department.handoffs_in.iter().map(|(o, c)| other(o, c)).collect::<Vec<_>>(),
        "asks": department.asks.iter().map(|(at, item)| {
            let mut row = place(at);
            row["item"] = json!(item);
            row
        }).collect::<Vec<_>>(),
        "promises_made": department.promises_made.iter().map(|(at, id)| {
            let mut row = place(at);
            row["promise"] = json!(promise_text(id));
            row
        }).collect::<Vec<_>>(),
        "letdowns": department.letdowns.iter().map(|l| {
            let mut row = place(&l.at);
            row["promise"] = json!(promise_text(l.promise));
            row["result"] = json!(l.result.as_str());
            row["result_label"] = json!(labels.of(l.result));
            row
        }).collect::<Vec<_>>(),
        "findings": department.findings.iter().map(|f| json!({
            "code": f.code.as_str(),
            "severity": f.severity.as_str(),
            "severity_label": labels.get(&format!("severity.{}", f.severity.as_str())),
            "message_html": super::markdown::message_html(&f.message(labels)),
            "journey_link": f.journey.as_deref().map(links::journey),
        })).collect::<Vec<_>>(),
    })
}
