//! The subcommands of the `journeymap` binary, each a function from options to an outcome.

pub mod build;
pub mod check;
pub mod export;
pub mod import;
pub mod import_survey;
pub mod init;
pub mod pdf;
pub mod schema;
mod voice;

pub use voice::{Voice, counted};

/// How a command ended, mapped to the process exit status by `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything is fine (exit 0).
    Success,
    /// The project has errors, or findings under `--strict` (exit 1).
    Failure,
    /// The command was called wrongly, e.g. a root without content/ (exit 2).
    Usage,
}

/// The path prefix under which project-relative paths are shown: empty for the current
/// folder, else the root as the user wrote it, with a trailing `/`.
pub fn display_base(root: &std::path::Path) -> String {
    let shown = root.to_string_lossy().replace('\\', "/");
    let shown = shown.trim_end_matches('/');
    if shown.is_empty() || shown == "." {
        String::new()
    } else {
        format!("{shown}/")
    }
}
