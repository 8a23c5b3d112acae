//! Themes: the built-in default theme (embedded in the binary, so an installed journeymap
//! needs no repository) and a project's `themes/<name>/` overriding any of its files.

use crate::address;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use crate::msg;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Templates of the default theme, by name.
const DEFAULT_TEMPLATES: [(&str, &str); 26] = [
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "journey.html",
        include_str!("../../themes/default/templates/journey.html"),
    ),
    (
        "inventory.html",
        include_str!("../../themes/default/templates/inventory.html"),
    ),
    (
        "consistency.html",
        include_str!("../../themes/default/templates/consistency.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "print.html",
        include_str!("../../themes/default/templates/print.html"),
    ),
    (
        "views/inventory.html",
        include_str!("../../themes/default/templates/views/inventory.html"),
    ),
    (
        "views/consistency.html",
        include_str!("../../themes/default/templates/views/consistency.html"),
    ),
    (
        "views/plot.html",
        include_str!("../../themes/default/templates/views/plot.html"),
    ),
    (
        "views/pagination.html",
        include_str!("../../themes/default/templates/views/pagination.html"),
    ),
    (
        "views/findings.html",
        include_str!("../../themes/default/templates/views/findings.html"),
    ),
    (
        "views/plans.html",
        include_str!("../../themes/default/templates/views/plans.html"),
    ),
    (
        "views/measured_table.html",
        include_str!("../../themes/default/templates/views/measured_table.html"),
    ),
    (
        "views/changes.html",
        include_str!("../../themes/default/templates/views/changes.html"),
    ),
    (
        "report.html",
        include_str!("../../themes/default/templates/report.html"),
    ),
    (
        "views/blueprint.html",
        include_str!("../../themes/default/templates/views/blueprint.html"),
    ),
    (
        "departments.html",
        include_str!("../../themes/default/templates/departments.html"),
    ),
    (
        "department.html",
        include_str!("../../themes/default/templates/department.html"),
    ),
    (
        "persona.html",
        include_str!("../../themes/default/templates/persona.html"),
    ),
    (
        "measurements.html",
        include_str!("../../themes/default/templates/measurements.html"),
    ),
    (
        "wave.html",
        include_str!("../../themes/default/templates/wave.html"),
    ),
    (
        "plans.html",
        include_str!("../../themes/default/templates/plans.html"),
    ),
    (
        "views/measured_figure.html",
        include_str!("../../themes/default/templates/views/measured_figure.html"),
    ),
    (
        "views/journey_table.html",
        include_str!("../../themes/default/templates/views/journey_table.html"),
    ),
    (
        "views/table_filter.html",
        include_str!("../../themes/default/templates/views/table_filter.html"),
    ),
];

/// Static files of the default theme, by address (see [`address::BUILT_IN_THEME_FILES`]).
const DEFAULT_STATIC: [(&str, &[u8]); 5] = [
    (
        address::STYLESHEET,
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        address::SEARCH_SCRIPT,
        include_bytes!("../../themes/default/static/search.js"),
    ),
    (
        address::NAV_SCRIPT,
        include_bytes!("../../themes/default/static/nav.js"),
    ),
    (
        address::TABLE_SCRIPT,
        include_bytes!("../../themes/default/static/tables.js"),
    ),
    // elasticlunr.js 0.9.5 from npm, MIT licence, its header kept (see README).
    (
        address::SEARCH_LIBRARY,
        include_bytes!("../../themes/default/static/elasticlunr.min.js"),
    ),
];

