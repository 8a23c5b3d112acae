//! `journeymap build` through the real binary: the pages, their links, the exports, escaping,
//! languages, atomic and deterministic output, and the output folder's safety rules.

mod common;
use common::{copy_to_temp, fixture, journeymap, repository};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Builds `root` into `out`; returns the exit code, stdout and stderr.
fn build(root: &Path, out: &Path) -> (i32, String, String) {
    let output = journeymap(
        &repository(),
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Every file under a folder with its bytes, by `/`-separated relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// A failed build says the output was not changed, left it byte-identical to `before` and
/// left no staging folder beside it in `root`.
fn assert_failed_build_left_output(
    root: &Path,
    stderr: &str,
    out: &Path,
    before: &BTreeMap<String, Vec<u8>>,
) {
    assert!(
        stderr.contains("the output folder was not changed"),
        "{stderr}"
    );
    assert_eq!(&tree(out), before);
    let leftovers: Vec<_> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("journeymap-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left: {leftovers:?}"
    );
}

fn read(out: &Path, file: &str) -> String {
    fs::read_to_string(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn built_example() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let (status, stdout, stderr) = build(&repository(), &out);
    assert_eq!(status, 0, "{stdout}{stderr}");
    (dir, out)
}

#[test]
fn the_example_builds_every_page() {
    let (_dir, out) = built_example();
    for file in [
        "index.html",
        "journeys/hairdryer-return/index.html",
        "journeys/energy-move/index.html",
        "journeys/missed-connection/index.html",
        "inventory/index.html",
        "inventory.csv",
        "consistency/index.html",
        "consistency.csv",
        "model.json",
        "about/index.html",
        "course/index.html",
        "course/lesson-1/index.html",
        "course/lesson-2/index.html",
        "course/lesson-3/index.html",
        "notes/hairdryer-workshop/index.html",
        "notes/returns-transfer/index.html",
        "notes/metering-handoff/index.html",
        "images/logo.svg",
        "theme/style.css",
    ] {
        assert!(out.join(file).is_file(), "{file} is missing");
    }
    assert!(
        !out.join("notes/fog-draft").exists(),
        "drafts are not published"
    );
    let departments = fs::read_to_string(out.join("departments/index.html")).unwrap();
    assert!(
        departments.contains("<p class=\"scroll-cue shown\" aria-hidden=\"true\">"),
        "a matrix of many departments says on every screen that it scrolls"
    );
    let all = tree(&out);
    for (file, bytes) in &all {
        if file.ends_with(".html") {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.contains("Fog contingency"),
                "the draft is not linked from {file}"
            );
        }
    }
}

#[test]
fn every_link_resolves_to_a_file_in_the_tree() {
    let (_dir, out) = built_example();
    let checked = links_resolved(&out);
    assert!(checked > 100, "only {checked} links checked");
}

/// Checks that every relative link of every page (after percent-decoding) leads to a file
/// of the site; gives how many were checked.
fn links_resolved(out: &Path) -> usize {
    let files = tree(out);
    let mut checked = 0;
    for (file, bytes) in files.iter().filter(|(f, _)| f.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for attribute in ["href=\"", "src=\""] {
            for piece in html.split(attribute).skip(1) {
                let target = piece.split('"').next().unwrap();
                if target.starts_with("http") || target.starts_with("mailto:") {
                    continue;
                }
                assert!(!target.starts_with('/'), "absolute link {target} in {file}");
                let path = target.split('#').next().unwrap();
                if path.is_empty() {
                    continue;
                }
                let base = Path::new(file).parent().unwrap();
                let mut parts: Vec<String> = base
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                for part in path.split('/') {
                    match part {
                        ".." => {
                            assert!(parts.pop().is_some(), "{target} in {file} leaves the site");
                        }
                        "." | "" => {}
                        other => parts.push(percent_decoded(other)),
                    }
                }
                let resolved = parts.join("/");
                assert!(
                    files.contains_key(&resolved),
                    "{target} in {file} -> {resolved} does not exist"
                );
                checked += 1;
            }
        }
    }
    checked
}

/// A path segment of a link with its `%XX` escapes decoded.
fn percent_decoded(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

/// Pages and a logo whose file names hold `#`, `?`, `%` and spaces keep those names on disk
/// and are linked with the names percent-encoded, so every link still leads to them.
#[test]
fn links_to_files_with_odd_names_are_percent_encoded() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let (status, stdout, stderr) = build(&fixture("odd-names"), &out);
    assert_eq!(status, 0, "{stdout}{stderr}");
    for file in [
        "a#b/index.html",
        "what?/index.html",
        "100%/index.html",
        "my notes/index.html",
        "course/step #2/index.html",
        "images/my logo.svg",
    ] {
        assert!(out.join(file).is_file(), "{file}");
    }
    let home = read(&out, "index.html");
    for link in [
        "href=\"a%23b/index.html\"",
        "href=\"what%3F/index.html\"",
        "href=\"100%25/index.html\"",
        "src=\"images/my%20logo.svg\"",
    ] {
        assert!(home.contains(link), "{link} in {home}");
    }
    let journey = read(&out, "journeys/shop/index.html");
    assert!(journey.contains("href=\"../../my%20notes/index.html\""));
    let step = read(&out, "course/step 1/index.html");
    assert!(step.contains("href=\"../../course/step%20%232/index.html\""));
    assert!(links_resolved(&out) > 40);
}

#[test]
fn inventory_counts_match_the_model() {
    let (_dir, out) = built_example();
    let model: serde_json::Value = serde_json::from_str(&read(&out, "model.json")).unwrap();
    let counts = &model["analysis"]["counts"]["by_kind"];
    let human = counts["human"].as_u64().unwrap();
    let functional = counts["functional"].as_u64().unwrap();
    let mechanical = counts["mechanical"].as_u64().unwrap();
    assert_eq!(human + functional + mechanical, 27);
    let page = read(&out, "inventory/index.html");
    for (label, n) in [
        ("Human", human),
        ("Functional", functional),
        ("Mechanical", mechanical),
    ] {
        assert!(page.contains(&format!("{label} ({n})")), "{label} ({n})");
    }
    assert!(page.contains("Total: 27"));
    let csv = fs::read(out.join("inventory.csv")).unwrap();
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark for Excel"
    );
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    // Today's touchpoints; the design of the hairdryer journey follows, marked "Desired".
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| r.iter().next_back() == Some("Today"))
        .collect();
    assert_eq!(rows.len(), 27);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "journey_id");
    let kind = headers.iter().position(|h| h == "Kind").unwrap();
    let mechanical_rows = rows.iter().filter(|r| &r[kind] == "Mechanical").count() as u64;
    assert_eq!(mechanical_rows, mechanical);
}

