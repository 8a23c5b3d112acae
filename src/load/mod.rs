//! Load: walk `content/`, parse YAML and Markdown, resolve references and validate every
//! rule of the content format, producing a [`Project`] or every error found.

mod cache;
mod contents;
mod css_color;
mod decode;
mod desired;
mod edit;
mod journey;
mod label_words;
mod lanes;
mod links;
mod measurements;
mod memo;
mod page;
mod personas;
mod plan;
mod promises;
mod resolve;
mod site;
mod walk;
mod yaml;

pub use cache::FileCache;
pub use contents::Contents;
pub use edit::reload_journeys;
pub(crate) use measurements::date as iso_date;
pub use page::url_of;
pub use walk::MAX_TEXT_FILE_BYTES;
pub(crate) use yaml::{Node as YamlNode, Value as YamlValue, parse as parse_yaml};

use crate::address::Extent;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, Position, Sources};
use crate::model::{Asset, Enumerated, Language, Project, Site, is_kebab_case, slugify};
use crate::msg;
pub(crate) use decode::Decoder;
use journey::{JourneyContext, JourneyDraft, PromiseReference};
use rayon::prelude::*;
use site::{SiteContext, SiteSettings};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use walk::{ContentTree, SourceFile};
use yaml::Embedding;

/// The result of loading a project: the project when it is valid, every diagnostic, and the
/// source texts so that diagnostics can be shown with their lines.
#[derive(Debug)]
pub struct Loaded {
    /// The validated project; `None` when there were errors.
    pub project: Option<Project>,
    /// Every error found.
    pub diagnostics: Diagnostics,
    /// Texts of the files read.
    pub sources: Sources,
    /// The project's `language` as far as `site.yaml` could be read; `None` without content/.
    pub language: Option<Language>,
}

/// Loads and validates the project whose `content/` folder is in `root`.
pub fn load_project(root: &Path) -> Loaded {
    load_project_cached(root, &mut FileCache::once())
}

/// Loads and validates a project, reading only the files that changed since `cache` last
/// saw them.
pub fn load_project_cached(root: &Path, cache: &mut FileCache) -> Loaded {
    let mut diagnostics = Diagnostics::new();
    let mut sources = Sources::new();
    if !root.join("content").is_dir() {
        diagnostics.push(
            Diagnostic::error(
                Code::NoContent,
                Location::file("content".into()),
                msg!("error.no_content", root = root.display()),
            )
            .with_help(msg!("help.no_content")),
        );
        return Loaded {
            project: None,
            diagnostics,
            sources,
            language: None,
        };
    }
    let tree = walk::walk(root, &mut diagnostics);
    let mut loader = Loader {
        root,
        diagnostics: &mut diagnostics,
        sources: &mut sources,
        cache,
        language: Language::default(),
    };
    let project = loader.load(tree);
    let language = loader.language;
    let project = project.filter(|_| !diagnostics.has_errors());
    Loaded {
        project,
        diagnostics,
        sources,
        language: Some(language),
    }
}

/// The `language` that `content/site.yaml` of the project in `root` gives, read without
/// loading the rest (for messages after a build); `None` when it cannot be read.
pub fn load_language(root: &Path) -> Option<Language> {
    let text = std::fs::read_to_string(root.join("content/site.yaml")).ok()?;
    let file: Arc<str> = Arc::from("content/site.yaml");
    let node = yaml::parse(&text, &file, Embedding::default()).ok()?;
    let yaml::Value::Map(entries) = &node.value else {
        return Some(Language::default());
    };
    let language = entries
        .iter()
        .find_map(|(k, v)| match (&k.value, &v.value) {
            (yaml::Value::Str(k), yaml::Value::Str(v)) if k == "language" => Language::from_name(v),
            _ => None,
        });
    Some(language.unwrap_or_default())
}

struct Loader<'a> {
    root: &'a Path,
    diagnostics: &'a mut Diagnostics,
    sources: &'a mut Sources,
    cache: &'a mut FileCache,
    /// The project's language, once `site.yaml` is read.
    language: Language,
}

