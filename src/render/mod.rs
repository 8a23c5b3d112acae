//! Render: the validated project and its analysis into the files of the site, in memory:
//! HTML pages from Tera templates, Markdown, CSV exports, `model.json`, theme files and
//! the files under `content/` to copy as they are.

mod consistency;
mod context;
mod csv_export;
mod department_page;
mod desired_page;
mod home_page;
mod inventory;
mod journey_page;
mod journey_table;
pub mod links;
pub mod markdown;
mod measured_figures;
mod measurements_page;
pub mod mermaid;
mod pages;
mod persona_page;
mod plans_page;
pub mod plot;
mod proposals;
mod raw_html;
pub(crate) mod report;
pub mod search_index;
mod selection;
mod sink;
pub mod theme;
mod workbook;

pub use selection::{Selection, changes};
pub use sink::{MemorySite, SiteSink, stream_error};

use crate::address;
use crate::analysis::Analysis;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, Message, Position};
use crate::labels::Labels;
use crate::model::{Page, Project, ViewKind, ViewTarget};
use crate::msg;
use pages::PageIndex;
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use theme::{StaticFile, Theme};

/// A journey curve as the templates get it (`plot`).
#[derive(serde::Serialize)]
struct PlotData<'a> {
    journey: &'a str,
    title: Option<&'a str>,
    svg: &'a str,
    file: String,
    link: String,
}

/// The departments of a project and the address segment of each owner.
type DepartmentsShown<'a> = (
    crate::analysis::departments::Departments<'a>,
    BTreeMap<&'a str, String>,
);

/// Room reserved for a page as it is rendered: most pages fit, so few grow by copying.
const PAGE_CAPACITY: usize = 64 * 1024;

/// What a render wrote, for the build's summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rendered {
    /// HTML pages.
    pub pages: usize,
    /// Every file, pages included, generated or copied.
    pub files: usize,
}

/// Renders the site of a valid project found in `root` into `sink`, page by page. On error
/// the sink may hold part of the site: the caller throws it away.
pub fn render_site(
    project: &Project,
    analysis: &Analysis,
    root: &Path,
    sink: &dyn SiteSink,
) -> Result<Rendered, Diagnostics> {
    render_selection(project, analysis, root, sink, &Selection::everything())
}

/// Renders the selected parts of the site (see [`Selection`]) into `sink`.
pub fn render_selection(
    project: &Project,
    analysis: &Analysis,
    root: &Path,
    sink: &dyn SiteSink,
    selection: &Selection,
) -> Result<Rendered, Diagnostics> {
    let mut theme = theme::load(root, &project.site.theme, &project.theme_files)?;
    let labels = Labels::new(project.site.language);
    let pages = PageIndex::new(project);
    context::set_global(
        &mut theme.tera,
        &project.site,
        &labels,
        &pages.course_links(),
    );
    theme.tera.global_context().insert(
        "measured_nav",
        &json!({"measurements": !project.waves.is_empty(), "plans": project.has_plans()}),
    );
    let mut rendered_pages: Vec<&Page> = pages
        .published
        .iter()
        .filter(|p| selection.everything || selection.pages.contains(&p.path))
        .copied()
        .collect();
    if !selection.everything {
        // A course's pages show each other (sidebar, print page): one changes, all are redone.
        let courses = pages
            .courses
            .iter()
            .filter(|c| rendered_pages.iter().any(|p| c.contains(p)));
        let mut more: Vec<&Page> = courses.flat_map(|c| c.pages()).collect();
        more.retain(|p| !rendered_pages.iter().any(|r| r.path == p.path));
        rendered_pages.extend(more);
    }
    let viewed: BTreeSet<&str> = rendered_pages
        .iter()
        .flat_map(|p| &p.views)
        .filter(|v| v.kind == ViewKind::Plot)
        .filter_map(|v| match &v.target {
            ViewTarget::Journey(id) => Some(id.as_str()),
            ViewTarget::All => None,
        })
        .collect();
    let whole_report_viewed = rendered_pages
        .iter()
        .flat_map(|p| &p.views)
        .any(|v| v.kind == ViewKind::Consistency && v.target == ViewTarget::All);
    let needs = plot::Needs {
        sparklines: (selection.everything || selection.home)
            && home_page::cards_wanted(project, theme.own_home),
        promise_map: (selection.everything || selection.site_wide || whole_report_viewed)
            && consistency::site_matrix_shown(project),
        viewed: &viewed,
    };
    let plots = plot::draw_shared(project, analysis, &labels, &needs)
        .map_err(|e| Diagnostics::from(plot_error("journeys/", &e)))?;
    let owner_links = OnceLock::new();
    let renderer = Renderer {
        targets: OnceLock::new(),
        owner_links: &owner_links,
        project,
        analysis,
        theme: &theme,
        labels: &labels,
        pages,
        plots: &plots,
        promises: journey_page::promises_by_journey(analysis.promises.iter().map(Arc::as_ref)),
        sink,
        written: Mutex::new(BTreeSet::new()),
        inventory: OnceLock::new(),
        departments: OnceLock::new(),
        series: crate::analysis::measured::series(project),
    };
    renderer.render(root, selection, &rendered_pages)
}

