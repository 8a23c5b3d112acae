//! `init`, `new` and `schema`: a new project checks clean and builds, skeletons check clean,
//! nothing is overwritten, and the JSON Schema agrees with the loader.

mod common;
use common::{fixture, journeymap, repository};
use std::fs;
use std::path::Path;

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = journeymap(dir, args);
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn init_makes_a_project_that_checks_clean_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let (status, stdout, stderr) = run(dir.path(), &["init", "client"]);
    assert_eq!(status, 0, "{stdout}{stderr}");
    let project = dir.path().join("client");
    for file in [
        "content/site.yaml",
        "content/promises.yaml",
        "content/journeys/first-journey.yaml",
        "content/notes/first-journey.md",
        "content/measurements/first-survey.yaml",
        "schemas/journey.schema.json",
        "schemas/site.schema.json",
        "schemas/promises.schema.json",
    ] {
        assert!(project.join(file).is_file(), "{file}");
    }
    let journey = fs::read_to_string(project.join("content/journeys/first-journey.yaml")).unwrap();
    assert!(
        journey.starts_with("# yaml-language-server: $schema=../../schemas/journey.schema.json")
    );
    for kind in [
        "kind: human",
        "kind: functional",
        "kind: mechanical",
        "moment: truth",
        "promises:",
        "delivers:",
        "evidence:",
        "frontstage:",
        "backstage:",
        "support:",
    ] {
        assert!(journey.contains(kind), "{kind}");
    }
    let site = fs::read_to_string(project.join("content/site.yaml")).unwrap();
    assert!(site.starts_with("# yaml-language-server: $schema=../schemas/site.schema.json"));
    let (status, stdout, _) = run(&project, &["check", "--format", "json"]);
    assert_eq!(status, 0);
    assert!(!stdout.contains("\"severity\":\"error\""), "{stdout}");
    let (status, stdout, stderr) = run(&project, &["build"]);
    assert_eq!(status, 0, "{stdout}{stderr}");
    assert!(
        project
            .join("output/journeys/first-journey/index.html")
            .is_file()
    );
    assert!(
        project
            .join("output/notes/first-journey/index.html")
            .is_file()
    );
    for shown in [
        "output/journeys/first-journey/blueprint.svg",
        "output/departments/index.html",
        "output/departments/billing/index.html",
        "output/personas/small-business/index.html",
    ] {
        assert!(project.join(shown).is_file(), "{shown}");
    }
}

#[test]
fn init_refuses_an_existing_project() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content")).unwrap();
    fs::write(dir.path().join("content/site.yaml"), "title: Mine\n").unwrap();
    let (status, _, stderr) = run(dir.path(), &["init", "."]);
    assert_eq!(status, 1);
    assert!(stderr.contains("already has a content/ folder"), "{stderr}");
    assert_eq!(
        fs::read_to_string(dir.path().join("content/site.yaml")).unwrap(),
        "title: Mine\n"
    );
    assert!(!dir.path().join("schemas").exists(), "nothing was written");
}

#[test]
fn new_journey_and_page_check_clean_and_never_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run(dir.path(), &["init", "p"]).0, 0);
    let project = dir.path().join("p");
    let (status, stdout, _) = run(
        &project,
        &["new", "journey", "Oriëntatie: \"een\" nieuwe klant"],
    );
    assert_eq!(status, 0);
    assert!(
        stdout.contains("content/journeys/orientatie-een-nieuwe-klant.yaml"),
        "{stdout}"
    );
    let (status, stdout, _) = run(&project, &["new", "page", "course/lesson-1"]);
    assert_eq!(status, 0);
    assert!(stdout.contains("content/course/lesson-1.md"));
    let (status, stdout, _) = run(&project, &["check", "--format", "json"]);
    assert_eq!(status, 0, "{stdout}");
    assert!(!stdout.contains("\"severity\":\"error\""), "{stdout}");
    let before = fs::read(project.join("content/course/lesson-1.md")).unwrap();
    let (status, _, stderr) = run(&project, &["new", "page", "course/lesson-1.md"]);
    assert_eq!(status, 1);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(
        fs::read(project.join("content/course/lesson-1.md")).unwrap(),
        before
    );
    let (status, _, stderr) = run(&project, &["new", "page", "../escape"]);
    assert_eq!(status, 2, "{stderr}");
    assert!(!project.join("escape.md").exists());
    let (status, _, _) = run(dir.path(), &["new", "journey", "Outside a project"]);
    assert_eq!(status, 2);
}

