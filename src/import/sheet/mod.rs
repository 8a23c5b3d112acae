//! Reads a workshop sheet: a header row naming the columns (in English or Dutch, see
//! [`Column`]), then one row per touchpoint in journey order. A blank stage cell continues
//! the stage above; blank rows are skipped. Every bad cell is reported with its row and
//! column, all in one run.

mod columns;
mod grid;

pub use columns::Column;
pub use grid::{Cell, Grid, from_csv, read};

use super::{Skeleton, SkeletonStage, SkeletonTouchpoint, error_at};
use crate::diagnostics::{Code, Diagnostics, Listing, Message, Names, did_you_mean};
use crate::model::{Basis, Enumerated, Kind, Labelled, Moment, Scale};
use crate::msg;
use columns::{normal, value_of};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Turns the cells of a sheet (from `file`, for diagnostics) into a journey titled `title`.
pub fn skeleton(
    grid: &Grid,
    file: &Arc<str>,
    title: &str,
    scale: &Scale,
) -> Result<Skeleton, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let Some(columns) = header(grid, file, &mut diagnostics) else {
        return Err(diagnostics);
    };
    let mut skeleton = Skeleton {
        header: vec![format!("Imported from the sheet {file}.")],
        title: title.to_string(),
        stages: Vec::new(),
    };
    for (index, row) in grid.iter().enumerate().skip(1) {
        if row.iter().all(Cell::is_empty) {
            continue;
        }
        let mut cells = Cells {
            row,
            number: index + 1,
            columns: &columns,
            file,
            diagnostics: &mut diagnostics,
        };
        let stage = cells.text(Column::Stage);
        let touchpoint = cells.touchpoint(scale);
        match stage {
            Some(name) => skeleton.stages.push(SkeletonStage {
                name,
                touchpoints: Vec::new(),
            }),
            None if !skeleton.stages.is_empty() => {}
            None => cells.missing(Column::Stage, msg!("error.sheet_no_stage")),
        }
        if let (Some(touchpoint), Some(stage)) = (touchpoint, skeleton.stages.last_mut()) {
            stage.touchpoints.push(touchpoint);
        }
    }
    if skeleton.stages.iter().all(|s| s.touchpoints.is_empty()) && !diagnostics.has_errors() {
        diagnostics.push(error_at(
            Code::EmptyList,
            file,
            2,
            1,
            msg!("error.sheet_no_touchpoints"),
        ));
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    skeleton.stages.retain(|s| !s.touchpoints.is_empty());
    Ok(skeleton)
}

/// The column of each known header; every unknown header, repeated header and missing
/// required column is reported.
fn header(
    grid: &Grid,
    file: &Arc<str>,
    diagnostics: &mut Diagnostics,
) -> Option<BTreeMap<Column, usize>> {
    let Some(first) = grid.first().filter(|r| !r.iter().all(Cell::is_empty)) else {
        diagnostics.push(
            error_at(Code::MissingKey, file, 1, 1, msg!("error.sheet_empty"))
                .with_help(msg!("help.sheet_columns")),
        );
        return None;
    };
    let mut columns = BTreeMap::new();
    for (index, cell) in first.iter().enumerate() {
        let text = cell.as_text();
        if text.is_empty() {
            continue;
        }
        match Column::of_header(&text) {
            Some(column) => {
                if columns.insert(column, index).is_some() {
                    diagnostics.push(error_at(
                        Code::DuplicateKey,
                        file,
                        1,
                        index + 1,
                        msg!(
                            "error.sheet_column_twice",
                            cell = cell_name(1, index),
                            column = column.key()
                        ),
                    ));
                }
            }
            None => {
                let known = Column::known_headers();
                let hint = did_you_mean(
                    &normal(&text),
                    known.iter().copied(),
                    Listing::Sentence(msg!("help.sheet_unknown_column")),
                );
                diagnostics.push(
                    error_at(
                        Code::UnknownKey,
                        file,
                        1,
                        index + 1,
                        msg!(
                            "error.sheet_unknown_column",
                            cell = cell_name(1, index),
                            text
                        ),
                    )
                    .with_help(hint.help),
                );
            }
        }
    }
    for required in Column::REQUIRED {
        if !columns.contains_key(&required) {
            diagnostics.push(
                error_at(
                    Code::MissingKey,
                    file,
                    1,
                    1,
                    msg!("error.sheet_no_column", column = required.key()),
                )
                .with_help(msg!("help.sheet_columns")),
            );
        }
    }
    (!diagnostics.has_errors()).then_some(columns)
}

