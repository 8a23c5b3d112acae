//! The site as `serve` holds it: built into memory, replaced only by a build without errors,
//! with the errors of the last failed build kept for the browser overlay; and the rebuilds
//! after an edit, which parse only the changed files and render only the pages that show
//! something that changed.

use crate::analysis::{Analysis, analyse_edited, analyse_reusing};
use crate::commands::Voice;
use crate::diagnostics::Message;
use crate::diagnostics::{Diagnostics, Sources, TextStyle, write_text};
use crate::load::{Contents, FileCache, Loaded, load_project_cached, reload_journeys};
use crate::model::{Language, Project};
use crate::msg;
use crate::render::SiteSink;
use crate::render::{MemorySite, Selection, changes, render_selection};
use bytes::Bytes;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, RwLock};

/// The files of a built site, by path (shared, so that a step copies no path or file, and
/// a rendered file becomes a served one without a copy).
pub type Files = Arc<BTreeMap<Arc<str>, Bytes>>;

/// The data files of a project, by path.
pub type Downloads = BTreeMap<String, Bytes>;

/// A project as the last good rebuild loaded and analysed it.
#[derive(Debug)]
pub struct Built {
    /// The project.
    pub project: Project,
    /// Its analysis.
    pub analysis: Analysis,
}

/// What the server shows: the last good site and the errors of the last build, if it failed.
/// The data files (`model.json`, the CSV files, the workbook) are made when first asked for,
/// from the last good project: at 10,000 journeys they are 570 MB and a sixth of a build.
#[derive(Default)]
pub struct SiteState {
    files: RwLock<Files>,
    errors: RwLock<Option<String>>,
    /// The folder that holds `content/` (and `themes/`).
    root: PathBuf,
    /// The project the site was last built from.
    built: RwLock<Option<Arc<Built>>>,
    /// The data files made last, and the project they were made from.
    downloads: Mutex<Option<(Arc<Built>, Downloads)>>,
}

impl SiteState {
    /// The state of a server of the project in `root`, before its first build.
    pub fn new(root: &Path) -> Self {
        SiteState {
            root: root.to_path_buf(),
            ..SiteState::default()
        }
    }

    /// A data file of the last good project (see [`address::DOWNLOADS`]), made the first time
    /// it is asked for after a rebuild; `None` for another path, before the first build, or
    /// when it cannot be made.
    pub fn download(&self, path: &str) -> Option<Bytes> {
        let built = self.built.read().ok()?.clone()?;
        let mut made = self.downloads.lock().unwrap_or_else(|e| e.into_inner());
        match &*made {
            Some((from, files)) if Arc::ptr_eq(from, &built) => files.get(path).cloned(),
            _ => {
                let files = render_downloads(&built, &self.root).ok()?;
                let file = files.get(path).cloned();
                *made = Some((built, files));
                file
            }
        }
    }

    /// The current files.
    pub fn files(&self) -> Files {
        self.files.read().map(|f| f.clone()).unwrap_or_default()
    }

    /// The report of the last build, if it failed.
    pub fn errors(&self) -> Option<String> {
        self.errors.read().ok().and_then(|e| e.clone())
    }

    /// Forgets the errors of the last build (a rebuild without errors that changed nothing).
    pub fn clear_errors(&self) {
        if let Ok(mut errors) = self.errors.write() {
            *errors = None;
        }
    }

    /// Records a build: a good one replaces the site and clears the errors, a failed one keeps
    /// the site and records its report.
    pub fn update(&self, result: Result<&Published, String>) {
        match result {
            Ok(published) => {
                if let Ok(mut current) = self.files.write() {
                    *current = published.files.clone();
                }
                if let Some(built) = &published.built
                    && let Ok(mut current) = self.built.write()
                {
                    *current = Some(built.clone());
                }
                if let Ok(mut errors) = self.errors.write() {
                    *errors = None;
                }
            }
            Err(report) => {
                if let Ok(mut errors) = self.errors.write() {
                    *errors = Some(report);
                }
            }
        }
    }
}

/// Files of the site that a step of a rebuild changed: the whole site after the step, and
/// the paths whose bytes are new (`*` alone when every page should reload).
#[derive(Debug, Clone)]
pub struct Published {
    /// Every file of the site.
    pub files: Files,
    /// The paths that changed.
    pub changed: Vec<String>,
    /// The project the files were built from, for the data files; `None` for the pages of
    /// edited journeys shown before the project's analysis is complete.
    pub built: Option<Arc<Built>>,
}

