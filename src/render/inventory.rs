//! The touchpoint inventory: every touchpoint grouped by kind, with counts and cross-tables
//! of kind by channel and kind by owner.

use super::links;
use crate::analysis::Analysis;
use crate::labels::Labels;
use crate::model::{Kind, Project};
use serde::Serialize;
use std::collections::BTreeMap;

/// The inventory of one or every journey, for the inventory templates.
#[derive(Serialize)]
pub struct Inventory<'a> {
    prefix: &'a str,
    total: usize,
    kinds: Vec<KindGroup<'a>>,
    crosses: [Cross<'a>; 2],
}

/// The touchpoints of one kind.
#[derive(Serialize)]
struct KindGroup<'a> {
    kind: &'a str,
    label: &'a str,
    count: usize,
    touchpoints: Vec<Row<'a>>,
}

/// One touchpoint of the inventory.
#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    link: String,
    journey: &'a str,
    stage: &'a str,
    channel: &'a str,
    owner: &'a str,
    emotion: i32,
    impression: &'a str,
    impression_label: &'a str,
    moment_label: &'a str,
}

/// A cross-table of touchpoints by kind and a dimension (channel or owner).
#[derive(Serialize)]
struct Cross<'a> {
    title: &'a str,
    dimension: &'a str,
    rows: Vec<CrossRow<'a>>,
}

#[derive(Serialize)]
struct CrossRow<'a> {
    name: &'a str,
    total: usize,
    counts: Vec<usize>,
}

/// The inventory of every journey, or of one; `prefix` keeps anchors unique when several
/// inventories share a page.
pub fn data<'a>(
    project: &'a Project,
    analysis: &Analysis,
    labels: &'a Labels,
    only: Option<&str>,
    prefix: &'a str,
) -> Inventory<'a> {
    let unassigned = labels.get("inventory.unassigned");
    let none = labels.get("term.none");
    let mut by_kind: BTreeMap<Kind, Vec<Row<'a>>> =
        Kind::ALL.iter().map(|(_, k)| (*k, Vec::new())).collect();
    let mut by_channel: BTreeMap<&'a str, BTreeMap<Kind, usize>> = BTreeMap::new();
    let mut by_owner: BTreeMap<&'a str, BTreeMap<Kind, usize>> = BTreeMap::new();
    let mut total = 0;
    for journey in project
        .journeys
        .iter()
        .filter(|j| only.is_none_or(|id| j.id == id))
    {
        let Some(facts) = analysis.journey(&journey.id) else {
            continue;
        };
        for ((stage, t), impression) in journey.touchpoints().zip(&facts.impressions) {
            total += 1;
            by_kind.entry(t.kind).or_default().push(Row {
                name: &t.name,
                link: links::touchpoint(&journey.id, &t.id),
                journey: &journey.title,
                stage: &stage.name,
                channel: t.channel.as_deref().unwrap_or(none),
                owner: t.owner.as_deref().unwrap_or(none),
                emotion: t.emotion,
                impression: impression.as_str(),
                impression_label: labels.get(&format!("impression.{}", impression.as_str())),
                moment_label: labels.get(&format!("moment.{}", t.moment.as_str())),
            });
            let channel = t.channel.as_deref().unwrap_or(unassigned);
            *by_channel
                .entry(channel)
                .or_default()
                .entry(t.kind)
                .or_default() += 1;
            let owner = t.owner.as_deref().unwrap_or(unassigned);
            *by_owner
                .entry(owner)
                .or_default()
                .entry(t.kind)
                .or_default() += 1;
        }
    }
    let kinds = Kind::ALL
        .iter()
        .map(|(name, kind)| {
            let touchpoints = by_kind.remove(kind).unwrap_or_default();
            KindGroup {
                kind: name,
                label: labels.get(&format!("kind.{name}")),
                count: touchpoints.len(),
                touchpoints,
            }
        })
        .collect();
    let cross = |title: &str, dimension: &str, table: BTreeMap<&'a str, BTreeMap<Kind, usize>>| {
        let rows = table
            .into_iter()
            .map(|(name, counts)| {
                let cells: Vec<usize> = Kind::ALL
                    .iter()
                    .map(|(_, k)| counts.get(k).copied().unwrap_or(0))
                    .collect();
                CrossRow {
                    name,
                    total: cells.iter().sum(),
                    counts: cells,
                }
            })
            .collect();
        Cross {
            title: labels.get(title),
            dimension: labels.get(dimension),
            rows,
        }
    };
    Inventory {
        prefix,
        total,
        kinds,
        crosses: [
            cross("inventory.kind_by_channel", "term.channel", by_channel),
            cross("inventory.kind_by_owner", "term.owner", by_owner),
        ],
    }
}
