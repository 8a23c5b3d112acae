//! Findings for readers, `accept`, the printable report and `journeymap pdf`.

mod common;

use common::{copy_to_temp, fixture, journeymap, repository};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// A project of one journey in a temporary folder: a Magic Moment, a Miserable Moment
/// (`waits`) and a low ending (`pays`), and `accept` as given.
fn project_with(accept: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let journeys = dir.path().join("content/journeys");
    fs::create_dir_all(&journeys).unwrap();
    let yaml = format!(
        "title: Paying a bill\nstages:\n  - name: Pay\n    touchpoints:\n      \
         - {{name: Reads the offer, id: offer, kind: functional, emotion: 3}}\n      \
         - {{name: Waits on the phone, id: waits, kind: human, emotion: -3}}\n      \
         - {{name: Pays the bill, id: pays, kind: functional, emotion: -2}}\n{accept}"
    );
    fs::write(journeys.join("bill.yaml"), yaml).unwrap();
    dir
}

/// `check --strict --format json`: the exit code and each line as JSON.
fn strict_json(root: &Path) -> (i32, Vec<serde_json::Value>) {
    let output = journeymap(
        &repository(),
        &[
            "check",
            "--strict",
            "--format",
            "json",
            "--root",
            root.to_str().unwrap(),
        ],
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (output.status.code().unwrap_or(-1), lines)
}

fn codes(lines: &[serde_json::Value]) -> Vec<(&str, Option<u64>)> {
    lines
        .iter()
        .map(|l| (l["code"].as_str().unwrap(), l["line"].as_u64()))
        .collect()
}

#[test]
fn accept_silences_strict_for_that_finding_only() {
    let none = project_with("");
    let (status, lines) = strict_json(none.path());
    assert_eq!(status, 1);
    assert_eq!(
        codes(&lines),
        [("miserable-moment", Some(6)), ("low-ending", Some(7))],
        "both findings are high, in journey order"
    );
    assert!(lines.iter().all(|l| l["finding_severity"] == "high"));
    let message = lines[0]["message"].as_str().unwrap();
    assert!(
        message.contains("\u{201c}Waits on the phone\u{201d}") && !message.contains("waits"),
        "{message}"
    );

    let one = project_with(
        "accept:\n  - finding: low-ending\n    touchpoint: pays\n    reason: The bill ends it.\n",
    );
    let (status, lines) = strict_json(one.path());
    assert_eq!(status, 1, "the Miserable Moment still fails --strict");
    assert_eq!(codes(&lines), [("miserable-moment", Some(6))]);

    let both = project_with(
        "accept:\n  - finding: low-ending\n    reason: The bill ends it.\n  \
         - finding: miserable-moment\n    touchpoint: waits\n    reason: Known; being fixed.\n",
    );
    let (status, lines) = strict_json(both.path());
    assert_eq!(status, 0, "{lines:?}");
    assert!(lines.is_empty(), "{lines:?}");
    let text = journeymap(
        &repository(),
        &["check", "--root", both.path().to_str().unwrap()],
    );
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(
        stdout.contains("0 findings (2 accepted)"),
        "the summary counts accepted findings: {stdout}"
    );
}

#[test]
fn an_accept_matching_nothing_is_a_warning_and_unknown_names_are_errors() {
    let stale = project_with(
        "accept:\n  - finding: miserable-moment\n    touchpoint: offer\n    reason: Old.\n",
    );
    let (status, lines) = strict_json(stale.path());
    assert_eq!(status, 1);
    let unmatched: Vec<_> = lines
        .iter()
        .filter(|l| l["code"] == "unmatched-accept")
        .collect();
    assert_eq!(unmatched.len(), 1, "{lines:?}");
    assert_eq!(unmatched[0]["severity"], "warning");
    assert_eq!(unmatched[0]["line"], 9);
    assert!(
        unmatched[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("journeys/bill.yaml")
    );
    let plain = journeymap(
        &repository(),
        &["check", "--root", stale.path().to_str().unwrap()],
    );
    assert_eq!(plain.status.code(), Some(0), "without --strict, a warning");

    let unknown = project_with(
        "accept:\n  - finding: low-endng\n    reason: Typo.\n  \
         - finding: low-ending\n    touchpoint: payz\n    reason: Typo.\n",
    );
    let (status, lines) = strict_json(unknown.path());
    assert_eq!(status, 1);
    assert_eq!(
        codes(&lines),
        [
            ("unknown-finding", Some(9)),
            ("unknown-touchpoint", Some(12))
        ]
    );
    let help = |i: usize| lines[i]["help"].as_str().unwrap_or_default().to_string();
    assert!(
        help(0).contains("did you mean `low-ending`?"),
        "{}",
        help(0)
    );
    assert!(help(1).contains("did you mean `pays`?"), "{}", help(1));
}

#[test]
fn a_page_at_the_report_address_is_refused() {
    let dir = project_with("");
    fs::write(
        dir.path().join("content/report.md"),
        "---\ntitle: Mine\n---\nText\n",
    )
    .unwrap();
    let (status, lines) = strict_json(dir.path());
    assert_eq!(status, 1);
    assert_eq!(codes(&lines), [("reserved-path", Some(1))]);
}

/// The example site, built once per test that needs it.
fn built_example() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let output = journeymap(&repository(), &["build", "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    (dir, out)
}

/// A journey's id, title and the (id, name) of each touchpoint.
type JourneyNames = (String, String, Vec<(String, String)>);

/// Every journey's id, title and touchpoints, from model.json.
fn touchpoints(out: &Path) -> Vec<JourneyNames> {
    let model: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("model.json")).unwrap()).unwrap();
    model["project"]["journeys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| {
            let touchpoints = j["stages"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|s| s["touchpoints"].as_array().unwrap())
                .map(|t| {
                    let id = t["id"].as_str().unwrap().to_string();
                    (id, t["name"].as_str().unwrap().to_string())
                })
                .collect();
            let id = j["id"].as_str().unwrap().to_string();
            (id, j["title"].as_str().unwrap().to_string(), touchpoints)
        })
        .collect()
}