/// A static file of the theme: embedded, or a file of the project's theme folder.
#[derive(Debug, Clone)]
pub enum StaticFile {
    /// Bytes of the built-in theme.
    Embedded(&'static [u8]),
    /// A file to copy from the project's theme.
    File(PathBuf),
}

/// The theme of a build: templates compiled into Tera, and static files by output path.
pub struct Theme {
    /// Compiled templates.
    pub tera: tera::Tera,
    /// Static files by output path (`theme/style.css`).
    pub static_files: BTreeMap<String, StaticFile>,
    /// Whether the project's theme has a home page template of its own (not the built-in
    /// one's text): written before the table of journeys, it may expect the cards always.
    pub own_home: bool,
}

/// Loads the theme named in site.yaml: the default theme, with the project's
/// `themes/<name>/templates` files and `static_files` (paths under `themes/<name>/static/`,
/// as the loader listed them) in place of (or beside) its own.
pub fn load(root: &Path, name: &str, static_files: &[String]) -> Result<Theme, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let mut templates: BTreeMap<String, (String, String)> = DEFAULT_TEMPLATES
        .iter()
        .map(|(n, t)| {
            (
                (*n).to_string(),
                (format!("(built-in theme) {n}"), (*t).to_string()),
            )
        })
        .collect();
    let mut files: BTreeMap<String, StaticFile> = DEFAULT_STATIC
        .iter()
        .map(|(a, b)| ((*a).to_string(), StaticFile::Embedded(b)))
        .collect();
    let folder = root.join("themes").join(name);
    if folder.is_dir() {
        for (relative, path) in files_under(&folder.join("templates")) {
            let shown = format!("themes/{name}/templates/{relative}");
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    templates.insert(relative, (shown, text));
                }
                Err(e) => diagnostics.push(Diagnostic::error(
                    Code::Io,
                    Location::file(shown.into()),
                    msg!("error.cannot_read_template", reason = e),
                )),
            }
        }
    }
    for relative in static_files {
        let path = folder.join("static").join(relative);
        files.insert(address::theme_file(relative), StaticFile::File(path));
    }
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".svg", ".xml"]);
    tera.set_escape_fn(super::markdown::escape_for_template);
    let sources: Vec<(String, String)> = templates
        .iter()
        .map(|(n, (_, t))| (n.clone(), t.clone()))
        .collect();
    if let Err(error) = tera.add_raw_templates(sources) {
        let shown: Vec<&str> = templates
            .values()
            .map(|(s, _)| s.as_str())
            .filter(|s| !s.starts_with('('))
            .collect();
        let file = shown.first().map_or("themes/", |s| s);
        diagnostics.push(
            Diagnostic::error(
                Code::Template,
                Location::file(file.into()),
                msg!("error.template_compile", name, reason = plain(&error)),
            )
            .with_help(msg!("help.template_compile")),
        );
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let built_in_home = DEFAULT_TEMPLATES
        .iter()
        .find(|(n, _)| *n == "index.html")
        .map(|(_, t)| *t);
    let own_home = templates
        .get("index.html")
        .is_some_and(|(_, text)| Some(text.as_str()) != built_in_home);
    Ok(Theme {
        tera,
        static_files: files,
        own_home,
    })
}

/// A Tera error with its causes, on one line each.
pub fn plain(error: &tera::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!("\n{cause}"));
        source = cause.source();
    }
    text
}

/// Files under a folder, by `/`-separated relative path, sorted; hidden files skipped (as
/// the loader lists a theme's static files).
fn files_under(folder: &Path) -> Vec<(String, PathBuf)> {
    if !folder.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let relative = e.path().strip_prefix(folder).ok()?;
            let parts: Option<Vec<&str>> = relative
                .components()
                .map(|c| c.as_os_str().to_str())
                .collect();
            Some((parts?.join("/"), e.path().to_path_buf()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::Labels;
    use crate::model::{Enumerated, Language};

    #[test]
    fn every_label_a_template_uses_exists_in_every_language() {
        for (name, text) in DEFAULT_TEMPLATES {
            for quote in ['"', '\''] {
                let opening = format!("labels[{quote}");
                for piece in text.split(opening.as_str()).skip(1) {
                    let key = piece.split(quote).next().unwrap_or_default();
                    for &language in Language::ALL {
                        let labels = Labels::new(language);
                        assert!(
                            labels.has(key),
                            "`{key}` used in {name} is missing in `{}`",
                            language.as_str()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_default_theme_compiles() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(dir.path(), "default", &[]).is_ok());
    }

    #[test]
    fn the_address_plan_knows_the_built_in_static_files() {
        let embedded: Vec<&str> = DEFAULT_STATIC.iter().map(|(a, _)| *a).collect();
        assert_eq!(embedded, address::BUILT_IN_THEME_FILES);
    }
}
