//! The table of journeys: a project of more than 12 journeys gets one on its home page instead
//! of cards, a department that owns more than 12 gets order and filter controls on its own,
//! and a filter on its touchpoints and lane items past 12. Figures counted by hand from
//! tests/fixtures/many-journeys (emotions in each file).

mod common;
use common::{build_into_site, copy_to_temp, fixture, journeymap};
use std::fs;
use std::path::Path;

fn read(site: &Path, file: &str) -> String {
    fs::read_to_string(site.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The row of the table of journeys, from its `<tr ...>` tag, of the journey `id`.
fn row<'h>(html: &'h str, id: &str) -> &'h str {
    let table = html
        .find("class=\"journey-table")
        .expect("a table of journeys");
    let html = &html[table..];
    let link = format!("journeys/{id}/index.html\"");
    let at = html
        .find(&link)
        .unwrap_or_else(|| panic!("no row for {id}"));
    let start = html[..at].rfind("<tr ").expect("the row's start");
    let end = at + html[at..].find("</tr>").expect("the row's end");
    &html[start..end]
}

/// The open and the high open findings of a journey, as `model.json` has them.
fn findings(site: &Path, id: &str) -> (usize, usize) {
    let model: serde_json::Value = serde_json::from_str(&read(site, "model.json")).unwrap();
    let journey = model["analysis"]["journeys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["id"] == id)
        .unwrap();
    let open: Vec<_> = journey["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["accepted"].is_null())
        .collect();
    let high = open.iter().filter(|f| f["severity"] == "high").count();
    (open.len(), high)
}

#[test]
fn a_project_of_many_journeys_lists_them_in_one_table_with_figures_to_sort_by() {
    let dir = copy_to_temp(&fixture("many-journeys"));
    let site = build_into_site(dir.path());
    let home = read(&site, "index.html");
    assert!(!home.contains("class=\"cards\""), "no cards");
    assert!(
        !home.contains("sparkline"),
        "no sparklines drawn for a table"
    );
    assert_eq!(
        home.matches("<tr data-miserable=").count(),
        14,
        "a row per journey"
    );
    assert!(home.contains("14 journeys, each with its headline figures."));
    // The controls are there, hidden until the script shows them, and the script is written.
    assert!(home.contains(
        "<div class=\"table-tools\" data-table=\"journey-table\" data-columns=\"0 1\" data-status=\"{shown} of {total} journeys shown\" data-none=\"No journey holds all of these words.\" hidden>"
    ));
    assert!(home.contains("<table id=\"journey-table\""));
    assert!(home.contains("<script src=\"theme/tables.js\" defer></script>"));
    assert!(read(&site, "theme/tables.js").contains(".table-tools[data-table]"));
    for value in [
        "findings:desc",
        "high:desc",
        "remembered:asc",
        "miserable:desc",
        "consistency:asc",
        "title:asc",
    ] {
        assert!(
            home.contains(&format!("<option value=\"{value}\">")),
            "{value}"
        );
    }

    // A power outage: -3, -2, -3; its promise broken; owned by Networks.
    let outage = row(&home, "outage");
    assert!(
        outage
            .contains("<tr data-miserable=\"2\" data-remembered=\"-3.0\" data-consistency=\"0.0\"")
    );
    assert!(outage.contains("<span class=\"persona\">Zoë, retired teacher</span>"));
    assert!(outage.contains("<a href=\"departments/networks/index.html\">Networks</a>"));
    let (open, high) = findings(&site, "outage");
    assert!(outage.contains(&format!("data-high=\"{high}\" data-findings=\"{open}\"")));
    assert!(outage.contains(&format!(
        "<a href=\"journeys/outage/index.html#findings\">{open}</a>"
    )));
    assert!(high >= 2, "two Miserable Moments are high findings");

    // Asking for a payment plan: 2, 3, 3; its promise kept.
    let plan = row(&home, "payment-plan");
    assert!(
        plan.contains(
            "<tr data-miserable=\"0\" data-remembered=\"3.0\" data-consistency=\"100.0\""
        )
    );
    assert!(plan.contains("<td data-label=\"Magic Moments\" class=\"num\">2</td>"));
    assert!(plan.contains("<td data-label=\"Consistency index\" class=\"num\">100%</td>"));

    // Écoute, a heat pump: 2, -3, 1 (remembered: the -3 and the end, 1); no promise, no owner.
    let heat = row(&home, "heat-pump");
    assert!(heat.contains("<tr data-miserable=\"1\" data-remembered=\"-1.0\" data-high="));
    assert!(
        !heat.contains("data-consistency"),
        "no index to sort by: {heat}"
    );
    assert!(heat.contains("<td data-label=\"Consistency index\" class=\"num\">n/a</td>"));
    assert!(heat.contains("<td data-label=\"Owner\"></td>"));

    // In Dutch the page writes a decimal comma; the row sorts by the number with a point.
    let site_yaml = dir.path().join("content/site.yaml");
    let settings = read(dir.path(), "content/site.yaml");
    fs::write(&site_yaml, format!("{settings}language: nl\n")).unwrap();
    let dutch = dir.path().join("dutch");
    let output = journeymap(dir.path(), &["build", "--out", dutch.to_str().unwrap()]);
    assert!(output.status.success());
    let home = read(&dutch, "index.html");
    let bill = row(&home, "first-bill");
    assert!(bill.contains("data-remembered=\"-2.5\""), "{bill}");
    assert!(bill.contains("<td data-label=\"Score in de herinnering\" class=\"num\">-2,5</td>"));
    assert!(home.contains("14 klantreizen, elk met de belangrijkste cijfers."));
}

#[test]
fn twelve_journeys_are_still_cards_and_a_department_of_many_gets_the_controls() {
    let dir = copy_to_temp(&fixture("many-journeys"));
    let journeys = dir.path().join("content/journeys");
    fs::remove_file(journeys.join("heat-pump.yaml")).unwrap();
    fs::remove_file(journeys.join("leaving.yaml")).unwrap();
    let site = build_into_site(dir.path());
    let home = read(&site, "index.html");
    assert_eq!(home.matches("<li class=\"card\">").count(), 12);
    assert_eq!(home.matches("<div class=\"sparkline\"><svg").count(), 12);
    assert!(!home.contains("tables.js"), "no script for cards");
    // Networks owns 3 journeys: their table, without controls, says what it runs itself.
    let networks = read(&site, "departments/networks/index.html");
    assert_eq!(networks.matches("<tr data-miserable=").count(), 3);
    assert!(networks.contains("<th scope=\"col\" class=\"num\" data-key=\"own\">Run by it</th>"));
    // Its figures are the whole journey's, and its findings columns say so.
    assert!(networks.contains(">High findings in the journey</th>"));
    assert!(networks.contains(">Open findings in the journey</th>"));
    assert!(!networks.contains("table-tools"));
    assert!(
        !networks.contains("<th scope=\"col\">Owner</th>"),
        "its own journeys"
    );

    // Thirteen journeys owned by one department: a table with controls on both pages.
    for n in 0..13 {
        fs::write(
            journeys.join(format!("b{n:02}.yaml")),
            format!(
                "title: Bill {n}\nowner: Billing\nstages:\n  - name: Only\n    touchpoints:\n      \
                 - {{name: Gets it, kind: functional, emotion: 1, owner: Billing, \
                 backstage: [{{text: Prints the bill, owner: Billing}}]}}\n"
            ),
        )
        .unwrap();
    }
    let site = build_into_site(dir.path());
    let billing = read(&site, "departments/billing/index.html");
    // The fixture's three Billing journeys and the thirteen new ones.
    assert_eq!(billing.matches("<tr data-miserable=").count(), 16);
    assert!(billing.contains("data-table=\"owned-journeys\""));
    assert!(billing.contains("placeholder=\"Title or persona\""));
    assert!(billing.contains("<option value=\"own:desc\">"));
    // Its 13 touchpoints get a filter on journey, stage, touchpoint, impression and moment.
    assert!(billing.contains(
        "<div class=\"table-tools\" data-table=\"owned-touchpoints\" data-columns=\"0 1 2 4 5\" data-status=\"{shown} of {total} touchpoints shown\""
    ));
    assert!(billing.contains("<table id=\"owned-touchpoints\" class=\"stacked\">"));
    // And its 13 back-stage items one over touchpoint, lane, item, system and fail point.
    assert!(billing.contains(
        "<div class=\"table-tools\" data-table=\"owned-items\" data-columns=\"0 1 2 3 5\" data-status=\"{shown} of {total} rows shown\""
    ));
    assert!(billing.contains("<table id=\"owned-items\" class=\"stacked\">"));
    assert_eq!(
        billing
            .matches("<script src=\"../../theme/tables.js\" defer></script>")
            .count(),
        3,
        "once per table with controls; the script sets each up once"
    );
    assert!(billing.contains("<script src=\"../../theme/tables.js\" defer></script>"));
    let bill = row(&billing, "b00").replace("../../", "");
    assert!(
        bill.contains("<td data-label=\"Run by it\" class=\"num\">1</td>"),
        "{bill}"
    );
    assert!(bill.contains("data-own=\"1\">"), "{bill}");
    assert!(read(&site, "index.html").contains("id=\"journey-table\""));
}

#[test]
fn a_theme_with_its_own_home_page_gets_the_cards_at_any_scale() {
    let dir = copy_to_temp(&fixture("many-journeys"));
    let templates = dir.path().join("themes/mine/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("index.html"),
        "{% extends \"base.html\" %}{% block content %}{% for j in journeys %}\
         <p class=\"mine\">{{ j.title }} {{ j.sparkline | safe }}</p>{% endfor %}\
         {% if journey_table %}<p class=\"table-too\"></p>{% endif %}{% endblock content %}",
    )
    .unwrap();
    let settings = read(dir.path(), "content/site.yaml");
    fs::write(
        dir.path().join("content/site.yaml"),
        format!("{settings}theme: mine\n"),
    )
    .unwrap();
    let site = build_into_site(dir.path());
    let home = read(&site, "index.html");
    assert_eq!(home.matches("<p class=\"mine\">").count(), 14, "{home}");
    assert_eq!(
        home.matches("<svg").count(),
        14,
        "each card with its sparkline"
    );
    assert!(home.contains("<p class=\"table-too\">"), "and the table");
}