/// What a rebuild did, for the terminal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rebuilt {
    /// Files read from disk again.
    pub read: usize,
    /// Journey files parsed again.
    pub parsed: usize,
    /// Files rendered.
    pub rendered: usize,
    /// Of those, the pages of edited journeys rendered before the whole project was loaded.
    pub early: usize,
}

/// Builds the site of a project again and again, reusing what did not change.
pub struct Rebuilder {
    root: PathBuf,
    cache: FileCache,
    last: Option<Arc<Built>>,
    files: Files,
    /// The language asked for with `--lang`.
    lang: Option<Language>,
    /// The project's language at the last rebuild.
    language: Option<Language>,
    /// Set by the watcher when files change during a rebuild: the site-wide files being
    /// rendered are out of date, so they are left unfinished.
    superseded: Arc<AtomicBool>,
    /// The site-wide files of the last rebuild were left unfinished: the next one renders them.
    site_wide_due: bool,
    /// Files under `content/` (paths below it) that changed since the last rebuild without
    /// errors; `None` when that is not known (before the first, after a change the watcher
    /// could not say where).
    pending: Option<BTreeSet<String>>,
}

impl Rebuilder {
    /// A rebuilder for the project in `root` that has built nothing yet.
    pub fn new(root: &Path, lang: Option<Language>) -> Self {
        Rebuilder {
            root: root.to_path_buf(),
            cache: FileCache::new(),
            last: None,
            files: Files::default(),
            lang,
            language: None,
            superseded: Arc::new(AtomicBool::new(false)),
            site_wide_due: false,
            pending: None,
        }
    }

    /// The flag to set when files change while a rebuild runs (see [`Rebuilder::rebuild`]).
    pub fn superseded(&self) -> Arc<AtomicBool> {
        self.superseded.clone()
    }

    /// Records files that changed, as the watcher names them (absolute, or under the root);
    /// `None` when it cannot say which. A rebuild reads the journeys among them first.
    pub fn saw(&mut self, paths: Option<&[PathBuf]>) {
        let content = std::path::absolute(self.root.join("content")).ok();
        let Some(pending) = &mut self.pending else {
            return;
        };
        let relative = |path: &PathBuf| {
            let path = std::path::absolute(path).ok()?;
            let below = path.strip_prefix(content.as_ref()?).ok()?;
            let parts: Option<Vec<&str>> = below.iter().map(|p| p.to_str()).collect();
            parts.map(|p| p.join("/"))
        };
        let below: Option<Vec<String>> = paths.and_then(|p| p.iter().map(relative).collect());
        match below {
            Some(below) => pending.extend(below),
            None => self.pending = None,
        }
    }

    /// The voice of the messages about the last rebuild: `--lang`, else the project's.
    pub fn voice(&self) -> Voice {
        Voice::chosen(self.lang, self.language)
    }

