//! Render: the validated project and its analysis into the files of the site, in memory:
//! HTML pages from Tera templates, Markdown, CSV exports, `model.json`, theme files and
//! the files under `content/` to copy as they are.

mod consistency;
mod context;
mod csv_export;
mod inventory;
mod journey_page;
pub mod links;
pub mod markdown;
mod pages;
pub mod plot;
pub mod theme;

use crate::analysis::Analysis;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use crate::labels::Labels;
use crate::model::{Page, Project, ViewKind, ViewTarget};
use pages::PageIndex;
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use theme::{StaticFile, Theme};

/// The whole site: generated files, and files to copy, by path in the output folder.
#[derive(Debug, Default)]
pub struct RenderedSite {
    /// Generated files and their bytes.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Files copied as they are: output path -> source path.
    pub copies: BTreeMap<String, PathBuf>,
}

/// Renders the site of a valid project found in `root`.
pub fn render_site(
    project: &Project,
    analysis: &Analysis,
    root: &Path,
) -> Result<RenderedSite, Diagnostics> {
    let mut theme = theme::load(root, &project.site.theme)?;
    let labels = Labels::new(project.site.language);
    context::set_global(&mut theme.tera, &project.site, &labels);
    let plots = plot::draw_all(project, analysis, &labels).map_err(|e| {
        Diagnostics::from(output_error(
            "journeys/",
            &format!("a plot could not be drawn: {e}"),
        ))
    })?;
    let renderer = Renderer {
        project,
        analysis,
        theme: &theme,
        labels: &labels,
        pages: PageIndex::new(project),
        plots: &plots,
        promises: journey_page::promises_by_journey(analysis),
    };
    renderer.render(root)
}

/// One page to render.
enum Job<'a> {
    Home,
    Inventory,
    Consistency,
    Journey(&'a str),
    Page(&'a Page),
}

struct Renderer<'a> {
    project: &'a Project,
    analysis: &'a Analysis,
    theme: &'a Theme,
    labels: &'a Labels,
    pages: PageIndex<'a>,
    plots: &'a plot::Plots,
    promises: BTreeMap<&'a str, journey_page::JourneyPromises<'a>>,
}

