//! Links written relative to a Markdown file (`les-2.md`, `../journeys/x.yaml`, `img/x.png`,
//! `#heading`): which file under `content/` they name, and that file's published address.

use std::collections::BTreeMap;

/// What a link in a Markdown file points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<'u> {
    /// A URL with a scheme (`https:`, `mailto:`), a `//host` link or an empty one: left alone.
    External,
    /// A heading of the same page.
    Fragment(&'u str),
    /// A file under `content/` (`course/les-2.md`; a folder ends in `/`), maybe a heading in
    /// it; `None` for a path that climbs out of `content/`.
    File {
        /// The path under `content/`, percent-decoded, `.` and `..` resolved.
        path: Option<String>,
        /// The part after `#`.
        fragment: Option<&'u str>,
    },
}

/// Reads a link written in the Markdown file at `from` (a path under `content/`).
pub fn resolve<'u>(from: &str, url: &'u str) -> Target<'u> {
    let url = url.trim();
    let scheme = url
        .split(['/', '?', '#'])
        .next()
        .is_some_and(|head| head.contains(':'));
    if url.is_empty() || scheme || url.starts_with("//") {
        return Target::External;
    }
    let (rest, fragment) = match url.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (url, None),
    };
    let rest = rest.split('?').next().unwrap_or_default();
    if rest.is_empty() {
        return match fragment {
            Some(fragment) => Target::Fragment(fragment),
            None => Target::External,
        };
    }
    let decoded = percent_decoded(rest);
    let (mut parts, relative): (Vec<&str>, &str) = match decoded.strip_prefix('/') {
        Some(absolute) => (Vec::new(), absolute),
        None => (from.split('/').collect(), decoded.as_str()),
    };
    if !decoded.starts_with('/') {
        parts.pop();
    }
    let mut climbed_out = false;
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => climbed_out |= parts.pop().is_none(),
            other => parts.push(other),
        }
    }
    let mut path = parts.join("/");
    if relative.ends_with('/') && !path.is_empty() {
        path.push('/');
    }
    Target::File {
        path: (!climbed_out).then_some(path),
        fragment,
    }
}

/// A path with its `%xx` escapes decoded (invalid ones and non-UTF-8 results kept as written).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            )
        {
            out.push(u8::try_from(h * 16 + l).unwrap_or(b'%'));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The published address of every file a link may name, by its path under `content/`.
#[derive(Debug, Default)]
pub struct Targets {
    addresses: BTreeMap<String, String>,
    /// Data files whose entries a link names after `#` (`personas.yaml#anna`), by path: each
    /// entry's place, by id.
    entries: BTreeMap<String, BTreeMap<String, Place>>,
}

/// Where a link to an entry of a data file lands: a page, maybe an anchor on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The page's address.
    pub address: String,
    /// The anchor on that page, if the entry has no page of its own.
    pub anchor: Option<String>,
}

/// The data files a link may name besides pages, journeys and copied files.
#[derive(Debug, Default)]
pub struct DataFiles<'a> {
    /// The promise ids of `promises.yaml`; `None` without the file.
    pub promises: Option<Vec<&'a str>>,
    /// The persona ids of `personas.yaml` (empty without the file).
    pub personas: Vec<&'a str>,
    /// Each survey wave's file (path under `content/`) and id.
    pub waves: Vec<(&'a str, &'a str)>,
}

impl Targets {
    /// The targets of a site: its published pages (path and address, `course/` for
    /// `course/_index.md`), journeys (file path and id), copied files and data files.
    pub fn new<'a>(
        pages: impl IntoIterator<Item = (&'a str, &'a str)>,
        journeys: impl IntoIterator<Item = (&'a str, &'a str)>,
        files: impl IntoIterator<Item = &'a str>,
        data: DataFiles<'_>,
    ) -> Self {
        let mut addresses = BTreeMap::new();
        for (path, url) in pages {
            addresses.insert(path.to_string(), super::page(url));
            if let Some(folder) = path.strip_suffix("_index.md") {
                addresses.insert(folder.to_string(), super::page(url));
            }
        }
        for (path, id) in journeys {
            addresses.insert(path.to_string(), super::journey_page(id));
        }
        for file in files {
            addresses.insert(file.to_string(), file.to_string());
        }
        for (path, id) in data.waves {
            addresses.insert(path.to_string(), super::wave_page(id));
        }
        let mut entries = BTreeMap::new();
        if let Some(promises) = data.promises {
            addresses.insert(PROMISES_FILE.to_string(), super::CONSISTENCY.to_string());
            let places = promises.into_iter().map(|id| {
                let address = super::CONSISTENCY.to_string();
                let anchor = Some(format!("promise-{id}"));
                (id.to_string(), Place { address, anchor })
            });
            entries.insert(PROMISES_FILE.to_string(), places.collect());
        }
        if !data.personas.is_empty() {
            let places = data.personas.into_iter().map(|id| {
                let address = super::persona_page(id);
                (
                    id.to_string(),
                    Place {
                        address,
                        anchor: None,
                    },
                )
            });
            entries.insert(PERSONAS_FILE.to_string(), places.collect());
        }
        Targets { addresses, entries }
    }

    /// The address of the file at a path under `content/`, if it has a page of its own.
    pub fn address(&self, path: &str) -> Option<&str> {
        self.addresses.get(path).map(String::as_str)
    }

    /// The ids of the entries of the data file at `path`, if a link may name them after `#`.
    pub fn entry_ids(&self, path: &str) -> Option<impl Iterator<Item = &str> + Clone> {
        Some(self.entries.get(path)?.keys().map(String::as_str))
    }

    /// Where a link to the entry `id` of the data file at `path` lands.
    pub fn entry(&self, path: &str, id: &str) -> Option<&Place> {
        self.entries.get(path)?.get(id)
    }

    /// Every path a link may name, for did-you-mean hints.
    pub fn paths(&self) -> impl Iterator<Item = &str> + Clone {
        let paths = self.addresses.keys().map(String::as_str);
        let data = self.entries.keys().map(String::as_str);
        let data = data.filter(|p| !self.addresses.contains_key(*p));
        paths.chain(data)
    }
}

