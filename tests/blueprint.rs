//! The blueprint, department and persona pages of a built fixture, counted by hand (see the
//! comment at the top of tests/fixtures/blueprint/content/journeys/repair.yaml).

mod common;
use common::{build_into_site, check_json, fixture, journeymap};
use std::fs;
use std::path::Path;

fn built() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let root = fixture("blueprint");
    let output = journeymap(
        &root,
        &["build", "--out", out.path().join("site").to_str().unwrap()],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

fn read(out: &Path, file: &str) -> String {
    fs::read_to_string(out.join("site").join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn the_blueprint_has_its_lanes_lines_and_fail_point_on_the_page_and_in_a_view() {
    let out = built();
    let svg = read(out.path(), "journeys/repair/blueprint.svg");
    assert_eq!(svg.matches("<g class=\"lane lane-").count(), 5);
    assert_eq!(svg.matches("<g class=\"blueprint-line ").count(), 3);
    assert_eq!(svg.matches("<g class=\"fail-point\">").count(), 1);
    assert!(
        svg.contains(">IT department · CRM<"),
        "the owner's display name"
    );
    let page = read(out.path(), "journeys/repair/index.html");
    assert!(page.contains("id=\"blueprint\""), "a blueprint section");
    assert!(page.contains("lane lane-support"));
    let workshop = read(out.path(), "workshop/index.html");
    assert!(
        workshop.contains("lane lane-support"),
        "the `blueprint` view"
    );
    let Ok(rsvg) = std::process::Command::new("rsvg-convert")
        .arg(out.path().join("site/journeys/repair/blueprint.svg"))
        .arg("-o")
        .arg(out.path().join("blueprint.png"))
        .output()
    else {
        return; // rsvg-convert is not installed; tests/build.rs says so under CI
    };
    assert!(
        rsvg.status.success(),
        "{}",
        String::from_utf8_lossy(&rsvg.stderr)
    );
    assert!(
        fs::metadata(out.path().join("blueprint.png"))
            .unwrap()
            .len()
            > 1000
    );
}

#[test]
fn the_new_findings_and_a_chain_across_a_stage_boundary_are_reported() {
    let (_, reported) = check_json(&fixture("blueprint"));
    let mut found: Vec<(&str, Option<u64>)> = reported
        .iter()
        .filter(|r| {
            [
                "handoff-chain",
                "fail-point-at-truth",
                "invisible-handoff",
                "unsupported-promise",
            ]
            .contains(&r.code.as_str())
        })
        .map(|r| (r.code.as_str(), r.line))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("fail-point-at-truth", Some(8)),
            ("handoff-chain", Some(8)),
            ("invisible-handoff", Some(8)),
            ("unsupported-promise", Some(32)),
        ],
        "{reported:#?}"
    );
}

/// The rows of a table body between two markers of a page.
fn between<'a>(page: &'a str, from: &str, to: &str) -> &'a str {
    let start = page.find(from).unwrap_or_else(|| panic!("{from}"));
    let rest = &page[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

#[test]
fn department_pages_list_exactly_the_moments_and_handoffs_counted_by_hand() {
    let out = built();
    let service = read(out.path(), "departments/customer-service/index.html");
    let owned = between(&service, "id=\"owned\"", "id=\"behind\"");
    assert_eq!(owned.matches("#tp-").count(), 2, "{owned}");
    assert!(owned.contains(">Calls<") && owned.contains(">Gets an e-mail<"));
    let behind = between(&service, "id=\"behind\"", "id=\"handoffs\"");
    assert!(behind.contains("Looks up the purchase"));
    assert!(!behind.contains("CRM keeps no notes"), "that item is IT's");
    let handoffs = between(&service, "id=\"handoffs\"", "id=\"asks\"");
    let parts: Vec<&str> = handoffs.split("<h3>").collect();
    let (to, from) = (parts[1], parts[2]);
    assert!(to.contains(">Technical faults</a>: 1×"), "{to}");
    assert!(to.contains(">store</a>: 1×"), "{to}");
    assert!(from.contains(">Technical faults</a>: 1×"), "{from}");
    assert_eq!(from.matches("×").count(), 1, "{from}");
    // A promise it makes shows how the site keeps it, and leads to it in the consistency
    // report (broken at Transferred, which another department owns).
    let promises = between(&service, "id=\"promises\"", "</section>");
    assert!(
        promises.contains(
            "<span class=\"badge status-broken\">Broken</span> <a href=\"../../consistency/index.html#promise-one-number\">"
        ),
        "{promises}"
    );
    assert!(read(out.path(), "consistency/index.html").contains("id=\"promise-one-number\""));
    // A project without surveys or plans: no section about them.
    assert!(!service.contains("id=\"measured\""), "{service}");
    assert!(!service.contains("id=\"plans\""), "{service}");
    let it = read(out.path(), "departments/it/index.html");
    assert!(it.contains("CRM keeps no notes"));
    assert!(between(&it, "id=\"owned\"", "id=\"behind\"").contains("class=\"empty\""));

    let index = read(out.path(), "departments/index.html");
    let matrix = between(&index, "class=\"handoff-matrix\"", "</table>");
    let footer = between(matrix, "<tfoot>", "</tfoot>");
    let totals: Vec<usize> = footer
        .split("class=\"num total\">")
        .skip(1)
        .filter_map(|cell| cell.split('<').next()?.parse().ok())
        .collect();
    assert_eq!(
        totals.last(),
        Some(&3),
        "three handoffs in the site: {footer}"
    );
    let columns: usize = totals[..totals.len() - 1].iter().sum();
    assert_eq!(columns, 3, "the columns add up to the handoffs");
    assert!(
        index.contains(
            "<p class=\"scroll-cue\" aria-hidden=\"true\">Scroll sideways for every department"
        ),
        "three columns: a cue that narrow screens show"
    );
}

#[test]
fn a_persona_page_shows_its_journeys_and_unknown_personas_are_errors() {
    let project = common::copy_to_temp(&fixture("blueprint"));
    let content = project.path().join("content");
    fs::write(
        content.join("personas.yaml"),
        "- id: lisa\n  name: Lisa\n  quote: Once is enough.\n  goals: [A working machine]\n",
    )
    .unwrap();
    let journey = content.join("journeys/repair.yaml");
    let yaml = fs::read_to_string(&journey).unwrap();
    fs::write(&journey, format!("persona: lisa\n{yaml}")).unwrap();
    let out = project.path().join("site");
    let output = journeymap(project.path(), &["build", "--out", out.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = fs::read_to_string(out.join("personas/lisa/index.html")).unwrap();
    assert!(page.contains("Once is enough."));
    assert!(page.contains("Repairing a broken washing machine"));
    assert!(page.contains("<svg"), "the journey's curve");
    let journey_page = fs::read_to_string(out.join("journeys/repair/index.html")).unwrap();
    assert!(
        journey_page.contains("personas/lisa/index.html"),
        "linked from the journey"
    );

    fs::write(&journey, format!("persona: lsa\n{yaml}")).unwrap();
    let (status, reported) = check_json(project.path());
    assert_eq!(status, 1);
    let unknown: Vec<_> = reported
        .iter()
        .filter(|r| r.code == "unknown-persona")
        .collect();
    assert_eq!(unknown.len(), 1, "{reported:#?}");
    assert_eq!(unknown[0].line, Some(1));
    assert!(
        unknown[0]
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("lisa")
    );
}

/// A department owning more rows than a page holds (2,000) gets pages by journeys, linked to
/// each other: a journey is never split, each touchpoint and each finding is on exactly one
/// page, the one of its journey; a department that fits keeps one page without links.
#[test]
fn a_large_department_is_split_by_journeys_into_linked_pages() {
    let dir = tempfile::tempdir().unwrap();
    let journeys = dir.path().join("content/journeys");
    fs::create_dir_all(&journeys).unwrap();
    // 42 journeys of 50 touchpoints of Service: 40 fill page 1 (2,000 rows), 2 go on page 2.
    for j in 0..42 {
        let mut yaml = format!("title: Journey {j:02}\nstages:\n  - name: All\n    touchpoints:\n");
        for t in 0..50 {
            // One miserable moment, in the last journey: its finding belongs on page 2.
            let emotion = if j == 41 && t == 0 { -3 } else { 1 };
            yaml.push_str(&format!(
                "      - {{name: S{j}-{t}, kind: human, emotion: {emotion}, owner: Service}}\n"
            ));
        }
        yaml.push_str("      - {name: Other desk, kind: human, emotion: 1, owner: Other}\n");
        fs::write(journeys.join(format!("j{j:02}.yaml")), yaml).unwrap();
    }
    let site = build_into_site(dir.path());
    let first = read(dir.path(), "departments/service/index.html");
    let second = read(dir.path(), "departments/service/2/index.html");
    assert!(!site.join("departments/service/3").exists(), "two pages");
    let names = |html: &str| -> Vec<String> {
        html.split(">S")
            .skip(1)
            .filter_map(|rest| rest.split_once("</a></th>").map(|(n, _)| format!("S{n}")))
            .collect()
    };
    let (on_first, on_second) = (names(&first), names(&second));
    assert_eq!((on_first.len(), on_second.len()), (2000, 100));
    assert!(on_first.iter().all(|n| !n.starts_with("S40-")));
    assert!(
        on_second
            .iter()
            .all(|n| n.starts_with("S40-") || n.starts_with("S41-"))
    );
    assert!(
        first.contains("<a href=\"../../departments/service/2/index.html\">2</a>"),
        "{first}"
    );
    assert!(second.contains("<a href=\"../../../departments/service/index.html\">1</a>"));
    assert!(second.contains("<span aria-current=\"page\">2</span>"));
    // Above and below the tables: two landmarks, each with a name of its own.
    let top = "<nav class=\"pagination\" aria-label=\"Pages of this department\">";
    let end =
        "<nav class=\"pagination\" aria-label=\"Pages of this department (end of the page)\">";
    assert_eq!(
        (first.matches(top).count(), first.matches(end).count()),
        (1, 1)
    );
    assert!(
        second.contains("Page 2 of 2: the journeys from “Journey 40” to “Journey 41”"),
        "{second}"
    );
    assert!(second.contains("<title>Service, page 2 of 2"), "{second}");
    let all_journeys = "Counted over all journeys of the department";
    assert!(first.contains(all_journeys) && second.contains(all_journeys));
    let miserable = "“S41-0” is a Miserable Moment";
    assert!(second.contains(miserable) && !first.contains(miserable));
    let other = read(dir.path(), "departments/other/index.html");
    assert!(!other.contains("class=\"pagination\""));
    assert!(!other.contains(all_journeys) && other.contains("<title>Other ·"));
    let index = read(dir.path(), "departments/index.html");
    assert!(
        index.contains(">Service</a> <span class=\"muted page-count\">(2 pages)</span>"),
        "{index}"
    );
    assert!(index.contains(">Other</a></th>"), "{index}");
    assert!(
        !index.contains("scroll-cue"),
        "two columns fit a phone: no cue"
    );
    assert!(!site.join("departments/other/2").exists());
}

/// A department page opens with its figures over all its pages and a list of its sections;
/// the high findings come first and unfolded, the others folded away once there are many,
/// each with its journey; the journeys it owns are listed; and an owner named only as a
/// journey's or a plan's owner gets a page too, without the sections about touchpoints.
#[test]
fn a_department_page_leads_with_its_figures_its_journeys_and_its_high_findings() {
    let dir = tempfile::tempdir().unwrap();
    let journeys = dir.path().join("content/journeys");
    fs::create_dir_all(&journeys).unwrap();
    // 22 miserable moments of Service (high findings each) and two asks for the same number
    // (one low finding): 23 findings, more than are shown unfolded.
    let mut yaml = String::from(
        "title: Moving house\nowner: Energy\nstages:\n  - name: All\n    touchpoints:\n",
    );
    for t in 0..22 {
        yaml.push_str(&format!(
            "      - {{name: S{t}, kind: human, emotion: -3, owner: Service}}\n"
        ));
    }
    for t in 0..2 {
        yaml.push_str(&format!(
            "      - {{name: Ask{t}, kind: human, emotion: 1, owner: Service, asks: [customer-number]}}\n"
        ));
    }
    yaml.push_str(
        "improvements:\n  - title: One form for the move\n    touchpoints: [s0]\n    \
         scores: {distinctive: 3, brand_fit: 3, ease: 3, customer_impact: 3, business_impact: 3}\n    \
         plan: {owner: Board, status: planned}\n",
    );
    fs::write(journeys.join("move.yaml"), yaml).unwrap();
    build_into_site(dir.path());

    let service = read(dir.path(), "departments/service/index.html");
    let facts = between(&service, "<dl class=\"facts\">", "</dl>");
    assert!(
        facts.contains("<dt>Touchpoints it owns</dt><dd>24</dd>"),
        "{facts}"
    );
    assert!(facts.contains("<dd>23 <span class=\"accepted-count\">(22 high)</span></dd>"));
    let contents = between(&service, "<nav class=\"on-page\"", "</nav>");
    for section in [
        "findings", "owned", "behind", "handoffs", "asks", "promises",
    ] {
        assert!(
            contents.contains(&format!("href=\"#{section}\"")),
            "{section}: {contents}"
        );
    }
    assert!(!contents.contains("#journeys"), "Service owns no journey");
    let findings = between(&service, "id=\"findings\"", "id=\"owned\"");
    let groups: Vec<&str> = findings
        .split("<details class=\"finding-group\"")
        .skip(1)
        .collect();
    assert_eq!(groups.len(), 2, "{findings}");
    assert!(groups[0].starts_with(" open>") && groups[0].contains(">High</span> 22<"));
    // 20 of the 22 shown, the other two behind a click.
    let more = groups[0]
        .split("<details class=\"finding-more\"><summary>Show the other 2</summary>")
        .collect::<Vec<_>>();
    assert_eq!(more.len(), 2, "{}", groups[0]);
    assert_eq!(more[0].matches("<li class=\"finding").count(), 20);
    assert_eq!(more[1].matches("<li class=\"finding").count(), 2);
    // A group longer than is shown unfolded says how many of each kind it holds.
    assert!(more[0].contains(
        "<p class=\"finding-kinds\"><span class=\"muted\">By kind:</span> Miserable Moment&nbsp;<strong>22</strong></p>"
    ));
    assert!(
        !groups[1].contains("finding-kinds"),
        "one finding needs no summary"
    );
    assert!(
        groups[1].starts_with('>') && groups[1].contains(">Low</span> 1<"),
        "{}",
        groups[1]
    );
    assert_eq!(
        findings
            .matches("— <a href=\"../../journeys/move/index.html\">Moving house</a>")
            .count(),
        23,
        "each finding names its journey"
    );

    let energy = read(dir.path(), "departments/energy/index.html");
    let owned = between(&energy, "id=\"journeys\"", "</table>");
    assert!(owned.contains(">Moving house</a></th>"), "{owned}");
    // 24 touchpoints, none run by Energy; 24 open findings: Service's 23 and
    // `no-magic-moment`, about the journey as a whole.
    assert!(owned.contains("data-label=\"Touchpoints\" class=\"num\">24</td>"));
    assert!(owned.contains("data-label=\"Run by it\" class=\"num\">0</td>"));
    assert!(owned.contains(
        "data-label=\"Open findings in the journey\" class=\"num\"><a href=\"../../journeys/move/index.html#findings\">24</a></td>"
    ));
    assert!(energy.contains("It owns no touchpoint or blueprint item"));
    for absent in [
        "id=\"owned\"",
        "id=\"findings\"",
        "id=\"handoffs\"",
        "href=\"#owned\"",
    ] {
        assert!(!energy.contains(absent), "{absent}");
    }
    // Board's plan is on Energy's journey and changes none of Energy's touchpoints.
    let plans = between(&energy, "id=\"plans\"", "</section>");
    let on_journeys = between(plans, "Plans of others on the journeys it owns", "</ul>");
    assert!(on_journeys.contains("One form for the move"), "{plans}");
    let board = read(dir.path(), "departments/board/index.html");
    assert!(board.contains("One form for the move"), "the plan it owns");
    assert!(!board.contains("id=\"journeys\""), "Board owns no journey");

    let journey = read(dir.path(), "journeys/move/index.html");
    assert!(journey.contains("<a href=\"../../departments/energy/index.html\">Energy</a>"));
    let index = read(dir.path(), "departments/index.html");
    for name in ["Board", "Energy", "Service"] {
        assert!(
            index.contains(&format!(">{name}</a></th>")),
            "{name}: {index}"
        );
    }
    let energy_row = between(&index, ">Energy</a></th>", "</tr>");
    assert!(
        energy_row.contains(
            "<td data-label=\"Journeys owned\" class=\"num\"><a href=\"../departments/energy/index.html#journeys\">1</a></td>"
        ),
        "{energy_row}"
    );
}
