//! A workshop sheet's cells, whatever the file: the first worksheet of an `.xlsx` (read with
//! calamine), or a `.csv` separated by `,` or `;`, with or without a byte-order mark.

use crate::diagnostics::Message;
use crate::msg;
use std::path::Path;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing, or only spaces.
    Empty,
    /// Text, trimmed.
    Text(String),
    /// A number (a spreadsheet's numbers are all floats).
    Number(f64),
    /// A true/false cell.
    Bool(bool),
}

impl Cell {
    /// True for an empty cell.
    pub fn is_empty(&self) -> bool {
        *self == Cell::Empty
    }

    /// The cell as text, as a person would type it.
    pub fn as_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Bool(b) => b.to_string(),
        }
    }
}

/// The rows of a sheet, the header row first; row `i` is the sheet's row `i + 1`.
pub type Grid = Vec<Vec<Cell>>;

/// Reads the sheet in `path` by its extension; the error says why it cannot be read.
pub fn read(path: &Path) -> Result<Grid, Message> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase);
    match extension.as_deref() {
        Some("csv") => {
            let bytes =
                std::fs::read(path).map_err(|e| msg!("error.sheet_unreadable", reason = e))?;
            from_csv(&bytes)
        }
        Some("xlsx") => from_xlsx(path),
        _ => Err(msg!("error.sheet_format")),
    }
}

/// The cells of CSV bytes: UTF-8 (a byte-order mark is skipped), separated by `;` when the
/// first line holds more `;` than `,`, else by `,`.
pub fn from_csv(bytes: &[u8]) -> Result<Grid, Message> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| msg!("error.sheet_not_utf8"))?;
    let first = text.lines().next().unwrap_or_default();
    let count = |c: char| first.chars().filter(|x| *x == c).count();
    let delimiter = if count(';') > count(',') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = Grid::new();
    for record in reader.records() {
        let record = record.map_err(|e| msg!("error.sheet_csv", reason = e))?;
        grid.push(
            record
                .iter()
                .map(|field| match field.trim() {
                    "" => Cell::Empty,
                    t => Cell::Text(t.to_string()),
                })
                .collect(),
        );
    }
    Ok(grid)
}

/// The cells of the first worksheet of an `.xlsx` file, from its cell A1 on.
fn from_xlsx(path: &Path) -> Result<Grid, Message> {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> =
        open_workbook(path).map_err(|e| msg!("error.sheet_not_xlsx", reason = e))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| msg!("error.sheet_no_worksheet"))?
        .map_err(|e| msg!("error.sheet_worksheet", reason = e))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut grid: Grid = vec![Vec::new(); usize::try_from(top).unwrap_or(0)];
    for row in range.rows() {
        let mut cells = vec![Cell::Empty; usize::try_from(left).unwrap_or(0)];
        cells.extend(row.iter().map(|data| match data {
            Data::Empty => Cell::Empty,
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => match s.trim() {
                "" => Cell::Empty,
                t => Cell::Text(t.to_string()),
            },
            Data::Float(f) => Cell::Number(*f),
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Bool(b) => Cell::Bool(*b),
            Data::DateTime(d) => Cell::Number(d.as_f64()),
            Data::Error(e) => Cell::Text(format!("#{e:?}")),
        }));
        grid.push(cells);
    }
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(grid: &Grid) -> Vec<Vec<String>> {
        grid.iter()
            .map(|r| r.iter().map(Cell::as_text).collect())
            .collect()
    }

    #[test]
    fn semicolons_commas_and_a_byte_order_mark() {
        let comma = from_csv(b"stage,name\nBuy,\"Pays; at once\"\n").unwrap();
        assert_eq!(texts(&comma), [["stage", "name"], ["Buy", "Pays; at once"]]);
        let semicolon =
            from_csv("\u{feff}fase;naam\nKoop;\"Betaalt, direct\"\n".as_bytes()).unwrap();
        assert_eq!(
            texts(&semicolon),
            [["fase", "naam"], ["Koop", "Betaalt, direct"]]
        );
        assert!(from_csv(b"a,b\n\xff\n").is_err());
    }
}
