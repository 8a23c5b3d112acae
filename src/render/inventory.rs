//! The touchpoint inventory: every touchpoint grouped by kind, with counts and cross-tables
//! of kind by channel and kind by owner.

use super::links;
use crate::analysis::Analysis;
use crate::labels::Labels;
use crate::model::{Kind, Project};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The inventory of every journey, or of one; `prefix` keeps anchors unique when several
/// inventories share a page.
pub fn data(
    project: &Project,
    analysis: &Analysis,
    labels: &Labels,
    only: Option<&str>,
    prefix: &str,
) -> Value {
    let unassigned = labels.get("inventory.unassigned");
    let none = labels.get("term.none");
    let mut by_kind: BTreeMap<Kind, Vec<Value>> =
        Kind::ALL.iter().map(|(_, k)| (*k, Vec::new())).collect();
    let mut by_channel: BTreeMap<String, BTreeMap<Kind, usize>> = BTreeMap::new();
    let mut by_owner: BTreeMap<String, BTreeMap<Kind, usize>> = BTreeMap::new();
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
            by_kind.entry(t.kind).or_default().push(json!({
                "name": t.name,
                "link": links::touchpoint(&journey.id, &t.id),
                "journey": journey.title,
                "stage": stage.name,
                "channel": t.channel.as_deref().unwrap_or(none),
                "owner": t.owner.as_deref().unwrap_or(none),
                "emotion": t.emotion,
                "impression": impression.as_str(),
                "impression_label": labels.get(&format!("impression.{}", impression.as_str())),
                "moment_label": labels.get(&format!("moment.{}", t.moment.as_str())),
            }));
            let channel = t.channel.clone().unwrap_or_else(|| unassigned.to_string());
            *by_channel
                .entry(channel)
                .or_default()
                .entry(t.kind)
                .or_default() += 1;
            let owner = t.owner.clone().unwrap_or_else(|| unassigned.to_string());
            *by_owner
                .entry(owner)
                .or_default()
                .entry(t.kind)
                .or_default() += 1;
        }
    }
    let kinds: Vec<Value> = Kind::ALL
        .iter()
        .map(|(name, kind)| {
            let touchpoints = by_kind.remove(kind).unwrap_or_default();
            json!({
                "kind": name,
                "label": labels.get(&format!("kind.{name}")),
                "count": touchpoints.len(),
                "touchpoints": touchpoints,
            })
        })
        .collect();
    let cross = |title: &str, dimension: &str, table: BTreeMap<String, BTreeMap<Kind, usize>>| {
        let rows: Vec<Value> = table
            .into_iter()
            .map(|(name, counts)| {
                let cells: Vec<usize> = Kind::ALL
                    .iter()
                    .map(|(_, k)| counts.get(k).copied().unwrap_or(0))
                    .collect();
                json!({"name": name, "total": cells.iter().sum::<usize>(), "counts": cells})
            })
            .collect();
        json!({"title": labels.get(title), "dimension": labels.get(dimension), "rows": rows})
    };
    json!({
        "prefix": prefix,
        "total": total,
        "kinds": kinds,
        "crosses": [
            cross("inventory.kind_by_channel", "term.channel", by_channel),
            cross("inventory.kind_by_owner", "term.owner", by_owner),
        ],
    })
}
