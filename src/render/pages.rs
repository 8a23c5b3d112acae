//! Markdown pages: their sequences (courses), tables of contents, the notes attached to
//! journeys and touchpoints, and the pages listed on the home page.

use super::links;
use crate::address;
use crate::labels::Labels;
use crate::model::{Course, CourseItem, Page, Project, courses};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The published pages of a project and how they relate.
pub struct PageIndex<'p> {
    /// Published pages (drafts left out), by path.
    pub published: Vec<&'p Page>,
    /// The courses, by folder.
    pub courses: Vec<Course<'p>>,
    sequences: BTreeMap<&'p str, Vec<&'p Page>>,
    notes: BTreeMap<&'p str, Vec<&'p Page>>,
}

impl<'p> PageIndex<'p> {
    /// Indexes the published pages of a project.
    pub fn new(project: &'p Project) -> Self {
        let published: Vec<&Page> = project
            .pages
            .iter()
            .map(AsRef::as_ref)
            .filter(|p| !p.draft)
            .collect();
        let mut sequences: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
        for page in published
            .iter()
            .filter(|p| p.order.is_some() && !p.is_index())
        {
            sequences.entry(page.folder()).or_default().push(page);
        }
        for pages in sequences.values_mut() {
            pages.sort_by(|a, b| (a.order, &a.path).cmp(&(b.order, &b.path)));
        }
        let mut notes: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
        for page in &published {
            if let Some(journey) = page.journey.as_deref() {
                notes.entry(journey).or_default().push(page);
            }
        }
        PageIndex {
            courses: courses(&published),
            published,
            sequences,
            notes,
        }
    }

    /// The course a page belongs to (its own page, a section's page or a lesson).
    pub fn course_of(&self, page: &Page) -> Option<&Course<'p>> {
        self.courses.iter().find(|c| c.contains(page))
    }

    /// The courses for the site's navigation: title and link from the root.
    pub fn course_links(&self) -> Vec<Value> {
        self.courses
            .iter()
            .map(|c| {
                json!({
                    "title": c.title(),
                    "link": address::link(&format!("{}/index.html", c.folder)),
                    "folder": c.folder,
                })
            })
            .collect()
    }

    /// What a page of a course shows: the course's title and link, its print page, the
    /// sidebar (current page marked), "Lesson 2 of 4", and the previous and next lessons.
    pub fn course_navigation(&self, course: &Course<'_>, page: &Page, labels: &Labels) -> Value {
        let lessons = course.lessons();
        let position = lessons.iter().position(|p| p.path == page.path);
        // Previous and next follow the reading order, a section's own page included (it
        // counts as no lesson); the course's own page leads to the first, and the first back
        // to it.
        let is_course_page = |p: &Page| course.index.is_some_and(|i| i.path == p.path);
        let reading: Vec<&Page> = course
            .pages()
            .into_iter()
            .filter(|p| !is_course_page(p))
            .collect();
        let at = reading.iter().position(|p| p.path == page.path);
        let entry = |p: &Page| json!({"title": p.title, "link": links::page(&p.url)});
        let previous = match at {
            Some(0) => course.index.map_or(Value::Null, entry),
            Some(i) => reading.get(i - 1).map_or(Value::Null, |p| entry(p)),
            None => Value::Null,
        };
        let link = address::link(&format!("{}/index.html", course.folder));
        let next = match at {
            // The last page leads back to the course's own page, marked as the end.
            Some(i) if i + 1 == reading.len() => {
                json!({"title": course.title(), "link": link, "end": true})
            }
            Some(i) => reading.get(i + 1).map_or(Value::Null, |p| entry(p)),
            None if is_course_page(page) => reading.first().map_or(Value::Null, |p| entry(p)),
            None => Value::Null,
        };
        let total = lessons.len().to_string();
        let of = match position {
            Some(i) => Some(labels.fill(
                "course.lesson_of",
                &[("n", (i + 1).to_string()), ("total", total)],
            )),
            None => section_position(course, page, &lessons, labels),
        };
        let mut sidebar = Vec::new();
        sidebar_items(course, page, 0, &mut sidebar);
        json!({
            "title": course.title(),
            "link": link,
            "current": course.index.is_some_and(|p| p.path == page.path),
            "print_link": address::link(&address::course_print(course.folder)),
            "position": of,
            "items": sidebar,
            "previous": previous,
            "next": next,
        })
    }

    /// Notes attached to a journey (including those about one of its touchpoints).
    pub fn notes_of(&self, journey: &str) -> Vec<&'p Page> {
        self.notes.get(journey).cloned().unwrap_or_default()
    }

    /// Pages for the home page: top-level pages and folder pages that are not notes. A
    /// section of a course (a sub-folder's `_index.md` with an `order`) is no page of its own
    /// there: the course is listed, and its sidebar leads to the section.
    pub fn listed(&self) -> Vec<Value> {
        self.published
            .iter()
            .filter(|p| {
                p.journey.is_none() && (p.folder().is_empty() || p.path.ends_with("/_index.md"))
            })
            .filter(|p| !self.is_section(p))
            .map(|p| json!({"title": p.title, "link": links::page(&p.url)}))
            .collect()
    }

    /// Whether a page is the own page of a section inside a course (not the course's own).
    fn is_section(&self, page: &Page) -> bool {
        page.is_index()
            && self
                .course_of(page)
                .is_some_and(|c| c.index.is_none_or(|own| own.path != page.path))
    }

    /// Table of contents, previous and next links of a page.
    pub fn navigation(&self, page: &Page) -> (Vec<Value>, Value, Value) {
        let entry = |p: &Page| json!({"title": p.title, "link": links::page(&p.url)});
        if page.is_index() {
            let folder = page.folder();
            let toc = self
                .sequences
                .get(folder)
                .map(|pages| pages.iter().map(|p| entry(p)).collect())
                .unwrap_or_default();
            return (toc, Value::Null, Value::Null);
        }
        let Some(sequence) = self.sequences.get(page.folder()) else {
            return (Vec::new(), Value::Null, Value::Null);
        };
        let Some(position) = sequence.iter().position(|p| p.path == page.path) else {
            return (Vec::new(), Value::Null, Value::Null);
        };
        let previous = position
            .checked_sub(1)
            .and_then(|i| sequence.get(i))
            .map_or(Value::Null, |p| entry(p));
        let next = sequence.get(position + 1).map_or(Value::Null, |p| entry(p));
        (Vec::new(), previous, next)
    }
}