/// The promises every touchpoint may make or deliver.
const PROMISES_FILE: &str = "promises.yaml";
/// The personas journeys name.
const PERSONAS_FILE: &str = "personas.yaml";

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, fragment: Option<&'static str>) -> Target<'static> {
        Target::File {
            path: Some(path.to_string()),
            fragment,
        }
    }

    #[test]
    fn links_are_read_relative_to_their_file() {
        let from = "course/les-1.md";
        assert_eq!(resolve(from, "les-2.md"), file("course/les-2.md", None));
        assert_eq!(
            resolve(from, "./les-2.md#oefening"),
            file("course/les-2.md", Some("oefening"))
        );
        assert_eq!(
            resolve(from, "../journeys/x.yaml"),
            file("journeys/x.yaml", None)
        );
        assert_eq!(
            resolve(from, "img/my%20x.png"),
            file("course/img/my x.png", None)
        );
        assert_eq!(resolve(from, "/about.md"), file("about.md", None));
        assert_eq!(resolve(from, "part/"), file("course/part/", None));
        assert_eq!(resolve(from, "#top"), Target::Fragment("top"));
        assert_eq!(
            resolve(from, "../../x.md"),
            Target::File {
                path: None,
                fragment: None
            }
        );
        for external in [
            "https://x.org/a.md",
            "mailto:a@b.c",
            "//cdn/x.js",
            "",
            "tel:1",
        ] {
            assert_eq!(resolve(from, external), Target::External, "{external}");
        }
    }

    #[test]
    fn targets_are_published_addresses() {
        let targets = Targets::new(
            [
                ("course/_index.md", "course/"),
                ("course/a b.md", "course/a b/"),
            ],
            [("journeys/x.yaml", "x")],
            ["course/img/x.png"],
            DataFiles::default(),
        );
        assert_eq!(targets.address("course/"), Some("course/index.html"));
        assert_eq!(
            targets.address("course/a b.md"),
            Some("course/a b/index.html")
        );
        assert_eq!(
            targets.address("journeys/x.yaml"),
            Some("journeys/x/index.html")
        );
        assert_eq!(
            targets.address("course/img/x.png"),
            Some("course/img/x.png")
        );
        assert_eq!(targets.address("course/b.md"), None);
    }

    #[test]
    fn data_files_lead_to_their_entries_pages() {
        let targets = Targets::new(
            [],
            [],
            [],
            DataFiles {
                promises: Some(vec!["one-number"]),
                personas: vec!["anna"],
                waves: vec![("measurements/2026-q3.yaml", "2026-q3")],
            },
        );
        assert_eq!(
            targets.address("promises.yaml"),
            Some("consistency/index.html")
        );
        assert_eq!(
            targets.entry("promises.yaml", "one-number"),
            Some(&Place {
                address: "consistency/index.html".to_string(),
                anchor: Some("promise-one-number".to_string()),
            })
        );
        assert_eq!(targets.address("personas.yaml"), None);
        assert_eq!(
            targets
                .entry("personas.yaml", "anna")
                .map(|p| p.address.as_str()),
            Some("personas/anna/index.html")
        );
        assert_eq!(targets.entry("personas.yaml", "bob"), None);
        assert_eq!(
            targets
                .entry_ids("personas.yaml")
                .map(Iterator::collect::<Vec<_>>),
            Some(vec!["anna"])
        );
        assert_eq!(
            targets.address("measurements/2026-q3.yaml"),
            Some("measurements/2026-q3/index.html")
        );
        assert!(targets.paths().any(|p| p == "personas.yaml"));
        let without = Targets::new([], [], [], DataFiles::default());
        assert_eq!(without.address("promises.yaml"), None);
        assert!(without.entry_ids("personas.yaml").is_none());
    }
}