impl Loader<'_> {
    fn load(&mut self, tree: ContentTree) -> Option<Project> {
        let content_files: BTreeSet<&str> = tree
            .assets
            .iter()
            .chain(&tree.pages)
            .chain(&tree.journeys)
            .map(String::as_str)
            .collect();
        let themes = walk::theme_names(self.root);
        let settings = match &tree.site {
            Some(path) => self.load_site(
                path,
                &SiteContext {
                    content_files: &content_files,
                    themes: &themes,
                },
            ),
            None => SiteSettings {
                site: Site::default(),
                scale_is_valid: true,
            },
        };
        self.language = settings.site.language;
        let mut promises = match &tree.promises {
            Some(path) => self.load_register(path),
            None => Vec::new(),
        };
        self.language = settings.site.language;
        let personas = tree
            .personas
            .as_ref()
            .map(|path| self.load_personas(path, &content_files));
        let theme_files = if themes.contains(&settings.site.theme) {
            walk::theme_static_files(self.root, &settings.site.theme)
        } else {
            Vec::new()
        };
        let mut journeys: Vec<desired::Parts> = Vec::new();
        let mut references: Vec<PromiseReference> = Vec::new();
        let mut persona_references = Vec::new();
        let mut declared = resolve::DeclaredJourneys::new();
        for (id, draft) in self.load_journeys(&tree.journeys, &settings) {
            let Some(draft) = draft else {
                if let Some(id) = id {
                    declared.insert(id, None);
                }
                continue;
            };
            let inline_promises = draft.inline_promises.iter().map(|p| p.location.clone());
            let inline_promises = inline_promises.collect();
            promises.extend(draft.inline_promises.iter().cloned());
            references.extend(draft.promise_references.iter().cloned());
            persona_references.extend(draft.persona_reference.clone());
            if let Some(id) = id {
                declared.insert(id, Some(draft.declared_touchpoints.clone()));
                journeys.push(desired::Parts {
                    journey: draft.journey.clone(),
                    desired_for: draft.desired_for.clone(),
                    targets: draft.targets.clone(),
                    creates: draft.creates.clone(),
                    inline_promises,
                });
            }
        }
        if let Some(personas) = &personas {
            personas::check_persona_references(personas, &persona_references, self.diagnostics);
        }
        let journey_ids: BTreeSet<String> = declared.keys().cloned().collect();
        let (journeys, desired) = desired::split(journeys, &journey_ids, self.diagnostics);
        let pages = self.load_pages(&tree.pages);
        resolve::check_unique_promises(&promises, self.diagnostics);
        resolve::check_promise_references(&promises, &references, self.diagnostics);
        resolve::check_page_references(&pages, &declared, self.diagnostics);
        let mut places = Vec::new();
        let waves = self.load_waves(&tree.measurements, &mut places);
        measurements::check_references(&places, &declared, self.diagnostics);
        let published: Vec<&crate::model::Page> = pages
            .iter()
            .map(|d| d.page.as_ref())
            .filter(|p| !p.draft)
            .collect();
        let courses = crate::model::courses(&published);
        let extent = Extent {
            journeys: declared.keys().map(String::as_str).collect(),
            touchpoints: journeys
                .iter()
                .chain(&desired)
                .map(|j| j.touchpoints().count())
                .sum(),
            theme_files: theme_files.iter().map(String::as_str).collect(),
            courses: courses.iter().map(|c| c.folder).collect(),
            search: settings.site.search,
            departments: crate::model::department::page_counts(&journeys),
            personas: personas.iter().flatten().map(|p| p.id.clone()).collect(),
            waves: (waves.iter())
                .map(|w| (w.id.as_str(), w.measurements.len()))
                .collect(),
            measured_rows: crate::model::measured_rows(&journeys, &waves),
            plans: journeys.iter().any(|j| j.has_plans()),
            ..Extent::default()
        };
        let journey_files: Vec<(String, String)> = tree
            .journeys
            .iter()
            .map(|path| (path.clone(), journey_id_of(path)))
            .collect();
        let journey_by_id = |id: &str| {
            journeys
                .iter()
                .chain(&desired)
                .map(Arc::as_ref)
                .find(|j| j.id == id)
        };
        let data = crate::address::DataFiles {
            promises: tree
                .promises
                .as_ref()
                .map(|_| promises.iter().map(|p| p.id.as_str()).collect()),
            personas: personas.iter().flatten().map(|p| p.id.as_str()).collect(),
            waves: tree
                .measurements
                .iter()
                .filter_map(|path| {
                    let wave = waves.iter().find(|w| w.id == journey_id_of(path))?;
                    Some((path.as_str(), wave.id.as_str()))
                })
                .collect(),
        };
        links::check_links(
            &pages,
            &journey_files,
            &journey_by_id,
            &tree.assets,
            data,
            &extent,
            self.diagnostics,
        );
        resolve::check_addresses(&pages, &tree.assets, extent, self.diagnostics);
        let mut pages: Vec<_> = pages.iter().map(|d| d.page.clone()).collect();
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        Some(Project {
            site: settings.site,
            promises: crate::model::Promises::new(promises),
            journeys,
            desired,
            waves,
            pages,
            assets: tree.assets.into_iter().map(|path| Asset { path }).collect(),
            theme_files,
            personas,
        })
    }

    /// Reads a text file and remembers it for reports.
    fn read(&mut self, content_path: &str) -> Option<SourceFile> {
        self.read_all(&[content_path.to_string()]).pop().flatten()
    }

    /// Reads text files in parallel; gives them in order, and remembers them for reports.
    fn read_all(&mut self, content_paths: &[String]) -> Vec<Option<SourceFile>> {
        let (root, cache) = (self.root, &self.cache.files);
        let read: Vec<Result<SourceFile, Diagnostic>> = content_paths
            .par_iter()
            .map(|path| walk::read_text(root, path, cache))
            .collect();
        read.into_iter()
            .map(|result| match result {
                Ok(source) => {
                    self.sources
                        .insert(source.file.clone(), source.text.clone());
                    Some(source)
                }
                Err(d) => {
                    self.diagnostics.push(d);
                    None
                }
            })
            .collect()
    }

    fn parse(&mut self, source: &SourceFile) -> Option<yaml::Node> {
        match yaml::parse(&source.text, &source.file, Embedding::default()) {
            Ok(node) => Some(node),
            Err(d) => {
                self.diagnostics.push(d);
                None
            }
        }
    }

    fn load_site(&mut self, path: &str, context: &SiteContext<'_>) -> SiteSettings {
        let parsed = self
            .read(path)
            .and_then(|source| self.parse(&source).map(|node| (source, node)));
        let Some((source, node)) = parsed else {
            return SiteSettings {
                site: Site::default(),
                scale_is_valid: false,
            };
        };
        let mut decoder = Decoder::new(source.file.clone(), &source.text, self.diagnostics);
        site::decode_site(&mut decoder, &node, context)
    }

    fn load_register(&mut self, path: &str) -> Vec<crate::model::Promise> {
        let Some(source) = self.read(path) else {
            return Vec::new();
        };
        let Some(node) = self.parse(&source) else {
            return Vec::new();
        };
        let mut decoder = Decoder::new(source.file.clone(), &source.text, self.diagnostics);
        promises::decode_register(&mut decoder, &node)
    }

    /// Reads `personas.yaml`.
    fn load_personas(
        &mut self,
        path: &str,
        content_files: &BTreeSet<&str>,
    ) -> Vec<crate::model::Persona> {
        let Some(source) = self.read(path) else {
            return Vec::new();
        };
        let Some(node) = self.parse(&source) else {
            return Vec::new();
        };
        let mut decoder = Decoder::new(source.file.clone(), &source.text, self.diagnostics);
        personas::decode_personas(&mut decoder, &node, content_files)
    }

    /// Reads every wave file under `measurements/`, sorted by date, then id.
    fn load_waves(
        &mut self,
        paths: &[String],
        places: &mut Vec<measurements::Place>,
    ) -> Vec<crate::model::Wave> {
        let mut waves = Vec::new();
        for source in self.read_all(paths).into_iter().flatten() {
            let Some(node) = self.parse(&source) else {
                continue;
            };
            let stem = journey_id_of(&source.content_path);
            let mut decoder = Decoder::new(source.file.clone(), &source.text, self.diagnostics);
            // A wave's id is its file name, and the last segment of its page's address.
            let refused = if !is_kebab_case(&stem) {
                let slug = slugify(&stem);
                Some((Code::InvalidId, msg!("error.wave_file_name", stem), slug))
            } else if crate::address::is_page_segment(&stem) {
                let slug = format!("wave-{stem}");
                Some((Code::ReservedPath, msg!("error.wave_page_name", stem), slug))
            } else {
                None
            };
            if let Some((code, message, slug)) = refused {
                decoder.report(
                    Diagnostic::error(code, decoder.file_start(), message)
                        .with_help(msg!("help.rename_wave_file", slug)),
                );
                continue;
            }
            waves.extend(measurements::decode_wave(&mut decoder, &node, stem, places));
        }
        waves.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
        waves
    }

    /// Reads every journey file; gives each file's journey id (`None` when the file name is
    /// not a valid or unique id) with its draft (`None` when it could not be read or parsed).
    /// Files are read in order, then parsed and decoded in parallel.
    fn load_journeys(
        &mut self,
        paths: &[String],
        settings: &SiteSettings,
    ) -> Vec<(Option<String>, Option<Arc<JourneyDraft>>)> {
        let sources: Vec<(String, Option<SourceFile>)> = paths
            .iter()
            .map(|path| journey_id_of(path))
            .zip(self.read_all(paths))
            .collect();
        let context = JourneyContext {
            site: &settings.site,
            scale_is_valid: settings.scale_is_valid,
        };
        let cached = &self.cache.memo.journeys;
        let decoded: Vec<(Option<Arc<JourneyDraft>>, Diagnostics, bool)> = sources
            .par_iter()
            .map(|(stem, source)| {
                let Some(source) = source else {
                    return (None, Diagnostics::new(), false);
                };
                if let Some((draft, diagnostics)) =
                    cached.get(&source.content_path, &source.text, settings)
                {
                    return (draft, diagnostics, false);
                }
                let (draft, diagnostics) = decode_journey_file(source, stem.clone(), &context);
                (draft, diagnostics, true)
            })
            .collect();
        let parsed = decoded.iter().filter(|d| d.2).count();
        self.cache.memo.parses += parsed;
        if self.cache.remembers() {
            let settings = Arc::new(settings.clone());
            let memo = &mut self.cache.memo.journeys;
            for ((_, source), (draft, diagnostics, fresh)) in sources.iter().zip(&decoded) {
                if let (Some(source), true) = (source, fresh) {
                    let result = (draft.clone(), diagnostics.clone());
                    let path = source.content_path.clone();
                    memo.insert(path, source.text.clone(), settings.clone(), result);
                }
            }
            memo.keep_only(paths);
        }
        let decoded: Vec<(Option<Arc<JourneyDraft>>, Diagnostics)> =
            decoded.into_iter().map(|(d, g, _)| (d, g)).collect();
        let mut ids: BTreeMap<String, String> = BTreeMap::new();
        let mut drafts = Vec::with_capacity(paths.len());
        for ((path, (stem, _)), (draft, diagnostics)) in paths.iter().zip(sources).zip(decoded) {
            self.diagnostics.extend(diagnostics);
            let file: std::sync::Arc<str> = format!("content/{path}").into();
            let mut id_ok = true;
            if !is_kebab_case(&stem) {
                let slug = slugify(&stem);
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::InvalidId,
                        Location::at(file.clone(), Position::START),
                        msg!("error.journey_file_name", stem),
                    )
                    .with_help(if slug.is_empty() {
                        msg!("help.journey_file_name")
                    } else {
                        msg!("help.rename_journey_file", slug)
                    }),
                );
                id_ok = false;
            } else if let Some(first) = ids.get(&stem) {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::DuplicateId,
                        Location::at(file.clone(), Position::START),
                        msg!("error.journey_id_used", stem, first),
                    )
                    .with_help(msg!("help.journey_id_used")),
                );
                id_ok = false;
            } else {
                ids.insert(stem.clone(), path.clone());
            }
            drafts.push((id_ok.then_some(stem), draft));
        }
        drafts
    }

    /// Reads every page in order, then decodes them in parallel (those not changed since
    /// the cache saw them are taken from it).
    fn load_pages(&mut self, paths: &[String]) -> Vec<Arc<page::PageDraft>> {
        let sources: Vec<SourceFile> = self.read_all(paths).into_iter().flatten().collect();
        let cached = &self.cache.memo.pages;
        let decoded: Vec<(Option<Arc<page::PageDraft>>, Diagnostics, bool)> = sources
            .par_iter()
            .map(|source| {
                if let Some((draft, diagnostics)) =
                    cached.get(&source.content_path, &source.text, &())
                {
                    return (draft, diagnostics, false);
                }
                let mut diagnostics = Diagnostics::new();
                let draft = page::decode_page(source, &mut diagnostics).map(Arc::new);
                (draft, diagnostics, true)
            })
            .collect();
        if self.cache.remembers() {
            let nothing = Arc::new(());
            let memo = &mut self.cache.memo.pages;
            for (source, (draft, diagnostics, fresh)) in sources.iter().zip(&decoded) {
                if *fresh {
                    let result = (draft.clone(), diagnostics.clone());
                    let path = source.content_path.clone();
                    memo.insert(path, source.text.clone(), nothing.clone(), result);
                }
            }
            memo.keep_only(paths);
        }
        let mut pages = Vec::with_capacity(decoded.len());
        for (draft, diagnostics, _) in decoded {
            self.diagnostics.extend(diagnostics);
            pages.extend(draft);
        }
        pages
    }
}

/// Parses and decodes a journey file into its draft, with the file's own diagnostics.
fn decode_journey_file(
    source: &SourceFile,
    id: String,
    context: &JourneyContext<'_>,
) -> (Option<Arc<JourneyDraft>>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let draft = match yaml::parse(&source.text, &source.file, Embedding::default()) {
        Ok(node) => {
            let mut decoder = Decoder::new(source.file.clone(), &source.text, &mut diagnostics);
            journey::decode_journey(&mut decoder, &node, id, context).map(Arc::new)
        }
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    (draft, diagnostics)
}

/// The journey id of a journey file: its name without `.yaml`.
fn journey_id_of(path: &str) -> String {
    path.rsplit('/')
        .next()
        .and_then(|name| name.strip_suffix(".yaml"))
        .unwrap_or_default()
        .to_string()
}