/// The `<li>` items of the first list of findings on a page.
fn finding_items(page: &str) -> Vec<&str> {
    let start = page
        .find("<ul class=\"findings\">")
        .expect("a list of findings");
    let list = &page[start..];
    let list = &list[..list.find("</ul>").unwrap()];
    list.split("<li ").skip(1).collect()
}

#[test]
fn findings_on_journey_pages_are_sorted_by_severity_and_use_names() {
    let (_dir, out) = built_example();
    let rank = |item: &str| {
        ["severity-high", "severity-medium", "severity-low"]
            .iter()
            .position(|s| item.starts_with(&format!("class=\"finding {s}")))
            .unwrap_or_else(|| panic!("no severity: {item}"))
    };
    for (id, _, touchpoints) in touchpoints(&out) {
        let page = fs::read_to_string(out.join(format!("journeys/{id}/index.html"))).unwrap();
        let items = finding_items(&page);
        assert!(items.len() >= 3, "{id}: {} findings", items.len());
        let ranks: Vec<usize> = items.iter().map(|i| rank(i)).collect();
        assert!(ranks.is_sorted(), "{id}: severities {ranks:?}");
        assert!(ranks[0] == 0, "{id}: the first finding is high");
        for item in &items {
            let sentence = &item[..item.find("<span class=\"code\">").unwrap()];
            // Names are quoted; what is left around them must hold no touchpoint id.
            let unquoted: String = sentence
                .split('\u{201c}')
                .map(|part| part.split_once('\u{201d}').map_or(part, |(_, rest)| rest))
                .collect();
            for (tp, name) in &touchpoints {
                if tp.contains('-') || unquoted.contains(&format!("({tp})")) {
                    assert!(
                        !unquoted.contains(tp.as_str()),
                        "{id}: the id `{tp}` of {name:?} in {sentence}"
                    );
                }
            }
            assert!(!sentence.contains("([-"), "{id}: a range in {sentence}");
        }
        assert!(
            items.iter().any(|i| touchpoints
                .iter()
                .any(|(_, name)| i.contains(&name.replace('\'', "&#39;")))),
            "{id}: findings name touchpoints"
        );
    }
}