#[test]
fn consistency_statuses_and_indices_are_right() {
    let (_dir, out) = built_example();
    let page = read(&out, "consistency/index.html");
    for expected in ["62.5%", "30%", "66.7%", "<strong>50%</strong>"] {
        assert!(
            page.contains(expected),
            "{expected} in the consistency report"
        );
    }
    let broken = page.find("easy-returns").unwrap();
    let undelivered = page.find("bag-tracking").unwrap();
    let kept = page.find("keep-you-informed").unwrap();
    assert!(broken < undelivered && undelivered < kept, "worst first");
    let csv = fs::read(out.join("consistency.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| r.iter().next_back() == Some("Today"))
        .collect();
    assert_eq!(
        rows.len(),
        12,
        "one row per delivery (11) and one per undelivered promise (1)"
    );
    let status_of = |id: &str| {
        rows.iter()
            .find(|r| &r[0] == id)
            .map(|r| r[3].to_string())
            .unwrap()
    };
    assert_eq!(status_of("easy-returns"), "Broken");
    assert_eq!(status_of("bag-tracking"), "Undelivered");
    assert_eq!(status_of("answer-within-a-day"), "At risk");
    assert_eq!(status_of("keep-you-informed"), "Kept");
}

#[test]
fn journey_pages_carry_the_analysis() {
    let (_dir, out) = built_example();
    let page = read(&out, "journeys/hairdryer-return/index.html");
    for expected in [
        "Returning a broken hairdryer",
        "Transferred to the returns department",
        "truth-below-zone",
        "Replace from any channel, including by post",
        "note: Why the transfer to returns hurts",
        "Workshop notes — hairdryer return",
        "-0.5",
        "<svg class=\"plot-svg plot-fill\"",
        "aria-labelledby=\"jm-curve-hairdryer-return-title jm-curve-hairdryer-return-desc\"",
        "href=\"../../journeys/hairdryer-return/journey.svg\" download",
        "<img class=\"plot-img\" src=\"../../journeys/hairdryer-return/priorities.svg\" alt=\"Priorities: Returning a broken hairdryer.",
    ] {
        assert!(page.contains(expected), "{expected}");
    }
    let first = page.find("Replace from any channel").unwrap();
    let last = page.find("Returns policy on the first page").unwrap();
    assert!(first < last, "improvements ranked best first");
}

#[test]
fn courses_have_contents_and_previous_next_links() {
    let (_dir, out) = built_example();
    let index = read(&out, "course/index.html");
    assert!(
        index.contains("../course/lesson-1/index.html") || index.contains("lesson-1/index.html")
    );
    let two = read(&out, "course/lesson-2/index.html");
    assert!(
        two.contains("rel=\"prev\" href=\"../../course/lesson-1/index.html\""),
        "{two}"
    );
    assert!(two.contains("rel=\"next\" href=\"../../course/lesson-3/index.html\""));
    // Above the lesson, before its text: a way down to the list of lessons and on to the next.
    let top = &two[..two.find("<h1>").unwrap()];
    assert!(
        top.contains("<a href=\"#course-nav\">All lessons ↓</a>"),
        "{top}"
    );
    assert!(top.contains("<a href=\"../../course/lesson-3/index.html\">Next →</a>"));
    assert!(two.contains("<nav class=\"course-nav\" id=\"course-nav\""));
    let last = read(&out, "course/practice/workshop/index.html");
    let top = &last[..last.find("<h1>").unwrap()];
    assert!(
        top.contains("All lessons") && !top.contains("Next →"),
        "the last lesson leads on to nothing: {top}"
    );
    assert!(
        two.contains("jm-curve-energy-move-1-title"),
        "the plot view is inlined in the lesson"
    );
    let one = read(&out, "course/lesson-1/index.html");
    assert!(
        one.contains("Human (6)"),
        "the inventory view is rendered in the lesson"
    );
    assert!(
        one.contains("<h2 class=\"view-title\">Touchpoint inventory: Returning a broken hairdryer</h2>\n<h3>By kind</h3>")
            && one.contains("<h4 id=\"kind-v1-human\">Human (6)</h4>"),
        "a view in a page says what it covers, its headings below that title"
    );
    assert!(
        !one.contains("data-label=\"Journey\""),
        "one journey's inventory does not name the journey on every row"
    );
    let three = read(&out, "course/lesson-3/index.html");
    for title in [
        "<h2 class=\"view-title\">Consistency report: Moving house with your energy contract</h2>",
        "<h2 class=\"view-title\">Consistency report: All journeys</h2>",
    ] {
        assert!(three.contains(title), "{title}");
    }
    assert!(!three.contains("<h2>Promises</h2>") && three.contains("<h3>Promises</h3>"));
    assert!(
        one.contains("<svg class=\"plot-svg plot-fill\""),
        "the plot view is inlined in the lesson"
    );
    assert!(
        one.contains("jm-curve-hairdryer-return-1-title"),
        "ids of an inlined plot are unique on the page"
    );
    let note = read(&out, "notes/hairdryer-workshop/index.html");
    assert!(note.contains("markdown-alert-note") && note.contains("<table>"));
}

#[test]
fn a_dutch_site_has_dutch_labels_and_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let (status, stdout, stderr) = build(&fixture("dutch"), &out);
    assert_eq!(status, 0, "{stdout}{stderr}");
    let home = read(&out, "index.html");
    assert!(home.contains("<html lang=\"nl\">"));
    for expected in [
        "Klantreizen",
        "Contactmomenten",
        "Consistentierapport",
        "Score in de herinnering",
        "50%",
    ] {
        assert!(home.contains(expected), "{expected} on the Dutch home page");
    }
    let journey = read(&out, "journeys/verhuizing/index.html");
    for expected in [
        "Moment van de waarheid",
        "Deels waargemaakt",
        "+0,5",
        "onder de zone van onverschilligheid",
    ] {
        assert!(
            journey.contains(expected),
            "{expected} on the Dutch journey page"
        );
    }
    for english in ["Touchpoint", "Consistency report", "Findings"] {
        assert!(
            !journey.contains(english),
            "English `{english}` on a Dutch page"
        );
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert_eq!(build(&repository(), &a).0, 0);
    assert_eq!(build(&repository(), &b).0, 0);
    let (first, second) = (tree(&a), tree(&b));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (file, bytes) in &first {
        assert!(bytes == &second[file], "{file} differs between two builds");
    }
}

#[test]
fn a_broken_project_leaves_the_previous_output_byte_identical() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let out = project.path().join("output");
    assert_eq!(build(project.path(), &out).0, 0);
    let before = tree(&out);
    fs::write(
        project.path().join("content/journeys/first-visit.yaml"),
        "title: [broken\n",
    )
    .unwrap();
    let (status, _, stderr) = build(project.path(), &out);
    assert_eq!(status, 1);
    assert!(stderr.contains("error[yaml-syntax]"), "{stderr}");
    assert_failed_build_left_output(project.path(), &stderr, &out, &before);
}

/// Pages are written to a staging folder as they are rendered: a template that fails on one
/// page, after others were written, must still leave the previous output as it was.
#[test]
fn a_page_failing_to_render_leaves_the_previous_output_byte_identical() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let out = project.path().join("output");
    assert_eq!(build(project.path(), &out).0, 0);
    let before = tree(&out);
    let templates = project.path().join("themes/late/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(templates.join("journey.html"), "{{ no_such_thing.field }}").unwrap();
    let site = project.path().join("content/site.yaml");
    let settings = fs::read_to_string(&site).unwrap_or_default();
    fs::write(&site, format!("{settings}\ntheme: late\n")).unwrap();
    let (status, _, stderr) = build(project.path(), &out);
    assert_eq!(status, 1, "{stderr}");
    assert!(stderr.contains("error[template-error]"), "{stderr}");
    assert_failed_build_left_output(project.path(), &stderr, &out, &before);
}

/// `build` refuses the files `check` refuses at generated addresses (a theme file among
/// them), every one of them, and leaves the previous output as it was.
#[test]
fn files_at_generated_addresses_are_refused_and_the_output_kept() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let out = project.path().join("output");
    assert_eq!(build(project.path(), &out).0, 0);
    let before = tree(&out);
    let (status, _, stderr) = build(&fixture("address-collisions"), &out);
    assert_eq!(status, 1, "{stderr}");
    assert_eq!(
        stderr.matches("error[reserved-path]").count(),
        5,
        "{stderr}"
    );
    for file in ["theme/style.css", "theme/extra.css", "inventory.csv"] {
        assert!(stderr.contains(&format!("content/{file}:1:1")), "{stderr}");
    }
    assert_failed_build_left_output(project.path(), &stderr, &out, &before);
}

