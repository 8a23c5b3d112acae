//! A survey export's cells, whatever the file: `.xlsx` (through calamine, as `import
//! sheet`), or CSV separated by `,` or `;`, with or without a byte-order mark, in UTF-8 or
//! Windows-1252 (what Excel writes for "CSV" on a Western-European Windows).

use crate::diagnostics::Message;
use crate::import::sheet::{self, Grid};
use crate::msg;
use std::path::Path;

/// Reads the export in `path` by its extension; the error says why it cannot be read.
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
        Some("xlsx") => sheet::read(path),
        _ => Err(msg!("error.export_format")),
    }
}

/// The cells of CSV bytes: UTF-8 when they are valid UTF-8 (a byte-order mark is skipped),
/// else Windows-1252.
pub fn from_csv(bytes: &[u8]) -> Result<Grid, Message> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => sheet::from_csv(text.as_bytes()),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            sheet::from_csv(text.as_bytes())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sheet::Cell;

    #[test]
    fn windows_1252_is_decoded_and_semicolons_split() {
        // "Tevredenheid;Opmerking" / "4;café" with é as the single byte 0xE9.
        let grid = from_csv(b"Tevredenheid;Opmerking\r\n4;caf\xe9\r\n").unwrap();
        assert_eq!(grid[1][1], Cell::Text("café".to_string()));
        assert_eq!(grid[1][0], Cell::Text("4".to_string()));
    }
}