#[test]
fn the_report_holds_every_journey_and_the_site_reports() {
    let (_dir, out) = built_example();
    let report = fs::read_to_string(out.join("report/index.html")).unwrap();
    let journeys = touchpoints(&out);
    assert_eq!(journeys.len(), 3);
    for (id, title, _) in &journeys {
        let section = format!("<h2 id=\"journey-{id}\">{title}</h2>");
        assert!(report.contains(&section), "{section}");
        assert!(
            report.contains(&format!("<title id=\"jm-curve-{id}-title\">")),
            "{id}: its curve, inline"
        );
        assert!(
            report.contains(&format!("href=\"#journey-{id}\"")),
            "{id} in the contents"
        );
    }
    for part in [
        "id=\"summary\"",
        "id=\"consistency\"",
        "id=\"inventory\"",
        "Northwind Group",
        "<time datetime=\"2026-12-16\">",
        "<dt>Survey waves</dt><dd><bdi>Autumn 2026 survey (2026-09-30)</bdi> · <bdi>Winter 2026 survey (2026-12-15)</bdi></dd>",
        "class=\"logo\"",
        "Customer service",
    ] {
        assert!(report.contains(part), "{part} in the report");
    }
    // On a phone its tables become cards, each value under its column's name.
    for stacked in [
        "<table class=\"improvements stacked\">",
        "<td class=\"num\" data-label=\"Distinctive in the market\">",
        "<td data-label=\"Delivered at\">",
        "<td data-label=\"Made at\">",
    ] {
        assert!(report.contains(stacked), "{stacked} in the report");
    }
    assert!(
        !report.contains("href=\"../journeys/"),
        "a touchpoint or journey links to its part of the report, so a printed report holds no \
         link into the folder it was printed from"
    );
    assert!(
        !report.contains("href=\"../plans/"),
        "a plan's badge links to the plan in the report"
    );
    assert!(report.contains("href=\"#plan-hairdryer-return-1\""));
    // The summary lists the changes per journey before the journeys' figures: each option
    // linked to its row in the journey's part, who carries it out and where it stands.
    let changes = report
        .split("<h3 id=\"changes\">")
        .nth(1)
        .and_then(|rest| rest.split("<h3 id=\"summary-journeys\">").next())
        .expect("the changes at a glance, in the summary");
    for part in [
        "<a href=\"#journey-hairdryer-return\"><bdi>Returning a broken hairdryer</bdi></a>",
        "<a href=\"#option-hairdryer-return-2\"><bdi>Show in-store purchases to phone agents</bdi></a>",
        "<span class=\"outcome missed\">Target missed: CES 2.8 in Winter 2026 survey",
        "<strong class=\"overdue\">No owner yet</strong>",
        "1 in progress, 1 planned, 1 idea, 1 done, 1 of them short of the target.",
    ] {
        assert!(changes.contains(part), "{part} in {changes}");
    }
    // What surveys measured, what the desired journey changes and the blueprint behind it.
    let part = |id: &str| {
        let start = report.find(&format!("<h2 id=\"journey-{id}\">")).unwrap();
        let end = report[start + 1..]
            .find("<h2 id=")
            .map_or(report.len(), |e| start + 1 + e);
        &report[start..end]
    };
    let hairdryer = part("hairdryer-return");
    for piece in [
        "<h3 id=\"journey-hairdryer-return-measured\">Measured experience</h3>",
        "aria-labelledby=\"journey-hairdryer-return-measured\"",
        "<h3 id=\"journey-hairdryer-return-desired\">Today and desired</h3>",
        "<h4 id=\"journey-hairdryer-return-removed\">Removed touchpoints</h4>",
        "<h4 id=\"journey-hairdryer-return-added\">Added touchpoints</h4>",
        "Service blueprint of Returning a broken hairdryer</h3>",
    ] {
        assert!(hairdryer.contains(piece), "{piece} in the hairdryer's part");
    }
    // The blueprint in parts of whole stages, four touchpoints wide at most.
    let parts: Vec<&str> = hairdryer
        .split("class=\"plot plot-scroll report-plot blueprint-part\"")
        .skip(1)
        .collect();
    assert_eq!(
        parts.len(),
        3,
        "Purchase and Breakdown, Seeking help, Resolution"
    );
    assert!(parts[0].contains(">Purchase<") && parts[0].contains(">Breakdown<"));
    assert!(parts[1].contains(">Seeking help<") && !parts[1].contains(">Resolution<"));
    assert!(parts[2].contains(">Resolution<"));
    // The terms, explained at the end and named in the contents and the summary.
    assert_eq!(report.matches("href=\"#glossary\"").count(), 2);
    for term in [
        "<dt>Zone of indifference</dt><dd>Emotions from -1 to 1:",
        "<dt>CSAT (customer satisfaction)</dt>",
        "<dt>CES (Customer Effort Score)</dt>",
        "<dt>Action plan</dt>",
        "<dt>Service blueprint</dt>",
        "<dt>On the emotion scale</dt><dd>A survey value placed on the emotion scale of the map, \
         to compare it with the emotion typed there: as far from -3 towards +3 as the value lies \
         between its metric&#39;s worst and best answer. CSAT 50% is 0.0 and CSAT 75% is +1.5;",
    ] {
        assert!(report.contains(term), "{term} in the glossary");
    }
    let energy = part("energy-move");
    assert!(!energy.contains("blueprint-part"), "no lanes, no blueprint");
    assert!(
        !energy.contains("-desired\">Today and desired"),
        "no desired journey"
    );
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains("href=\"report/index.html\""),
        "linked from home"
    );
}

