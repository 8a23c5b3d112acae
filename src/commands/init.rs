//! `journeymap init DIR` and `journeymap new journey|page`: start a project, add to one.

use super::Outcome;
use crate::model::slugify;
use crate::scaffold;
use std::io::{self, Write};
use std::path::{Component, Path};

/// Creates a new project in `dir` (created if missing); refuses a folder with `content/`.
pub fn init(dir: &Path, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    if dir.join("content").exists() {
        writeln!(
            err,
            "error: {} already has a content/ folder; journeymap init only starts new projects",
            dir.display()
        )?;
        writeln!(
            err,
            "help: to add a journey to it, run `journeymap new journey \"Its title\"` inside it"
        )?;
        return Ok(Outcome::Failure);
    }
    match scaffold::write_new(dir, &scaffold::project_files()) {
        Ok(written) => {
            writeln!(out, "created a journeymap project in {}:", dir.display())?;
            for path in written {
                let shown = path.strip_prefix(dir).unwrap_or(&path);
                writeln!(out, "  {}", shown.display())?;
            }
            writeln!(
                out,
                "next: cd {} && journeymap serve  (or journeymap build)",
                dir.display()
            )?;
            Ok(Outcome::Success)
        }
        Err(e) => {
            writeln!(err, "error: {e}")?;
            Ok(Outcome::Failure)
        }
    }
}

/// What `journeymap new` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewThing {
    /// A journey file in `content/journeys/`.
    Journey,
    /// A Markdown page under `content/`.
    Page,
}

/// Adds a commented skeleton to the project in `root`; refuses to overwrite.
pub fn new(
    root: &Path,
    thing: NewThing,
    name: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    if !root.join("content").is_dir() {
        writeln!(
            err,
            "error: there is no content/ folder in {}",
            root.display()
        )?;
        writeln!(
            err,
            "help: run this inside a project, pass --root, or start one with `journeymap init DIR`"
        )?;
        return Ok(Outcome::Usage);
    }
    let (path, text) = match thing {
        NewThing::Journey => {
            let id = slugify(name);
            if id.is_empty() {
                writeln!(
                    err,
                    "error: no journey id can be made from `{name}`; give it a title with letters or digits"
                )?;
                return Ok(Outcome::Usage);
            }
            (
                format!("content/journeys/{id}.yaml"),
                scaffold::journey(name, 0),
            )
        }
        NewThing::Page => {
            let Some(relative) = page_path(name) else {
                writeln!(
                    err,
                    "error: `{name}` is not a path under content/ (no `..`, not absolute)"
                )?;
                writeln!(
                    err,
                    "help: for example `journeymap new page course/lesson-4`"
                )?;
                return Ok(Outcome::Usage);
            };
            let stem = relative
                .rsplit('/')
                .next()
                .unwrap_or(&relative)
                .trim_end_matches(".md")
                .to_string();
            (
                format!("content/{relative}"),
                scaffold::page(&scaffold::title_from_name(&stem)),
            )
        }
    };
    match scaffold::write_new(root, &[(path.clone(), text)]) {
        Ok(_) => {
            writeln!(out, "created {path}")?;
            Ok(Outcome::Success)
        }
        Err(e) => {
            writeln!(err, "error: {e}")?;
            Ok(Outcome::Failure)
        }
    }
}

/// The path of a new page under content/, ending in `.md`; `None` for a path that leaves it.
fn page_path(name: &str) -> Option<String> {
    let path = Path::new(name.trim());
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?.to_string()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    let mut joined = parts.join("/");
    if joined.is_empty() {
        return None;
    }
    if !joined.ends_with(".md") {
        joined.push_str(".md");
    }
    Some(joined)
}
