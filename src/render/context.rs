//! The data every template gets: site settings, labels, the link prefix and the section.

use super::markdown;
use crate::labels::Labels;
use crate::model::Site;
use serde_json::{Value, json};

/// What is the same on every page.
pub struct Common {
    site: Value,
    labels: Value,
    lang: &'static str,
}

impl Common {
    /// The common data of a site.
    pub fn new(site: &Site, labels: &Labels) -> Self {
        let description_html = site
            .description
            .as_deref()
            .map(|d| markdown::inline_html(d, labels));
        Common {
            site: json!({
                "title": site.title,
                "description_html": description_html,
                "logo": site.brand.logo,
                "primary_color": site.brand.primary_color,
            }),
            labels: json!(labels.entries()),
            lang: match site.language {
                crate::model::Language::En => "en",
                crate::model::Language::Nl => "nl",
            },
        }
    }

    /// A template context for the page written to `file`, with the page's own data added.
    pub fn context(
        &self,
        file: &str,
        section: &str,
        page_title: &str,
        own: Value,
    ) -> tera::Context {
        let mut context = tera::Context::new();
        context.insert("site", &self.site);
        context.insert("labels", &self.labels);
        context.insert("lang", self.lang);
        context.insert("root", &super::links::root_of(file));
        context.insert("section", section);
        context.insert("page_title", page_title);
        if let Value::Object(map) = own {
            for (key, value) in map {
                context.insert(key, &value);
            }
        }
        context
    }
}
