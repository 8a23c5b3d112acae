//! Labels fitted into a box: wrapped at spaces and after hyphens, never inside a word, then
//! set smaller, and only then shortened with an ellipsis (the full text then goes in a
//! tooltip, and the page's tables show it).

use super::canvas::{char_units, text_width};

/// Rounding room when comparing widths summed in different orders.
const SLACK: f64 = 1e-6;

/// A label fitted into a box.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// The lines, top to bottom.
    pub lines: Vec<String>,
    /// The font size in pixels.
    pub font: f64,
    /// Whether the text was shortened (then the full text belongs in a `<title>`).
    pub abbreviated: bool,
}

impl Fitted {
    /// The widest line in pixels.
    pub fn width(&self) -> f64 {
        self.lines
            .iter()
            .map(|l| text_width(l, self.font))
            .fold(0.0, f64::max)
    }
}

/// The height of a line of text at a font size, in pixels.
pub fn line_height(font_px: f64) -> i32 {
    (font_px + 2.0).round() as i32
}

/// The pieces of a word that a line may end after: the word split after each hyphen that
/// has a character on both sides.
fn pieces(word: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut out = Vec::new();
    for (i, c) in word.char_indices() {
        let end = i + c.len_utf8();
        if c == '-' && i > start && end < word.len() {
            out.push(&word[start..end]);
            start = end;
        }
    }
    out.push(&word[start..]);
    out.into_iter()
}

/// Wraps text into lines no wider than `max_px` where it can, breaking only at spaces and
/// after hyphens: a piece wider than the box gets a line of its own and stays whole.
pub fn wrap(text: &str, font_px: f64, max_px: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut units = 0.0;
    for word in text.split_whitespace() {
        for (k, piece) in pieces(word).enumerate() {
            let piece_units: f64 = piece.chars().map(char_units).sum();
            let space = if line.is_empty() || k > 0 {
                0.0
            } else {
                char_units(' ')
            };
            if line.is_empty() || (units + space + piece_units) * font_px <= max_px + SLACK {
                if space > 0.0 {
                    line.push(' ');
                }
                units += space + piece_units;
            } else {
                lines.push(std::mem::take(&mut line));
                units = piece_units;
            }
            line.push_str(piece);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Whether wrapped lines fit a box of `max_px` by `max_lines`.
fn fits(lines: &[String], font_px: f64, max_px: f64, max_lines: usize) -> bool {
    lines.len() <= max_lines
        && lines
            .iter()
            .all(|l| text_width(l, font_px) <= max_px + SLACK)
}

/// Fits a text into at most `max_lines` lines of `max_px`: wrapped at the first of `fonts`
/// (largest first) where it fits, else shortened with an ellipsis at the last.
pub fn fit(text: &str, fonts: &[f64], max_px: f64, max_lines: usize) -> Fitted {
    for &font in fonts {
        let lines = wrap(text, font, max_px);
        if fits(&lines, font, max_px, max_lines) {
            return Fitted {
                lines,
                font,
                abbreviated: false,
            };
        }
    }
    let font = fonts.last().copied().unwrap_or(11.0);
    Fitted {
        lines: abbreviate(text, font, max_px, max_lines.max(1)),
        font,
        abbreviated: true,
    }
}

/// Fits every text at one font, the largest of `fonts` where all fit unshortened; `None`
/// when no font fits them all.
pub fn fit_all<'a>(
    texts: impl Iterator<Item = &'a str> + Clone,
    fonts: &[f64],
    max_px: f64,
    max_lines: usize,
) -> Option<Vec<Fitted>> {
    fonts.iter().find_map(|&font| {
        texts
            .clone()
            .map(|t| {
                let lines = wrap(t, font, max_px);
                fits(&lines, font, max_px, max_lines).then_some(Fitted {
                    lines,
                    font,
                    abbreviated: false,
                })
            })
            .collect()
    })
}

/// The start of a text in at most `max_lines` lines of `max_px`, the last ending in "…".
fn abbreviate(text: &str, font_px: f64, max_px: f64, max_lines: usize) -> Vec<String> {
    let mut lines = wrap(text, font_px, max_px);
    lines.truncate(max_lines);
    if let Some(k) = lines
        .iter()
        .position(|l| text_width(l, font_px) > max_px + SLACK)
    {
        lines.truncate(k + 1);
    }
    let last = lines.pop().unwrap_or_default();
    lines.push(shorten(&last, font_px, max_px));
    lines
}

/// A line shortened to fit `max_px` with an ellipsis: whole words dropped from its end
/// first, letters only when one word is left.
fn shorten(line: &str, font_px: f64, max_px: f64) -> String {
    let with_ellipsis = |s: &str| format!("{}…", s.trim_end_matches([' ', '-']));
    let mut words: Vec<&str> = line.split(' ').collect();
    while words.len() > 1 && text_width(&with_ellipsis(&words.join(" ")), font_px) > max_px {
        words.pop();
    }
    let mut kept = words.join(" ");
    while kept.chars().count() > 1 && text_width(&with_ellipsis(&kept), font_px) > max_px {
        kept.pop();
    }
    with_ellipsis(&kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text the lines show, joined as they were broken: with a space, or without one
    /// after a hyphen.
    fn joined(lines: &[String]) -> String {
        let mut text = String::new();
        for line in lines {
            if !text.is_empty() && !text.ends_with('-') {
                text.push(' ');
            }
            text.push_str(line);
        }
        text
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_hyphens_only() {
        let name = "Kassabon en garantie-uitleg bij de Überweisung der Rückerstattung";
        let lines = wrap(name, 11.0, 95.0);
        assert!(lines.len() > 2, "{lines:?}");
        for line in &lines {
            assert!(text_width(line, 11.0) <= 95.0, "{line}");
        }
        assert!(lines.contains(&"garantie-".to_string()), "{lines:?}");
        assert_eq!(joined(&lines), name);
    }

    #[test]
    fn a_word_wider_than_the_box_stays_whole() {
        let lines = wrap("Zeer Donaudampfschifffahrtsgesellschaft", 11.0, 40.0);
        assert_eq!(lines, ["Zeer", "Donaudampfschifffahrtsgesellschaft"]);
    }

    #[test]
    fn fitting_shrinks_before_it_abbreviates() {
        let fitted = fit("Installatie", &[11.0, 10.0, 9.0], 70.0, 2);
        assert_eq!(fitted.lines, ["Installatie"]);
        assert!(fitted.font < 11.0 && !fitted.abbreviated);
        let short = fit(
            "Donaudampfschifffahrtsgesellschaft und mehr",
            &[11.0, 9.0],
            70.0,
            2,
        );
        assert!(short.abbreviated);
        assert_eq!(short.lines.len(), 1, "{short:?}");
        assert!(
            short.lines[0].ends_with('…') && short.width() <= 70.0,
            "{short:?}"
        );
        let words = fit("Een heel lange naam van een touchpoint", &[11.0], 80.0, 2);
        assert!(words.abbreviated);
        assert_eq!(words.lines, ["Een heel", "lange naam…"]);
    }

    #[test]
    fn one_font_for_all_or_none() {
        let names = ["Aankoop", "Installatie"];
        let fitted = fit_all(names.iter().copied(), &[11.0, 10.0], 70.0, 1).unwrap();
        assert!(fitted.iter().all(|f| f.font == 10.0));
        assert!(fit_all(names.iter().copied(), &[11.0], 30.0, 3).is_none());
    }
}
