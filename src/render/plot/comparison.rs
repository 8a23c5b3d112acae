//! The comparison curve: today's journey and its desired journey on one plot, stages
//! aligned by stage id, touchpoints by id; today solid, the design dashed, and the
//! touchpoints the design removes, adds or changes marked as such.

use super::canvas::Document;
use super::curve::{Column, Columns, draw_columns};
use crate::analysis::{Comparison, Impression, JourneyAnalysis};
use crate::labels::Labels;
use crate::model::{Emotion, Journey, Scale, Stage};
use std::collections::BTreeMap;

/// The columns of today and the design together: today's stages and touchpoints in their
/// order, a stage only the design has after the design's stage before it, and a touchpoint
/// only the design has after the design's touchpoint before it in the same stage.
pub(super) fn columns<'a>(
    current: &'a Journey,
    today: &JourneyAnalysis,
    design: &'a Journey,
    comparison: &Comparison,
) -> Columns<'a> {
    let mut stages: Vec<&'a Stage> = current.stages.iter().collect();
    let mut after = 0;
    for stage in &design.stages {
        match stages.iter().position(|s| s.id == stage.id) {
            Some(at) => after = at + 1,
            None => {
                stages.insert(after, stage);
                after += 1;
            }
        }
    }
    let impressions: BTreeMap<&str, Impression> = current
        .touchpoints()
        .zip(&today.impressions)
        .map(|((_, t), i)| (t.id.as_str(), *i))
        .collect();
    let desired: BTreeMap<&str, Emotion> = design
        .touchpoints()
        .map(|(_, t)| (t.id.as_str(), t.emotion))
        .collect();
    let change = |id: &str| -> Option<&'static str> {
        let is =
            |list: &[crate::analysis::TouchpointChange]| list.iter().any(|c| c.touchpoint == id);
        if is(&comparison.removed) {
            Some("removed")
        } else if is(&comparison.added) {
            Some("added")
        } else if is(&comparison.changed) {
            Some("changed")
        } else {
            None
        }
    };
    let mut out = Columns {
        stages: Vec::new(),
        columns: Vec::new(),
        design: false,
    };
    for stage in stages {
        let own = current.stages.iter().find(|s| s.id == stage.id);
        let mut ids: Vec<(&'a str, &'a crate::model::Touchpoint)> = own
            .map(|s| s.touchpoints.iter().map(|t| (t.id.as_str(), t)).collect())
            .unwrap_or_default();
        let mut at = 0;
        if let Some(planned) = design.stages.iter().find(|s| s.id == stage.id) {
            for t in &planned.touchpoints {
                if let Some(p) = ids.iter().position(|(id, _)| *id == t.id) {
                    at = p + 1;
                } else if current.touchpoint(&t.id).is_none() {
                    ids.insert(at, (t.id.as_str(), t));
                    at += 1;
                }
            }
        }
        out.stages.push((stage.name.as_str(), ids.len()));
        for (id, t) in ids {
            let today = current
                .touchpoint(id)
                .and_then(|t| Some((t.emotion, *impressions.get(id)?)));
            out.columns.push(Column {
                id,
                name: &t.name,
                kind: t.kind,
                moment: t.moment,
                today,
                desired: desired.get(id).map(|e| (*e, true)),
                change: change(id),
            });
        }
    }
    out
}

/// Draws the comparison curve of a current journey and its design. `id` namespaces the
/// SVG's ids.
pub fn comparison_curve(
    current: &Journey,
    today: &JourneyAnalysis,
    design: &Journey,
    comparison: &Comparison,
    scale: &Scale,
    labels: &Labels,
    id: &str,
) -> Result<Document, String> {
    let curve = columns(current, today, design, comparison);
    let title = labels.fill(
        "plot.comparison_title",
        &[("journey", current.title.clone())],
    );
    let desc = labels.fill(
        "plot.comparison_desc",
        &[
            ("removed", comparison.removed.len().to_string()),
            ("added", comparison.added.len().to_string()),
            ("changed", comparison.changed.len().to_string()),
            ("today", labels.signed(comparison.today.remembered)),
            (
                "desired",
                labels.signed(comparison.desired_figures.remembered),
            ),
        ],
    );
    draw_columns(&curve, today, scale, labels, id, &title, &desc)
}
