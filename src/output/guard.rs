//! Refuses output folders that could hold a user's own files.

use crate::diagnostics::{Code, Diagnostic, Location};
use std::path::{Path, PathBuf};

/// The file that marks a folder as written by journeymap.
pub const MARKER: &str = ".journeymap-output";

/// Checks that `out` may be replaced by a build of the project in `root`: it is not the
/// root, does not contain `content/`, is not inside `content/`, and is either missing,
/// empty, or marked as journeymap's. Gives the absolute output path.
pub fn check_output_folder(root: &Path, out: &Path) -> Result<PathBuf, Diagnostic> {
    let refuse = |message: String, help: &str| {
        Err(Diagnostic::error(
            Code::Output,
            Location::file(out.display().to_string().into()),
            message,
        )
        .with_help(Some(help.to_string())))
    };
    let root = absolute(root);
    let out = absolute(out);
    let content = root.join("content");
    if out == root {
        return refuse(
            "the output folder is the project folder itself".to_string(),
            "pass an output folder such as `--out output`",
        );
    }
    if content.starts_with(&out) {
        return refuse(
            "the output folder contains content/: building would replace your journeys".to_string(),
            "pass an output folder outside the project's content, such as `--out output`",
        );
    }
    if out.starts_with(&content) {
        return refuse(
            "the output folder is inside content/: the next build would copy it into itself"
                .to_string(),
            "pass an output folder outside content/, such as `--out output`",
        );
    }
    if out.exists() {
        if !out.is_dir() {
            return refuse(
                "the output path is a file, not a folder".to_string(),
                "remove it or choose another --out",
            );
        }
        let marked = out.join(MARKER).is_file();
        let empty = std::fs::read_dir(&out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !marked && !empty {
            return refuse(
                format!(
                    "{} is not empty and was not made by journeymap; it is left alone",
                    out.display()
                ),
                "empty it, remove it, or choose another --out",
            );
        }
    }
    Ok(out)
}

/// An absolute, normalised form of a path, also when it does not exist yet.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    match (joined.parent(), joined.file_name()) {
        (Some(parent), Some(name)) if parent != joined => absolute(parent).join(name),
        _ => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        dir
    }

    #[test]
    fn accepts_a_new_or_marked_folder() {
        let p = project();
        assert!(check_output_folder(p.path(), &p.path().join("output")).is_ok());
        std::fs::create_dir_all(p.path().join("output")).unwrap();
        std::fs::write(p.path().join("output/x.html"), "").unwrap();
        assert!(check_output_folder(p.path(), &p.path().join("output")).is_err());
        std::fs::write(p.path().join("output").join(MARKER), "").unwrap();
        assert!(check_output_folder(p.path(), &p.path().join("output")).is_ok());
    }

    #[test]
    fn refuses_the_root_content_and_parents() {
        let p = project();
        for bad in [
            p.path().to_path_buf(),
            p.path().join("content"),
            p.path().join("content/out"),
            p.path().join("."),
        ] {
            assert!(
                check_output_folder(p.path(), &bad).is_err(),
                "{}",
                bad.display()
            );
        }
        let parent = p.path().parent().unwrap();
        assert!(
            check_output_folder(p.path(), parent).is_err(),
            "a folder that contains content/"
        );
    }
}