/// `pdftotext` and a Chromium, when installed (CI installs them; see .ci/run).
fn pdf_tools() -> Option<PathBuf> {
    let on_path = |name: &str| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|p| p.join(name))
                .find(|p| p.is_file())
        })
    };
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .any(|b| on_path(b).is_some());
    on_path("pdftotext").filter(|_| browser)
}

/// A copy of the example project (its `content/`) in a temporary folder.
fn example_copy() -> tempfile::TempDir {
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
    let dir = tempfile::tempdir().unwrap();
    copy(&repository().join("content"), &dir.path().join("content"));
    dir
}

#[test]
fn pdf_prints_the_report_with_its_titles_and_plot_labels_as_text() {
    let Some(pdftotext) = pdf_tools() else {
        let ci = std::env::var("CI").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false"));
        assert!(
            !ci,
            "CI=true: chromium and pdftotext (poppler-utils) must be installed"
        );
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "pdf_prints_the_report_with_its_titles_and_plot_labels_as_text skipped: chromium or \
             pdftotext not installed (`apt-get install chromium poppler-utils` to run it)"
        );
        return;
    };
    let project = example_copy();
    let root = project.path();
    let output = journeymap(&repository(), &["pdf", "--root", root.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pdf = root.join("report.pdf");
    let text = std::process::Command::new(&pdftotext)
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let pages: Vec<String> = text.split('\u{c}').map(squeeze).collect();
    assert!(pages.len() > 6, "{} pages", pages.len());
    assert!(!text.contains("file:"), "no browser header or footer");
    for code in ["truth-below-zone", "broken-promise", "miserable-moment"] {
        assert!(
            !text.contains(code),
            "finding codes are for authors, not readers: {code}"
        );
    }
    assert!(text.contains("Service blueprint of Returning a broken hairdryer"));
    let bytes = fs::read(&pdf).unwrap();
    assert!(
        bytes.windows(b"/Outlines".len()).any(|w| w == b"/Outlines"),
        "bookmarks lead to the report's parts"
    );
    let links = std::process::Command::new(pdftotext.with_file_name("pdfinfo"))
        .arg("-url")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(links.status.success());
    let links = String::from_utf8_lossy(&links.stdout);
    assert!(
        !links.contains("file:"),
        "no link into the folder the report was printed from: {links}"
    );
    let out = root.join("output");
    let layout = page_layout(&pdftotext, &pdf);
    assert_eq!(layout.len(), pages.len() - 1, "{layout:?}");
    let mut openings = BTreeSet::new();
    for (id, title, touchpoints) in touchpoints(&out) {
        // A journey opens on a landscape page of its own: its title and its curve, drawn
        // whole and wide enough to read.
        let title = squeeze(&title);
        let names: Vec<String> = touchpoints.iter().map(|(_, n)| squeeze(n)).collect();
        let opening = pages
            .iter()
            .position(|p| p.contains(&title) && names.iter().all(|n| p.contains(n.as_str())));
        let Some(opening) = opening else {
            panic!("{id}: no page holds its title and every touchpoint name of its curve");
        };
        assert!(
            layout[opening].landscape,
            "{id}: page {} is upright",
            opening + 1
        );
        openings.insert(opening);
    }
    for (number, page) in layout.iter().enumerate() {
        assert!(
            openings.contains(&number) || !page.landscape,
            "page {} is landscape but opens no journey",
            number + 1
        );
    }
    let leftovers: Vec<_> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Each part starts on a page of its own, as a chapter does.
    let mut parts: Vec<String> = touchpoints(&out).into_iter().map(|(_, t, _)| t).collect();
    parts.extend(
        [
            "Executive summary",
            "Action plans",
            "Consistency report",
            "Terms used in this report",
            "Appendix: touchpoint inventory",
        ]
        .map(String::from),
    );
    // A page's text starts with its number ("4 / 26"), then its first heading.
    let opening = |page: &str| {
        page.trim_start_matches(|c: char| c.is_ascii_digit() || c == '/')
            .to_string()
    };
    let starts_part = |page: &str| parts.iter().any(|p| opening(page).starts_with(&squeeze(p)));
    for part in &parts {
        assert!(
            pages.iter().any(|p| opening(p).starts_with(&squeeze(part))),
            "{part} starts a page"
        );
    }
    // Inside a part, no page is left a third empty: only a part's last page may be, or the
    // page before a blueprint, whose first part (drawn whole) goes with its title.
    // A blueprint's part, drawn whole, opens with the name of its first stage.
    let model: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("model.json")).unwrap()).unwrap();
    let stages: Vec<String> = model["project"]["journeys"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|j| j["stages"].as_array().unwrap())
        .map(|s| squeeze(s["name"].as_str().unwrap()))
        .collect();
    let before_blueprint = |page: &str| {
        let opening = opening(page);
        opening.starts_with(&squeeze("Service blueprint of"))
            || stages
                .iter()
                .any(|stage| opening.starts_with(stage.as_str()))
    };
    let filled: Vec<f64> = layout.iter().map(|p| p.fill).collect();
    for (number, fill) in filled.iter().enumerate().skip(1) {
        let next = &pages[number + 1];
        let exempt = starts_part(next) || before_blueprint(next) || openings.contains(&number);
        if number + 1 < filled.len() && !exempt {
            assert!(
                *fill >= 2.0 / 3.0,
                "page {} is only {:.0}% filled (pages: {filled:.2?})",
                number + 1,
                fill * 100.0
            );
        }
    }
}