/// Each file's identity on disk (inode) and modification time, by path.
#[cfg(unix)]
fn stamps(dir: &Path) -> BTreeMap<String, (u64, std::time::SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    tree(dir)
        .into_keys()
        .map(|file| {
            let metadata = fs::metadata(dir.join(&file)).unwrap();
            (file, (metadata.ino(), metadata.modified().unwrap()))
        })
        .collect()
}

/// A rebuild leaves files it would write unchanged alone, and still ends with exactly what a
/// first build gives: edited files restored; files it did not write stay.
#[cfg(unix)]
#[test]
fn a_rebuild_writes_only_what_changed_and_ends_as_a_first_build() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let out = project.path().join("output");
    assert_eq!(build(project.path(), &out).0, 0);
    let first = stamps(&out);
    assert_eq!(build(project.path(), &out).0, 0);
    assert_eq!(stamps(&out), first, "an unchanged rebuild writes nothing");

    let style = out.join("theme/style.css");
    let css = fs::read_to_string(&style).unwrap();
    fs::write(&style, css.replacen(':', ";", 1)).unwrap();
    let marked = fs::metadata(out.join(".journeymap-output")).unwrap();
    let later = marked.modified().unwrap() + std::time::Duration::from_secs(1);
    let edited = fs::File::options().write(true).open(&style).unwrap();
    edited.set_modified(later).unwrap();
    fs::write(out.join("stray.txt"), "mine").unwrap();
    fs::create_dir_all(out.join("old/deeper")).unwrap();
    fs::write(out.join("old/deeper/page.html"), "old").unwrap();
    fs::remove_file(out.join("consistency.csv")).unwrap();
    let journey = project.path().join("content/journeys/first-visit.yaml");
    let yaml = fs::read_to_string(&journey).unwrap();
    fs::write(&journey, format!("persona: Renamed persona\n{yaml}")).unwrap();
    assert_eq!(build(project.path(), &out).0, 0);

    let fresh = project.path().join("fresh");
    assert_eq!(build(project.path(), &fresh).0, 0);
    let mut expected = tree(&fresh);
    expected.insert("stray.txt".to_string(), b"mine".to_vec());
    expected.insert("old/deeper/page.html".to_string(), b"old".to_vec());
    assert_eq!(
        tree(&out),
        expected,
        "a first build and the files it did not write"
    );
    let second = stamps(&out);
    let page = "journeys/first-visit/index.html";
    assert_ne!(second[page], first[page], "the changed page is written");
    assert!(read(&out, page).contains("Renamed persona"));
    let untouched = second
        .iter()
        .filter(|(file, stamp)| first.get(*file) == Some(*stamp))
        .count();
    assert!(untouched > 0, "some files are left alone: {second:?}");
    let leftovers: Vec<_> = fs::read_dir(project.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("journeymap-"))
        .collect();
    assert!(leftovers.is_empty(), "staging left: {leftovers:?}");
}

