//! The mapping file of `import survey`: which columns of the export hold which metric of
//! which touchpoint, on which scale, how answer words become numbers, and which rows count.

use super::layout::Layout;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::load::{Decoder, YamlNode, YamlValue, parse_yaml};
use crate::model::{Enumerated, Metric};
use crate::msg;
use std::sync::Arc;

const MAPPING_KEYS: [&str; 5] = ["layout", "journey", "date", "filter", "columns"];
const COLUMN_KEYS: [&str; 7] = [
    "column",
    "journey",
    "touchpoint",
    "metric",
    "scale",
    "reverse",
    "answers",
];
const FILTER_KEYS: [&str; 2] = ["column", "equals"];

/// One mapped column.
#[derive(Debug, Clone, PartialEq)]
pub struct MappedColumn {
    /// The column's header (or, for Qualtrics, its question text or import id).
    pub column: String,
    /// The journey id.
    pub journey: String,
    /// The touchpoint id.
    pub touchpoint: String,
    /// The metric its answers give.
    pub metric: Metric,
    /// The answers' scale, lowest and highest.
    pub scale: (f64, f64),
    /// True when the survey's lowest answer is the best (CES 1.0: 1 = no effort): answers
    /// are flipped onto the scale.
    pub reverse: bool,
    /// Answer words and the numbers they stand for, compared without case.
    pub answers: Vec<(String, f64)>,
    /// The line of the mapping file it is written on.
    pub line: u32,
}

/// Only rows whose `column` holds `equals` count (Qualtrics `Finished` = `1`).
#[derive(Debug, Clone, PartialEq)]
pub struct RowFilter {
    /// The column's header.
    pub column: String,
    /// The text a counted row holds there.
    pub equals: String,
    /// The line of the mapping file it is written on.
    pub line: u32,
}

/// A whole mapping file.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// The export's layout, or `Auto`.
    pub layout: Layout,
    /// The wave's date, if the mapping gives it.
    pub date: Option<String>,
    /// The row filter, if any.
    pub filter: Option<RowFilter>,
    /// The mapped columns, in file order.
    pub columns: Vec<MappedColumn>,
}

/// Reads a mapping file's text (`file` names it in diagnostics).
pub fn decode(text: &str, file: &Arc<str>) -> Result<Mapping, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let node = match parse_yaml(text, file, Default::default()) {
        Ok(node) => node,
        Err(d) => {
            diagnostics.push(d);
            return Err(diagnostics);
        }
    };
    let mapping = {
        let mut decoder = Decoder::new(file.clone(), text, &mut diagnostics);
        mapping(&mut decoder, &node)
    };
    match mapping {
        Some(mapping) if !diagnostics.has_errors() => Ok(mapping),
        _ => Err(diagnostics),
    }
}

fn mapping(decoder: &mut Decoder<'_>, node: &YamlNode) -> Option<Mapping> {
    let fields = decoder.fields(node, "what.mapping_file", &MAPPING_KEYS)?;
    let layout = match fields.get("layout") {
        Some(n) => decoder.choice::<Layout>(n, "layout", "what.layout")?,
        None => Layout::Auto,
    };
    let journey = match fields.get("journey") {
        Some(n) => Some(decoder.required_text(n, "journey")?),
        None => None,
    };
    let date = match fields.get("date") {
        Some(n) => Some(crate::load::iso_date(decoder, n, "date")?),
        None => None,
    };
    let filter = match fields.get("filter") {
        Some(n) => Some(filter(decoder, n)?),
        None => None,
    };
    let items = fields
        .required(decoder, "columns")
        .and_then(|n| decoder.list(n, "columns"))?;
    if items.is_empty() {
        decoder.error(Code::EmptyList, node, msg!("error.no_columns_mapped"));
        return None;
    }
    let columns: Vec<MappedColumn> = items
        .iter()
        .filter_map(|item| column(decoder, item, journey.as_deref()))
        .collect();
    Some(Mapping {
        layout,
        date,
        filter,
        columns,
    })
}

fn filter(decoder: &mut Decoder<'_>, node: &YamlNode) -> Option<RowFilter> {
    let fields = decoder.fields(node, "what.filter", &FILTER_KEYS)?;
    let column = fields
        .required(decoder, "column")
        .and_then(|n| decoder.required_text(n, "column"));
    let equals = fields
        .required(decoder, "equals")
        .and_then(|n| decoder.text(n, "equals"));
    Some(RowFilter {
        column: column?,
        equals: equals?.trim().to_string(),
        line: node.position.line,
    })
}

