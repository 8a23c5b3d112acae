//! Output: writes a rendered site into the output folder atomically. The site is written
//! to a temporary folder next to the output as it is rendered and swapped in only when
//! complete, so a failed
//! build leaves the previous output exactly as it was. The tool only ever replaces a folder
//! it created itself (it leaves a marker file in it).

mod guard;
mod manifest;
mod swap;

pub use guard::{MARKER, check_output_folder};
pub use swap::Staging;
