//! Walks `content/`, sorts its files into settings, journeys, pages and other files, and
//! reads text files safely (size limit, UTF-8 check, symlink loops).

use super::contents::{FileContents, TextContents};
use crate::diagnostics::Message;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, Position};
use crate::msg;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The largest YAML or Markdown file journeymap reads.
pub const MAX_TEXT_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The files found under `content/`, by role; paths are relative to `content/`, `/`-separated.
#[derive(Debug, Default)]
pub struct ContentTree {
    /// `site.yaml`, if present.
    pub site: Option<String>,
    /// `promises.yaml`, if present.
    pub promises: Option<String>,
    /// `personas.yaml`, if present.
    pub personas: Option<String>,
    /// `journeys/**/*.yaml`.
    pub journeys: Vec<String>,
    /// `measurements/*.yaml`: survey waves.
    pub measurements: Vec<String>,
    /// `**/*.md`.
    pub pages: Vec<String>,
    /// Everything else, copied as it is.
    pub assets: Vec<String>,
}

/// A text file read from the project.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Project-relative path used in diagnostics, e.g. `content/journeys/a.yaml`.
    pub file: Arc<str>,
    /// Path relative to `content/`, e.g. `journeys/a.yaml`.
    pub content_path: String,
    /// The text, without a byte-order mark.
    pub text: Arc<str>,
}

/// Lists the files under `root/content`, in a stable order; reports unreadable entries and
/// symlink loops. Hidden files and editor backups are skipped.
pub fn walk(root: &Path, diagnostics: &mut Diagnostics) -> ContentTree {
    let content = root.join("content");
    let mut tree = ContentTree::default();
    let walker = walkdir::WalkDir::new(&content)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                diagnostics.push(walk_error(root, &error));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(&content) else {
            continue;
        };
        let Some(path) = slash_path(relative) else {
            let file = project_path(root, entry.path());
            diagnostics.push(Diagnostic::error(
                Code::Io,
                Location::file(file),
                msg!("error.name_not_unicode"),
            ));
            continue;
        };
        classify(path, &mut tree, diagnostics);
    }
    // Each folder's entries by name, a folder's files where the folder's name comes (`a/x`
    // before `a-b`): sorted once here, by path segments, rather than by names parsed again
    // at every comparison during the walk.
    let lists = [
        &mut tree.journeys,
        &mut tree.measurements,
        &mut tree.pages,
        &mut tree.assets,
    ];
    for list in lists {
        list.sort_unstable_by(|a, b| a.split('/').cmp(b.split('/')));
    }
    tree
}

fn classify(path: String, tree: &mut ContentTree, diagnostics: &mut Diagnostics) {
    let wrong_extension = |path: &str, right: String| {
        Diagnostic::error(
            Code::WrongExtension,
            Location::at(Arc::from(format!("content/{path}")), Position::START),
            msg!("error.yml"),
        )
        .with_help(msg!("help.rename_to", right))
    };
    match path.as_str() {
        "site.yaml" => tree.site = Some(path),
        "promises.yaml" => tree.promises = Some(path),
        "personas.yaml" => tree.personas = Some(path),
        "site.yml" | "promises.yml" | "personas.yml" => {
            diagnostics.push(wrong_extension(&path, path.replace(".yml", ".yaml")));
        }
        p if p.starts_with("journeys/") && p.ends_with(".yaml") => tree.journeys.push(path),
        p if p.starts_with("journeys/") && p.ends_with(".yml") => {
            let right = format!("{}.yaml", &p[..p.len() - 4]);
            diagnostics.push(wrong_extension(&path, right));
        }
        p if p.starts_with("measurements/") && p.ends_with(".yaml") => {
            tree.measurements.push(path);
        }
        p if p.starts_with("measurements/") && p.ends_with(".yml") => {
            let right = format!("{}.yaml", &p[..p.len() - 4]);
            diagnostics.push(wrong_extension(&path, right));
        }
        p if p.ends_with(".md") => tree.pages.push(path),
        _ => tree.assets.push(path),
    }
}

/// Hidden files and folders (`.git`, `.DS_Store`) and editor backups (`x~`, `#x#`).
fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#')
}

fn walk_error(root: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error
        .path()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.join("content"));
    let file = project_path(root, &path);
    if let Some(ancestor) = error.loop_ancestor() {
        let target = project_path(root, ancestor);
        return Diagnostic::error(
            Code::SymlinkLoop,
            Location::file(file),
            msg!("error.symlink_loop", target),
        )
        .with_help(msg!("help.symlink_loop"));
    }
    let reason = error
        .io_error()
        .map_or_else(|| msg!("io.other", detail = error), plain_io_error);
    Diagnostic::error(
        Code::Io,
        Location::file(file),
        msg!("error.cannot_read", reason),
    )
}