/// What [`page_layout`] tells of one page of a PDF.
#[derive(Debug)]
struct PageLayout {
    /// How far down the page its text reaches, as a share of its height between the margins.
    fill: f64,
    /// Whether the page is wider than it is high.
    landscape: bool,
}

/// Each page of a PDF: how far down its text reaches, as a share of the page's height
/// between the margins of the report's `@page` (the page number in the bottom margin left
/// out), and whether it is landscape.
fn page_layout(pdftotext: &Path, pdf: &Path) -> Vec<PageLayout> {
    let layout = std::process::Command::new(pdftotext)
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(layout.status.success());
    let layout = String::from_utf8_lossy(&layout.stdout).into_owned();
    let number = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
    };
    const MM: f64 = 72.0 / 25.4;
    let mut fills = Vec::new();
    for page in layout.split("<page ").skip(1) {
        let (width, height) = (number(page, "width"), number(page, "height"));
        let (top, bottom) = (14.0 * MM, height - 16.0 * MM);
        let lowest = page
            .split("<word ")
            .skip(1)
            .map(|w| number(w, "yMax"))
            .filter(|&y| y <= bottom)
            .fold(top, f64::max);
        fills.push(PageLayout {
            fill: (lowest - top) / (bottom - top),
            landscape: width > height,
        });
    }
    fills
}

