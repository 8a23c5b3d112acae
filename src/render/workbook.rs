//! `journeymap.xlsx`: the inventory, the consistency report, the findings and the
//! improvement options as sheets of one Excel workbook, so that nobody depends on a CSV
//! dialect. Numbers are numbers; text is written as text (never a formula), neutralised as in
//! the CSV exports; each sheet has a frozen header row, a filter and column widths. The
//! workbook's creation date is fixed, so two builds give the same bytes.

use super::csv_export::{CONSISTENCY_COLUMNS, INVENTORY_COLUMNS, text};
use super::plans_page;
use crate::analysis::Analysis;
use crate::analysis::measured::{self, Point, SeriesKey};
use crate::labels::Labels;
use crate::model::Project;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::collections::BTreeMap;

/// The project's measured series, for where each option's plan stands.
type Series<'s, 'a> = &'s BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>;

/// The widest a column is made, in characters.
const MAX_WIDTH: usize = 60;

/// The workbook's bytes, or what went wrong; `series` are the project's measured series.
pub fn workbook(
    project: &Project,
    analysis: &Analysis,
    labels: &Labels,
    series: Series<'_, '_>,
    stop: &dyn Fn() -> bool,
) -> Result<Vec<u8>, String> {
    build(project, analysis, labels, series, stop)
        .map_err(|e| format!("the workbook could not be made: {e}"))
}

/// What every sheet starts with: the formats of its header and cells, and the question
/// whether to stop (`serve` no longer wants the workbook).
struct Start<'a> {
    bold: Format,
    /// One decimal, as the pages write a score.
    decimals: Format,
    /// A date as the pages write it: year-month-day.
    date: Format,
    stop: &'a dyn Fn() -> bool,
}

fn build(
    project: &Project,
    analysis: &Analysis,
    labels: &Labels,
    series: Series<'_, '_>,
    stop: &dyn Fn() -> bool,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // The fastest deflate level: at the default (6) compressing the sheets was a tenth of a
    // W1k build's CPU, for a file a few per cent smaller.
    book.set_zip_compression_level(1);
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let start = &Start {
        bold: Format::new().set_bold(),
        decimals: Format::new().set_num_format("0.0"),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        stop,
    };
    let sheets = [
        inventory(&mut book, project, analysis, labels, start)?,
        consistency(&mut book, project, analysis, labels, start)?,
        findings(&mut book, analysis, labels, start)?,
        improvements(&mut book, project, analysis, labels, series, start)?,
    ];
    for sheet in sheets {
        book.push_worksheet(sheet);
    }
    // Saving compresses every sheet: not begun for a workbook no longer wanted.
    if stop() {
        return Err(XlsxError::ParameterError("stopped".to_string()));
    }
    book.save_to_buffer()
}

/// A sheet being filled row by row, keeping the width each column needs.
struct Sheet<'a> {
    sheet: Worksheet,
    widths: Vec<usize>,
    row: u32,
    stop: &'a dyn Fn() -> bool,
}