impl Renderer<'_> {
    fn render(&self, root: &Path) -> Result<RenderedSite, Diagnostics> {
        let mut site = RenderedSite::default();
        let mut diagnostics = Diagnostics::new();
        let mut jobs: Vec<Job> = vec![Job::Home, Job::Inventory, Job::Consistency];
        jobs.extend(self.project.journeys.iter().map(|j| Job::Journey(&j.id)));
        jobs.extend(self.pages.published.iter().map(|p| Job::Page(p)));
        let rendered: Vec<(String, Result<String, Diagnostic>)> = jobs
            .par_iter()
            .map(|job| match job {
                Job::Home => ("index.html".to_string(), self.home()),
                Job::Inventory => ("inventory/index.html".to_string(), self.inventory()),
                Job::Consistency => ("consistency/index.html".to_string(), self.consistency()),
                Job::Journey(id) => (links::journey(id), self.journey(id)),
                Job::Page(page) => (links::page(&page.url), self.page(page)),
            })
            .collect();
        for (file, result) in rendered {
            match result {
                Ok(text) => {
                    site.files.insert(file, text.into_bytes());
                }
                Err(d) => diagnostics.push(d),
            }
        }
        self.data_files(&mut site, &mut diagnostics);
        for (id, plots) in &self.plots.journeys {
            site.files.insert(
                format!("journeys/{id}/journey.svg"),
                plots.curve.standalone().into_bytes(),
            );
            site.files.insert(
                format!("journeys/{id}/priorities.svg"),
                plots.priorities.standalone().into_bytes(),
            );
        }
        site.files.insert(
            "consistency/promises.svg".to_string(),
            self.plots.promises.standalone().into_bytes(),
        );
        for (path, file) in &self.theme.static_files {
            match file {
                StaticFile::Embedded(bytes) => {
                    site.files.insert(path.clone(), bytes.to_vec());
                }
                StaticFile::File(source) => {
                    site.copies.insert(path.clone(), source.clone());
                }
            }
        }
        for asset in &self.project.assets {
            if site.files.contains_key(&asset.path) || site.copies.contains_key(&asset.path) {
                diagnostics.push(
                    Diagnostic::error(
                        Code::ReservedPath,
                        Location::file(format!("content/{}", asset.path).into()),
                        format!("the theme writes `{}` itself", asset.path),
                    )
                    .with_help(Some("move or rename this file".to_string())),
                );
                continue;
            }
            site.copies
                .insert(asset.path.clone(), root.join("content").join(&asset.path));
        }
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        Ok(site)
    }

    fn data_files(&self, site: &mut RenderedSite, diagnostics: &mut Diagnostics) {
        #[derive(serde::Serialize)]
        struct Model<'a> {
            project: &'a Project,
            analysis: &'a Analysis,
        }
        let model = Model {
            project: self.project,
            analysis: self.analysis,
        };
        match serde_json::to_vec(&model) {
            Ok(bytes) => {
                site.files.insert("model.json".to_string(), bytes);
            }
            Err(e) => diagnostics.push(output_error("model.json", &e.to_string())),
        }
        for (file, result) in [
            (
                "inventory.csv",
                csv_export::inventory(self.project, self.analysis, self.labels),
            ),
            (
                "consistency.csv",
                csv_export::consistency(self.project, self.analysis, self.labels),
            ),
        ] {
            match result {
                Ok(bytes) => {
                    site.files.insert(file.to_string(), bytes);
                }
                Err(e) => diagnostics.push(output_error(file, &e)),
            }
        }
    }

    fn template(&self, name: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.theme.tera.render(name, context).map_err(|error| {
            Diagnostic::error(
                Code::Template,
                Location::file(
                    format!("themes/{}/templates/{name}", self.project.site.theme).into(),
                ),
                format!("the template `{name}` failed: {}", theme::plain(&error)),
            )
        })
    }

    fn home(&self) -> Result<String, Diagnostic> {
        let journeys: Vec<Value> = self
            .project
            .journeys
            .iter()
            .filter_map(|j| {
                let facts = self.analysis.journey(&j.id)?;
                let mut card = journey_page::summary_facts(facts, self.labels);
                if let Value::Object(map) = &mut card {
                    let sparkline = self.plots.journeys.get(&j.id).map(|p| p.sparkline.inline());
                    map.insert("sparkline".into(), json!(sparkline));
                    map.insert("title".into(), json!(j.title));
                    map.insert("persona".into(), json!(j.persona));
                    map.insert("link".into(), json!(links::journey(&j.id)));
                }
                Some(card)
            })
            .collect();
        let own = json!({"journeys": journeys, "pages": self.pages.listed()});
        let title = self.project.site.title.clone();
        self.template(
            "index.html",
            &context::context("index.html", "home", &title, own),
        )
    }

    fn journey(&self, id: &str) -> Result<String, Diagnostic> {
        let file = links::journey(id);
        let (Some(journey), Some(facts)) = (self.project.journey(id), self.analysis.journey(id))
        else {
            return Err(output_error(&file, "the journey has no analysis"));
        };
        let notes = self.pages.notes_of(id);
        let none = journey_page::JourneyPromises::default();
        let promises = self.promises.get(id).unwrap_or(&none);
        let mut own =
            journey_page::data(journey, facts, self.project, promises, self.labels, &notes);
        if let (Value::Object(map), Some(plots)) = (&mut own, self.plots.journeys.get(id)) {
            map.insert("plot".into(), self.plot_data(id, 0));
            let (width, height) = plots.priorities.size();
            map.insert(
                "priorities".into(),
                json!({"file": format!("journeys/{id}/priorities.svg"), "alt": plots.priorities.alt(), "width": width, "height": height}),
            );
        }
        self.template(
            "journey.html",
            &context::context(&file, "journey", &journey.title, own),
        )
    }

    fn inventory(&self) -> Result<String, Diagnostic> {
        let file = "inventory/index.html";
        let own = json!({"inventory": inventory::data(self.project, self.analysis, self.labels, None, "")});
        let title = self.labels.get("inventory.title");
        self.template(
            "inventory.html",
            &context::context(file, "inventory", title, own),
        )
    }

    fn consistency(&self) -> Result<String, Diagnostic> {
        let file = "consistency/index.html";
        let own = json!({"consistency": self.consistency_data(None)});
        let title = self.labels.get("consistency.title");
        self.template(
            "consistency.html",
            &context::context(file, "consistency", title, own),
        )
    }

    fn page(&self, page: &Page) -> Result<String, Diagnostic> {
        let file = links::page(&page.url);
        let mut failure = None;
        let body_html = markdown::to_html(&page.body, self.labels, &mut |index| match page
            .views
            .get(index)
            .map(|v| self.view(&file, v.kind, &v.target, index))
        {
            Some(Ok(html)) => html,
            Some(Err(d)) => {
                failure = Some(d);
                String::new()
            }
            None => String::new(),
        });
        if let Some(d) = failure {
            return Err(d);
        }
        let about = page
            .journey
            .as_deref()
            .and_then(|id| self.project.journey(id))
            .map(|j| {
                let touchpoint = page.touchpoint.as_deref().and_then(|t| j.touchpoint(t));
                json!({
                    "journey": j.title,
                    "journey_link": links::journey(&j.id),
                    "touchpoint": touchpoint.map(|t| t.name.clone()),
                    "touchpoint_link": touchpoint.map(|t| links::touchpoint(&j.id, &t.id)),
                })
            });
        let (toc, previous, next) = self.pages.navigation(page);
        let own = json!({
            "page": {"title": page.title, "body_html": body_html},
            "about": about,
            "toc": toc,
            "previous": previous,
            "next": next,
        });
        self.template(
            "page.html",
            &context::context(&file, "page", &page.title, own),
        )
    }

    /// A `journeymap` view inside a page written to `file`.
    fn view(
        &self,
        file: &str,
        kind: ViewKind,
        target: &ViewTarget,
        index: usize,
    ) -> Result<String, Diagnostic> {
        let only = match target {
            ViewTarget::All => None,
            ViewTarget::Journey(id) => Some(id.as_str()),
        };
        let (template, own) = match kind {
            ViewKind::Inventory => (
                "views/inventory.html",
                json!({"inventory": inventory::data(self.project, self.analysis, self.labels, only, &format!("v{index}-"))}),
            ),
            ViewKind::Consistency => (
                "views/consistency.html",
                json!({"consistency": self.consistency_data(only)}),
            ),
            ViewKind::Plot => {
                let plot = only.map_or(Value::Null, |id| self.plot_data(id, index + 1));
                ("views/plot.html", json!({"plot": plot}))
            }
        };
        self.template(template, &context::context(file, "page", "", own))
    }
}