/// One piece of the site to render; each writes one file or a few.
enum Job<'a> {
    Model,
    /// A page of the site-wide inventory, from 0.
    Inventory(usize),
    InventoryCsv,
    Consistency,
    ConsistencyCsv,
    Workbook,
    Home,
    Report,
    Journey(&'a str),
    Page(&'a Page),
    /// The print page of a course, by its index in [`PageIndex::courses`].
    CoursePrint(usize),
    SearchIndex,
    Theme,
    /// The departments index with its handoff matrix.
    Departments,
    /// A page of a department: the owner as journeys write it, the page's number from 0.
    Department(&'a str, usize),
    /// The page of every persona of `personas.yaml`.
    Personas,
    /// A page of the table of measured values over waves, from 0.
    Measurements(usize),
    /// A page of a wave: the wave's index in the project's waves, the page's number from 0.
    Wave(usize, usize),
    /// The action plans.
    Plans,
}

struct Renderer<'a> {
    project: &'a Project,
    analysis: &'a Analysis,
    theme: &'a Theme,
    labels: &'a Labels,
    pages: PageIndex<'a>,
    plots: &'a plot::SharedPlots,
    promises: HashMap<&'a str, journey_page::JourneyPromises<'a>>,
    sink: &'a dyn SiteSink,
    written: Mutex<BTreeSet<String>>,
    inventory: OnceLock<inventory::Inventory<'a>>,
    /// Every department, gathered once by the first department job.
    departments: OnceLock<DepartmentsShown<'a>>,
    /// The link to each owner's department page, where an owner is shown; gathered when a
    /// page first shows an owner.
    owner_links: &'a OnceLock<department_page::OwnerLinks<'a>>,
    /// The address of every file a link may name; gathered when a page first has a link.
    targets: OnceLock<address::Targets>,
    series: BTreeMap<
        crate::analysis::measured::SeriesKey<'a>,
        Vec<crate::analysis::measured::Point<'a>>,
    >,
}

impl<'a> Renderer<'a> {
    /// The link to each owner's department page, gathered on first use.
    /// The title of page `page` (from 0) of a split page: its name, and from the second page
    /// on its number ("Measured experience, page 2").
    fn page_title(&self, name: &str, page: usize) -> String {
        match page {
            0 => name.to_string(),
            n => self.labels.fill(
                "measured.page_title",
                &[("name", name.to_string()), ("page", (n + 1).to_string())],
            ),
        }
    }

    fn owner_links(&self) -> &'a department_page::OwnerLinks<'a> {
        self.owner_links
            .get_or_init(|| department_page::OwnerLinks::new(self.project))
    }
}

impl Renderer<'_> {
    fn render(
        &self,
        root: &Path,
        selection: &Selection,
        pages: &[&'_ Page],
    ) -> Result<Rendered, Diagnostics> {
        // The jobs are handed out in this order, each to the next free thread: the long ones
        // (the workbook, the search index, `model.json`) first and the many short ones (the
        // journeys and pages) last, so that no thread is left alone with a long job at the
        // end. What several jobs share is gathered by the first of them, handed out early so
        // that the others never wait for it: the departments by the departments' index, the
        // inventory's rows by its first page.
        let site_wide = selection.everything || selection.site_wide;
        let inventory_pages = inventory::page_count(self.project);
        let mut jobs: Vec<Job> = Vec::new();
        let downloads = selection.downloads;
        // Every edit of a page or journey marks the site-wide files too (see `changes`), so
        // the search index is written with them, after the edited page is shown. The
        // consistency report cannot stop half-way: in a build it goes early, as it is long; in
        // the site-wide step of `serve`, which a newer edit cuts short, last.
        let long = [
            (site_wide, Job::Departments),
            (site_wide, Job::Inventory(0)),
            (downloads, Job::Workbook),
            (site_wide && self.project.site.search, Job::SearchIndex),
            (downloads, Job::Model),
            (site_wide, Job::Report),
            (selection.everything, Job::Consistency),
            (downloads, Job::InventoryCsv),
            (downloads, Job::ConsistencyCsv),
            (site_wide, Job::Personas),
        ];
        jobs.extend(
            long.into_iter()
                .filter_map(|(wanted, job)| wanted.then_some(job)),
        );
        if site_wide {
            let starts = crate::model::department::page_starts(&self.project.journeys);
            jobs.extend(starts.into_iter().flat_map(|(owner, starts)| {
                (0..starts.len()).map(move |page| Job::Department(owner, page))
            }));
            jobs.extend((1..inventory_pages).map(Job::Inventory));
            if !self.project.waves.is_empty() {
                let rows = crate::model::measured_rows(&self.project.journeys, &self.project.waves);
                jobs.extend((0..address::measured_pages(rows)).map(Job::Measurements));
                for (index, wave) in self.project.waves.iter().enumerate() {
                    let pages = address::measured_pages(wave.measurements.len());
                    jobs.extend((0..pages).map(|page| Job::Wave(index, page)));
                }
            }
            if self.project.has_plans() {
                jobs.push(Job::Plans);
            }
            if !selection.everything {
                jobs.push(Job::Consistency);
            }
        }
        if selection.everything || selection.home {
            jobs.push(Job::Home);
        }
        if selection.everything {
            jobs.push(Job::Theme);
        }
        jobs.extend(
            (0..self.pages.courses.len())
                .filter(|&i| {
                    selection.everything || pages.iter().any(|p| self.pages.courses[i].contains(p))
                })
                .map(Job::CoursePrint),
        );
        jobs.extend(
            self.project
                .journeys
                .iter()
                .chain(&self.project.desired)
                .filter(|j| selection.everything || selection.journeys.contains(&j.id))
                .map(|j| Job::Journey(&j.id)),
        );
        jobs.extend(pages.iter().map(|p| Job::Page(p)));
        let failures: Vec<Diagnostic> = jobs
            .iter()
            .par_bridge()
            .filter(|_| !self.sink.abandoned())
            .filter_map(|job| self.run(job).err())
            .collect();
        if self.sink.abandoned() {
            // Jobs cut short fail; the caller throws the site away.
            return Ok(Rendered::default());
        }
        let mut diagnostics = Diagnostics::new();
        for d in failures {
            diagnostics.push(d);
        }
        let mut written =
            std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        let pages = written.iter().filter(|f| f.ends_with(".html")).count();
        let assets = if selection.everything {
            self.project.assets.as_slice()
        } else {
            &[]
        };
        for asset in assets {
            // The loader refuses such a project (see `crate::address`); this guards a project
            // made some other way from losing a file without a word.
            if !written.insert(asset.path.clone()) {
                diagnostics.push(
                    Diagnostic::error(
                        Code::ReservedPath,
                        Location::at(format!("content/{}", asset.path).into(), Position::START),
                        msg!("error.file_written_twice", path = &asset.path),
                    )
                    .with_help(msg!("help.move_file")),
                );
                continue;
            }
            let source = root.join("content").join(&asset.path);
            if let Err(d) = self.sink.copy(&asset.path, &source) {
                diagnostics.push(d);
            }
        }
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        Ok(Rendered {
            pages,
            files: written.len(),
        })
    }

    /// Renders one job and hands its files to the sink.
    fn run(&self, job: &Job) -> Result<(), Diagnostic> {
        match job {
            Job::Model => self.model(),
            Job::Inventory(page) => {
                self.put(&address::inventory_page(*page), self.inventory(*page)?)
            }
            Job::InventoryCsv => self.stream(address::INVENTORY_CSV, &mut |out| {
                csv_export::inventory(self.project, self.analysis, self.labels, out)
            }),
            Job::Consistency => {
                self.put(address::CONSISTENCY, self.consistency()?)?;
                if !consistency::site_matrix_shown(self.project) {
                    return Ok(());
                }
                let map = self.promise_map(address::PROMISE_MAP)?;
                self.put(address::PROMISE_MAP, map.standalone())
            }
            Job::ConsistencyCsv => self.stream(address::CONSISTENCY_CSV, &mut |out| {
                csv_export::consistency(self.project, self.analysis, self.labels, out)
            }),
            Job::Workbook => {
                let stop = || self.sink.abandoned();
                let bytes = workbook::workbook(
                    self.project,
                    self.analysis,
                    self.labels,
                    &self.series,
                    &stop,
                )
                .map_err(|e| output_error(address::WORKBOOK, msg!("io.other", detail = e)))?;
                self.put(address::WORKBOOK, bytes)
            }
            Job::Home => self.put(address::HOME, self.home()?),
            Job::Measurements(page) => {
                let title = self.page_title(self.labels.get("measured.title"), *page);
                let file = address::measurements_page(*page);
                let own =
                    measurements_page::overview(self.project, self.labels, &self.series, *page);
                let context = context::context(&file, "measurements", &title, own);
                self.put(&file, self.template("measurements.html", &context)?)
            }
            Job::Wave(index, page) => {
                let Some(wave) = self.project.waves.get(*index) else {
                    return Ok(());
                };
                let file = address::wave_page_at(&wave.id, *page);
                let title = self.page_title(&wave.name, *page);
                let own =
                    measurements_page::wave(self.project, wave, self.labels, &self.series, *page);
                let context = context::context(&file, "measurements", &title, own);
                self.put(&file, self.template("wave.html", &context)?)
            }
            Job::Plans => {
                let title = self.labels.get("plans.title");
                let file = address::PLANS;
                let own =
                    plans_page::data(self.project, self.labels, &self.series, self.owner_links());
                let context = context::context(file, "plans", title, own);
                self.put(file, self.template("plans.html", &context)?)
            }
            Job::Report => self.put(address::REPORT, self.report()?),
            Job::Journey(id) => self.journey(id),
            Job::Page(page) => self.put(&address::page(&page.url), self.page(page)?),
            Job::CoursePrint(index) => self.course_print(*index),
            Job::SearchIndex => self.put(
                address::SEARCH_INDEX,
                search_index::script(
                    self.project,
                    self.analysis,
                    self.labels,
                    &self.pages.published,
                    &|| self.sink.abandoned(),
                ),
            ),
            Job::Departments => self.department_index(),
            Job::Department(owner, page) => self.department(owner, *page),
            Job::Personas => self.personas(),
            Job::Theme => {
                for (path, file) in &self.theme.static_files {
                    match file {
                        StaticFile::Embedded(bytes) => self.put(path, bytes.to_vec())?,
                        StaticFile::File(source) => {
                            self.record(path);
                            self.sink.copy(path, source)?;
                        }
                    }
                }
                Ok(())
            }
        }
    }

    /// Hands a generated file to the sink.
    fn put(&self, path: &str, bytes: impl Into<Vec<u8>>) -> Result<(), Diagnostic> {
        self.record(path);
        self.sink.file(path, bytes.into())
    }

    fn record(&self, path: &str) {
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string());
    }

    /// `model.json`: the project and its analysis, for other programs.
    fn model(&self) -> Result<(), Diagnostic> {
        #[derive(serde::Serialize)]
        struct Model<'a> {
            project: &'a Project,
            analysis: &'a Analysis,
        }
        let model = Model {
            project: self.project,
            analysis: self.analysis,
        };
        self.stream(address::MODEL, &mut |out| {
            // serde_json writes a few bytes at a time: into a buffer of a concrete type, not
            // through `dyn Write`.
            let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
            serde_json::to_writer(&mut buffered, &model).map_err(std::io::Error::other)?;
            std::io::Write::flush(&mut buffered)
        })
    }

    /// A large file written as it is produced (see [`SiteSink::stream`]).
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Diagnostic> {
        self.record(path);
        self.sink.stream(path, write)
    }

    /// A page from its template, as the bytes of its file (no copy into a `String`).
    fn template(&self, name: &str, context: &tera::Context) -> Result<Vec<u8>, Diagnostic> {
        let mut page = Vec::with_capacity(PAGE_CAPACITY);
        self.theme
            .tera
            .render_to(name, context, &mut page)
            .map_err(|error| self.template_error(name, &error))?;
        Ok(page)
    }

    /// A view from its template, as HTML to put inside a page.
    fn view_template(&self, name: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.theme
            .tera
            .render(name, context)
            .map_err(|error| self.template_error(name, &error))
    }

    fn template_error(&self, name: &str, error: &tera::Error) -> Diagnostic {
        Diagnostic::error(
            Code::Template,
            Location::file(format!("themes/{}/templates/{name}", self.project.site.theme).into()),
            msg!("error.template_failed", name, reason = theme::plain(error)),
        )
    }

    fn home(&self) -> Result<Vec<u8>, Diagnostic> {
        let title = self.project.site.title.clone();
        let mut context = context::context(address::HOME, "home", &title, Value::Null);
        if home_page::cards_wanted(self.project, self.theme.own_home) {
            let cards = home_page::cards(
                self.project,
                self.analysis,
                self.labels,
                &self.plots.sparklines,
            );
            context.insert("journeys", &cards);
        }
        if !home_page::shows_cards(self.project) {
            let rows = journey_table::rows(
                self.project,
                self.project.journeys.iter().map(|j| &**j),
                self.analysis,
                self.labels,
                self.owner_links(),
            );
            let intro = self
                .labels
                .fill("home.table_intro", &[("count", rows.len().to_string())]);
            context.insert("journey_table_intro", &intro);
            context.insert(
                "journey_table",
                &journey_table::JourneyTable::new("journey-table", rows),
            );
        }
        context.insert("pages", &self.pages.listed());
        self.template("index.html", &context)
    }

    /// A journey's page and its two plots as files of their own.
    fn journey(&self, id: &str) -> Result<(), Diagnostic> {
        let file = address::journey_page(id);
        let journey = self.project.journey(id).or(self.project.design(id));
        let facts = self.analysis.journey(id).or(self.analysis.design(id));
        let (Some(journey), Some(facts)) = (journey, facts) else {
            return Err(output_error(&file, msg!("error.no_analysis")));
        };
        let scale = &self.project.site.scale;
        let plots = plot::draw_journey(
            self.project,
            self.analysis,
            journey,
            facts,
            self.labels,
            self.plots,
        )
        .map_err(|e| plot_error(&file, &e))?;
        let notes = self.pages.notes_of(id);
        let none = journey_page::JourneyPromises::default();
        // A design's promises are traced over the design alone (see `design_traces`).
        let traced = journey
            .desired_for
            .is_some()
            .then(|| crate::analysis::design_traces(self.project, journey));
        let of_design = traced.as_ref().map(journey_page::promises_by_journey);
        let promises = match &of_design {
            Some(index) => index.get(id).unwrap_or(&none),
            None => self.promises.get(id).unwrap_or(&none),
        };
        let design = self.analysis.desired_of(id).map(|d| &d.design);
        let page = journey_page::data(
            journey,
            facts,
            design,
            self.project,
            promises,
            self.labels,
            journey_page::Links {
                notes: &notes,
                owners: self.owner_links(),
                series: &self.series,
            },
        );
        let mut context = context::context(&file, "journey", &journey.title, Value::Null);
        page.insert_into(&mut context);
        let persona = journey
            .persona
            .as_deref()
            .and_then(|p| self.project.persona(p.trim()));
        context.insert(
            "persona",
            &persona.map(|p| json!({"name": p.name, "link": persona_page::link(&p.id)})),
        );
        context.insert(
            "desired",
            &desired_page::data(self.project, self.analysis, journey, self.labels),
        );
        context.insert(
            "measured",
            &measurements_page::journey_rows(self.project, journey, self.labels, &self.series),
        );
        context.insert(
            "measured_thin_note",
            &self.labels.fill(
                "measured.thin_note",
                &[("min", self.project.site.measurements.min_n.to_string())],
            ),
        );
        let curve = plots.curve.inline();
        context.insert("plot", &self.plot_data(id, &curve));
        let (width, height) = plots.priorities.size();
        context.insert(
            "priorities",
            &json!({"file": address::link(&address::priorities_plot(id)), "alt": plots.priorities.alt(), "width": width, "height": height, "placed": plot::has_priorities(journey)}),
        );
        let blueprint = plot::has_blueprint(journey).then(|| {
            plot::blueprint(
                journey,
                &facts.impressions,
                &self.project.site,
                self.labels,
                &plot::blueprint_id(id),
            )
        });
        context.insert(
            "blueprint",
            &blueprint
                .as_ref()
                .map(|b| self.blueprint_data(id, b.inline())),
        );
        let html = self.template("journey.html", &context)?;
        self.put(&file, html)?;
        if let Some(blueprint) = &blueprint {
            self.put(&address::journey_blueprint(id), blueprint.standalone())?;
        }
        self.put(&address::journey_curve(id), plots.curve.standalone())?;
        self.put(
            &address::journey_mermaid(id),
            mermaid::diagram(journey, scale),
        )?;
        self.put(&address::priorities_plot(id), plots.priorities.standalone())
    }

    /// Every department and their address segments, gathered on first use.
    fn departments(&self) -> &DepartmentsShown<'_> {
        self.departments.get_or_init(|| {
            // A site no longer wanted is thrown away, gathered in full or not.
            let stop = || self.sink.abandoned();
            let departments =
                crate::analysis::departments::departments_until(self.project, self.analysis, &stop);
            let owners = departments.list.iter().map(|d| d.owner);
            let slugs = crate::model::department::slugs(owners);
            (departments, slugs)
        })
    }

    /// The departments index.
    fn department_index(&self) -> Result<(), Diagnostic> {
        let (departments, slugs) = self.departments();
        let file = address::DEPARTMENTS;
        let title = self.labels.get("departments.title");
        let mut context = context::context(file, "departments", title, Value::Null);
        context.insert(
            "departments",
            &department_page::index(departments, self.project, self.labels, slugs),
        );
        self.put(file, self.template("departments.html", &context)?)
    }

    /// Page `page` (from 0) of the department of `owner`.
    fn department(&self, owner: &str, page: usize) -> Result<(), Diagnostic> {
        let (departments, slugs) = self.departments();
        let Some(d) = departments.list.iter().find(|d| d.owner == owner) else {
            return Ok(());
        };
        let Some(slug) = slugs.get(d.owner) else {
            return Ok(());
        };
        let file = address::department_page(slug, page);
        let name = self.project.site.owner_name(d.owner);
        let pages = d.page_starts.len();
        let title = if pages > 1 {
            self.labels.fill(
                "department.page_title",
                &[
                    ("name", name.to_string()),
                    ("page", (page + 1).to_string()),
                    ("pages", pages.to_string()),
                ],
            )
        } else {
            name.to_string()
        };
        let mut context = context::context(&file, "departments", &title, Value::Null);
        context.insert(
            "department",
            &department_page::page(d, page, self.project, self.analysis, self.labels, slugs),
        );
        if !self.project.waves.is_empty() {
            let owned = d.on_page(&d.touchpoints, page, |t| t.at.place);
            let rows =
                measurements_page::department_rows(self.project, owned, self.labels, &self.series);
            context.insert("measured", &rows);
            context.insert("measured_shown", &true);
            let min_n = self.project.site.measurements.min_n.to_string();
            let note = self.labels.fill("measured.thin_note", &[("min", min_n)]);
            context.insert("measured_thin_note", &note);
        }
        if page == 0 && self.project.has_plans() {
            let plans = plans_page::owned_by(owner, self.project, self.labels, &self.series);
            if !plans.is_empty() {
                context.insert("plans_summary", &plans_page::summary(&plans, self.labels));
            }
            context.insert("plans", &plans);
            let touching = plans_page::touching(
                owner,
                self.project,
                self.labels,
                &self.series,
                self.owner_links(),
            );
            context.insert("plans_touching", &touching);
            let on_journeys = plans_page::on_journeys_of(
                owner,
                self.project,
                self.labels,
                &self.series,
                self.owner_links(),
            );
            context.insert("plans_on_journeys", &on_journeys);
            context.insert("plans_link", &address::link(address::PLANS));
        }
        if pages > 1 {
            let root = links::root_of(&file);
            let link_of = |p: usize| {
                format!(
                    "{root}{}",
                    address::link(&address::department_page(slug, p))
                )
            };
            let journeys = &self.project.journeys;
            let journey_title = |place: usize| journeys.get(place).map_or("", |j| j.title.as_str());
            let first = d.page_starts.get(page).copied().unwrap_or(0);
            let next = d
                .page_starts
                .get(page + 1)
                .copied()
                .unwrap_or(journeys.len());
            let rows = self.labels.fill(
                "department.page_journeys",
                &[
                    ("page", (page + 1).to_string()),
                    ("pages", pages.to_string()),
                    ("first", journey_title(first).to_string()),
                    ("last", journey_title(next.saturating_sub(1)).to_string()),
                ],
            );
            let label = self.labels.get("department.pages");
            context.insert(
                "pagination",
                &pagination(label, rows, pages, page, &link_of),
            );
        }
        self.put(&file, self.template("department.html", &context)?)
    }

    /// The page of every persona.
    fn personas(&self) -> Result<(), Diagnostic> {
        for persona in self.project.personas.iter().flatten() {
            let file = address::persona_page(&persona.id);
            let data = persona_page::data(persona, self.project, self.analysis, self.labels)
                .map_err(|e| plot_error(&file, &e))?;
            let mut context = context::context(&file, "persona", &persona.name, Value::Null);
            context.insert("persona", &data);
            self.put(&file, self.template("persona.html", &context)?)?;
        }
        Ok(())
    }

    /// The printable report of the whole site.
    fn report(&self) -> Result<Vec<u8>, Diagnostic> {
        let file = address::REPORT;
        let none = journey_page::JourneyPromises::default();
        let journeys = self
            .project
            .journeys
            .par_iter()
            .take(report::MAX_JOURNEYS)
            .filter_map(|journey| Some((journey, self.analysis.journey(&journey.id)?)))
            .map(|(journey, facts)| {
                let curve =
                    plot::draw_page_curve(self.project, self.analysis, journey, facts, self.labels)
                        .map_err(|e| plot_error(file, &e))?;
                let design = self.analysis.desired_of(&journey.id).map(|d| &d.design);
                let today: (&crate::model::Journey, &crate::analysis::JourneyAnalysis) =
                    (journey, facts);
                let blueprints = [
                    Some(today),
                    self.project.desired_of(&journey.id).zip(design),
                ]
                .into_iter()
                .flatten()
                .filter(|(j, _)| plot::has_blueprint(j))
                .map(|(j, f)| report::Blueprint {
                    title: self
                        .labels
                        .fill("blueprint.title", &[("journey", j.title.clone())]),
                    parts: plot::blueprint_parts(
                        j,
                        &f.impressions,
                        &self.project.site,
                        self.labels,
                        &format!("report-{}", plot::blueprint_id(&j.id)),
                        report::BLUEPRINT_COLUMNS,
                    )
                    .iter()
                    .map(|part| part.inline())
                    .collect(),
                })
                .collect();
                Ok(report::ReportJourney {
                    journey,
                    facts,
                    design,
                    promises: self.promises.get(journey.id.as_str()).unwrap_or(&none),
                    curve_svg: curve.inline(),
                    measured: measurements_page::journey_rows(
                        self.project,
                        journey,
                        self.labels,
                        &self.series,
                    ),
                    desired: desired_page::data(self.project, self.analysis, journey, self.labels),
                    blueprints,
                })
            })
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        let title = self.labels.get("report.title");
        let mut context = context::context(file, "report", title, Value::Null);
        context.insert(
            "report",
            &report::data(
                self.project,
                self.analysis,
                journeys,
                self.labels,
                &self.series,
            ),
        );
        context.insert("consistency", &Value::Null);
        context.insert("inventory", &Value::Null);
        if report::is_whole(self.project) {
            context.insert("consistency", &self.consistency_data(None, file)?);
            // The report leads to no other page: a printed one holds no file:// link.
            let no_links = department_page::OwnerLinks::none();
            let inventory = inventory::data(
                self.project,
                self.analysis,
                self.labels,
                None,
                "report-",
                &no_links,
            );
            if inventory.total() <= inventory::ROWS_PER_PAGE {
                context.insert("inventory", &inventory.whole());
            }
        }
        let html = self.template("report.html", &context)?;
        let parts: Vec<&str> = self
            .project
            .journeys
            .iter()
            .take(report::MAX_JOURNEYS)
            .map(|j| j.id.as_str())
            .collect();
        let root = links::root_of(file);
        let html = String::from_utf8_lossy(&html);
        let plans = self.project.has_plans() && report::is_whole(self.project);
        Ok(report::links_within(&html, &root, &parts, plans).into_bytes())
    }

    /// Page `index` (from 0) of the site-wide inventory; the inventory itself is gathered
    /// once, by the first page job that needs it.
    fn inventory(&self, index: usize) -> Result<Vec<u8>, Diagnostic> {
        let file = address::inventory_page(index);
        let inventory = self.inventory.get_or_init(|| {
            inventory::data(
                self.project,
                self.analysis,
                self.labels,
                None,
                "",
                self.owner_links(),
            )
        });
        let size = inventory::ROWS_PER_PAGE;
        let pages = inventory.pages(size);
        let root = links::root_of(&file);
        let link_of = |page: usize| format!("{root}{}", links::inventory_page(page));
        let title = self.labels.get("inventory.title");
        let mut context = context::context(&file, "inventory", title, Value::Null);
        context.insert("inventory", &inventory.page(index, size, &link_of));
        if pages > 1 {
            let (from, to) = inventory.rows_on(index, size);
            let rows = self.labels.fill(
                "inventory.rows",
                &[
                    ("from", from.to_string()),
                    ("to", to.to_string()),
                    ("total", inventory.total().to_string()),
                ],
            );
            let label = self.labels.get("inventory.pages");
            context.insert(
                "pagination",
                &pagination(label, rows, pages, index, &link_of),
            );
        }
        self.template("inventory.html", &context)
    }

    fn consistency(&self) -> Result<Vec<u8>, Diagnostic> {
        let file = address::CONSISTENCY;
        let title = self.labels.get("consistency.title");
        let mut context = context::context(file, "consistency", title, Value::Null);
        context.insert("consistency", &self.consistency_data(None, file)?);
        context.insert("promise_anchors", &true);
        self.template("consistency.html", &context)
    }

    /// A page's body as HTML for the file `file`: its links rewritten to lead there from
    /// `file`; on a print page, which holds several bodies, its views numbered from
    /// `first_view` and its ids (and links to them) prefixed with `id_prefix`.
    fn body_html(
        &self,
        page: &Page,
        file: &str,
        first_view: usize,
        id_prefix: &str,
    ) -> Result<String, Diagnostic> {
        let mut failure = None;
        let root = links::root_of(file);
        let rewrite = |url: &str| self.rewritten_link(page, &root, url, id_prefix);
        let body_html = markdown::to_html_linked(
            &page.body,
            self.labels,
            &mut |index| match page
                .views
                .get(index)
                .map(|v| self.view(file, v.kind, &v.target, first_view + index))
            {
                Some(Ok(html)) => html,
                Some(Err(d)) => {
                    failure = Some(d);
                    String::new()
                }
                None => String::new(),
            },
            &rewrite,
            id_prefix,
        );
        match failure {
            Some(d) => Err(d),
            None => Ok(body_html),
        }
    }

    /// A link written relative to a page's Markdown file as a link from the file whose root
    /// prefix is `root`; `None` for external links, links within the page, and links that
    /// name no published file (`check` reports those).
    fn rewritten_link(
        &self,
        page: &Page,
        root: &str,
        url: &str,
        id_prefix: &str,
    ) -> Option<String> {
        let (path, fragment) = match address::resolve(&page.path, url) {
            address::Target::File {
                path: Some(path),
                fragment,
            } => (path, fragment),
            address::Target::Fragment(fragment) if !id_prefix.is_empty() => {
                return Some(format!("#{id_prefix}{fragment}"));
            }
            _ => return None,
        };
        let targets = self.targets();
        if let Some(place) = fragment.and_then(|f| targets.entry(&path, f)) {
            let anchor = place.anchor.as_ref().map(|a| format!("#{a}"));
            let link = address::link(&place.address);
            return Some(format!("{root}{link}{}", anchor.unwrap_or_default()));
        }
        let target = targets.address(&path)?;
        let fragment = fragment
            .map(|f| format!("#{}", self.journey_anchor(&path, f)))
            .unwrap_or_default();
        Some(format!("{root}{}{fragment}", address::link(target)))
    }

    /// The anchor a link's `#fragment` names on the page of the journey file at `path`: a
    /// touchpoint's id becomes its row's anchor (`tp-` and the id); anything else is kept.
    fn journey_anchor<'f>(&self, path: &str, fragment: &'f str) -> std::borrow::Cow<'f, str> {
        let id = path
            .strip_prefix("journeys/")
            .and_then(|p| p.rsplit('/').next())
            .and_then(|name| name.strip_suffix(".yaml"));
        let journey = id.and_then(|id| self.project.journey(id).or(self.project.design(id)));
        match journey {
            Some(j) if j.touchpoint(fragment).is_some() => format!("tp-{fragment}").into(),
            _ => fragment.into(),
        }
    }

    /// The address of every file a link may name: published pages, journeys, copied files
    /// and data files.
    fn targets(&self) -> &address::Targets {
        self.targets.get_or_init(|| {
            let project = self.project;
            let data = address::DataFiles {
                promises: Some(project.promises.iter().map(|p| p.id.as_str()).collect()),
                personas: project
                    .personas
                    .iter()
                    .flatten()
                    .map(|p| p.id.as_str())
                    .collect(),
                waves: project
                    .waves
                    .iter()
                    .map(|w| (journey_file(&w.location.file), w.id.as_str()))
                    .collect(),
            };
            address::Targets::new(
                self.pages
                    .published
                    .iter()
                    .map(|p| (p.path.as_str(), p.url.as_str())),
                project
                    .journeys
                    .iter()
                    .chain(&project.desired)
                    .map(|j| (journey_file(&j.location.file), j.id.as_str())),
                project.assets.iter().map(|a| a.path.as_str()),
                data,
            )
        })
    }

    fn page(&self, page: &Page) -> Result<Vec<u8>, Diagnostic> {
        let file = address::page(&page.url);
        let body_html = self.body_html(page, &file, 0, "")?;
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
        let (mut toc, mut previous, mut next) = self.pages.navigation(page);
        let course = self.pages.course_of(page).map(|c| {
            toc.clear();
            let course = self.pages.course_navigation(c, page, self.labels);
            previous = course["previous"].clone();
            next = course["next"].clone();
            course
        });
        let own = json!({
            "page": {"title": page.title, "body_html": body_html},
            "about": about,
            "toc": toc,
            "previous": previous,
            "next": next,
            "course": course,
        });
        self.template(
            "page.html",
            &context::context(&file, "page", &page.title, own),
        )
    }

    /// The print page of a course: its own page and every lesson in order, sections' pages
    /// before their lessons.
    fn course_print(&self, index: usize) -> Result<(), Diagnostic> {
        let Some(course) = self.pages.courses.get(index) else {
            return Ok(());
        };
        let file = address::course_print(course.folder);
        let mut parts = Vec::new();
        for (i, page) in course.pages().iter().enumerate() {
            // The page is read on paper: what a lesson folds away is printed open.
            let body_html = self
                .body_html(page, &file, i * 1000, &format!("part-{i}-"))?
                .replace("<details>", "<details open>");
            let lesson = course.lessons().iter().position(|p| p.path == page.path);
            let intro = i == 0 && course.index.is_some();
            parts.push(json!({
                "title": page.title,
                "body_html": body_html,
                "lesson": lesson.map(|n| n + 1),
                "intro": intro,
                "section": !intro && lesson.is_none(),
            }));
        }
        let title = course.title();
        let own = json!({
            "course": {
                "title": title,
                "link": address::link(&format!("{}/index.html", course.folder)),
                "current": false,
            },
            "parts": parts,
        });
        let html = self.template("print.html", &context::context(&file, "page", title, own))?;
        self.put(&file, html)
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
        // An inventory or consistency report in a page is titled with what it covers, and
        // its own headings sit one level below that title.
        let embedded = |view: &str| {
            let scope = only
                .and_then(|id| self.project.journey(id))
                .map_or(self.labels.get("view.all_journeys"), |j| j.title.as_str());
            format!("{}: {scope}", self.labels.get(view))
        };
        let (template, own) = match kind {
            ViewKind::Inventory => {
                let prefix = format!("v{index}-");
                let inventory = inventory::data(
                    self.project,
                    self.analysis,
                    self.labels,
                    only,
                    &prefix,
                    self.owner_links(),
                );
                let mut context = context::context(file, "page", "", Value::Null);
                context.insert("inventory", &inventory.whole());
                context.insert("embedded", &embedded("inventory.title"));
                return self.view_template("views/inventory.html", &context);
            }
            ViewKind::Consistency => {
                let mut context = context::context(file, "page", "", Value::Null);
                context.insert("consistency", &self.consistency_data(only, file)?);
                context.insert("embedded", &embedded("consistency.title"));
                return self.view_template("views/consistency.html", &context);
            }
            ViewKind::Blueprint => {
                let blueprint = only
                    .and_then(|id| self.project.journey(id))
                    .filter(|j| plot::has_blueprint(j))
                    .and_then(|j| Some((j, self.analysis.journey(&j.id)?)))
                    .map(|(j, facts)| {
                        let id = plot::blueprint_id(&j.id);
                        let svg = plot::blueprint(
                            j,
                            &facts.impressions,
                            &self.project.site,
                            self.labels,
                            &id,
                        )
                        .inline();
                        let svg = plot::with_instance(svg, &id, index + 1);
                        self.blueprint_data(&j.id, svg)
                    });
                ("views/blueprint.html", json!({"blueprint": blueprint}))
            }
            ViewKind::Plot => {
                let plot = only
                    .and_then(|id| Some((id, self.plots.viewed_curves.get(id)?)))
                    .map(|(id, curve)| {
                        let svg =
                            plot::with_instance(curve.inline(), &plot::curve_id(id), index + 1);
                        // A design's view shows the comparison, which is its current
                        // journey's curve.
                        let shown = self
                            .project
                            .design(id)
                            .and_then(|d| d.desired_for.as_deref())
                            .unwrap_or(id);
                        serde_json::to_value(self.plot_data(shown, &svg)).unwrap_or(Value::Null)
                    });
                ("views/plot.html", json!({"plot": plot}))
            }
        };
        self.view_template(template, &context::context(file, "page", "", own))
    }
}