impl<'a> Sheet<'a> {
    /// A sheet named after a label, with a bold header row. Its rows go to a temporary file
    /// as they are written, its text inline: a W10k inventory held in memory took over 1 GB.
    fn new(
        book: &mut Workbook,
        name: &str,
        header: &[&str],
        start: &Start<'a>,
    ) -> Result<Sheet<'a>, XlsxError> {
        let mut sheet = book.new_worksheet_with_constant_memory()?;
        sheet.set_name(sheet_name(name))?;
        let mut new = Sheet {
            sheet,
            widths: vec![0; header.len()],
            row: 0,
            stop: start.stop,
        };
        for (column, name) in (0u16..).zip(header) {
            new.sheet
                .write_string_with_format(0, column, text(name), &start.bold)?;
            new.fit(column, name.chars().count());
        }
        new.row = 1;
        Ok(new)
    }

    /// Starts the next row; an error when the workbook is no longer wanted.
    fn next_row(&mut self) -> Result<(), XlsxError> {
        if (self.stop)() {
            return Err(XlsxError::ParameterError("stopped".to_string()));
        }
        self.row += 1;
        Ok(())
    }

    /// A text cell of the current row; an empty text leaves the cell blank.
    fn text(&mut self, column: u16, value: &str) -> Result<(), XlsxError> {
        if value.is_empty() {
            return Ok(());
        }
        self.sheet.write_string(self.row - 1, column, text(value))?;
        self.fit(column, value.chars().count());
        Ok(())
    }

    /// A number cell of the current row.
    fn number(&mut self, column: u16, value: impl Into<f64>) -> Result<(), XlsxError> {
        self.sheet
            .write_number(self.row - 1, column, value.into())?;
        self.fit(column, 6);
        Ok(())
    }

    /// A date cell, with a date format.
    fn date(
        &mut self,
        column: u16,
        date: &ExcelDateTime,
        format: &Format,
    ) -> Result<(), XlsxError> {
        self.sheet
            .write_date_with_format(self.row - 1, column, date, format)?;
        self.fit(column, 10);
        Ok(())
    }

    /// A number cell with a number format.
    fn number_as(&mut self, column: u16, value: f64, format: &Format) -> Result<(), XlsxError> {
        self.sheet
            .write_number_with_format(self.row - 1, column, value, format)?;
        self.fit(column, 6);
        Ok(())
    }

    fn fit(&mut self, column: u16, characters: usize) {
        if let Some(width) = self.widths.get_mut(usize::from(column)) {
            *width = (*width).max(characters.min(MAX_WIDTH));
        }
    }

    /// The finished sheet: header row frozen, a filter over every row, widths set.
    fn finish(mut self) -> Result<Worksheet, XlsxError> {
        let last_column = u16::try_from(self.widths.len().saturating_sub(1)).unwrap_or(0);
        self.sheet.set_freeze_panes(1, 0)?;
        self.sheet.autofilter(0, 0, self.row - 1, last_column)?;
        for (column, width) in (0u16..).zip(&self.widths) {
            // Room for the filter button beside the header.
            self.sheet.set_column_width(column, (*width + 3) as f64)?;
        }
        Ok(self.sheet)
    }
}

/// A label as a sheet name: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(label: &str) -> String {
    label
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .take(31)
        .collect::<String>()
        .trim()
        .to_string()
}

fn inventory(
    book: &mut Workbook,
    project: &Project,
    analysis: &Analysis,
    labels: &Labels,
    start: &Start<'_>,
) -> Result<Worksheet, XlsxError> {
    let mut header = vec!["journey_id", "touchpoint_id"];
    header.extend(INVENTORY_COLUMNS.iter().map(|k| labels.get(k)));
    let mut sheet = Sheet::new(book, labels.get("nav.inventory"), &header, start)?;
    let yes_no = |b: bool| labels.get(if b { "term.yes" } else { "term.no" });
    for journey in &project.journeys {
        let Some(facts) = analysis.journey(&journey.id) else {
            continue;
        };
        for ((stage, t), impression) in journey.touchpoints().zip(&facts.impressions) {
            sheet.next_row()?;
            sheet.text(0, &journey.id)?;
            sheet.text(1, &t.id)?;
            sheet.text(2, &journey.title)?;
            sheet.text(3, &stage.name)?;
            sheet.text(4, &t.name)?;
            sheet.text(5, labels.of(t.kind))?;
            sheet.text(6, t.channel.as_deref().unwrap_or_default())?;
            sheet.text(7, t.owner.as_deref().unwrap_or_default())?;
            sheet.number(8, t.emotion)?;
            if let Some(target) = t.target {
                sheet.number(9, target)?;
            }
            sheet.text(10, labels.of(*impression))?;
            sheet.text(11, labels.of(t.moment))?;
            if let Some(impact) = t.impact {
                sheet.number(12, impact)?;
            }
            if let Some(frequency) = t.frequency {
                sheet.number(13, frequency)?;
            }
            sheet.text(14, yes_no(t.direct))?;
            sheet.text(15, yes_no(t.in_process))?;
            sheet.text(16, labels.of(t.basis))?;
            sheet.text(17, &t.asks.join("; "))?;
            sheet.text(
                18,
                t.owner
                    .as_deref()
                    .map_or("", |o| project.site.owner_name(o)),
            )?;
        }
    }
    sheet.finish()
}

