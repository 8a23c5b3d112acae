//! `import survey`: reads a survey export (Qualtrics, Typeform, Google Forms or a plain
//! CSV; `.csv` or `.xlsx`), maps its columns onto journeys, touchpoints and metrics through
//! a mapping file, and computes the aggregates of a wave. The answers themselves are read,
//! counted and forgotten: only the aggregates are written.

mod layout;
pub mod mapping;
mod table;

pub use layout::Layout;
pub use mapping::{MappedColumn, Mapping};
pub use table::{from_csv, read};

use super::error_at;
use super::sheet::{Cell, Grid};
use crate::analysis::metrics::{self, Aggregate};
use crate::diagnostics::{Code, Diagnostics, Listing, Message, Names, did_you_mean};
use crate::model::{Enumerated, Metric, Project};
use crate::msg;
use std::sync::Arc;

/// The aggregates of one mapped column.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregated {
    /// The mapped column.
    pub column: MappedColumn,
    /// Its figures; `None` when no row answered it.
    pub aggregate: Option<Aggregate>,
}

/// What an export gave: its layout, the responses counted and each column's aggregates.
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    /// The layout used.
    pub layout: Layout,
    /// Responses counted (after the filter).
    pub responses: usize,
    /// Per mapped column, in the mapping's order.
    pub columns: Vec<Aggregated>,
}

/// Computes the aggregates of `grid` (read from `file`) through `mapping` (read from
/// `map_file`), checking each column's journey and touchpoint against `project`. Every bad
/// cell, missing column and unknown touchpoint is reported.
pub fn aggregate(
    grid: &Grid,
    file: &Arc<str>,
    mapping: &Mapping,
    map_file: &Arc<str>,
    project: &Project,
) -> Result<Survey, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let layout = match mapping.layout {
        Layout::Auto => Layout::recognise(grid),
        chosen => chosen,
    };
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    let names: Vec<Vec<String>> = (0..width).map(|c| layout.names_of(grid, c)).collect();
    let headers: Vec<&str> = names
        .iter()
        .filter_map(|n| n.first().map(String::as_str))
        .collect();
    let find = |wanted: &str, line: u32, diagnostics: &mut Diagnostics| {
        let wanted_tidy = wanted.trim().to_lowercase();
        let found = names
            .iter()
            .position(|n| n.iter().any(|name| name.to_lowercase() == wanted_tidy));
        if found.is_none() {
            let listing = Listing::Sentence(msg!("help.export_header"));
            let help = did_you_mean(wanted, headers.iter().copied(), listing).help;
            diagnostics.push(
                error_at(
                    Code::MissingKey,
                    map_file,
                    line as usize,
                    1,
                    msg!("error.export_no_column", wanted),
                )
                .with_help(help),
            );
        }
        found
    };
    let filter = mapping
        .filter
        .as_ref()
        .map(|f| (find(&f.column, f.line, &mut diagnostics), f));
    let columns: Vec<Option<usize>> = mapping
        .columns
        .iter()
        .map(|c| find(&c.column, c.line, &mut diagnostics))
        .collect();
    for column in &mapping.columns {
        check_place(column, project, map_file, &mut diagnostics);
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let counted: Vec<(usize, &Vec<Cell>)> = grid
        .iter()
        .enumerate()
        .skip(layout.header_rows())
        .filter(|(_, row)| !row.iter().all(Cell::is_empty))
        .filter(|(_, row)| match &filter {
            Some((Some(c), f)) => row.get(*c).map(Cell::as_text).unwrap_or_default() == f.equals,
            _ => true,
        })
        .collect();
    let mut out = Vec::new();
    for (mapped, index) in mapping.columns.iter().zip(columns) {
        let Some(index) = index else { continue };
        let mut answers = Vec::new();
        for (row_index, row) in &counted {
            let cell = row.get(index).unwrap_or(&Cell::Empty);
            match answer(cell, mapped) {
                Ok(Some(value)) => answers.push(value),
                Ok(None) => {}
                Err(why) => diagnostics.push(error_at(
                    Code::InvalidValue,
                    file,
                    row_index + 1,
                    index + 1,
                    msg!(
                        "error.export_cell",
                        row = row_index + 1,
                        column = column_letters(index),
                        header = &mapped.column,
                        why
                    ),
                )),
            }
        }
        out.push(Aggregated {
            column: mapped.clone(),
            aggregate: metrics::from_answers(mapped.metric, mapped.scale, &answers),
        });
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(Survey {
        layout,
        responses: counted.len(),
        columns: out,
    })
}

/// Reports a column mapped onto a journey or touchpoint that does not exist.
fn check_place(
    column: &MappedColumn,
    project: &Project,
    map_file: &Arc<str>,
    diagnostics: &mut Diagnostics,
) {
    let line = column.line as usize;
    let Some(journey) = project.journey(&column.journey) else {
        let ids = project.journeys.iter().map(|j| j.id.as_str());
        let listing = Listing::Otherwise(msg!("list.journeys"));
        let help = did_you_mean(&column.journey, ids, listing).help;
        diagnostics.push(
            error_at(
                Code::UnknownJourney,
                map_file,
                line,
                1,
                msg!("error.unknown_journey", id = &column.journey),
            )
            .with_help(help),
        );
        return;
    };
    if journey.touchpoint(&column.touchpoint).is_none() {
        let ids: Vec<&str> = journey.touchpoints().map(|(_, t)| t.id.as_str()).collect();
        let subject = msg!("list.touchpoints_of", journey_id = &journey.id);
        let help = did_you_mean(
            &column.touchpoint,
            ids.iter().copied(),
            Listing::Otherwise(subject),
        )
        .help;
        diagnostics.push(
            error_at(
                Code::UnknownTouchpoint,
                map_file,
                line,
                1,
                msg!(
                    "error.no_touchpoint_in",
                    journey_id = &journey.id,
                    touchpoint = &column.touchpoint
                ),
            )
            .with_help(help),
        );
    }
}

/// One cell as an answer on the column's scale: `None` for an empty cell (not answered).
fn answer(cell: &Cell, column: &MappedColumn) -> Result<Option<f64>, Message> {
    let (low, high) = column.scale;
    let number = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(n) => *n,
        Cell::Bool(_) | Cell::Text(_) => {
            let text = cell.as_text();
            let tidy = text.trim().to_lowercase();
            if let Some((_, n)) = column.answers.iter().find(|(word, _)| *word == tidy) {
                *n
            } else if let Some(n) = number_in(&tidy) {
                n
            } else if column.answers.is_empty() {
                return Err(msg!("error.answer_not_a_number", text));
            } else {
                let words = column.answers.iter().map(|(w, _)| w.as_str());
                return Err(msg!(
                    "error.answer_not_mapped",
                    text,
                    names = Names::of(words)
                ));
            }
        }
    };
    if !(low..=high).contains(&number) {
        let metric = column.metric.as_str();
        return Err(msg!("error.answer_outside", number, metric, low, high));
    }
    Ok(Some(if column.reverse {
        low + high - number
    } else {
        number
    }))
}

