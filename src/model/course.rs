//! Courses: a folder whose pages have an `order` is a sequence of lessons; a sub-folder whose
//! `_index.md` has an `order` is a section of its parent's course, so folders nest.

use super::Page;
use std::collections::{BTreeMap, BTreeSet};

/// A course or one of its sections: a folder, its own page and its items in order.
#[derive(Debug, Clone)]
pub struct Course<'p> {
    /// The folder under `content/` (`course`, `course/part-2`).
    pub folder: &'p str,
    /// The folder's `_index.md`, if it has one.
    pub index: Option<&'p Page>,
    /// Lessons and sections, by `order`, then by path.
    pub items: Vec<CourseItem<'p>>,
}

/// A lesson or a nested section of a course.
#[derive(Debug, Clone)]
pub enum CourseItem<'p> {
    /// A page with an `order`.
    Lesson(&'p Page),
    /// A sub-folder whose `_index.md` has an `order`.
    Section(Course<'p>),
}

impl<'p> Course<'p> {
    /// The title: its own page's, or else its folder's name.
    pub fn title(&self) -> &'p str {
        match self.index {
            Some(page) => &page.title,
            None => self.folder.rsplit('/').next().unwrap_or(self.folder),
        }
    }

    /// Every lesson, sections' lessons included, in reading order.
    pub fn lessons(&self) -> Vec<&'p Page> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect(&self, out: &mut Vec<&'p Page>) {
        for item in &self.items {
            match item {
                CourseItem::Lesson(page) => out.push(page),
                CourseItem::Section(section) => section.collect(out),
            }
        }
    }

    /// Every page of the course in reading order: its own page, then each lesson and each
    /// section's own page before the section's lessons.
    pub fn pages(&self) -> Vec<&'p Page> {
        let mut out: Vec<&'p Page> = self.index.into_iter().collect();
        for item in &self.items {
            match item {
                CourseItem::Lesson(page) => out.push(page),
                CourseItem::Section(section) => out.extend(section.pages()),
            }
        }
        out
    }

    /// Whether the page is this course's own page or one of its sections' pages or lessons.
    pub fn contains(&self, page: &Page) -> bool {
        self.index.is_some_and(|p| p.path == page.path)
            || self.items.iter().any(|item| match item {
                CourseItem::Lesson(p) => p.path == page.path,
                CourseItem::Section(section) => section.contains(page),
            })
    }
}

/// The courses of a site (published pages only), by folder: the top folders of every
/// sequence, each with its lessons and nested sections.
pub fn courses<'p>(pages: &[&'p Page]) -> Vec<Course<'p>> {
    let indexes: BTreeMap<&str, &Page> = pages
        .iter()
        .filter(|p| p.is_index())
        .map(|p| (p.folder(), *p))
        .collect();
    let is_section =
        |folder: &str| !folder.is_empty() && indexes.get(folder).is_some_and(|p| p.order.is_some());
    let mut lessons: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
    for page in pages.iter().filter(|p| p.order.is_some() && !p.is_index()) {
        lessons.entry(page.folder()).or_default().push(page);
    }
    let mut in_courses: BTreeSet<&str> = lessons.keys().copied().collect();
    in_courses.extend(indexes.keys().copied().filter(|f| is_section(f)));
    let mut roots: BTreeSet<&str> = BTreeSet::new();
    for folder in &in_courses {
        let mut root = *folder;
        while is_section(root) {
            root = parent(root);
        }
        roots.insert(root);
    }
    let build = Builder {
        indexes: &indexes,
        lessons: &lessons,
        sections: in_courses
            .iter()
            .copied()
            .filter(|f| is_section(f))
            .collect(),
    };
    // Ordered pages at the top of `content/` keep their previous/next links but make no course.
    roots.remove("");
    roots.into_iter().map(|root| build.course(root)).collect()
}

struct Builder<'a, 'p> {
    indexes: &'a BTreeMap<&'p str, &'p Page>,
    lessons: &'a BTreeMap<&'p str, Vec<&'p Page>>,
    sections: Vec<&'p str>,
}

impl<'p> Builder<'_, 'p> {
    fn course(&self, folder: &'p str) -> Course<'p> {
        let mut keyed: Vec<((Option<i64>, &str), CourseItem<'p>)> = Vec::new();
        for &page in self.lessons.get(folder).into_iter().flatten() {
            keyed.push(((page.order, page.path.as_str()), CourseItem::Lesson(page)));
        }
        for &section in self.sections.iter().filter(|s| parent(s) == folder) {
            let order = self.indexes.get(section).and_then(|p| p.order);
            keyed.push(((order, section), CourseItem::Section(self.course(section))));
        }
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        Course {
            folder,
            index: self.indexes.get(folder).copied(),
            items: keyed.into_iter().map(|(_, item)| item).collect(),
        }
    }
}

/// The parent folder (`""` for a top folder).
fn parent(folder: &str) -> &str {
    folder.rsplit_once('/').map_or("", |(parent, _)| parent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;

    fn page(path: &str, order: Option<i64>) -> Page {
        Page {
            path: path.to_string(),
            url: String::new(),
            title: path.to_string(),
            journey: None,
            touchpoint: None,
            order,
            draft: false,
            body: String::new(),
            views: Vec::new(),
            location: Location::file(path.into()),
        }
    }

    #[test]
    fn nested_folders_are_sections_of_one_course() {
        let pages = [
            page("about.md", None),
            page("course/_index.md", None),
            page("course/b.md", Some(2)),
            page("course/a.md", Some(1)),
            page("course/part/_index.md", Some(3)),
            page("course/part/y.md", Some(2)),
            page("course/part/x.md", Some(1)),
            page("course/loose.md", None),
            page("other/_index.md", None),
        ];
        let refs: Vec<&Page> = pages.iter().collect();
        let courses = courses(&refs);
        assert_eq!(courses.len(), 1);
        let course = &courses[0];
        assert_eq!(course.folder, "course");
        let lessons: Vec<&str> = course.lessons().iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            lessons,
            [
                "course/a.md",
                "course/b.md",
                "course/part/x.md",
                "course/part/y.md"
            ]
        );
        assert!(matches!(&course.items[2], CourseItem::Section(s) if s.folder == "course/part"));
        assert!(course.contains(&pages[5]) && !course.contains(&pages[7]));
        let all: Vec<&str> = course.pages().iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            all,
            [
                "course/_index.md",
                "course/a.md",
                "course/b.md",
                "course/part/_index.md",
                "course/part/x.md",
                "course/part/y.md"
            ]
        );
    }
}