#[test]
fn pdf_without_a_browser_fails_and_keeps_the_old_pdf() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let root = project.path();
    let pdf = root.join("old.pdf");
    fs::write(&pdf, "%PDF old").unwrap();
    let run = |browser: &str| {
        journeymap(
            &repository(),
            &[
                "pdf",
                "--root",
                root.to_str().unwrap(),
                "--out",
                pdf.to_str().unwrap(),
                "--browser",
                browser,
            ],
        )
    };
    let output = run("/nowhere/chromium");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("no Chromium-family browser found")
            && stderr.contains("/nowhere/chromium")
            && stderr.contains("report/index.html")
            && stderr.contains("print"),
        "{stderr}"
    );
    assert!(
        root.join("output/report/index.html").is_file(),
        "built to print by hand"
    );
    assert_eq!(fs::read_to_string(&pdf).unwrap(), "%PDF old");
    if Path::new("/bin/false").is_file() {
        let output = run("/bin/false");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("could not print"), "{stderr}");
        assert_eq!(fs::read_to_string(&pdf).unwrap(), "%PDF old");
        let leftovers = fs::read_dir(root)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count();
        assert_eq!(leftovers, 0);
    }
}

/// The text a reader sees on a page: tags, attributes, scripts and SVG `<title>` tooltips
/// left out.
fn visible_text(page: &str) -> String {
    let mut text = String::new();
    let mut rest = page;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        text.push(' ');
        rest = &rest[start..];
        let skipped = ["script", "style", "title"].iter().find_map(|tag| {
            let open = format!("<{tag}");
            let after = rest.strip_prefix(&open)?;
            after.starts_with(['>', ' ']).then(|| {
                let close = format!("</{tag}>");
                rest.find(&close).map_or(rest.len(), |e| e + close.len())
            })
        });
        let end = skipped.unwrap_or_else(|| rest.find('>').map_or(rest.len(), |e| e + 1));
        rest = &rest[end..];
    }
    text.push_str(rest);
    text
}

#[test]
fn promise_ids_leave_the_pages_a_client_reads() {
    let (_dir, out) = built_example();
    let model: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("model.json")).unwrap()).unwrap();
    let ids: Vec<&str> = model["project"]["promises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(ids.len() >= 6, "{ids:?}");
    let mut pages: Vec<PathBuf> = ["consistency/index.html", "report/index.html"]
        .iter()
        .map(|p| out.join(p))
        .collect();
    for (id, _, _) in touchpoints(&out) {
        pages.push(out.join(format!("journeys/{id}/index.html")));
    }
    for page in &pages {
        let html = fs::read_to_string(page).unwrap();
        let text = visible_text(&html);
        for id in &ids {
            assert!(
                !text.contains(id),
                "{}: the promise id `{id}` is shown",
                page.display()
            );
            assert!(
                html.contains(&format!("<title>{id}</title>"))
                    || html.contains(&format!("title=\"{id}\""))
                    || !html.contains(id),
                "{}: `{id}` is kept as a tooltip",
                page.display()
            );
        }
    }
    let csv = fs::read_to_string(out.join("consistency.csv")).unwrap();
    assert!(
        ids.iter().all(|id| csv.contains(id)),
        "the CSV keeps the ids"
    );
}