impl Renderer<'_> {
    /// The curve of a journey for a template: the inline SVG (ids unique for `instance`) and
    /// the address of the standalone file.
    fn plot_data(&self, id: &str, instance: usize) -> Value {
        let svg = self
            .plots
            .journeys
            .get(id)
            .map(|p| plot::with_instance(&p.curve.inline(), &plot::curve_id(id), instance));
        let title = self.project.journey(id).map(|j| j.title.clone());
        json!({
            "journey": id,
            "title": title,
            "svg": svg,
            "file": format!("journeys/{id}/journey.svg"),
            "link": links::journey(id),
        })
    }

    /// The consistency report data, with the heat map for the site-wide report.
    fn consistency_data(&self, only: Option<&str>) -> Value {
        let mut data = consistency::data(self.project, self.analysis, self.labels, only);
        if let Value::Object(map) = &mut data {
            let heatmap = only.is_none().then(|| self.plots.promises.inline());
            map.insert("heatmap_svg".into(), json!(heatmap));
            map.insert("heatmap_file".into(), json!("consistency/promises.svg"));
        }
        data
    }
}

fn output_error(file: &str, message: &str) -> Diagnostic {
    Diagnostic::error(
        Code::Output,
        Location::file(format!("output/{file}").into()),
        message.to_string(),
    )
}