fn consistency(
    book: &mut Workbook,
    project: &Project,
    analysis: &Analysis,
    labels: &Labels,
    start: &Start<'_>,
) -> Result<Worksheet, XlsxError> {
    let mut header = vec!["promise_id"];
    header.extend(CONSISTENCY_COLUMNS.iter().map(|k| labels.get(k)));
    let mut sheet = Sheet::new(book, labels.get("nav.consistency"), &header, start)?;
    let mut traces: Vec<_> = analysis.promises.iter().collect();
    traces.sort_by_key(|t| t.status);
    for trace in traces {
        let Some(promise) = project.promise(&trace.id) else {
            continue;
        };
        let promise_row = |sheet: &mut Sheet| -> Result<(), XlsxError> {
            sheet.next_row()?;
            sheet.text(0, &trace.id)?;
            sheet.text(1, &promise.text)?;
            sheet.text(2, promise.source.as_deref().unwrap_or_default())?;
            sheet.text(3, labels.of(trace.status))
        };
        if trace.deliveries.is_empty() {
            promise_row(&mut sheet)?;
        }
        for d in &trace.deliveries {
            promise_row(&mut sheet)?;
            let journey = project.journey(&d.at.journey);
            let touchpoint = journey.and_then(|j| j.touchpoint(&d.at.touchpoint));
            sheet.text(4, journey.map_or("", |j| j.title.as_str()))?;
            sheet.text(5, touchpoint.map_or("", |t| t.name.as_str()))?;
            sheet.text(6, labels.of(d.result))?;
            sheet.text(7, d.evidence.as_deref().unwrap_or_default())?;
        }
    }
    sheet.finish()
}

fn findings(
    book: &mut Workbook,
    analysis: &Analysis,
    labels: &Labels,
    start: &Start<'_>,
) -> Result<Worksheet, XlsxError> {
    let header = [
        labels.get("term.code"),
        labels.get("term.severity"),
        "journey_id",
        "touchpoint_id",
        "promise_id",
        labels.get("term.finding"),
        "file",
        "line",
    ];
    let mut sheet = Sheet::new(book, labels.get("journey.findings"), &header, start)?;
    for finding in analysis.findings() {
        sheet.next_row()?;
        sheet.text(0, finding.code.as_str())?;
        sheet.text(1, labels.named("severity", finding.severity.as_str()))?;
        sheet.text(2, finding.journey.as_deref().unwrap_or_default())?;
        sheet.text(3, &finding.touchpoints.join(", "))?;
        sheet.text(4, finding.promise.as_deref().unwrap_or_default())?;
        sheet.text(5, &finding.message(labels))?;
        sheet.text(6, &finding.location.file)?;
        if let Some(line) = finding.location.line() {
            sheet.number(7, line)?;
        }
    }
    sheet.finish()
}

