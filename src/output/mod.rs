//! Output: brings the output folder up to date once the whole site is rendered. The new site
//! is prepared beside the output and swapped in whole, so a failed or killed build leaves the
//! previous output or the new one, never a mix; files the build would write unchanged are
//! hard-linked, not written. The tool only replaces a folder it made itself (its marker file
//! lists what it wrote), and the user's own files there (dotfiles, `output.keep`, anything it
//! did not write) stay in the site.

mod carry;
mod existing;
mod guard;
mod hook;
mod keep;
mod leftovers;
mod manifest;
mod owner;
mod previous;
mod staging;
mod streamed;
mod swap;

pub use guard::{MARKER, check_output_folder};
pub use keep::Keep;
pub use previous::Previous;
pub use staging::{CommitError, Staging};