    /// Builds the site after a change; `everything` renders every page (a theme changed).
    /// Each finished step is handed to `publish`: the pages an edit changed first, then the
    /// home page, then the other site-wide files. When the `superseded` flag is set during
    /// the last step, that step is left unfinished and unpublished, and the next rebuild
    /// renders it. A failure gives the plain-text report of every error, under a first line
    /// that heads the browser's overlay.
    pub fn rebuild(
        &mut self,
        everything: bool,
        publish: &mut dyn FnMut(Published),
    ) -> Result<Rebuilt, String> {
        let (reads, parses) = (self.cache.reads(), self.cache.parses());
        let early = if everything {
            None
        } else {
            self.edited_journeys_first(publish)
        };
        let first = early.as_ref().map_or(0, |(_, rendered)| *rendered);
        let loaded = match early {
            // The edit changed nothing that another file sees: the project is the one shown.
            Some((project, _)) => Loaded {
                project: Some(project),
                diagnostics: Diagnostics::new(),
                sources: Sources::new(),
                language: self.language,
            },
            None => load_project_cached(&self.root, &mut self.cache),
        };
        self.language = loaded.language;
        let voice = self.voice();
        let heading = if self.files.is_empty() {
            msg!("cli.overlay_heading_first")
        } else {
            msg!("cli.overlay_heading")
        };
        let mut rebuilt = Rebuilt {
            read: self.cache.reads() - reads,
            parsed: self.cache.parses() - parses,
            rendered: first,
            early: first,
        };
        let Some(project) = loaded.project else {
            return Err(report(
                &voice,
                &heading,
                loaded.diagnostics,
                &loaded.sources,
            ));
        };
        let last = self.last.as_ref().map(|b| (&b.project, &b.analysis));
        let analysis = analyse_reusing(&project, last);
        let mut selection = match (last, everything) {
            (Some(last), false) => changes(last, (&project, &analysis)),
            _ => Selection::everything(),
        };
        // The data files are made when asked for (see `SiteState::download`).
        selection.downloads = false;
        selection.site_wide |= self.site_wide_due;
        let steps = if selection.everything {
            vec![selection]
        } else {
            selection.steps().to_vec()
        };
        let previous = self.last.take();
        let built = Arc::new(Built { project, analysis });
        let superseded = self.superseded.clone();
        for step in steps.into_iter().filter(|s| !s.is_empty()) {
            // A whole site is never left unfinished: the next rebuild would not know what.
            let site = if step.site_wide && !step.everything {
                MemorySite::abandoned_when(&superseded)
            } else {
                MemorySite::default()
            };
            render_selection(&built.project, &built.analysis, &self.root, &site, &step)
                .map_err(|d| report(&voice, &heading, d, &loaded.sources))?;
            self.site_wide_due = site.abandoned();
            if self.site_wide_due {
                break;
            }
            rebuilt.rendered += self
                .take(site, step.everything, Some(&built), publish)
                .map_err(|message| plain(&voice, &heading, &message))?;
        }
        self.last = Some(built);
        self.pending = Some(BTreeSet::new());
        std::thread::spawn(move || drop(previous));
        Ok(rebuilt)
    }

    /// Shows the pages of the journeys an edit changed before anything else, when the edit
    /// changed only what no other file sees (see [`reload_journeys`]): without loading and
    /// analysing the whole project first, which takes the better part of a second at 10,000
    /// journeys. Gives the project (the one a whole load would give, which the rest of the
    /// rebuild then takes as it is) and the number of files rendered; `None` when the edit
    /// needs the whole project loaded.
    fn edited_journeys_first(
        &mut self,
        publish: &mut dyn FnMut(Published),
    ) -> Option<(Project, usize)> {
        let (Some(pending), Some(built)) = (&self.pending, &self.last) else {
            return None;
        };
        let (last, facts) = (&built.project, &built.analysis);
        if pending.is_empty() {
            return None;
        }
        let changed: Vec<String> = pending.iter().cloned().collect();
        let project = reload_journeys(&self.root, &mut self.cache, last, &changed)?;
        let edited: Vec<&str> = project
            .journeys
            .iter()
            .zip(&last.journeys)
            .filter(|(new, old)| !Arc::ptr_eq(new, old))
            .map(|(new, _)| new.id.as_str())
            .collect();
        let analysis = analyse_edited(&project, (last, facts), &edited);
        let selection = Selection {
            journeys: edited.iter().map(|id| id.to_string()).collect(),
            ..Selection::default()
        };
        let site = MemorySite::default();
        render_selection(&project, &analysis, &self.root, &site, &selection).ok()?;
        let rendered = self.take(site, false, None, publish).ok()?;
        Some((project, rendered))
    }

    /// Takes the files of a rendered step into the site and publishes it (every page reloads
    /// after a whole site); gives the number of files rendered, or why a copied file could
    /// not be read.
    fn take(
        &mut self,
        site: MemorySite<'_>,
        everything: bool,
        built: Option<&Arc<Built>>,
        publish: &mut dyn FnMut(Published),
    ) -> Result<usize, Message> {
        let (generated, copies) = site.into_parts();
        let rendered = generated.len() + copies.len();
        let mut files: BTreeMap<Arc<str>, Bytes> = if everything {
            BTreeMap::new()
        } else {
            (*self.files).clone()
        };
        let mut changed = Vec::new();
        for (path, bytes) in generated {
            if self
                .files
                .get(path.as_str())
                .is_none_or(|old| **old != *bytes)
            {
                changed.push(path.clone());
            }
            files.insert(Arc::from(path), Bytes::from(bytes));
        }
        for (path, source) in copies {
            let contents = self.cache.read(&source, u64::MAX).map_err(|e| {
                let file = source.display();
                msg!("cli.cannot_read", file, reason = e)
            })?;
            let Contents::Bytes(bytes) = contents else {
                let file = source.display();
                return Err(msg!("cli.too_large_to_serve", file));
            };
            files.insert(Arc::from(path), Bytes::from_owner(bytes));
        }
        if everything {
            changed = vec!["*".to_string()];
        }
        self.files = Arc::new(files);
        publish(Published {
            files: self.files.clone(),
            changed,
            built: built.cloned(),
        });
        Ok(rendered)
    }
}