/// A site-wide inventory of more than 2,000 touchpoints is split into pages that hold every
/// touchpoint once, link to each other and to each kind's first rows.
#[test]
fn a_long_inventory_is_split_into_linked_pages() {
    let dir = tempfile::tempdir().unwrap();
    let journeys = dir.path().join("content/journeys");
    fs::create_dir_all(&journeys).unwrap();
    // Journeys of 50 touchpoints, so the plots stay small: the inventory is what is tested.
    let kinds = [
        ("human", "H", 1100),
        ("functional", "F", 1000),
        ("mechanical", "M", 100),
    ];
    for (kind, letter, count) in kinds {
        for first in (0..count).step_by(50) {
            let mut yaml = format!(
                "title: Journey {letter}{first}\nstages:\n  - name: All\n    touchpoints:\n"
            );
            for t in first..first + 50 {
                yaml.push_str(&format!(
                    "      - {{name: {letter}-{t}, kind: {kind}, emotion: 1}}\n"
                ));
            }
            fs::write(
                journeys.join(format!("j-{letter}{first}.yaml").to_lowercase()),
                yaml,
            )
            .unwrap();
        }
    }
    let out = dir.path().join("output");
    let (status, stdout, stderr) = build(dir.path(), &out);
    assert_eq!(status, 0, "{stdout}{stderr}");
    let first = read(&out, "inventory/index.html");
    let second = read(&out, "inventory/2/index.html");
    assert!(
        !out.join("inventory/3").exists(),
        "2,100 rows make two pages"
    );
    assert!(
        first.contains("<span aria-current=\"page\">1</span>"),
        "{first}"
    );
    assert!(first.contains("<a href=\"../inventory/2/index.html\">2</a>"));
    assert!(second.contains("<a href=\"../../inventory/index.html\">1</a>"));
    assert!(second.contains("Touchpoints 2001–2200 of 2200"));
    let landmarks = |html: &str| -> Vec<String> {
        html.split("<nav class=\"pagination\" aria-label=\"")
            .skip(1)
            .filter_map(|rest| rest.split_once('"').map(|(name, _)| name.to_string()))
            .collect()
    };
    assert_eq!(
        landmarks(&second),
        [
            "Pages of the inventory",
            "Pages of the inventory (end of the page)"
        ],
        "the two page lists are landmarks with names of their own"
    );
    assert!(
        second.contains("href=\"../../inventory/index.html#kind-human\""),
        "a kind whose rows start on page 1 links there"
    );
    assert!(second.contains("href=\"#kind-mechanical\""));
    let rows = |html: &str| html.matches("<th scope=\"row\"><a href=").count();
    assert_eq!(rows(&first), 2000);
    assert_eq!(rows(&second), 200);
    let names = |html: &str| -> Vec<String> {
        html.split(">F-")
            .skip(1)
            .filter_map(|rest| rest.split_once("</a>").map(|(n, _)| format!("F-{n}")))
            .collect()
    };
    let mut on_pages: Vec<String> = names(&first);
    on_pages.extend(names(&second));
    on_pages.sort();
    let mut expected: Vec<String> = (0..1000).map(|t| format!("F-{t}")).collect();
    expected.sort();
    assert_eq!(
        on_pages, expected,
        "each functional touchpoint is on exactly one page"
    );
}

