//! The data every template gets: site settings, labels, the link prefix and the section.

use super::markdown;
use crate::labels::Labels;
use crate::model::{Enumerated, Site};
use serde_json::{Value, json};

/// Puts what is the same on every page (site settings, labels, language, the courses in the
/// navigation) into the templates' global context, once per build.
pub fn set_global(tera: &mut tera::Tera, site: &Site, labels: &Labels, courses: &[Value]) {
    let description_html = site
        .description
        .as_deref()
        .map(|d| markdown::inline_html(d, labels));
    let global = tera.global_context();
    global.insert(
        "site",
        &json!({
            "title": site.title,
            "description_html": description_html,
            "logo": site.brand.logo.as_deref().map(crate::address::link),
            "primary_color": site.brand.primary_color,
            "search": site.search,
            "courses": courses,
        }),
    );
    global.insert("labels", &labels.entries());
    global.insert("lang", site.language.as_str());
}

/// A template context for the page written to `file`, with the page's own data added.
pub fn context(file: &str, section: &str, page_title: &str, own: Value) -> tera::Context {
    let mut context = tera::Context::new();
    context.insert("root", &super::links::root_of(file));
    context.insert("section", section);
    context.insert("page_title", page_title);
    context.insert("course", &Value::Null);
    context.insert("promise_anchors", &false);
    if let Value::Object(map) = own {
        for (key, value) in map {
            context.insert(key, &value);
        }
    }
    context
}