/// A number as a cell may write it: `4`, `4.5` or, in Dutch, `4,5`; a leading number with
/// its label after it (`10 - Extremely likely`, as some tools write choice text) counts too.
fn number_in(text: &str) -> Option<f64> {
    if let Ok(n) = text.replace(',', ".").parse::<f64>() {
        return n.is_finite().then_some(n);
    }
    let lead: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    let rest = text[lead.len()..].trim_start();
    if lead.is_empty() || !(rest.starts_with('-') || rest.starts_with('=') || rest.starts_with('('))
    {
        return None;
    }
    lead.replace(',', ".").parse::<f64>().ok()
}

/// A column's spreadsheet name: 0 is `A`, 26 is `AA`.
fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The wave file of a survey, as YAML: a comment saying where it comes from, the wave's
/// name and date, and per touchpoint the metrics with n, value, margin and distribution.
pub fn wave_yaml(survey: &Survey, name: &str, date: &str, source: &str) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Imported by `journeymap import survey` from {} ({} layout, {} responses counted).",
        one_line(source),
        survey.layout.name(),
        survey.responses
    );
    out.push_str("# Only aggregates are kept: the answers themselves are not stored.\n");
    let _ = writeln!(out, "name: {}", crate::import::quoted(name));
    let _ = writeln!(out, "date: {date}");
    out.push_str("measurements:\n");
    let mut places: Vec<(&str, &str)> = Vec::new();
    for c in &survey.columns {
        let place = (c.column.journey.as_str(), c.column.touchpoint.as_str());
        if !places.contains(&place) {
            places.push(place);
        }
    }
    for (journey, touchpoint) in places {
        let _ = writeln!(
            out,
            "  - journey: {journey}\n    touchpoint: {touchpoint}\n    metrics:"
        );
        let mut metrics_written: Vec<Metric> = Vec::new();
        for c in survey
            .columns
            .iter()
            .filter(|c| c.column.journey == journey && c.column.touchpoint == touchpoint)
        {
            let metric = c.column.metric;
            let Some(a) = &c.aggregate else {
                let _ = writeln!(
                    out,
                    "      # `{}`: no answers, so no {} this wave.",
                    one_line(&c.column.column),
                    metric.as_str()
                );
                continue;
            };
            if metrics_written.contains(&metric) {
                let _ = writeln!(
                    out,
                    "      # `{}`: a second {} here; only the first is kept.",
                    one_line(&c.column.column),
                    metric.as_str()
                );
                continue;
            }
            metrics_written.push(metric);
            let _ = write!(
                out,
                "      - {{metric: {}, n: {}, value: {}",
                metric.as_str(),
                a.n,
                figure(a.value)
            );
            if metric == Metric::Score {
                let _ = write!(
                    out,
                    ", scale: [{}, {}]",
                    figure(c.column.scale.0),
                    figure(c.column.scale.1)
                );
            }
            if let Some(margin) = a.margin {
                let _ = write!(out, ", margin: {}", figure(margin));
            }
            if !a.distribution.is_empty() {
                let counts: Vec<String> = a.distribution.iter().map(u32::to_string).collect();
                let _ = write!(out, ", distribution: [{}]", counts.join(", "));
            }
            out.push_str("}\n");
        }
    }
    out
}

/// A number with at most three decimals and no trailing zeros.
fn figure(value: f64) -> String {
    let text = format!("{value:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_cells_write_them() {
        assert_eq!(number_in("4"), Some(4.0));
        assert_eq!(number_in("4,5"), Some(4.5));
        assert_eq!(number_in("10 - extremely likely"), Some(10.0));
        assert_eq!(number_in("very"), None);
        assert_eq!(number_in("3 days"), None);
    }

    #[test]
    fn column_letters_go_past_z() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
    }

    #[test]
    fn figures_are_short() {
        assert_eq!(figure(62.5), "62.5");
        assert_eq!(figure(4.0), "4");
        assert_eq!(figure(1.0 / 3.0), "0.333");
    }
}