impl Renderer<'_> {
    /// The curve of a journey for a template: its inline SVG and the address of the
    /// standalone file.
    fn plot_data<'s>(&'s self, id: &'s str, svg: &'s str) -> PlotData<'s> {
        PlotData {
            journey: id,
            title: self.project.journey(id).map(|j| j.title.as_str()),
            svg,
            file: address::link(&address::journey_curve(id)),
            link: links::journey(id),
        }
    }

    /// A journey's blueprint for a template: its inline SVG, the address of the standalone
    /// file and the journey's title and link.
    fn blueprint_data(&self, id: &str, svg: String) -> Value {
        json!({
            "svg": svg,
            "file": address::link(&address::journey_blueprint(id)),
            "title": self.project.journey(id).map(|j| j.title.as_str()),
            "link": links::journey(id),
        })
    }

    /// The consistency report data, with the heat map for the site-wide report.
    fn consistency_data(
        &self,
        only: Option<&str>,
        file: &str,
    ) -> Result<consistency::ConsistencyReport<'_>, Diagnostic> {
        let heatmap = match only {
            None if consistency::site_matrix_shown(self.project) => {
                Some(self.promise_map(file)?.inline())
            }
            _ => None,
        };
        Ok(consistency::data(self.project, self.analysis, self.labels, only).with_heatmap(heatmap))
    }

    /// The promise heat map, drawn before the pages when the selection shows it.
    fn promise_map(&self, file: &str) -> Result<&plot::Document, Diagnostic> {
        self.plots
            .promises
            .as_ref()
            .ok_or_else(|| output_error(file, msg!("error.no_heat_map")))
    }
}

/// The path under `content/` of a journey's file (`content/journeys/x.yaml` ->
/// `journeys/x.yaml`).
fn journey_file(file: &str) -> &str {
    file.strip_prefix("content/").unwrap_or(file)
}

fn plot_error(file: &str, message: &str) -> Diagnostic {
    output_error(file, msg!("error.plot", message))
}

fn output_error(file: &str, message: Message) -> Diagnostic {
    Diagnostic::error(
        Code::Output,
        Location::file(format!("output/{file}").into()),
        message,
    )
}

/// The links between the pages of a split page (inventory, department), as the pagination
/// view gets them: the block's name, the sentence on what this page holds, and each page's
/// number and link, `current` marking page `current` (from 0) of `count`.
fn pagination(
    label: &str,
    rows: String,
    count: usize,
    current: usize,
    link_of: &dyn Fn(usize) -> String,
) -> Value {
    let pages: Vec<Value> = (0..count)
        .map(|p| json!({"number": p + 1, "link": link_of(p), "current": p == current}))
        .collect();
    json!({"label": label, "rows": rows, "pages": pages})
}
