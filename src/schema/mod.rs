//! JSON Schemas of the YAML files, generated from Rust types with schemars, for editors with
//! the YAML language server: they complete and check keys as the author types.

pub mod input;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

/// The file names under which `init` writes the schemas, and what each describes.
pub const FILES: [(&str, &str); 4] = [
    (
        "journey.schema.json",
        "journey files (content/journeys/*.yaml)",
    ),
    ("site.schema.json", "content/site.yaml"),
    ("promises.schema.json", "content/promises.yaml"),
    ("personas.schema.json", "content/personas.yaml"),
];

fn generate<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The schema of a journey file.
pub fn journey() -> Schema {
    generate::<input::JourneyFile>()
}

/// The schema of `site.yaml`.
pub fn site() -> Schema {
    generate::<input::SiteFile>()
}

/// The schema of `promises.yaml`.
pub fn promises() -> Schema {
    generate::<input::PromisesFile>()
}

/// The schema of `personas.yaml`.
pub fn personas() -> Schema {
    generate::<input::PersonasFile>()
}

/// A schema by its file name in [`FILES`].
pub fn by_file(name: &str) -> Option<Schema> {
    match name {
        "journey.schema.json" => Some(journey()),
        "site.schema.json" => Some(site()),
        "promises.schema.json" => Some(promises()),
        "personas.schema.json" => Some(personas()),
        _ => None,
    }
}

/// A schema as pretty JSON with a final newline.
pub fn to_json(schema: &Schema) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_schemas_have_accept_owners_and_report() {
        let journey = serde_json::to_value(super::journey()).unwrap();
        let accept = &journey["properties"]["accept"];
        assert!(accept.is_object(), "{journey}");
        let codes = &journey["definitions"]["FindingCode"]["enum"];
        assert_eq!(codes.as_array().map(Vec::len), Some(20), "{journey}");
        let site = serde_json::to_value(super::site()).unwrap();
        for key in ["owners", "report"] {
            assert!(site["properties"][key].is_object(), "{key}: {site}");
        }
    }
}