/// The summary opens with what the report covers: the site's description, the personas (each
/// once), the survey waves, the emotion scale and the headline counts, counted by hand here
/// (high findings as `check` counts them).
#[test]
fn the_summary_says_what_the_report_covers() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    fs::create_dir_all(content.join("journeys")).unwrap();
    fs::write(
        content.join("site.yaml"),
        "description: Mapped with the staff of **Acme**.\n",
    )
    .unwrap();
    fs::write(
        content.join("promises.yaml"),
        "- {id: fast, text: Fast.}\n- {id: free, text: Free.}\n",
    )
    .unwrap();
    let journey = |title: &str, persona: &str, touchpoints: &str| {
        format!(
            "title: {title}\npersona: {persona}\nstages:\n  - name: All\n    touchpoints:\n{touchpoints}"
        )
    };
    // A: one Magic and one Miserable Moment, `fast` made and broken. B: `free` made, never
    // delivered. C: the persona of A again.
    let a = journey(
        "A",
        "Young family, first house",
        "      - {name: Offer, kind: functional, emotion: 3, promises: [fast]}\n      \
         - {name: Waits, kind: human, emotion: -3, delivers: [{promise: fast, result: broken}]}\n      \
         - {name: Pays, kind: functional, emotion: 1}\n",
    );
    let b = journey(
        "B",
        "Commuter",
        "      - {name: Reads, kind: functional, emotion: 1, promises: [free]}\n",
    );
    let c = journey(
        "C",
        "Young family, first house",
        "      - {name: Calls, kind: human, emotion: 0}\n",
    );
    for (id, yaml) in [("a", a), ("b", b), ("c", c)] {
        fs::write(content.join(format!("journeys/{id}.yaml")), yaml).unwrap();
    }
    let (_, lines) = strict_json(dir.path());
    let high = lines
        .iter()
        .filter(|l| l["finding_severity"] == "high")
        .count();
    assert!(high > 0, "{lines:?}");
    let out = dir.path().join("site");
    let output = journeymap(dir.path(), &["build", "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    let report = fs::read_to_string(out.join("report/index.html")).unwrap();
    let scope = report
        .split("<h3 id=\"scope\">")
        .nth(1)
        .and_then(|rest| rest.split("<h3 id=\"summary-journeys\">").next())
        .expect("the scope at the top of the summary");
    assert!(
        scope.contains("Mapped with the staff of <strong>Acme</strong>."),
        "{scope}"
    );
    assert!(
        scope.contains(
            "<dt>Personas</dt><dd><bdi>Young family, first house</bdi> · <bdi>Commuter</bdi></dd>"
        ),
        "each persona once, in the journeys' order: {scope}"
    );
    assert!(
        !scope.contains("Survey waves"),
        "no waves, no line: {scope}"
    );
    assert!(
        scope.contains("<dd>-3 to +3; indifferent from -1 to +1</dd>"),
        "{scope}"
    );
    for (term, count) in [
        ("Customer journeys", 3),
        ("Touchpoints", 5),
        ("Magic Moments", 1),
        ("Miserable Moments", 1),
        ("Promises broken or never delivered", 2),
        ("High-severity findings", high),
    ] {
        let tile = format!("<dt>{term}</dt><dd>{count}</dd>");
        assert!(scope.contains(&tile), "{tile}: {scope}");
    }
}