/// The data files of a project, as `build` writes them.
pub fn render_downloads(built: &Built, root: &Path) -> Result<Downloads, String> {
    let site = MemorySite::default();
    render_selection(
        &built.project,
        &built.analysis,
        root,
        &site,
        &Selection::downloads(),
    )
    .map_err(|_| "the data files could not be made".to_string())?;
    let (files, _) = site.into_parts();
    Ok(files
        .into_iter()
        .map(|(path, bytes)| (path, Bytes::from(bytes)))
        .collect())
}

/// The overlay's heading, then the diagnostics and their count.
fn report(
    voice: &Voice,
    heading: &Message,
    diagnostics: crate::diagnostics::Diagnostics,
    sources: &Sources,
) -> String {
    let mut out = Vec::new();
    let sorted = diagnostics.sorted();
    let count = sorted.len();
    let _ = voice.say(&mut out, heading);
    let _ = write_text(
        &mut out,
        &sorted,
        sources,
        "",
        TextStyle::Plain,
        voice.labels(),
    );
    let _ = if count == 1 {
        voice.say(&mut out, &msg!("cli.error_count_one"))
    } else {
        voice.say(&mut out, &msg!("cli.error_count", count))
    };
    String::from_utf8_lossy(&out).into_owned()
}

/// One error without a diagnostic, under the overlay's heading.
fn plain(voice: &Voice, heading: &Message, message: &Message) -> String {
    let mut out = Vec::new();
    let _ = voice.say(&mut out, heading);
    let _ = voice.error(&mut out, message, None);
    String::from_utf8_lossy(&out).into_owned()
}