#[test]
fn the_default_output_is_root_output_and_rebuilds_replace_it() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let output = journeymap(project.path(), &["build"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(project.path().join("output/index.html").is_file());
    fs::remove_file(project.path().join("content/journeys/first-visit.yaml")).unwrap();
    fs::create_dir_all(project.path().join("content/journeys")).unwrap();
    fs::write(
        project.path().join("content/journeys/second-visit.yaml"),
        "title: Second\nstages:\n  - name: A\n    touchpoints:\n      - {name: B, kind: human, emotion: 3}\n",
    )
    .unwrap();
    assert_eq!(
        journeymap(project.path(), &["build"]).status.code(),
        Some(0)
    );
    assert!(
        project
            .path()
            .join("output/journeys/second-visit/index.html")
            .is_file()
    );
    assert!(
        !project.path().join("output/journeys/first-visit").exists(),
        "stale pages are gone"
    );
}

#[test]
fn the_output_folder_must_not_hold_a_users_files() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let mine = project.path().join("mine");
    fs::create_dir_all(&mine).unwrap();
    fs::write(mine.join("thesis.docx"), "precious").unwrap();
    let (status, _, stderr) = build(project.path(), &mine);
    assert_eq!(status, 1);
    assert!(stderr.contains("not made by journeymap"), "{stderr}");
    assert_eq!(
        fs::read_to_string(mine.join("thesis.docx")).unwrap(),
        "precious"
    );
    for bad in [
        project.path().to_path_buf(),
        project.path().join("content"),
        project.path().join("content/site"),
    ] {
        let (status, _, stderr) = build(project.path(), &bad);
        assert_eq!(status, 1, "{}: {stderr}", bad.display());
        assert!(stderr.contains("error[output-error]"), "{stderr}");
    }
    assert!(
        project
            .path()
            .join("content/journeys/first-visit.yaml")
            .is_file()
    );
}

