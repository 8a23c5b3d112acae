//! The layouts of survey exports: how many header rows come before the answers, and which
//! row names the columns. Qualtrics writes three header rows (ids, question texts, import
//! ids); Typeform, Google Forms and a plain CSV one.

use crate::import::sheet::{Cell, Grid};
use crate::model::Enumerated;
use crate::model::enumerated;
use serde::Serialize;

enumerated! {
    /// A survey tool's export layout.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub enum Layout {
        /// Recognised from the file.
        Auto = "auto",
        /// Qualtrics: three header rows; columns named by their id (`Q3`) or question text.
        Qualtrics = "qualtrics",
        /// Typeform: `#` first, a column per question headed by its title.
        Typeform = "typeform",
        /// Google Forms: `Timestamp` first, a column per question headed by its text.
        GoogleForms = "google-forms",
        /// One header row, then one row per response.
        Plain = "plain",
    }
}

impl Layout {
    /// The layout of `grid`: Qualtrics when its third row holds `{"ImportId": ...}` cells or
    /// its first names `ResponseId` and `StartDate`; Typeform when it starts with `#`;
    /// Google Forms with `Timestamp` (or Dutch `Tijdstempel`); else plain.
    pub fn recognise(grid: &Grid) -> Layout {
        let row = |i: usize| grid.get(i).map(Vec::as_slice).unwrap_or_default();
        let texts = |i: usize| row(i).iter().map(Cell::as_text).collect::<Vec<_>>();
        let first = texts(0);
        let import_ids = texts(2).iter().any(|t| t.starts_with("{\"ImportId\""));
        let has = |name: &str| first.iter().any(|t| t.eq_ignore_ascii_case(name));
        if import_ids || (has("ResponseId") && has("StartDate")) {
            return Layout::Qualtrics;
        }
        match first.first().map(|t| t.trim().to_lowercase()).as_deref() {
            Some("#") => Layout::Typeform,
            Some("timestamp" | "tijdstempel") => Layout::GoogleForms,
            _ => Layout::Plain,
        }
    }

    /// The rows before the first response.
    pub fn header_rows(self) -> usize {
        match self {
            Layout::Qualtrics => 3,
            _ => 1,
        }
    }

    /// The tool's name, as the written wave file says it.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Qualtrics => "Qualtrics",
            Layout::Typeform => "Typeform",
            Layout::GoogleForms => "Google Forms",
            Layout::Plain | Layout::Auto => "plain",
        }
    }

    /// The names a column answers to: its header and, for Qualtrics, its question text
    /// and import id too; HTML tags (Typeform titles) are left out.
    pub fn names_of(self, grid: &Grid, column: usize) -> Vec<String> {
        let rows = if self == Layout::Qualtrics {
            0..3
        } else {
            0..1
        };
        rows.filter_map(|r| grid.get(r)?.get(column))
            .map(|cell| without_tags(&cell.as_text()))
            .map(|name| name.trim().to_string())
            .filter(|name| !name.is_empty())
            .collect()
    }

    /// Every layout a mapping may name.
    pub fn names_list() -> impl Iterator<Item = &'static str> + Clone {
        Self::names()
    }
}

/// Text without HTML tags: `<strong>How easy</strong>` is `How easy`.
fn without_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        match c {
            '<' => inside = true,
            '>' if inside => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        rows.iter()
            .map(|r| r.iter().map(|t| Cell::Text((*t).to_string())).collect())
            .collect()
    }

    #[test]
    fn each_tool_is_recognised_by_its_headers() {
        let qualtrics = grid(&[
            &["StartDate", "Q1"],
            &["Start Date", "How likely?"],
            &["{\"ImportId\":\"startDate\"}", "{\"ImportId\":\"QID1\"}"],
        ]);
        assert_eq!(Layout::recognise(&qualtrics), Layout::Qualtrics);
        assert_eq!(
            Layout::Qualtrics.names_of(&qualtrics, 1),
            ["Q1", "How likely?", "{\"ImportId\":\"QID1\"}"]
        );
        let typeform = grid(&[&["#", "<strong>How easy</strong> was it?"]]);
        assert_eq!(Layout::recognise(&typeform), Layout::Typeform);
        assert_eq!(
            Layout::Typeform.names_of(&typeform, 1),
            ["How easy was it?"]
        );
        assert_eq!(
            Layout::recognise(&grid(&[&["Timestamp", "Q"]])),
            Layout::GoogleForms
        );
        assert_eq!(
            Layout::recognise(&grid(&[&["respondent", "Q"]])),
            Layout::Plain
        );
    }
}
