//! `inventory.csv` and `consistency.csv`: UTF-8 with a byte-order mark, so Excel shows
//! accents, fields separated by `,` (by `;` on a Dutch site, as Excel with Dutch settings
//! expects), written with the csv crate straight into the file (fields borrowed from the
//! model, numbers through itoa). A text cell that a spreadsheet would read as a formula gets
//! a leading `'` (see `text`); numbers are written as numbers.

use crate::analysis::Analysis;
use crate::labels::Labels;
use crate::model::{Language, Project};
use std::borrow::Cow;
use std::io::{self, Write};

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn writer<'w>(
    out: &'w mut dyn Write,
    labels: &Labels,
) -> io::Result<csv::Writer<&'w mut dyn Write>> {
    out.write_all(BOM)?;
    Ok(csv::WriterBuilder::new()
        .delimiter(separator(labels.language()))
        .from_writer(out))
}

/// The field separator Excel expects in a language's regional settings.
fn separator(language: Language) -> u8 {
    match language {
        Language::En => b',',
        Language::Nl => b';',
    }
}

fn finish(mut writer: csv::Writer<&mut dyn Write>) -> io::Result<()> {
    writer.flush()
}

/// A text cell as a spreadsheet cannot run it: one that starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return gets a leading `'`, as OWASP advises against CSV injection.
pub(super) fn text(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The label keys of the inventory's columns after the two ids, in order.
pub(super) const INVENTORY_COLUMNS: [&str; 17] = [
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
    "term.owner_name",
];

/// The label keys of the inventory CSV's blueprint columns after [`INVENTORY_COLUMNS`]: the
/// number of items in each lane, and of fail points.
const LANE_COLUMNS: [&str; 5] = [
    "lane.evidence",
    "lane.frontstage",
    "lane.backstage",
    "lane.support",
    "blueprint.fail_points",
];

/// The label keys of the consistency export's columns after the promise id, in order.
pub(super) const CONSISTENCY_COLUMNS: [&str; 7] = [
    "term.promise",
    "term.source",
    "term.status",
    "term.journey",
    "term.touchpoint",
    "term.result",
    "term.evidence",
];

/// A number, or nothing.
fn optional(value: Option<u8>, buffer: &mut itoa::Buffer) -> &str {
    value.map_or("", |v| buffer.format(v))
}

/// One row per touchpoint of every journey.
pub fn inventory(
    project: &Project,
    analysis: &Analysis,
    labels: &Labels,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut w = writer(out, labels)?;
    let mut head: Vec<&str> = vec!["journey_id", "touchpoint_id"];
    head.extend(INVENTORY_COLUMNS.iter().map(|k| labels.get(k)));
    head.extend(LANE_COLUMNS.iter().map(|k| labels.get(k)));
    head.push(labels.get("term.today_or_desired"));
    w.write_record(&head)?;
    let mut lane_numbers: [itoa::Buffer; 5] = Default::default();
    let yes_no = |b: bool| labels.get(if b { "term.yes" } else { "term.no" });
    let mut numbers: [itoa::Buffer; 2] = Default::default();
    let mut asks = String::new();
    // Today's journeys first, then the designs, each row saying which it is.
    let today = labels.get("plot.today");
    let desired = labels.get("plot.desired");
    let journeys = (project
        .journeys
        .iter()
        .map(|j| (j, analysis.journey(&j.id), today)))
    .chain(
        project
            .desired
            .iter()
            .map(|j| (j, analysis.design(&j.id), desired)),
    );
    for (journey, facts, role) in journeys {
        let Some(facts) = facts else {
            continue;
        };
        for ((stage, t), impression) in journey.touchpoints().zip(&facts.impressions) {
            asks.clear();
            for (i, ask) in t.asks.iter().enumerate() {
                if i > 0 {
                    asks.push_str("; ");
                }
                asks.push_str(ask);
            }
            let [impact, frequency] = &mut numbers;
            let [evidence, front, back, support, fails] = &mut lane_numbers;
            let l = &t.lanes;
            let lane_cells = [
                evidence.format(l.evidence.len()),
                front.format(l.frontstage.len()),
                back.format(l.backstage.len()),
                support.format(l.support.len()),
                fails.format(l.items().filter(|(_, i)| i.fail).count()),
            ];
            let cells = [
                journey.id.as_str(),
                t.id.as_str(),
                &text(&journey.title),
                &text(&stage.name),
                &text(&t.name),
                labels.of(t.kind),
                &text(t.channel.as_deref().unwrap_or_default()),
                &text(t.owner.as_deref().unwrap_or_default()),
                &labels.emotion(t.emotion),
                &t.target.map_or(String::new(), |v| labels.emotion(v)),
                labels.of(*impression),
                labels.of(t.moment),
                optional(t.impact, impact),
                optional(t.frequency, frequency),
                yes_no(t.direct),
                yes_no(t.in_process),
                labels.of(t.basis),
                &text(&asks),
                &text(
                    t.owner
                        .as_deref()
                        .map_or("", |o| project.site.owner_name(o)),
                ),
            ];
            w.write_record(cells.into_iter().chain(lane_cells).chain([role]))?;
        }
    }
    finish(w)
}

/// One row per delivery, and one per promise that is never delivered.
pub fn consistency(
    project: &Project,
    analysis: &Analysis,
    labels: &Labels,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut w = writer(out, labels)?;
    let mut head: Vec<&str> = vec!["promise_id"];
    head.extend(CONSISTENCY_COLUMNS.iter().map(|k| labels.get(k)));
    head.push(labels.get("term.today_or_desired"));
    w.write_record(&head)?;
    let today = labels.get("plot.today");
    let mut traces: Vec<_> = analysis.promises.iter().collect();
    traces.sort_by_key(|t| t.status);
    for trace in traces {
        let Some(promise) = project.promise(&trace.id) else {
            continue;
        };
        let status = labels.of(trace.status);
        let base = [
            Cow::Borrowed(trace.id.as_str()),
            text(&promise.text),
            text(promise.source.as_deref().unwrap_or_default()),
            Cow::Borrowed(status),
        ];
        if trace.deliveries.is_empty() {
            let empty = ["", "", "", "", today];
            w.write_record(base.iter().map(AsRef::as_ref).chain(empty))?;
        }
        for d in &trace.deliveries {
            let journey = project.journey(&d.at.journey);
            let touchpoint = journey.and_then(|j| j.touchpoint(&d.at.touchpoint));
            let delivery = [
                text(journey.map_or("", |j| j.title.as_str())),
                text(touchpoint.map_or("", |t| t.name.as_str())),
                Cow::Borrowed(labels.of(d.result)),
                text(d.evidence.as_deref().unwrap_or_default()),
            ];
            let cells = base.iter().chain(&delivery).map(AsRef::<str>::as_ref);
            w.write_record(cells.chain([today]))?;
        }
    }
    // The designs' deliveries after today's: a design has no site-wide status.
    let desired = labels.get("plot.desired");
    for journey in &project.desired {
        for (_, t) in journey.touchpoints() {
            for d in &t.delivers {
                let promise = project.promise(&d.promise);
                let cells = [
                    Cow::Borrowed(d.promise.as_str()),
                    text(promise.map_or("", |p| p.text.as_str())),
                    text(
                        promise
                            .and_then(|p| p.source.as_deref())
                            .unwrap_or_default(),
                    ),
                    Cow::Borrowed(""),
                    text(&journey.title),
                    text(&t.name),
                    Cow::Borrowed(labels.of(d.result)),
                    text(d.evidence.as_deref().unwrap_or_default()),
                    Cow::Borrowed(desired),
                ];
                w.write_record(cells.iter().map(AsRef::<str>::as_ref))?;
            }
        }
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::test_support;

    #[test]
    fn a_dutch_site_separates_fields_with_semicolons() {
        let yaml = test_support::journey(&["{name: \"Koop, thuis\", kind: human, emotion: 2}"]);
        for (site, header, row) in [
            (
                "language: en",
                "journey_id,touchpoint_id,Journey,Stage,Touchpoint,",
                "shop,koop-thuis,Test,Only,\"Koop, thuis\",",
            ),
            (
                "language: nl",
                "journey_id;touchpoint_id;Klantreis;Fase;Contactmoment;",
                "shop;koop-thuis;Test;Only;Koop, thuis;",
            ),
        ] {
            let project = test_support::project(site, "", &[("shop", &yaml)]);
            let labels = Labels::new(project.site.language);
            let mut out = Vec::new();
            inventory(&project, &analyse(&project), &labels, &mut out).unwrap();
            let csv = String::from_utf8(out).unwrap();
            let mut lines = csv.trim_start_matches('\u{feff}').lines();
            assert!(lines.next().unwrap().starts_with(header), "{site}: {csv}");
            assert!(lines.next().unwrap().starts_with(row), "{site}: {csv}");
        }
    }

    #[test]
    fn formula_starts_get_a_quote_and_other_text_is_kept() {
        for (cell, written) in [
            ("=1+1", "'=1+1"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Calls = costs", "Calls = costs"),
            ("'quoted", "'quoted"),
            ("", ""),
        ] {
            assert_eq!(text(cell), written, "{cell:?}");
        }
    }
}
