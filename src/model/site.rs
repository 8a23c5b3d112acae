//! Site settings from `content/site.yaml`, with the defaults of the content format.

use super::enumerated::enumerated;
use serde::Serialize;
use std::collections::BTreeMap;

enumerated! {
    /// The language of every label the tool itself writes.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
    pub enum Language {
        /// English.
        #[default]
        En = "en",
        /// Dutch.
        Nl = "nl",
    }
}

/// The emotion scale and its zones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scale {
    /// Lowest emotion score.
    pub min: i32,
    /// Highest emotion score.
    pub max: i32,
    /// Zone of indifference, inclusive: neither good nor bad.
    pub indifference: [i32; 2],
    /// Emotion at or above this is a Magic Moment.
    pub magic: i32,
    /// Emotion at or below this is a Miserable Moment.
    pub miserable: i32,
}

impl Default for Scale {
    fn default() -> Self {
        Scale {
            min: -3,
            max: 3,
            indifference: [-1, 1],
            magic: 3,
            miserable: -3,
        }
    }
}

impl Scale {
    /// True when `value` lies on the scale.
    pub fn contains(&self, value: i32) -> bool {
        (self.min..=self.max).contains(&value)
    }

    /// An emotion as a score from 1 to 5 (Mermaid's journey diagram): mapped linearly from
    /// the scale and rounded, halves up.
    pub fn to_five_point(&self, emotion: impl Into<super::Emotion>) -> u8 {
        let span = 100 * (i64::from(self.max) - i64::from(self.min));
        if span <= 0 {
            return 3;
        }
        let hundredths = i64::from(emotion.into().hundredths());
        let offset = (hundredths - 100 * i64::from(self.min)).clamp(0, span);
        let quarters = (8 * offset + span) / (2 * span);
        u8::try_from(1 + quarters).unwrap_or(5)
    }

    /// A score from 1 to 5 as an emotion on the scale: the inverse of
    /// [`Scale::to_five_point`], rounded half away from zero.
    pub fn from_five_point(&self, score: f64) -> i32 {
        let span = f64::from(self.max) - f64::from(self.min);
        let emotion = f64::from(self.min) + (score.clamp(1.0, 5.0) - 1.0) * span / 4.0;
        // Inside the scale, so the cast cannot overflow.
        (emotion.round() as i32).clamp(self.min, self.max)
    }
}

/// One criterion on which improvement options are scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criterion {
    /// Stable id, e.g. `customer_impact`.
    pub id: String,
    /// Label from site.yaml; `None` for a built-in criterion whose label is translated.
    pub label: Option<String>,
    /// Weight in the weighted mean (non-negative).
    pub weight: f64,
}

impl Criterion {
    /// Ids of the five built-in criteria, in their default order.
    pub const DEFAULT_IDS: [&'static str; 5] = [
        "distinctive",
        "brand_fit",
        "ease",
        "customer_impact",
        "business_impact",
    ];

    /// The five built-in criteria, weight 1 each.
    pub fn defaults() -> Vec<Criterion> {
        Self::DEFAULT_IDS
            .iter()
            .map(|id| Criterion {
                id: (*id).to_string(),
                label: None,
                weight: 1.0,
            })
            .collect()
    }
}

/// Thresholds of the findings that site.yaml can tune.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingSettings {
    /// More handoffs in a row than this, anywhere in a journey, is a `handoff-chain`
    /// finding.
    pub max_handoffs_in_a_row: u32,
}

impl Default for FindingSettings {
    fn default() -> Self {
        FindingSettings {
            max_handoffs_in_a_row: 1,
        }
    }
}

/// Brand colour and logo.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Brand {
    /// Accent colour as a CSS colour; `None` keeps the theme's.
    pub primary_color: Option<String>,
    /// Path of the logo under `content/`.
    pub logo: Option<String>,
}

/// Settings of the output folder.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct OutputSettings {
    /// Globs (relative to the output folder) of files of the user's that builds never remove,
    /// besides dotfiles and dot-folders; each one is a valid glob.
    pub keep: Vec<String>,
}

/// What the cover of the printable report says.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ReportSettings {
    /// The client the report is for.
    pub client: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// Its date, an ISO date (`2026-11-30`).
    pub date: Option<String>,
}

/// Site settings; every key has a default.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Site {
    /// Site title.
    pub title: String,
    /// Language of the tool's own labels.
    pub language: Language,
    /// Markdown shown on the home page and at the top of the report's summary.
    pub description: Option<String>,
    /// Emotion scale.
    pub scale: Scale,
    /// Criteria for improvement options.
    pub criteria: Vec<Criterion>,
    /// Finding thresholds.
    pub findings: FindingSettings,
    /// Brand colour and logo.
    pub brand: Brand,
    /// Theme folder under `themes/`.
    pub theme: String,
    /// Settings of the output folder.
    pub output: OutputSettings,
    /// Display names of owners, by the owner as journeys write it (`customer-service`).
    pub owners: BTreeMap<String, String>,
    /// The cover of the printable report.
    pub report: ReportSettings,
    /// Whether the site has a search box and index.
    pub search: bool,
    /// Settings of measured values.
    pub measurements: MeasurementSettings,
}

/// `measurements:` in site.yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MeasurementSettings {
    /// The fewest answers a value needs to be shown as sound; below it, greyed and marked.
    pub min_n: u32,
}

impl Default for MeasurementSettings {
    fn default() -> Self {
        MeasurementSettings { min_n: 30 }
    }
}

impl Site {
    /// The name to show for an owner: its display name from `owners`, or the owner as
    /// written.
    pub fn owner_name<'a>(&'a self, owner: &'a str) -> &'a str {
        self.owners.get(owner).map_or(owner, String::as_str)
    }
}

impl Default for Site {
    fn default() -> Self {
        Site {
            title: "Customer journeys".to_string(),
            language: Language::En,
            description: None,
            scale: Scale::default(),
            criteria: Criterion::defaults(),
            findings: FindingSettings::default(),
            brand: Brand::default(),
            theme: "default".to_string(),
            output: OutputSettings::default(),
            owners: BTreeMap::new(),
            report: ReportSettings::default(),
            search: true,
            measurements: MeasurementSettings::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Scale;

    #[test]
    fn emotions_map_onto_five_points_and_back() {
        let scale = Scale::default();
        let scores: Vec<u8> = (-3..=3).map(|e| scale.to_five_point(e)).collect();
        assert_eq!(scores, [1, 2, 2, 3, 4, 4, 5]);
        let back: Vec<i32> = (1..=5)
            .map(|s| scale.from_five_point(f64::from(s)))
            .collect();
        assert_eq!(back, [-3, -2, 0, 2, 3]);
        let wide = Scale {
            min: 0,
            max: 8,
            ..Scale::default()
        };
        assert_eq!(wide.to_five_point(1), 2, "a half rounds up");
        assert_eq!(wide.from_five_point(2.5), 3);
        assert_eq!(scale.from_five_point(9.0), 3, "a score past 5 is clamped");
    }
}