#[test]
fn a_project_theme_overrides_templates_and_static_files() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let theme = project.path().join("themes/client");
    fs::create_dir_all(theme.join("templates")).unwrap();
    fs::create_dir_all(theme.join("static")).unwrap();
    fs::write(
        theme.join("templates/index.html"),
        "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ site.title }}</p>{% endblock content %}",
    )
    .unwrap();
    fs::write(theme.join("static/extra.css"), "body { color: red }").unwrap();
    fs::write(
        project.path().join("content/site.yaml"),
        "theme: client\nbrand:\n  primary_color: teal\n",
    )
    .unwrap();
    let out = project.path().join("output");
    let (status, stdout, stderr) = build(project.path(), &out);
    assert_eq!(status, 0, "{stdout}{stderr}");
    let home = read(&out, "index.html");
    assert!(
        home.contains("<p class=\"custom\">Customer journeys</p>"),
        "{home}"
    );
    assert!(home.contains("--accent: teal"), "brand colour");
    assert!(out.join("theme/extra.css").is_file());
    assert!(
        out.join("theme/style.css").is_file(),
        "the default stylesheet falls back"
    );
    assert!(
        read(&out, "journeys/first-visit/index.html").contains("First visit"),
        "other templates fall back"
    );
}

#[test]
fn a_broken_theme_template_is_a_clear_error() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let theme = project.path().join("themes/broken/templates");
    fs::create_dir_all(&theme).unwrap();
    fs::write(theme.join("index.html"), "{% if %}").unwrap();
    fs::write(project.path().join("content/site.yaml"), "theme: broken\n").unwrap();
    let (status, _, stderr) = build(project.path(), &project.path().join("output"));
    assert_eq!(status, 1);
    assert!(stderr.contains("error[template-error]"), "{stderr}");
    assert!(
        stderr.contains("themes/broken/templates/index.html"),
        "{stderr}"
    );
}