/// Reads a YAML or Markdown file under `content/` as text, through the cache.
pub fn read_text(
    root: &Path,
    content_path: &str,
    cache: &FileContents,
) -> Result<SourceFile, Diagnostic> {
    let file: Arc<str> = Arc::from(format!("content/{content_path}"));
    let path: PathBuf = root.join("content").join(content_path);
    let io_error = |e: std::io::Error| {
        Diagnostic::error(
            Code::Io,
            Location::file(file.clone()),
            msg!("error.cannot_read_file", reason = plain_io_error(&e)),
        )
    };
    let bytes = match cache
        .read_text(&path, MAX_TEXT_FILE_BYTES)
        .map_err(io_error)?
    {
        TextContents::Text(text) => {
            return Ok(SourceFile {
                file,
                content_path: content_path.to_string(),
                text,
            });
        }
        TextContents::NotUtf8(bytes) => bytes,
        TextContents::TooLarge(size) => {
            return Err(Diagnostic::error(
                Code::FileTooLarge,
                Location::file(file.clone()),
                too_large(size),
            )
            .with_help(msg!("help.split_file")));
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let valid_up_to = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let valid = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
    let position = Position::of_offset(valid, valid.len(), 0);
    Err(Diagnostic::error(
        Code::NotUtf8,
        Location::at(file, Position { len: 0, ..position }),
        msg!("error.not_utf8"),
    )
    .with_help(msg!("help.not_utf8")))
}

/// The names of the theme folders under `root/themes`.
pub fn theme_names(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join("themes")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// The static files of the project's theme `name` (`themes/<name>/static/**`), by
/// `/`-separated path under `static/`, sorted; hidden files and folders are skipped.
pub fn theme_static_files(root: &Path, name: &str) -> Vec<String> {
    let folder = root.join("themes").join(name).join("static");
    if !folder.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(&folder)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| slash_path(e.path().strip_prefix(&folder).ok()?))
        .collect()
}

fn slash_path(relative: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    parts.map(|p| p.join("/"))
}

/// A path shown relative to the project root, `/`-separated.
fn project_path(root: &Path, path: &Path) -> Arc<str> {
    let relative = path.strip_prefix(root).unwrap_or(path);
    Arc::from(slash_path(relative).unwrap_or_else(|| relative.to_string_lossy().into_owned()))
}

/// An I/O error in plain words, without the OS error number.
fn plain_io_error(error: &std::io::Error) -> Message {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => msg!("io.not_found"),
        ErrorKind::PermissionDenied => msg!("io.permission_denied"),
        _ => {
            let text = error.to_string();
            let detail = match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            msg!("io.other", detail)
        }
    }
}

/// The message for a file of `size` bytes over `MAX_TEXT_FILE_BYTES`: its size in MiB with
/// one decimal, or in bytes when that would round to the limit itself ("4.0 MiB").
fn too_large(size: u64) -> Message {
    const MIB: u64 = 1024 * 1024;
    let limit = MAX_TEXT_FILE_BYTES / MIB;
    let tenths = (size * 10 + MIB / 2) / MIB;
    if tenths > limit * 10 {
        msg!(
            "error.file_too_large",
            size = format!("{}.{}", tenths / 10, tenths % 10),
            limit
        )
    } else {
        msg!(
            "error.file_too_large_bytes",
            size = grouped(size),
            limit,
            bytes = grouped(MAX_TEXT_FILE_BYTES)
        )
    }
}

/// A number with commas between groups of three digits.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_error_never_reads_as_within_the_limit() {
        assert_eq!(
            too_large(10 * 1024 * 1024 + 3).english(),
            "this file is 10.0 MiB; journeymap reads YAML and Markdown files of up to 4 MiB"
        );
        assert_eq!(
            too_large(MAX_TEXT_FILE_BYTES + 1).english(),
            "this file is 4,194,305 bytes; journeymap reads YAML and Markdown files of up to \
             4 MiB (4,194,304 bytes)"
        );
        assert!(
            too_large(4 * 1024 * 1024 + 210_000)
                .english()
                .starts_with("this file is 4.2 MiB;")
        );
    }

    #[test]
    fn files_come_folder_by_folder_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        for file in [
            "a.md",
            "a-b/y.md",
            "a/x.md",
            "a/b/z.md",
            "b.md",
            "journeys/j.yaml",
        ] {
            let path = content.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let mut diagnostics = Diagnostics::new();
        let tree = walk(dir.path(), &mut diagnostics);
        assert!(diagnostics.is_empty());
        assert_eq!(
            tree.pages,
            ["a/b/z.md", "a/x.md", "a-b/y.md", "a.md", "b.md"],
            "as a walk by names gives them: a folder's files where its name comes"
        );
        assert_eq!(tree.journeys, ["journeys/j.yaml"]);
    }
}