/// A cell's spreadsheet name: `C4` for row 4, column index 2.
pub fn cell_name(row: usize, column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let digit = u8::try_from((n - 1) % 26).unwrap_or(0);
        letters.push(char::from(b'A' + digit));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &row.to_string()
}

/// One row of the sheet being read, reporting its bad cells.
struct Cells<'a> {
    row: &'a [Cell],
    number: usize,
    columns: &'a BTreeMap<Column, usize>,
    file: &'a Arc<str>,
    diagnostics: &'a mut Diagnostics,
}

impl<'a> Cells<'a> {
    fn cell(&self, column: Column) -> Option<(usize, &'a Cell)> {
        let index = *self.columns.get(&column)?;
        let cell = self.row.get(index)?;
        (!cell.is_empty()).then_some((index, cell))
    }

    fn report(&mut self, code: Code, column: Column, message: Message, help: Option<Message>) {
        let index = self.columns.get(&column).copied().unwrap_or(0);
        let name = cell_name(self.number, index);
        self.diagnostics.push(
            error_at(
                code,
                self.file,
                self.number,
                index + 1,
                msg!("error.sheet_cell", name, column = column.key(), message),
            )
            .with_help(help),
        );
    }

    fn missing(&mut self, column: Column, message: Message) {
        self.report(Code::MissingKey, column, message, None);
    }

    fn text(&self, column: Column) -> Option<String> {
        self.cell(column).map(|(_, c)| c.as_text())
    }

    /// An integer cell from `min` to `max`, if the cell is filled and right.
    fn integer(&mut self, column: Column, min: i32, max: i32, what: &'static str) -> Option<i32> {
        let (_, cell) = self.cell(column)?;
        let value = match cell {
            Cell::Number(n) => Some(*n),
            Cell::Text(t) => t.replace('−', "-").replace(',', ".").parse::<f64>().ok(),
            Cell::Empty | Cell::Bool(_) => None,
        };
        let shown = cell.as_text();
        match value {
            Some(v) if v.fract() == 0.0 && (f64::from(min)..=f64::from(max)).contains(&v) => {
                Some(v as i32)
            }
            Some(v) if v.fract() == 0.0 => {
                self.report(
                    Code::OutOfRange,
                    column,
                    msg!(
                        "error.sheet_outside",
                        shown,
                        what = Message::new(what),
                        min,
                        max
                    ),
                    None,
                );
                None
            }
            _ => {
                self.report(
                    Code::WrongType,
                    column,
                    msg!("error.sheet_not_whole", shown),
                    Some(msg!(
                        "help.sheet_whole",
                        min,
                        max,
                        what = Message::new(what)
                    )),
                );
                None
            }
        }
    }

    fn choice<T: Labelled>(&mut self, column: Column) -> Option<T> {
        let (_, cell) = self.cell(column)?;
        let text = cell.as_text();
        if let Some(value) = value_of::<T>(&text) {
            return Some(value);
        }
        let hint = did_you_mean(
            &normal(&text),
            T::names(),
            Listing::Always(msg!("list.valid_values")),
        );
        self.report(
            Code::InvalidValue,
            column,
            msg!("error.sheet_invalid", text, column = column.key()),
            Some(hint.help),
        );
        None
    }

    fn flag(&mut self, column: Column) -> Option<bool> {
        let (_, cell) = self.cell(column)?;
        if let Cell::Bool(b) = cell {
            return Some(*b);
        }
        let text = normal(&cell.as_text());
        match text.as_str() {
            "yes" | "true" | "ja" | "waar" | "1" | "y" | "j" | "x" => Some(true),
            "no" | "false" | "nee" | "onwaar" | "0" | "n" => Some(false),
            _ => {
                self.report(
                    Code::WrongType,
                    column,
                    msg!("error.sheet_not_yes_no", text = cell.as_text()),
                    Some(msg!("help.sheet_yes_no")),
                );
                None
            }
        }
    }

