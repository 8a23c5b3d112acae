//! `inventory.csv` and `consistency.csv`: UTF-8 with a byte-order mark, so Excel shows
//! accents, written with the csv crate.

use crate::analysis::Analysis;
use crate::labels::Labels;
use crate::model::Project;

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().from_writer(BOM.to_vec())
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, String> {
    writer.into_inner().map_err(|e| e.to_string())
}

/// One row per touchpoint of every journey.
pub fn inventory(
    project: &Project,
    analysis: &Analysis,
    labels: &Labels,
) -> Result<Vec<u8>, String> {
    let mut w = writer();
    let header = [
        "term.journey",
        "term.stage",
        "term.touchpoint",
        "term.kind",
        "term.channel",
        "term.owner",
        "term.emotion",
        "term.target",
        "term.impression",
        "term.moment",
        "term.impact",
        "term.frequency",
        "term.direct",
        "term.in_process",
        "term.basis",
        "term.asks",
    ];
    let mut head: Vec<&str> = vec!["journey_id", "touchpoint_id"];
    head.extend(header.iter().map(|k| labels.get(k)));
    w.write_record(&head).map_err(|e| e.to_string())?;
    let yes_no = |b: bool| {
        labels
            .get(if b { "term.yes" } else { "term.no" })
            .to_string()
    };
    for journey in &project.journeys {
        let Some(facts) = analysis.journey(&journey.id) else {
            continue;
        };
        for ((stage, t), impression) in journey.touchpoints().zip(&facts.impressions) {
            let basis = format!("basis.{}", t.basis.as_str());
            w.write_record([
                journey.id.clone(),
                t.id.clone(),
                journey.title.clone(),
                stage.name.clone(),
                t.name.clone(),
                labels.get(&format!("kind.{}", t.kind.as_str())).to_string(),
                t.channel.clone().unwrap_or_default(),
                t.owner.clone().unwrap_or_default(),
                t.emotion.to_string(),
                t.target.map(|v| v.to_string()).unwrap_or_default(),
                labels
                    .get(&format!("impression.{}", impression.as_str()))
                    .to_string(),
                labels
                    .get(&format!("moment.{}", t.moment.as_str()))
                    .to_string(),
                t.impact.map(|v| v.to_string()).unwrap_or_default(),
                t.frequency.map(|v| v.to_string()).unwrap_or_default(),
                yes_no(t.direct),
                yes_no(t.in_process),
                labels.get(&basis).to_string(),
                t.asks.join("; "),
            ])
            .map_err(|e| e.to_string())?;
        }
    }
    finish(w)
}

/// One row per delivery, and one per promise that is never delivered.
pub fn consistency(
    project: &Project,
    analysis: &Analysis,
    labels: &Labels,
) -> Result<Vec<u8>, String> {
    let mut w = writer();
    let mut head: Vec<&str> = vec!["promise_id"];
    head.extend(
        [
            "term.promise",
            "term.source",
            "term.status",
            "term.journey",
            "term.touchpoint",
            "term.result",
            "term.evidence",
        ]
        .iter()
        .map(|k| labels.get(k)),
    );
    w.write_record(&head).map_err(|e| e.to_string())?;
    let mut traces: Vec<_> = analysis.promises.iter().collect();
    traces.sort_by_key(|t| t.status);
    for trace in traces {
        let Some(promise) = project.promise(&trace.id) else {
            continue;
        };
        let status = labels
            .get(&format!("status.{}", trace.status.as_str()))
            .to_string();
        let base = [
            trace.id.clone(),
            promise.text.clone(),
            promise.source.clone().unwrap_or_default(),
            status,
        ];
        if trace.deliveries.is_empty() {
            let mut row = base.to_vec();
            row.extend([String::new(), String::new(), String::new(), String::new()]);
            w.write_record(&row).map_err(|e| e.to_string())?;
        }
        for d in &trace.deliveries {
            let journey = project.journey(&d.at.journey);
            let touchpoint = journey.and_then(|j| j.touchpoint(&d.at.touchpoint));
            let mut row = base.to_vec();
            row.extend([
                journey.map(|j| j.title.clone()).unwrap_or_default(),
                touchpoint.map(|t| t.name.clone()).unwrap_or_default(),
                labels
                    .get(&format!("result.{}", d.result.as_str()))
                    .to_string(),
                d.evidence.clone().unwrap_or_default(),
            ]);
            w.write_record(&row).map_err(|e| e.to_string())?;
        }
    }
    finish(w)
}
