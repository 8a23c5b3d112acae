//! `journeymap init DIR` and `journeymap new journey|page`: start a project, add to one.

use super::{Outcome, Voice};
use crate::labels::choice;
use crate::load::load_language;
use crate::model::{Language, slugify};
use crate::msg;
use crate::scaffold;
use std::io::{self, Write};
use std::path::{Component, Path};

/// Creates a new project in `dir` (created if missing) in `language`; refuses a folder with
/// `content/`. Without `language` the project speaks the language of `--lang`, else of the
/// environment's locale; the messages speak `--lang`, else the project's language.
pub fn init(
    dir: &Path,
    language: Option<Language>,
    lang: Option<Language>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let language = language.unwrap_or_else(|| choice::chosen(lang, None));
    let voice = Voice::chosen(lang, Some(language));
    if dir.join("content").exists() {
        let message = msg!("cli.init_exists", dir = dir.display());
        voice.error(err, &message, Some(&msg!("cli.init_exists_help")))?;
        return Ok(Outcome::Failure);
    }
    let files = scaffold::project_files(&crate::labels::Labels::new(language));
    match scaffold::write_new(dir, &files) {
        Ok(written) => {
            voice.say(out, &msg!("cli.init_created", dir = dir.display()))?;
            for path in written {
                let shown = path.strip_prefix(dir).unwrap_or(&path);
                writeln!(out, "  {}", shown.display())?;
            }
            voice.say(out, &msg!("cli.init_next", dir = dir.display()))?;
            Ok(Outcome::Success)
        }
        Err(e) => refused(&voice, err, &e),
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

/// Adds a commented skeleton to the project in `root`, in the project's language; refuses
/// to overwrite.
pub fn new(
    root: &Path,
    thing: NewThing,
    name: &str,
    lang: Option<Language>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    if !root.join("content").is_dir() {
        let voice = Voice::chosen(lang, None);
        let message = msg!("error.no_content", root = root.display());
        voice.error(err, &message, Some(&msg!("cli.no_project_help")))?;
        return Ok(Outcome::Usage);
    }
    let language = load_language(root).unwrap_or_default();
    let labels = crate::labels::Labels::new(language);
    let voice = Voice::chosen(lang, Some(language));
    let (path, text) = match thing {
        NewThing::Journey => {
            let id = slugify(name);
            if id.is_empty() {
                voice.error(err, &msg!("cli.new_no_id", name), None)?;
                return Ok(Outcome::Usage);
            }
            (
                format!("content/journeys/{id}.yaml"),
                scaffold::journey(name, 0, &labels),
            )
        }
        NewThing::Page => {
            let Some(relative) = page_path(name) else {
                let message = msg!("cli.new_not_a_path", name);
                voice.error(err, &message, Some(&msg!("cli.new_page_help")))?;
                return Ok(Outcome::Usage);
            };
            let title = page_title(&relative)
                .unwrap_or_else(|| labels.get("scaffold.new_page_title").to_string());
            (
                format!("content/{relative}"),
                scaffold::page(&title, &labels),
            )
        }
    };
    match scaffold::write_new(root, &[(path.clone(), text)]) {
        Ok(_) => {
            voice.say(out, &msg!("cli.new_created", path))?;
            Ok(Outcome::Success)
        }
        Err(e) => refused(&voice, err, &e),
    }
}

/// The title of a new page at `relative` (`notes/handover.md`): its name with the case as
/// typed; an `_index.md` takes its folder's name.
fn page_title(relative: &str) -> Option<String> {
    let mut parts = relative.trim_end_matches(".md").rsplit('/');
    let stem = parts.next().unwrap_or(relative);
    let name = if stem == "_index" {
        parts.next()?
    } else {
        stem
    };
    scaffold::title_from_name(name)
}

/// The error of a refused write: a file that exists, or the system's reason.
fn refused(voice: &Voice, err: &mut dyn Write, e: &io::Error) -> io::Result<Outcome> {
    let message = match e.kind() {
        io::ErrorKind::AlreadyExists => msg!("cli.not_overwritten", reason = e),
        _ => msg!("io.other", detail = e),
    };
    voice.error(err, &message, None)?;
    Ok(Outcome::Failure)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_titled_with_its_name_as_typed_and_an_index_with_its_folder() {
        let title = |path| page_title(path).unwrap();
        assert_eq!(
            title("notities/overdracht-miranda-harry.md"),
            "overdracht miranda harry"
        );
        assert_eq!(
            title("notities/Overdracht-Miranda.md"),
            "Overdracht Miranda"
        );
        assert_eq!(title("cursus/Klantreizen-101/_index.md"), "Klantreizen 101");
        assert_eq!(page_title("_index.md"), None);
    }
}
