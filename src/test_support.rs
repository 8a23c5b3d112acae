//! Helpers for unit tests: small projects written to a temporary folder and loaded through
//! the real loader, so tests see exactly the model users get.

use crate::load::load_project;
use crate::model::Project;

/// Loads a project made of `site.yaml`, `promises.yaml` and journey files (id, YAML).
pub fn project(site: &str, promises: &str, journeys: &[(&str, &str)]) -> Project {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("journeys")).expect("content/journeys");
    std::fs::write(content.join("site.yaml"), site).expect("site.yaml");
    std::fs::write(content.join("promises.yaml"), promises).expect("promises.yaml");
    for (id, yaml) in journeys {
        std::fs::write(content.join(format!("journeys/{id}.yaml")), yaml).expect("a journey");
    }
    let loaded = load_project(dir.path());
    loaded
        .project
        .unwrap_or_else(|| panic!("test project invalid: {:#?}", loaded.diagnostics.sorted()))
}

/// A journey of one stage whose touchpoints are YAML flow mappings.
pub fn journey(touchpoints: &[&str]) -> String {
    let mut yaml = String::from("title: Test\nstages:\n  - name: Only\n    touchpoints:\n");
    for t in touchpoints {
        yaml.push_str(&format!("      - {t}\n"));
    }
    yaml
}
