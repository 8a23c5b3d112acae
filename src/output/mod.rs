//! Output: brings the output folder up to date once the whole site is rendered. Files are
//! staged beside the output while the site is rendered, so a failed build leaves the previous
//! output exactly as it was; a file the build would write unchanged is left alone. The tool
//! only ever updates a folder it created itself (it leaves a marker file in it).

mod existing;
mod guard;
mod manifest;
mod previous;
mod staging;
mod streamed;

pub use guard::{MARKER, check_output_folder};
pub use previous::Previous;
pub use staging::Staging;