/// A report without its first line (the overlay's heading), for the terminal.
pub fn without_heading(report: &str) -> &str {
    report.split_once('\n').map_or(report, |(_, rest)| rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn copy(from: &Path, to: &Path) {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    fn edit(root: &Path, file: &str, from: &str, to: &str) {
        let path = root.join("content").join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from} in {file}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// The site as `build` makes it.
    fn whole(root: &Path) -> BTreeMap<String, Bytes> {
        let project = crate::load::load_project(root).project.unwrap();
        let analysis = crate::analysis::analyse(&project);
        let site = MemorySite::default();
        crate::render::render_site(&project, &analysis, root, &site).unwrap();
        let (files, copies) = site.into_parts();
        let copies = copies
            .into_iter()
            .map(|(path, source)| (path, Bytes::from(fs::read(source).unwrap())));
        files
            .into_iter()
            .map(|(path, bytes)| (path, Bytes::from(bytes)))
            .chain(copies)
            .collect()
    }

    /// The site `serve` serves now, with the data files it makes when asked for.
    fn served(rebuilder: &Rebuilder, root: &Path) -> BTreeMap<String, Bytes> {
        let built = rebuilder.last.as_ref().unwrap();
        let files = rebuilder.files.iter();
        let files = files.map(|(path, bytes)| (path.to_string(), bytes.clone()));
        files
            .chain(render_downloads(built, root).unwrap())
            .collect()
    }

    /// Rebuilds after an edit; gives what it did and the published steps.
    fn rebuild(rebuilder: &mut Rebuilder) -> (Rebuilt, Vec<Published>) {
        let mut steps = Vec::new();
        let rebuilt = rebuilder.rebuild(false, &mut |p| steps.push(p)).unwrap();
        (rebuilt, steps)
    }

    fn assert_same_site(rebuilder: &Rebuilder, root: &Path, edit: &str) {
        let fresh = whole(root);
        let files = served(rebuilder, root);
        let extra: Vec<&String> = files.keys().filter(|k| !fresh.contains_key(*k)).collect();
        let missing: Vec<&String> = fresh.keys().filter(|k| !files.contains_key(*k)).collect();
        assert!(
            extra.is_empty() && missing.is_empty(),
            "served but not built: {extra:?}; built but not served: {missing:?}; after: {edit}"
        );
        for (path, bytes) in fresh.iter() {
            assert!(files[path] == *bytes, "{path} differs after: {edit}");
        }
    }

    /// A copy of the example project.
    fn example() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        copy(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
            &dir.path().join("content"),
        );
        dir
    }

    #[test]
    fn the_overlay_of_a_dutch_project_is_dutch_under_a_dutch_heading() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        copy(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dutch/content"),
            &root.join("content"),
        );
        let mut rebuilder = Rebuilder::new(root, None);
        rebuilder.rebuild(true, &mut |_| {}).unwrap();
        let journey = fs::read_dir(root.join("content/journeys"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let text = fs::read_to_string(&journey).unwrap();
        fs::write(&journey, text.replacen("kind:", "knd:", 1)).unwrap();
        let report = rebuilder.rebuild(false, &mut |_| {}).unwrap_err();
        let heading = report.lines().next().unwrap();
        assert!(
            heading.starts_with("journeymap: het project bevat fouten"),
            "{report}"
        );
        assert!(
            report.contains("fout[unknown-key]: onbekende sleutel `knd`"),
            "{report}"
        );
        assert!(report.contains("hulp: bedoel je `kind`?"), "{report}");
        assert!(
            report.ends_with("1 fout\n") || report.contains(" fouten\n"),
            "{report}"
        );
        assert!(!without_heading(&report).contains("het project bevat fouten"));
        let english = Rebuilder::new(root, Some(Language::En))
            .rebuild(true, &mut |_| {})
            .unwrap_err();
        assert!(
            english.starts_with("journeymap: the project has errors;")
                && english.contains("the site appears once they are fixed"),
            "{english}"
        );
    }

    #[test]
    fn each_edit_renders_what_it_changes_and_ends_as_a_first_build() {
        let dir = example();
        let root = dir.path();
        let mut rebuilder = Rebuilder::new(root, None);
        let first = rebuilder.rebuild(true, &mut |_| {}).unwrap();
        let total = rebuilder.files.len();
        assert_eq!(first.rendered, total);

        edit(
            root,
            "journeys/energy-move.yaml",
            "emotion: 1",
            "emotion: -2",
        );
        let (rebuilt, steps) = rebuild(&mut rebuilder);
        assert_eq!(rebuilt.parsed, 1, "only the edited journey is parsed");
        assert!(rebuilt.rendered < total, "{rebuilt:?} of {total}");
        assert_eq!(
            steps.len(),
            3,
            "its pages, the home page, the site-wide files"
        );
        assert!(
            steps[0]
                .changed
                .contains(&"journeys/energy-move/index.html".to_string())
        );
        assert!(
            !steps[0].changed.contains(&"index.html".to_string()),
            "{:?}",
            steps[0].changed
        );
        assert_eq!(steps[1].changed, ["index.html"]);
        assert!(
            steps[2]
                .changed
                .contains(&"inventory/index.html".to_string())
        );
        assert_same_site(&rebuilder, root, "an emotion");

        let edits: [(&str, &str, &str); 5] = [
            (
                "journeys/energy-move.yaml",
                "result: exceeded",
                "result: broken",
            ),
            (
                "course/lesson-2.md",
                "title: \"Lesson 2:",
                "title: \"Second lesson:",
            ),
            (
                "notes/returns-transfer.md",
                "The returns department",
                "Returns",
            ),
            (
                "journeys/hairdryer-return.yaml",
                "title: ",
                "title: Renamed ",
            ),
            ("site.yaml", "title: ", "title: Other "),
        ];
        for (file, from, to) in edits {
            edit(root, file, from, to);
            let (rebuilt, _) = rebuild(&mut rebuilder);
            assert!(rebuilt.rendered > 0, "{file}");
            assert_same_site(&rebuilder, root, &format!("{from} -> {to} in {file}"));
        }

        let journey = root.join("content/journeys/energy-move.yaml");
        let text = fs::read_to_string(&journey).unwrap();
        fs::write(&journey, format!("{text}\n# a comment\n")).unwrap();
        let (rebuilt, steps) = rebuild(&mut rebuilder);
        assert_eq!(
            (rebuilt.parsed, rebuilt.rendered),
            (1, 0),
            "a comment changes no page"
        );
        assert!(steps.is_empty());

        fs::write(
            root.join("content/journeys/new-one.yaml"),
            "title: New\nstages:\n  - name: A\n    touchpoints:\n      - {name: B, kind: human, emotion: 2}\n",
        )
        .unwrap();
        let (rebuilt, _) = rebuild(&mut rebuilder);
        assert_eq!(rebuilt.parsed, 1);
        assert!(rebuilder.files.contains_key("journeys/new-one/index.html"));
        assert_same_site(&rebuilder, root, "a new journey");
    }

    #[test]
    fn a_failed_rebuild_keeps_nothing_half_done() {
        let dir = example();
        let root = dir.path();
        let mut rebuilder = Rebuilder::new(root, None);
        rebuilder.rebuild(true, &mut |_| {}).unwrap();
        let journey = root.join("content/journeys/energy-move.yaml");
        let good = fs::read_to_string(&journey).unwrap();
        fs::write(&journey, "title: [broken\n").unwrap();
        let mut published = 0;
        let failed = rebuilder.rebuild(false, &mut |_| published += 1);
        assert!(failed.unwrap_err().contains("energy-move.yaml"));
        assert_eq!(published, 0);
        fs::write(&journey, good.replacen("emotion: 1", "emotion: -3", 1)).unwrap();
        rebuilder.rebuild(false, &mut |_| {}).unwrap();
        assert_same_site(&rebuilder, root, "a fix after a failure");
    }

    /// A small deterministic random number generator (xorshift), so a failure repeats.
    struct Dice(u64);

    impl Dice {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    /// Replaces the `which`-th line of `file` that starts (after its indent) with `key`.
    fn set_line(root: &Path, file: &str, key: &str, which: usize, value: &str) {
        let path = root.join("content").join(file);
        let text = fs::read_to_string(&path).unwrap();
        let lines: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with(key))
            .map(|(i, _)| i)
            .collect();
        if lines.is_empty() {
            return;
        }
        let target = lines[which % lines.len()];
        let edited: Vec<String> = text
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i == target {
                    let indent = &l[..l.len() - l.trim_start().len()];
                    format!("{indent}{key} {value}")
                } else {
                    l.to_string()
                }
            })
            .collect();
        fs::write(&path, edited.join("\n") + "\n").unwrap();
    }

    /// Files of a folder under `content/` with an extension, sorted.
    fn files_in(root: &Path, folder: &str, extension: &str) -> Vec<String> {
        let mut files: Vec<String> = fs::read_dir(root.join("content").join(folder))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(extension))
            .map(|n| format!("{folder}/{n}"))
            .collect();
        files.sort();
        files
    }

    /// Two hundred random edits (journeys, notes, promises, site settings, owners, files added
    /// and removed, broken files and their fixes, site-wide steps cut short by a newer edit):
    /// after every batch the served site is byte for byte a fresh build of the same content.
    #[test]
    fn after_random_edits_the_served_site_is_a_fresh_build() {
        let dir = example();
        let root = dir.path();
        let mut rebuilder = Rebuilder::new(root, None);
        rebuilder.rebuild(true, &mut |_| {}).unwrap();
        let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
        let mut log = Vec::new();
        let mut early = 0;
        for edit in 0..200 {
            let journeys = files_in(root, "journeys", ".yaml");
            let notes = files_in(root, "notes", ".md");
            let journey = &journeys[dice.below(journeys.len())];
            let which = dice.below(20);
            let mut broken = None;
            let done = match dice.below(12) {
                0 => {
                    let emotion = dice.below(7) as i64 - 3;
                    set_line(root, journey, "emotion:", which, &emotion.to_string());
                    format!("emotion {emotion} in {journey}")
                }
                1 => {
                    set_line(root, journey, "title:", 0, &format!("Journey {edit}"));
                    format!("title of {journey}")
                }
                2 => {
                    let note = &notes[dice.below(notes.len())];
                    let path = root.join("content").join(note);
                    let text = fs::read_to_string(&path).unwrap();
                    fs::write(&path, format!("{text}\nMore words {edit}.\n")).unwrap();
                    format!("text of {note}")
                }
                3 => {
                    set_line(
                        root,
                        "promises.yaml",
                        "text:",
                        which,
                        &format!("Promise {edit}."),
                    );
                    "a promise's text".to_string()
                }
                4 => {
                    set_line(root, "site.yaml", "title:", 0, &format!("Site {edit}"));
                    "the site's title".to_string()
                }
                5 => {
                    let result = ["kept", "broken", "partly", "exceeded"][dice.below(4)];
                    set_line(root, journey, "result:", which, result);
                    format!("a delivery {result} in {journey}")
                }
                6 => match journeys.iter().find(|j| j.contains("extra-")) {
                    Some(extra) => {
                        fs::remove_file(root.join("content").join(extra)).unwrap();
                        format!("removed {extra}")
                    }
                    None => {
                        let file = format!("journeys/extra-{edit}.yaml");
                        fs::write(
                            root.join("content").join(&file),
                            "title: Extra\nstages:\n  - name: A\n    touchpoints:\n      - {name: B, kind: human, emotion: 2, owner: billing}\n",
                        )
                        .unwrap();
                        format!("added {file}")
                    }
                },
                7 => match notes.iter().find(|n| n.contains("extra-")) {
                    Some(extra) => {
                        fs::remove_file(root.join("content").join(extra)).unwrap();
                        format!("removed {extra}")
                    }
                    None => {
                        let file = format!("notes/extra-{edit}.md");
                        let text = "---\ntitle: Extra note\njourney: energy-move\n---\nWords.\n";
                        fs::write(root.join("content").join(&file), text).unwrap();
                        format!("added {file}")
                    }
                },
                8 => {
                    set_line(root, journey, "name:", which, &format!("Renamed {edit}"));
                    format!("a name in {journey}")
                }
                9 => {
                    set_line(root, journey, "channel:", which, &format!("Channel {edit}"));
                    format!("a channel in {journey}")
                }
                10 => {
                    let owner = ["billing", "loyalty", "sales", "metering"][dice.below(4)];
                    set_line(root, journey, "owner:", which, owner);
                    format!("an owner {owner} in {journey}")
                }
                _ => {
                    let path = root.join("content").join(journey);
                    broken = Some((path.clone(), fs::read_to_string(&path).unwrap()));
                    fs::write(&path, "title: [broken\n").unwrap();
                    format!("broke {journey}")
                }
            };
            // Three edits in four come in while the site-wide files of the last are rendered
            // (which also keeps this test quick).
            let superseded = dice.below(4) != 0;
            rebuilder
                .superseded()
                .store(superseded, std::sync::atomic::Ordering::Relaxed);
            rebuilder.saw(Some(&touched(root, &done)));
            let mut steps: Vec<Published> = Vec::new();
            let result = rebuilder.rebuild(false, &mut |p| steps.push(p));
            rebuilder
                .superseded()
                .store(false, std::sync::atomic::Ordering::Relaxed);
            if let Ok(rebuilt) = &result {
                early += usize::from(rebuilt.early > 0);
            }
            // A page shown early is the page the whole rebuild gives: no later step of the
            // same rebuild changes it again.
            for (i, step) in steps.iter().enumerate() {
                for later in &steps[i + 1..] {
                    let again: Vec<&String> = step
                        .changed
                        .iter()
                        .filter(|p| *p != "*" && later.changed.contains(p))
                        .collect();
                    assert!(again.is_empty(), "{again:?} changed twice after: {done}");
                }
            }
            log.push(format!(
                "{done}{}",
                if superseded { " (cut short)" } else { "" }
            ));
            match broken {
                Some((path, good)) => {
                    assert!(result.is_err(), "{}", log.join("\n"));
                    fs::write(path, good).unwrap();
                    rebuilder.rebuild(false, &mut |_| {}).unwrap();
                }
                None => {
                    result.unwrap();
                }
            }
            if edit % 20 == 19 {
                // Nothing changed: only what was cut short is rendered.
                rebuilder.rebuild(false, &mut |_| {}).unwrap();
                assert_same_site(&rebuilder, root, &log.join("\n"));
            }
        }
        assert!(
            early >= 30,
            "only {early} of 200 edits showed the edited journey first"
        );
    }

    /// A project of the given files (paths under `content/`).
    fn small(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let full = dir.path().join("content").join(path);
            fs::create_dir_all(full.parent().unwrap()).unwrap();
            fs::write(full, text).unwrap();
        }
        dir
    }

    /// Writes `text` to `file` (under `content/`), tells the rebuilder, rebuilds, and checks
    /// the served site against a fresh build.
    fn rewrite_and_check(rebuilder: &mut Rebuilder, root: &Path, file: &str, text: &str) {
        let path = root.join("content").join(file);
        fs::write(&path, text).unwrap();
        rebuilder.saw(Some(&[path]));
        rebuilder.rebuild(false, &mut |_| {}).unwrap();
        assert_same_site(rebuilder, root, file);
    }

    /// A journey with one scored improvement option, planned or not.
    fn with_option(title: &str, planned: bool) -> String {
        let plan = if planned {
            "    plan:\n      status: idea\n"
        } else {
            ""
        };
        format!(
            "title: {title}\nstages:\n  - name: S\n    touchpoints:\n      - {{name: T, id: t, kind: human, emotion: 3}}\nimprovements:\n  - title: Do it\n    touchpoints: [t]\n    scores: {{distinctive: 3, brand_fit: 3, ease: 3, customer_impact: 3, business_impact: 3}}\n{plan}"
        )
    }

    /// Once one journey plans an option, every journey's best option should have a plan: the
    /// first plan added, or the last removed, changes the findings of the other journeys.
    #[test]
    fn the_first_plan_and_the_last_change_every_journeys_findings() {
        let (a, b) = (with_option("A", true), with_option("B", false));
        let dir = small(&[("journeys/a.yaml", &a), ("journeys/b.yaml", &b)]);
        let root = dir.path();
        let mut rebuilder = Rebuilder::new(root, None);
        rebuilder.rebuild(true, &mut |_| {}).unwrap();
        rewrite_and_check(
            &mut rebuilder,
            root,
            "journeys/a.yaml",
            &with_option("A", false),
        );
        rewrite_and_check(&mut rebuilder, root, "journeys/a.yaml", &a);
    }

    /// A persona's words show on its page, the home page and its journeys' pages.
    #[test]
    fn an_edited_persona_is_shown_everywhere() {
        let (dir, mut rebuilder) = example_served();
        let root = dir.path();
        let file = "personas.yaml";
        let renamed = replaced(root, file, "Anna, loyalty-card customer", "Anna, renamed");
        rewrite_and_check(&mut rebuilder, root, file, &renamed);
    }

    /// A copy of the example project, served.
    fn example_served() -> (tempfile::TempDir, Rebuilder) {
        let dir = example();
        let mut rebuilder = Rebuilder::new(dir.path(), None);
        rebuilder.rebuild(true, &mut |_| {}).unwrap();
        (dir, rebuilder)
    }

    /// The text of `file` (under `content/`) with the first `from` replaced by `to`.
    fn replaced(root: &Path, file: &str, from: &str, to: &str) -> String {
        let text = fs::read_to_string(root.join("content").join(file)).unwrap();
        assert!(text.contains(from), "{from} in {file}");
        text.replacen(from, to, 1)
    }

    /// A department that loses its last touchpoint loses its page.
    #[test]
    fn a_department_without_touchpoints_loses_its_page() {
        let (dir, mut rebuilder) = example_served();
        let root = dir.path();
        let file = "journeys/missed-connection.yaml";
        let moved = replaced(
            root,
            file,
            "        owner: loyalty\n",
            "        owner: ground-operations\n",
        );
        assert!(
            rebuilder
                .files
                .contains_key("departments/loyalty/index.html")
        );
        rewrite_and_check(&mut rebuilder, root, file, &moved);
        assert!(
            !rebuilder
                .files
                .contains_key("departments/loyalty/index.html")
        );
    }

    /// The file an edit of [`after_random_edits_the_served_site_is_a_fresh_build`] changed, from
    /// its description.
    fn touched(root: &Path, done: &str) -> Vec<PathBuf> {
        let file = done
            .split(' ')
            .find(|w| w.ends_with(".yaml") || w.ends_with(".md"))
            .map(|f| format!("content/{f}"))
            .unwrap_or_else(|| {
                let file = if done.contains("promise") {
                    "promises.yaml"
                } else {
                    "site.yaml"
                };
                format!("content/{file}")
            });
        vec![root.join(file)]
    }
}