/// Where a section's own page stands in its course: which of the course's lessons it holds
/// ("This section holds lessons 4 to 5 of 5"); `None` for any other page, or a section without
/// lessons.
fn section_position(
    course: &Course<'_>,
    page: &Page,
    lessons: &[&Page],
    labels: &Labels,
) -> Option<String> {
    let held = section_whose_page(course, page)?.lessons();
    let place = |p: &Page| lessons.iter().position(|l| l.path == p.path).map(|i| i + 1);
    let (first, last) = (place(held.first()?)?, place(held.last()?)?);
    let total = lessons.len().to_string();
    Some(if first == last {
        labels.fill(
            "course.section_of_one",
            &[("n", first.to_string()), ("total", total)],
        )
    } else {
        labels.fill(
            "course.section_of",
            &[
                ("first", first.to_string()),
                ("last", last.to_string()),
                ("total", total),
            ],
        )
    })
}

/// The section (at any depth) whose own page `page` is.
fn section_whose_page<'c, 'p>(course: &'c Course<'p>, page: &Page) -> Option<&'c Course<'p>> {
    course.items.iter().find_map(|item| match item {
        CourseItem::Section(s) if s.index.is_some_and(|i| i.path == page.path) => Some(s),
        CourseItem::Section(s) => section_whose_page(s, page),
        CourseItem::Lesson(_) => None,
    })
}

/// The sidebar of a course as a flat list: each lesson and section with its depth (0 for the
/// course's own items) and whether it is the current page.
fn sidebar_items(course: &Course<'_>, page: &Page, depth: usize, out: &mut Vec<Value>) {
    for item in &course.items {
        match item {
            CourseItem::Lesson(lesson) => out.push(json!({
                "title": lesson.title,
                "link": links::page(&lesson.url),
                "current": lesson.path == page.path,
                "depth": depth,
                "section": false,
            })),
            CourseItem::Section(section) => {
                out.push(json!({
                    "title": section.title(),
                    "link": section.index.map(|p| links::page(&p.url)),
                    "current": section.index.is_some_and(|p| p.path == page.path),
                    "depth": depth,
                    "section": true,
                }));
                sidebar_items(section, page, depth + 1, out);
            }
        }
    }
}