fn improvements(
    book: &mut Workbook,
    project: &Project,
    analysis: &Analysis,
    labels: &Labels,
    series: Series<'_, '_>,
    start: &Start<'_>,
) -> Result<Worksheet, XlsxError> {
    let criteria = &project.site.criteria;
    let mut header = vec![
        "journey_id",
        labels.get("term.journey"),
        labels.get("term.rank"),
        labels.get("term.option"),
        labels.get("term.score"),
    ];
    header.extend(criteria.iter().map(|c| {
        c.label
            .as_deref()
            .unwrap_or_else(|| labels.named("criterion", &c.id))
    }));
    header.extend([
        "touchpoint_id",
        labels.get("workbook.plan_status"),
        labels.get("workbook.plan_owner"),
        labels.get("workbook.plan_due"),
        labels.get("workbook.plan_outcome"),
        labels.get("workbook.plan_metric"),
        labels.get("workbook.plan_touchpoint"),
        labels.get("workbook.plan_target"),
        labels.get("workbook.plan_latest"),
    ]);
    let mut sheet = Sheet::new(book, labels.get("journey.improvements"), &header, start)?;
    for journey in &project.journeys {
        let Some(facts) = analysis.journey(&journey.id) else {
            continue;
        };
        for ranked in &facts.improvements {
            let Some(option) = journey.improvements.get(ranked.index) else {
                continue;
            };
            sheet.next_row()?;
            sheet.text(0, &journey.id)?;
            sheet.text(1, &journey.title)?;
            sheet.number(2, u32::try_from(ranked.rank).unwrap_or(u32::MAX))?;
            sheet.text(3, &option.title)?;
            sheet.number_as(4, ranked.score, &start.decimals)?;
            for (column, criterion) in (5u16..).zip(criteria) {
                if let Some(score) = option.scores.get(&criterion.id) {
                    sheet.number(column, *score)?;
                }
            }
            let last = 5 + u16::try_from(criteria.len()).unwrap_or(0);
            sheet.text(last, &option.touchpoints.join(", "))?;
            if let Some(plan) = &option.plan {
                sheet.text(last + 1, labels.of(plan.status))?;
                sheet.text(last + 2, plans_page::owner_name(project, plan, labels))?;
                // A real date, so that the column sorts and filters as dates (the loader
                // checked it is one).
                if let Some(due) = plan.due.as_deref() {
                    match ExcelDateTime::parse_from_str(due) {
                        Ok(date) => sheet.date(last + 3, &date, &start.date)?,
                        Err(_) => sheet.text(last + 3, due)?,
                    }
                }
                let outcome = plans_page::outcome(journey, plan, labels, series);
                sheet.text(last + 4, &outcome.map(|o| o.text).unwrap_or_default())?;
                // The measure in cells of their own, numbers as numbers, to filter and chart.
                if let Some(measure) = &plan.measure {
                    sheet.text(last + 5, labels.of(measure.metric))?;
                    let touchpoint = journey.touchpoint(&measure.touchpoint);
                    let name = touchpoint.map_or(measure.touchpoint.as_str(), |t| &t.name);
                    sheet.text(last + 6, name)?;
                    sheet.number_as(last + 7, measure.target, &start.decimals)?;
                    let points = measured::of_measure(series, &journey.id, measure);
                    if let Some(latest) = points.last() {
                        sheet.number_as(last + 8, latest.aggregate.value, &start.decimals)?;
                    }
                }
            }
        }
    }
    sheet.finish()
}

#[cfg(test)]
mod tests {
    use super::{sheet_name, workbook};
    use std::cell::Cell;
    use std::collections::BTreeMap;

    #[test]
    fn sheet_names_are_short_and_plain() {
        assert_eq!(sheet_name("Findings"), "Findings");
        assert_eq!(sheet_name("a/b: c?"), "a b  c");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
    }

    #[test]
    fn a_workbook_stopped_at_any_check_is_not_made() {
        let touchpoints = [
            "{name: Calls, kind: human, emotion: -2, owner: service}",
            "{name: Reads, kind: functional, emotion: 1}",
        ];
        let journey = crate::test_support::journey(&touchpoints);
        let p = crate::test_support::project("", "", &[("a", &journey), ("b", &journey)]);
        let a = crate::analysis::analyse(&p);
        let labels = crate::labels::Labels::english();
        let checks = Cell::new(0);
        let whole = workbook(&p, &a, &labels, &BTreeMap::new(), &|| {
            checks.set(checks.get() + 1);
            false
        });
        assert!(whole.is_ok_and(|bytes| bytes.starts_with(b"PK")));
        assert!(
            checks.get() > 4,
            "checked row by row and before it is saved"
        );
        for stop_at in 1..=checks.get() {
            let calls = Cell::new(0);
            let stopped = workbook(&p, &a, &labels, &BTreeMap::new(), &|| {
                calls.set(calls.get() + 1);
                calls.get() >= stop_at
            });
            assert!(stopped.is_err(), "stopped at check {stop_at}");
        }
    }
}
