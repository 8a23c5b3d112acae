//! Numbers as a reader of each language expects them: `62.5%` in English, `62,5%` in Dutch.

use super::Labels;
use crate::model::Language;

impl Labels {
    /// A number with one decimal, e.g. `-0.5` (`-0,5` in Dutch).
    pub fn decimal(&self, value: f64) -> String {
        self.localise(format!("{:.1}", round1(value)))
    }

    /// A signed number with one decimal, e.g. `+0.5`.
    pub fn signed(&self, value: f64) -> String {
        let value = round1(value);
        let text = if value > 0.0 {
            format!("+{value:.1}")
        } else {
            format!("{value:.1}")
        };
        self.localise(text)
    }

    /// A percentage with one decimal where it has one (`62.5%`, `100%`), or n/a for none.
    pub fn percent(&self, value: Option<f64>) -> String {
        let Some(value) = value else {
            return self.get("term.not_applicable").to_string();
        };
        let rounded = round1(value);
        let text = if rounded.fract() == 0.0 {
            format!("{rounded:.0}%")
        } else {
            format!("{rounded:.1}%")
        };
        self.localise(text)
    }

    /// An emotion or target as written, e.g. `-1.5` (`-1,5` in Dutch), never rounded.
    pub fn emotion(&self, value: crate::model::Emotion) -> String {
        self.localise(value.to_string())
    }

    /// A number written in English (`-1.5`) as a reader of this language expects it.
    pub fn localise(&self, text: String) -> String {
        match self.language() {
            Language::En => text,
            Language::Nl => text.replace('.', ","),
        }
    }
}

/// Rounds half away from zero to one decimal, so 62.25 shows as 62.3 and -0.05 as -0.1.
/// A value rounded to one decimal as the pages write it, never `-0.0`.
pub fn round1(value: f64) -> f64 {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_dutch_numbers() {
        let en = Labels::new(Language::En);
        let nl = Labels::new(Language::Nl);
        assert_eq!(en.percent(Some(62.5)), "62.5%");
        assert_eq!(nl.percent(Some(62.5)), "62,5%");
        assert_eq!(en.percent(Some(100.0)), "100%");
        assert_eq!(en.percent(Some(200.0 / 3.0)), "66.7%");
        assert_eq!(en.percent(None), "n/a");
        assert_eq!(en.signed(0.5), "+0.5");
        assert_eq!(en.signed(-0.04), "0.0");
        assert_eq!(nl.signed(-0.5), "-0,5");
        assert_eq!(en.decimal(4.25), "4.3");
        let e = crate::model::Emotion::from_hundredths(-150);
        assert_eq!(
            (en.emotion(e), nl.emotion(e)),
            ("-1.5".into(), "-1,5".into())
        );
    }
}