fn column(
    decoder: &mut Decoder<'_>,
    node: &YamlNode,
    default_journey: Option<&str>,
) -> Option<MappedColumn> {
    let fields = decoder.fields(node, "what.mapped_column", &COLUMN_KEYS)?;
    let column = fields
        .required(decoder, "column")
        .and_then(|n| decoder.required_text(n, "column"));
    let journey = match (fields.get("journey"), default_journey) {
        (Some(n), _) => decoder.required_text(n, "journey"),
        (None, Some(j)) => Some(j.to_string()),
        (None, None) => {
            decoder
                .error(Code::MissingKey, node, msg!("error.column_no_journey"))
                .report_help(msg!("help.column_no_journey"));
            None
        }
    };
    let touchpoint = fields
        .required(decoder, "touchpoint")
        .and_then(|n| decoder.required_text(n, "touchpoint"));
    let metric = fields
        .required(decoder, "metric")
        .and_then(|n| decoder.choice::<Metric>(n, "metric", "what.metric"));
    let scale = match (metric.and_then(Metric::answer_scale), fields.get("scale")) {
        (_, Some(n)) => decoder.scale(n),
        (Some(fixed), None) => Some(fixed),
        (None, None) if metric.is_some() => {
            decoder
                .error(
                    Code::MissingKey,
                    node,
                    msg!("error.score_column_needs_scale"),
                )
                .report_help(msg!("help.score_scale"));
            None
        }
        (None, None) => None,
    };
    if let (Some(metric), Some(scale), Some(n)) = (metric, scale, fields.get("scale"))
        && let Some(fixed) = metric.answer_scale()
        && fixed != scale
    {
        let (low, high) = fixed;
        decoder
            .error(
                Code::InvalidValue,
                n,
                msg!("error.fixed_answers", metric = metric.as_str(), low, high),
            )
            .report_help(msg!("help.fixed_answers"));
        return None;
    }
    let reverse = match fields.get("reverse") {
        Some(n) => decoder.boolean(n, "reverse")?,
        None => false,
    };
    let answers = match fields.get("answers") {
        Some(n) => answers(decoder, n)?,
        None => Vec::new(),
    };
    Some(MappedColumn {
        column: column?.trim().to_string(),
        journey: journey?,
        touchpoint: touchpoint?,
        metric: metric?,
        scale: scale?,
        reverse,
        answers,
        line: node.position.line,
    })
}

/// `answers: {Very satisfied: 5, ...}`.
fn answers(decoder: &mut Decoder<'_>, node: &YamlNode) -> Option<Vec<(String, f64)>> {
    let YamlValue::Map(entries) = &node.value else {
        let d = Diagnostic::error(
            Code::WrongType,
            decoder.location(node),
            msg!("error.answers_mapping"),
        )
        .with_help(msg!("help.answers_mapping"));
        decoder.report(d);
        return None;
    };
    let mut out = Vec::new();
    for (key, value) in entries {
        let word = decoder.text(key, "answers")?;
        let number = decoder.number(value, &word)?;
        out.push((word.trim().to_lowercase(), number));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_with_defaults_and_answer_words() {
        let text = "journey: buy\ncolumns:\n  - {column: Q1, touchpoint: pay, metric: nps}\n  - column: Satisfied?\n    touchpoint: pay\n    metric: csat\n    answers: {Very satisfied: 5, Satisfied: 4}\n";
        let mapping = decode(text, &Arc::from("map.yaml")).unwrap();
        assert_eq!(mapping.layout, Layout::Auto);
        assert_eq!(mapping.columns[0].scale, (0.0, 10.0));
        assert_eq!(mapping.columns[1].journey, "buy");
        assert_eq!(
            mapping.columns[1].answers[0],
            ("very satisfied".to_string(), 5.0)
        );
    }

    #[test]
    fn a_score_without_scale_and_a_typo_are_reported() {
        let text = "columns:\n  - {column: Q1, journey: a, touchpoint: pay, metric: score}\n  - {column: Q2, journey: a, touchpoint: pay, metrc: nps}\n";
        let errors = decode(text, &Arc::from("map.yaml")).unwrap_err();
        let codes: Vec<&str> = errors.iter().map(|d| d.code.as_str()).collect();
        assert!(codes.contains(&"missing-key"), "{codes:?}");
        assert!(codes.contains(&"unknown-key"), "{codes:?}");
    }
}