/// `rsvg-convert`, when installed (CI installs it; see .ci/run).
fn rsvg_convert() -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("rsvg-convert"))
            .find(|p| p.is_file())
    })
}

#[test]
fn every_standalone_svg_converts_with_rsvg() {
    let Some(rsvg) = rsvg_convert() else {
        // Under CI (`CI=true`, as CI services set it) a missing program fails the test; on a
        // developer's machine the test says it checked nothing, past the test harness's
        // capture of `eprintln!`, so that the note shows in a passing run.
        let ci = std::env::var("CI").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false"));
        assert!(
            !ci,
            "CI=true: rsvg-convert (librsvg2-bin) must be installed"
        );
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "every_standalone_svg_converts_with_rsvg skipped: rsvg-convert not installed \
             (`apt-get install librsvg2-bin` to run it)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut converted = 0;
    for (name, root) in [
        ("example", repository()),
        ("long", fixture("long-journey")),
        ("one", fixture("valid-minimal")),
        ("dutch", fixture("dutch")),
    ] {
        let out = dir.path().join(name);
        assert_eq!(build(&root, &out).0, 0, "{name}");
        for file in tree(&out).keys().filter(|f| f.ends_with(".svg")) {
            let png = dir.path().join("plot.png");
            let output = std::process::Command::new(&rsvg)
                .arg(out.join(file))
                .arg("-o")
                .arg(&png)
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{name}/{file}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(
                output.stderr.is_empty(),
                "{name}/{file}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(
                fs::metadata(&png).unwrap().len() > 1000,
                "{name}/{file} draws something"
            );
            converted += 1;
        }
    }
    assert!(converted >= 14, "{converted} SVG files converted");
}

#[test]
fn home_cards_have_sparklines_and_the_report_a_heat_map() {
    let (_dir, out) = built_example();
    let home = read(&out, "index.html");
    assert_eq!(home.matches("<div class=\"sparkline\"><svg").count(), 3);
    let report = read(&out, "consistency/index.html");
    assert!(
        report.contains("jm-promises-title"),
        "the heat map is inlined"
    );
    assert!(out.join("consistency/promises.svg").is_file());
    for id in ["energy-move", "hairdryer-return", "missed-connection"] {
        for file in ["journey.svg", "priorities.svg"] {
            let svg = read(&out, &format!("journeys/{id}/{file}"));
            assert!(svg.starts_with("<?xml"), "{id}/{file} is a standalone file");
        }
    }
}

#[test]
fn the_example_curves_have_a_marker_per_touchpoint_and_a_band_per_stage() {
    let (_dir, out) = built_example();
    let model: serde_json::Value = serde_json::from_str(&read(&out, "model.json")).unwrap();
    for journey in model["project"]["journeys"].as_array().unwrap() {
        let id = journey["id"].as_str().unwrap();
        let stages = journey["stages"].as_array().unwrap();
        let touchpoints: usize = stages
            .iter()
            .map(|s| s["touchpoints"].as_array().unwrap().len())
            .sum();
        let svg = read(&out, &format!("journeys/{id}/journey.svg"));
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let count = |class: &str| {
            doc.descendants()
                .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some(class))
                .count()
        };
        assert_eq!(count("marker"), touchpoints, "{id}");
        assert_eq!(count("stage"), stages.len(), "{id}");
        let root = doc.root_element();
        assert!(root.children().any(|n| n.has_tag_name("title")), "{id}");
        assert!(root.children().any(|n| n.has_tag_name("desc")), "{id}");
    }
}
