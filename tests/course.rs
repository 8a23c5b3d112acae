//! Courses, relative links, raw HTML and search, built by the real binary: the nested course
//! fixture (tests/fixtures/course), the broken-link fixture and the example content.

mod common;

use common::{check_json, fixture, journeymap, repository};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Builds a project once per test binary and returns its output folder.
fn built(
    name: &str,
    root: PathBuf,
    cell: &'static OnceLock<(tempfile::TempDir, PathBuf)>,
) -> &'static Path {
    let (_, out) = cell.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join(name);
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
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        (dir, out)
    });
    out
}

fn course_site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    built("course", fixture("course"), &SITE)
}

fn example_site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    built("example", repository(), &SITE)
}

fn read(out: &Path, file: &str) -> String {
    fs::read_to_string(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The values of every `href` and `src` attribute of a page.
fn targets(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in [" href=\"", " src=\""] {
        for rest in html.split(attribute).skip(1) {
            found.extend(rest.split('"').next().map(str::to_string));
        }
    }
    found
}

fn decoded(path: &str) -> String {
    let mut out = Vec::new();
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&path[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn relative_links_and_images_lead_to_files_of_the_site() {
    let out = course_site();
    for page in [
        "guide/index.html",
        "guide/intro/index.html",
        "guide/basics/index.html",
        "guide/basics/one/index.html",
        "guide/print/index.html",
    ] {
        let html = read(out, page);
        let folder = out.join(page).parent().unwrap().to_path_buf();
        for target in targets(&html) {
            if target.starts_with('#') || target.contains(':') {
                continue;
            }
            let file = target.split('#').next().unwrap();
            let path = folder.join(decoded(file));
            assert!(path.is_file(), "{target} in {page} leads to no file");
        }
    }
    let intro = read(out, "guide/intro/index.html");
    for rewritten in [
        "href=\"../../guide/basics/one/index.html\"",
        "href=\"../../guide/basics/one/index.html#steps\"",
        "href=\"../../journeys/first-visit/index.html\"",
        "href=\"../../guide/index.html\"",
        "href=\"#exercise\"",
        "href=\"../../inventory/index.html\"",
        "src=\"../../guide/img/pic.png\"",
        "href=\"../../personas/sam/index.html\"",
        "href=\"../../consistency/index.html\"",
        "href=\"../../consistency/index.html#promise-warm-welcome\"",
        "href=\"../../measurements/2026-q1/index.html\"",
    ] {
        assert!(intro.contains(rewritten), "{rewritten} in {intro}");
    }
    assert!(out.join("guide/img/pic.png").is_file());
}

#[test]
fn raw_html_is_kept_when_safe_and_footnotes_link_both_ways() {
    let intro = read(course_site(), "guide/intro/index.html");
    assert!(intro.contains("<kbd>Esc</kbd>"), "{intro}");
    assert!(
        intro.contains(
            "<sup class=\"footnote-reference\" id=\"fnref-1\"><a href=\"#fn-1\">1</a></sup>"
        ),
        "{intro}"
    );
    assert!(intro.contains("id=\"fn-1\""), "{intro}");
    assert!(intro.contains("href=\"#fnref-1\""), "{intro}");
}

#[test]
fn a_nested_course_has_a_sidebar_a_position_a_way_back_and_a_print_page() {
    let out = course_site();
    let one = read(out, "guide/basics/one/index.html");
    let sidebar = one.split("class=\"course-nav\"").nth(1).expect("a sidebar");
    let order: Vec<usize> = ["Introduction", "Basics", "Step one", "Step two", "The end"]
        .iter()
        .map(|t| {
            sidebar
                .find(&format!(">{t}</a>"))
                .unwrap_or_else(|| panic!("{t} in {sidebar}"))
        })
        .collect();
    assert!(order.is_sorted(), "lessons in order: {order:?}");
    assert!(
        sidebar.contains(
            "<a href=\"../../../guide/basics/one/index.html\" aria-current=\"page\">Step one</a>"
        ),
        "the current lesson is marked: {sidebar}"
    );
    assert!(
        sidebar.contains("class=\"depth-1\""),
        "the section nests: {sidebar}"
    );
    assert!(!sidebar.contains("Secret draft"), "no drafts");
    assert!(one.contains("Lesson 2 of 4"), "{one}");
    assert!(
        one.contains(
            "<p class=\"course-back\"><a href=\"../../../guide/index.html\">← The guide</a>"
        ),
        "{one}"
    );
    assert!(one.contains("rel=\"next\" href=\"../../../guide/basics/two/index.html\""));
    // A section's own page is a step of the reading order (no lesson of the count): the
    // first lesson of the section goes back to it, and it leads on from the lesson before.
    assert!(one.contains("rel=\"prev\" href=\"../../../guide/basics/index.html\""));
    let basics = read(out, "guide/basics/index.html");
    assert!(
        basics.contains("rel=\"prev\" href=\"../../guide/intro/index.html\""),
        "{basics}"
    );
    assert!(
        basics.contains("rel=\"next\" href=\"../../guide/basics/one/index.html\""),
        "{basics}"
    );
    assert!(
        !basics.contains("Lesson ") && basics.contains("This section holds lessons 2 to 3 of 4"),
        "a section's page is no lesson, it says which lessons it holds: {basics}"
    );
    // The last lesson leads back to the course's own page, as the end, not as a next page.
    let end = read(out, "guide/end/index.html");
    assert!(end.contains("Lesson 4 of 4"), "{end}");
    assert!(
        end.contains(
            "<a class=\"next course-end\" href=\"../../guide/index.html\">End of the course. Back to the overview: The guide ↑</a>"
        ),
        "{end}"
    );
    assert!(!end.contains("rel=\"next\""), "{end}");
    let intro = read(out, "guide/intro/index.html");
    assert!(
        intro.contains("rel=\"next\" href=\"../../guide/basics/index.html\""),
        "{intro}"
    );
    // The first lesson goes back to the course's own page, which leads on to it.
    assert!(
        intro.contains("rel=\"prev\" href=\"../../guide/index.html\""),
        "{intro}"
    );
    let course_page = read(out, "guide/index.html");
    assert!(
        course_page.contains("rel=\"next\" href=\"../guide/intro/index.html\""),
        "{course_page}"
    );
    let home = read(out, "index.html");
    assert!(
        home.contains("<a href=\"guide/index.html\">The guide</a>"),
        "the course in the navigation: {home}"
    );
    let course = read(out, "guide/index.html");
    assert!(
        course.contains("href=\"../guide/print/index.html\""),
        "{course}"
    );

    let print = read(out, "guide/print/index.html");
    let order: Vec<usize> = [
        "The guide",
        "Introduction",
        "Basics",
        "Step one",
        "Step two",
        "The end",
    ]
    .iter()
    .map(|t| {
        print
            .find(&format!("{t}</h"))
            .unwrap_or_else(|| panic!("{t} in {print}"))
    })
    .collect();
    assert!(order.is_sorted(), "every part in order: {order:?}");
    assert_eq!(print.matches("class=\"print-part").count(), 6);
    assert!(!print.contains("zyxwvutsecret"), "no drafts");
    assert!(
        print.contains("src=\"../../guide/img/pic.png\""),
        "links lead from the print page"
    );
}

/// The list of pages on a site's home page ("Pages and courses").
fn home_pages(out: &Path) -> String {
    let home = read(out, "index.html");
    home.split("<ul class=\"pages\">")
        .nth(1)
        .and_then(|rest| rest.split("</ul>").next())
        .unwrap_or_else(|| panic!("a list of pages: {home}"))
        .to_string()
}

#[test]
fn the_home_page_lists_a_course_but_not_its_sections() {
    let example = home_pages(example_site());
    assert!(example.contains("href=\"course/index.html\""), "{example}");
    assert!(example.contains("href=\"about/index.html\""), "{example}");
    assert!(
        !example.contains("practice"),
        "the practice section is part of the course: {example}"
    );
    let guide = home_pages(course_site());
    assert!(guide.contains(">The guide</a>"), "{guide}");
    assert!(!guide.contains("Basics"), "a section of the guide: {guide}");
}

#[test]
fn every_broken_link_and_heading_is_reported_where_it_is_written() {
    let (status, reported) = check_json(&fixture("broken-links"));
    assert_eq!(status, 1);
    let found: Vec<(&str, Option<u64>, &str)> = reported
        .iter()
        .map(|d| (d.code.as_str(), d.line, d.message.as_str()))
        .collect();
    let file = "content/course/les-1.md";
    assert!(reported.iter().all(|d| d.file == file), "{reported:#?}");
    let expected = [
        ("broken-link", 5, "`les-5.md`"),
        ("broken-link", 6, "`img/missing.png`"),
        ("unknown-heading", 7, "`#nope`"),
        ("unknown-heading", 7, "`#nowhere`"),
        ("broken-link", 8, "`../../x.md`"),
        ("broken-link", 8, "`concept.md`"),
        ("broken-link", 9, "`personas.yaml` has no page of its own"),
        (
            "unknown-heading",
            9,
            "`#samm`, which is no id in `personas.yaml`",
        ),
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for ((code, line, message), (want_code, want_line, want_text)) in found.iter().zip(expected) {
        assert_eq!((*code, *line), (want_code, Some(want_line)), "{message}");
        assert!(message.contains(want_text), "{want_text} in {message}");
    }
    let next = &reported[0];
    assert!(
        next.help
            .as_deref()
            .unwrap_or_default()
            .contains("did you mean `course/les-"),
        "{next:?}"
    );
    let whole = &reported[6];
    let example = "name one of its entries after `#`, e.g. `personas.yaml#sam`";
    assert!(
        whole.help.as_deref().unwrap_or_default().contains(example),
        "{whole:?}"
    );
    let samm = &reported[7];
    assert!(
        samm.help
            .as_deref()
            .unwrap_or_default()
            .contains("did you mean `sam`"),
        "{samm:?}"
    );
    let nope = &reported[2];
    assert!(
        nope.help
            .as_deref()
            .unwrap_or_default()
            .contains("`oefening`"),
        "{nope:?}"
    );
    let text = journeymap(
        &repository(),
        &["check", "--root", fixture("broken-links").to_str().unwrap()],
    );
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&text.stdout),
        String::from_utf8_lossy(&text.stderr)
    );
    assert!(
        text.contains("les-1.md:5:8"),
        "file, line and column: {text}"
    );
}

#[test]
fn the_search_index_holds_the_example_and_no_drafts() {
    let out = example_site();
    let index = read(out, "search/index.js");
    let json = index
        .strip_prefix("window.journeymapSearch = ")
        .and_then(|rest| rest.strip_suffix(";\n"))
        .expect("a script that assigns the global");
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    let docs = data["docs"].as_array().unwrap();
    let has = |title: &str, kind: &str| {
        docs.iter()
            .any(|d| d[0].as_str() == Some(title) && d[1].as_str() == Some(kind))
    };
    assert!(has("Returning a broken hairdryer", "journey"), "{docs:?}");
    assert!(
        has("Returning a broken hairdryer, as designed", "journey"),
        "a design is found as a journey"
    );
    assert!(
        has("Anna, loyalty-card customer", "page"),
        "a persona's page"
    );
    let hairdryer = docs
        .iter()
        .find(|d| d[0] == "Returning a broken hairdryer")
        .unwrap();
    assert_eq!(
        hairdryer[3], "Anna, loyalty-card customer",
        "a result names the persona, not its id"
    );
    assert!(has("Workshop notes — hairdryer return", "page"));
    assert!(has("What stood out", "page"), "a section of a note");
    assert!(
        has("Lesson 2: select the key moments", "lesson"),
        "a page of a course is found as a lesson"
    );
    assert!(docs.iter().any(|d| d[1] == "touchpoint"));
    assert!(docs.iter().any(|d| d[1] == "promise"));
    let drafts: Vec<String> = fs::read_dir(repository().join("content/notes"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .filter(|text| text.contains("draft: true"))
        .collect();
    assert!(!drafts.is_empty(), "the example has a draft");
    for draft in drafts {
        let title = draft
            .lines()
            .find_map(|l| l.strip_prefix("title: "))
            .unwrap();
        assert!(
            !index.contains(title.trim_matches('"')),
            "the draft {title} is indexed"
        );
    }
    let titles = data["postings"]["title"].as_object().unwrap();
    assert!(titles.contains_key("hairdryer"), "words are indexed");
    assert!(
        data["postings"]["body"]
            .as_object()
            .unwrap()
            .contains_key("voucher"),
        "the texts' words are indexed"
    );
    assert!(read(out, "theme/elasticlunr.min.js").starts_with("/**\n * elasticlunr"));
}

/// The documents of the example's search index whose title or text has a word beginning with
/// each word of `query`, as the search box finds them (every word must match, as a prefix).
fn found(data: &serde_json::Value, query: &str) -> Vec<(String, String, String)> {
    let docs = data["docs"].as_array().unwrap();
    let mut hits: Option<std::collections::BTreeSet<usize>> = None;
    for word in query.to_lowercase().split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        let mut with = std::collections::BTreeSet::new();
        for field in ["title", "body"] {
            for (indexed, postings) in data["postings"][field].as_object().unwrap() {
                if !indexed.starts_with(word) {
                    continue;
                }
                let mut doc = 0;
                for posting in postings.as_array().unwrap() {
                    doc += posting.as_u64().or_else(|| posting[0].as_u64()).unwrap() as usize;
                    with.insert(doc);
                }
            }
        }
        hits = Some(match hits {
            None => with,
            Some(before) => before.intersection(&with).copied().collect(),
        });
    }
    hits.unwrap_or_default()
        .into_iter()
        .map(|n| {
            let d = &docs[n];
            let text = |i: usize| d[i].as_str().unwrap().to_string();
            (text(0), text(1), text(2))
        })
        .collect()
}

#[test]
fn search_finds_departments_waves_plans_and_the_consistency_report() {
    let index = read(example_site(), "search/index.js");
    let json = index
        .strip_prefix("window.journeymapSearch = ")
        .and_then(|rest| rest.strip_suffix(";\n"))
        .unwrap();
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    let finds = |query: &str, title: &str, kind: &str, link: &str| {
        let hits = found(&data, query);
        assert!(
            hits.iter()
                .any(|(t, k, l)| t == title && k == kind && l == link),
            "{query:?} finds {title} ({kind}, {link}): {hits:?}"
        );
    };
    finds("Billing", "Billing", "department", "departments/billing/");
    // A touchpoint is found by its moment: "moment of truth" lists the moments of truth.
    finds(
        "moment of truth",
        "First bill is higher than expected",
        "touchpoint",
        "journeys/energy-move/#tp-first-bill",
    );
    assert!(
        !found(&data, "moment of truth")
            .iter()
            .any(|(t, _, _)| t == "Reads the moving checklist leaflet"),
        "a standard moment is not"
    );
    finds(
        "Customer service",
        "Customer service",
        "department",
        "departments/customer-service/",
    );
    for query in ["NPS", "CSAT", "survey", "winter"] {
        finds(query, "Winter 2026 survey", "wave", "measurements/2026-q4/");
    }
    finds("csat", "Measured experience", "page", "measurements/");
    finds("action plan", "Action plans", "page", "plans/");
    // A journey by one of its improvement options.
    finds(
        "in-store purchases",
        "Returning a broken hairdryer",
        "journey",
        "journeys/hairdryer-return/",
    );
    finds("consistency", "Consistency report", "page", "consistency/");
    finds("Departments", "Departments", "page", "departments/");
    assert_eq!(data["kinds"]["department"], "Department");
    assert_eq!(data["kinds"]["wave"], "Survey wave");
    // A department is found under its own name by the owner filter too.
    let billing = data["docs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d[1] == "department" && d[0] == "Billing")
        .unwrap();
    let owners = data["owners"].as_array().unwrap();
    let named: Vec<&str> = billing[4]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| owners[o.as_u64().unwrap() as usize].as_str().unwrap())
        .collect();
    assert_eq!(named, ["Billing"]);
    // What a department owns finds it: a touchpoint of Billing's.
    finds(
        "higher than expected",
        "Billing",
        "department",
        "departments/billing/",
    );
}

#[test]
fn an_owner_with_a_department_page_links_to_it_wherever_it_is_shown() {
    let out = example_site();
    let department = |root: &str, slug: &str, name: &str| {
        format!("<a href=\"{root}departments/{slug}/index.html\">{name}</a>")
    };
    let journey = read(out, "journeys/energy-move/index.html");
    let cell = format!(
        "<td data-label=\"Owner\" class=\"\">{}</td>",
        department("../../", "billing", "Billing")
    );
    assert!(journey.contains(&cell), "a touchpoint's owner: {journey}");
    assert!(
        journey.contains(&format!(
            "<dd>{}</dd>",
            department("../../", "household-energy", "Household energy")
        )),
        "an owner of only a journey has a page too: {journey}"
    );
    let hairdryer = read(out, "journeys/hairdryer-return/index.html");
    assert!(
        hairdryer.contains(&format!(
            "<dd>{}</dd>",
            department("../../", "customer-service", "Customer service")
        )),
        "a journey's owner with a page: {hairdryer}"
    );
    let design = read(out, "journeys/hairdryer-return-desired/index.html");
    assert!(
        design.contains(&department("../../", "returns", "Returns department"))
            || design.contains(&department("../../", "retail", "Retail stores")),
        "a design's owners: {design}"
    );
    let inventory = read(out, "inventory/index.html");
    let row = format!(
        "<td data-label=\"Owner\">{}</td>",
        department("../", "billing", "Billing")
    );
    assert!(inventory.contains(&row), "an inventory row: {inventory}");
    let by_owner = inventory
        .split("<h2>Kind by owner</h2>")
        .nth(1)
        .expect("the kind-by-owner table");
    assert!(
        by_owner.contains(&format!(
            "<th scope=\"row\">{}</th>",
            department("../", "billing", "Billing")
        )),
        "{by_owner}"
    );
    let plans = read(out, "plans/index.html");
    assert!(
        plans.contains(&department("../", "customer-service", "Customer service")),
        "{plans}"
    );
    let report = read(out, "report/index.html");
    assert!(
        !report.contains("departments/"),
        "the printed report leads to no department page"
    );
}

#[test]
fn search_false_leaves_the_index_and_box_out() {
    let project = common::copy_to_temp(&fixture("course"));
    fs::write(project.path().join("content/site.yaml"), "search: false\n").unwrap();
    let out = project.path().join("out");
    let output = journeymap(
        &repository(),
        &[
            "build",
            "--root",
            project.path().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!out.join("search/index.js").exists());
    assert!(!read(&out, "index.html").contains("search-input"));
}

#[test]
fn a_department_page_says_what_it_asks_in_words() {
    let page = read(example_site(), "departments/returns/index.html");
    let asks = page.split("id=\"asks\"").nth(1).expect("the asks section");
    assert!(asks.contains("<strong>customer number</strong>"), "{asks}");
    assert!(!asks.contains("customer-number"), "no raw id: {asks}");
    let index = read(example_site(), "departments/index.html");
    let at = |name: &str| {
        index
            .find(&format!(">{name}<"))
            .unwrap_or_else(|| panic!("{name}"))
    };
    assert!(
        at("Sales") < at("Web shop") && at("Digital channels") < at("Grid operator"),
        "departments by the name a reader sees (Web shop is e-commerce)"
    );
}

/// The search index of a built site, as its script holds it.
fn search_data(out: &Path) -> serde_json::Value {
    let index = read(out, "search/index.js");
    let json = index
        .strip_prefix("window.journeymapSearch = ")
        .and_then(|rest| rest.strip_suffix(";\n"))
        .expect("a script that assigns the global");
    serde_json::from_str(json).unwrap()
}

#[test]
fn search_holds_words_without_accents_and_a_journey_under_its_own_owner() {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let dutch = search_data(built("dutch", fixture("dutch"), &SITE));
    for field in ["title", "body"] {
        let words = dutch["postings"][field].as_object().unwrap();
        let accented: Vec<&String> = words.keys().filter(|w| !w.is_ascii()).collect();
        assert!(accented.is_empty(), "{field}: {accented:?}");
    }
    // "Oriëntatie" (a stage) and "Eén" (a promise) are found typed with or without accents;
    // search.js folds a query the same way.
    assert!(!found(&dutch, "orientatie").is_empty());
    assert!(!found(&dutch, "een telefoontje").is_empty());
    // "e-mail" is held joined too, so "email" finds the touchpoint that waits for one.
    let email = found(&search_data(example_site()), "email");
    assert!(
        email
            .iter()
            .any(|(title, ..)| title == "Waits for the promised e-mail"),
        "{email:?}"
    );
    // The owner filter keeps a journey under its own owner, not under every owner of its
    // touchpoints (whose names still find it).
    let data = search_data(example_site());
    let owners: Vec<&str> = data["owners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap())
        .collect();
    let journey_owners = |title: &str| -> Vec<&str> {
        let doc = data["docs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d[0] == title && d[1] == "journey")
            .unwrap();
        doc[4]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| owners[o.as_u64().unwrap() as usize])
            .collect()
    };
    assert_eq!(
        journey_owners("Returning a broken hairdryer"),
        ["Customer service"]
    );
    assert!(
        found(&data, "product quality")
            .iter()
            .any(|(title, kind, _)| title == "Returning a broken hairdryer" && kind == "journey"),
        "a touchpoint's owner still finds its journey"
    );
}

#[test]
fn the_print_page_prints_folded_sections_open_and_only_lessons_start_a_page() {
    let out = example_site();
    let print = read(out, "course/print/index.html");
    assert!(
        print.contains("<details open>\n<summary>Why from -3 to 3?</summary>"),
        "on paper the folded answer is printed"
    );
    assert!(!print.contains("<details>"));
    assert!(
        read(out, "course/lesson-1/index.html").contains("<details>\n<summary>Why from -3 to 3?"),
        "the lesson itself keeps it folded"
    );
    // The stylesheet starts a page before each part but the one after the course's
    // introduction or a section's opening, which are a few lines each.
    let parts: Vec<&str> = print
        .split("<article class=\"print-part")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap_or(""))
        .collect();
    assert_eq!(parts, [" print-intro", "", "", "", " print-section", ""]);
    let style = read(out, "theme/style.css");
    assert!(style.contains(
        ".print-intro + .print-part, .print-section + .print-part { break-before: auto;"
    ));
}