    /// The row's touchpoint; `None` when a cell it needs is missing or bad.
    fn touchpoint(&mut self, scale: &Scale) -> Option<SkeletonTouchpoint> {
        let name = self.text(Column::Name);
        if name.is_none() {
            self.missing(Column::Name, msg!("error.sheet_no_name"));
        }
        let kind = self.choice::<Kind>(Column::Kind);
        if kind.is_none() && self.cell(Column::Kind).is_none() {
            let help = msg!("help.sheet_write", names = Names::of(Kind::names()));
            self.report(
                Code::MissingKey,
                Column::Kind,
                msg!("error.sheet_no_kind"),
                Some(help),
            );
        }
        let scale_words = "what.site_scale";
        let emotion = self.integer(Column::Emotion, scale.min, scale.max, scale_words);
        if emotion.is_none() && self.cell(Column::Emotion).is_none() {
            self.missing(Column::Emotion, msg!("error.sheet_no_emotion"));
        }
        let target = self.integer(Column::Target, scale.min, scale.max, scale_words);
        let moment = self.choice::<Moment>(Column::Moment);
        let impact = self.integer(Column::Impact, 1, 5, "what.impact_scale");
        let frequency = self.integer(Column::Frequency, 1, 5, "what.frequency_scale");
        let direct = self.flag(Column::Direct);
        let in_process = self.flag(Column::InProcess);
        let basis = self.choice::<Basis>(Column::Basis);
        let asks = self
            .text(Column::Asks)
            .map(|a| {
                a.split([',', ';'])
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let small = |v: Option<i32>| v.and_then(|v| u8::try_from(v).ok());
        Some(SkeletonTouchpoint {
            name: name?,
            kind: Some(kind?),
            channel: self.text(Column::Channel),
            owner: self.text(Column::Owner),
            emotion: emotion?,
            target,
            moment,
            impact: small(impact),
            frequency: small(frequency),
            direct,
            in_process,
            basis,
            asks,
            notes: self.text(Column::Notes),
            comments: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_count_columns_in_letters() {
        assert_eq!(cell_name(1, 0), "A1");
        assert_eq!(cell_name(4, 2), "C4");
        assert_eq!(cell_name(9, 26), "AA9");
    }

    #[test]
    fn a_sheet_becomes_stages_of_touchpoints() {
        let grid = from_csv(
            b"fase;naam;soort;emotie;eigenaar;doel\nKoop;Bestelt online;functioneel;2;web;\n;Betaalt;functional;-1;;2\n\nLevering;Pakket komt;human;3;;\n",
        )
        .unwrap();
        let file: Arc<str> = Arc::from("sheet.csv");
        let skeleton = skeleton(&grid, &file, "Online order", &Scale::default()).unwrap();
        let stages: Vec<(&str, usize)> = skeleton
            .stages
            .iter()
            .map(|s| (s.name.as_str(), s.touchpoints.len()))
            .collect();
        assert_eq!(stages, [("Koop", 2), ("Levering", 1)]);
        let paid = &skeleton.stages[0].touchpoints[1];
        assert_eq!(
            (paid.kind, paid.emotion, paid.target, paid.owner.as_deref()),
            (Some(Kind::Functional), -1, Some(2), None)
        );
    }

    #[test]
    fn every_bad_cell_is_reported_with_its_row_and_column() {
        let grid = from_csv(
            b"stage,name,kind,emotion\nBuy,Orders,robot,2\nBuy,Pays,human,very bad\nBuy,Waits,human,9\n",
        )
        .unwrap();
        let file: Arc<str> = Arc::from("sheet.csv");
        let diagnostics = skeleton(&grid, &file, "T", &Scale::default())
            .unwrap_err()
            .sorted();
        let found: Vec<(Code, Option<u32>, Option<u32>)> = diagnostics
            .iter()
            .map(|d| {
                (
                    d.code,
                    d.location.line(),
                    d.location.position.map(|p| p.column),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (Code::InvalidValue, Some(2), Some(3)),
                (Code::WrongType, Some(3), Some(4)),
                (Code::OutOfRange, Some(4), Some(4)),
            ]
        );
        assert!(
            diagnostics[0]
                .message
                .english()
                .starts_with("cell C2 (kind): `robot`")
        );
    }

    #[test]
    fn unknown_and_missing_columns_are_reported() {
        let grid = from_csv(b"stage,name,emotoin\nBuy,Orders,2\n").unwrap();
        let file: Arc<str> = Arc::from("sheet.csv");
        let diagnostics = skeleton(&grid, &file, "T", &Scale::default())
            .unwrap_err()
            .sorted();
        let messages: Vec<String> = diagnostics.iter().map(|d| d.message.english()).collect();
        assert_eq!(
            messages,
            [
                "the sheet has no `emotion` column",
                "the sheet has no `kind` column",
                "cell C1: unknown column `emotoin`",
            ]
        );
        assert!(
            diagnostics[2]
                .help
                .as_ref()
                .unwrap()
                .english()
                .contains("`emotion`"),
            "{diagnostics:?}"
        );
    }
}