#[test]
fn schema_prints_draft_7_json_schemas() {
    for which in ["journey", "site", "promises"] {
        let (status, stdout, _) = run(&repository(), &["schema", which]);
        assert_eq!(status, 0);
        let schema: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        assert!(jsonschema::draft7::new(&schema).is_ok(), "{which} compiles");
    }
    let (_, stdout, _) = run(&repository(), &["schema"]);
    let schema: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(schema["title"], "journeymap journey");
    assert_eq!(
        schema["additionalProperties"], false,
        "unknown keys are refused"
    );
}

/// Error codes the schema can express: keys, types, required keys, enums, ids, lists that
/// must not be empty, and fixed ranges (not the emotion scale, which site.yaml sets).
fn schema_level(code: &str, message: &str) -> bool {
    match code {
        "unknown-key" | "wrong-type" | "missing-key" | "invalid-value" | "invalid-id"
        | "empty-list" => true,
        "out-of-range" => {
            !message.starts_with("`emotion`")
                && !message.starts_with("`target`")
                && !message.starts_with("every criterion")
        }
        _ => false,
    }
}

/// Every YAML file of a project's content/, parsed as JSON (None if it does not parse).
fn yaml_files(root: &Path) -> Vec<(String, Option<serde_json::Value>)> {
    let mut files = Vec::new();
    let mut stack = vec![root.join("content")];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                let relative = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let value = fs::read_to_string(&path)
                    .ok()
                    .and_then(|text| serde_saphyr::from_str::<serde_json::Value>(&text).ok());
                files.push((relative, value));
            }
        }
    }
    files
}

#[test]
fn the_schema_and_the_loader_agree_on_every_fixture() {
    let journey = serde_json::to_value(journeymap::schema::journey()).unwrap();
    let site = serde_json::to_value(journeymap::schema::site()).unwrap();
    let promises = serde_json::to_value(journeymap::schema::promises()).unwrap();
    let validators = [
        jsonschema::draft7::new(&journey).unwrap(),
        jsonschema::draft7::new(&site).unwrap(),
        jsonschema::draft7::new(&promises).unwrap(),
    ];
    let mut roots = vec![repository()];
    for entry in fs::read_dir(fixture("")).unwrap() {
        roots.push(entry.unwrap().path());
    }
    let mut compared = 0;
    for root in roots {
        let loaded = journeymap::load::load_project(&root);
        let diagnostics = loaded.diagnostics.sorted();
        for (file, value) in yaml_files(&root) {
            let Some(value) = value else { continue };
            let validator = if file.ends_with("content/site.yaml") {
                &validators[1]
            } else if file.ends_with("content/promises.yaml") {
                &validators[2]
            } else if file.contains("content/journeys/") {
                &validators[0]
            } else {
                continue;
            };
            // A file name that is not a valid id is reported at 1:1 of the file, but it is
            // not about the file's content, which is all the schema sees.
            let about_content = |d: &&journeymap::diagnostics::Diagnostic| {
                *d.location.file == *file
                    && d.location.position.is_some()
                    && !d.message.english().starts_with("the file name")
            };
            let loader_ok = !diagnostics
                .iter()
                .filter(about_content)
                .any(|d| schema_level(d.code.as_str(), &d.message.english()));
            let schema_ok = validator.is_valid(&value);
            assert_eq!(
                schema_ok,
                loader_ok,
                "{} / {file}: schema says {schema_ok}, loader says {loader_ok}: {:#?}",
                root.display(),
                diagnostics.iter().filter(about_content).collect::<Vec<_>>()
            );
            compared += 1;
        }
    }
    assert!(compared >= 30, "only {compared} files compared");
}
