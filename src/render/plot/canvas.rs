//! Drawing with plotters, one layer at a time, and assembling the layers into an SVG
//! document with groups, a title and a description.

use super::super::markdown::escape;
use super::backend::CompactSvg;
use plotters::coord::Shift;
use plotters::prelude::*;

/// A drawing area of one layer.
pub type Area<'a> = DrawingArea<CompactSvg<'a>, Shift>;

/// The result of drawing: plotters' errors as text.
pub type Drawn = Result<(), String>;

/// Draws one layer with plotters and returns its SVG elements, without the `<svg>` wrapper.
pub fn layer(size: (u32, u32), draw: impl FnOnce(&Area<'_>) -> Drawn) -> Result<String, String> {
    // Room for a typical layer (a curve's markers and labels are a few kilobytes), so that it
    // is not copied over and over while it grows.
    let mut svg = String::with_capacity(LAYER_CAPACITY);
    {
        let area = CompactSvg::new(&mut svg, size).into_drawing_area();
        draw(&area)?;
        area.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// Turns a plotters error into text.
pub fn fail<E: std::fmt::Display>(error: E) -> String {
    error.to_string()
}

/// The bytes a layer starts with room for.
const LAYER_CAPACITY: usize = 4 * 1024;

/// An SVG document being assembled from layers.
#[derive(Clone)]
pub struct Document {
    width: u32,
    height: u32,
    id: String,
    title: String,
    desc: String,
    body: String,
    fill: bool,
    /// The widest a page may scale a filling plot to, in pixels.
    widest: Option<u32>,
    /// The strip at the plot's left edge that stays in view while the plot scrolls sideways.
    pin: Option<Pin>,
}

/// The part of a plot's left edge (its scale, its row names) that a page keeps in view while
/// the rest of a plot wider than the screen scrolls past: from the left edge to `width`,
/// from `top` to `top + height`, in the plot's pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pin {
    /// Where the strip starts, from the plot's top.
    pub top: u32,
    /// The strip's width, from the plot's left edge.
    pub width: u32,
    /// The strip's height.
    pub height: u32,
}

impl Document {
    /// A document of a size whose ids start with `id` (namespaced per plot).
    pub fn new(size: (u32, u32), id: &str, title: &str, desc: &str) -> Self {
        Document {
            width: size.0,
            height: size.1,
            id: id.to_string(),
            title: title.to_string(),
            desc: desc.to_string(),
            body: String::new(),
            fill: false,
            widest: None,
            pin: None,
        }
    }

    /// Marks the plot as drawn for the width of a page's column: pages scale it to fill
    /// that column (class `plot-fill`) instead of showing it at its own size.
    pub fn filling(mut self) -> Self {
        self.fill = true;
        self
    }

    /// Limits how far a page scales a filling plot up (the CSS variable `--widest`), so that
    /// a plot drawn narrow (few touchpoints) does not set its text huge on a wide screen.
    pub fn widest(mut self, px: u32) -> Self {
        self.widest = Some(px);
        self
    }

    /// Adds a layer as a group with a class.
    pub fn group(&mut self, class: &str, elements: &str) {
        self.group_titled(class, None, elements);
    }

    /// Adds a layer as a group with a class, an optional tooltip and data attribute.
    pub fn group_titled(&mut self, class: &str, title: Option<(&str, &str)>, elements: &str) {
        match title {
            Some((data, tooltip)) => self.group_with(class, Some(data), Some(tooltip), elements),
            None => self.group_with(class, None, None, elements),
        }
    }

    /// Adds a layer as a group with a class, an optional `data-touchpoint` attribute and an
    /// optional tooltip.
    pub fn group_with(
        &mut self,
        class: &str,
        data: Option<&str>,
        tooltip: Option<&str>,
        elements: &str,
    ) {
        let body = &mut self.body;
        body.push_str("<g class=\"");
        body.push_str(class);
        body.push('"');
        if let Some(data) = data {
            body.push_str(" data-touchpoint=\"");
            body.push_str(&escape(data));
            body.push('"');
        }
        body.push('>');
        if let Some(tooltip) = tooltip {
            body.push_str("<title>");
            body.push_str(&escape(tooltip));
            body.push_str("</title>");
        }
        body.push('\n');
        body.push_str(elements);
        body.push_str("</g>\n");
    }

    /// Adds the groups `build` adds inside one group with a class that a page keeps in view
    /// within `pin` while the plot scrolls sideways (see [`Document::inline`]); one per plot.
    pub fn pinned(&mut self, class: &str, pin: Pin, build: impl FnOnce(&mut Document)) {
        self.body.push_str("<g class=\"");
        self.body.push_str(class);
        self.body.push_str("\" id=\"");
        self.body.push_str(&self.id);
        self.body.push_str("-pin\">\n");
        build(self);
        self.body.push_str("</g>\n");
        self.pin = Some(pin);
    }

    /// The plot's title and description in one sentence, for the `alt` of an `<img>`.
    pub fn alt(&self) -> String {
        format!("{}. {}", self.title, self.desc)
    }

    /// Width and height in pixels.
    pub fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    /// The SVG for inlining in a page. A plot with a pinned layer is preceded by a small SVG
    /// that shows that layer again (`<use>`, hidden from screen readers) in a `hidden` box
    /// (class `plot-pin`) that the theme shows and keeps at the left of the plot's scrolling
    /// box; a theme without that rule shows the plot as before.
    pub fn inline(&self) -> String {
        let mut svg = String::with_capacity(self.inline_len() + 400);
        if let Some(pin) = self.pin {
            use std::fmt::Write;
            let _ = writeln!(
                svg,
                "<div class=\"plot-pin\" style=\"margin-top: {top}px\" aria-hidden=\"true\" hidden=\"\"><svg width=\"{w}\" height=\"{h}\" viewBox=\"0 {top} {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"Helvetica, Arial, sans-serif\"><use href=\"#{id}-pin\"/></svg></div>",
                w = pin.width,
                h = pin.height,
                top = pin.top,
                id = self.id,
            );
        }
        self.write_inline(&mut svg);
        svg
    }

    /// Room for the inline SVG: the body, title and description, and the wrapper around them
    /// (escaping may lengthen the texts a little).
    fn inline_len(&self) -> usize {
        self.body.len() + self.title.len() + self.desc.len() + 1024
    }

    /// Appends the SVG for inlining to `svg`.
    fn write_inline(&self, svg: &mut String) {
        use std::fmt::Write;
        let id = &self.id;
        let _ = write!(
            svg,
            "<svg class=\"plot-svg{fill}\"{limit} width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"Helvetica, Arial, sans-serif\">\n<title id=\"{id}-title\">{title}</title>\n<desc id=\"{id}-desc\">{desc}</desc>\n",
            fill = if self.fill { " plot-fill" } else { "" },
            limit = match self.widest {
                Some(px) if self.fill => format!(" style=\"--widest: {px}px\""),
                _ => String::new(),
            },
            w = self.width,
            h = self.height,
            title = escape(&self.title),
            desc = escape(&self.desc),
        );
        svg.push_str(&self.body);
        svg.push_str("</svg>\n");
    }

    /// The SVG as a standalone file, for other programs.
    pub fn standalone(&self) -> String {
        let mut file = String::with_capacity(XML_DECLARATION.len() + self.inline_len());
        file.push_str(XML_DECLARATION);
        self.write_inline(&mut file);
        file
    }
}

/// The first line of a standalone SVG file.
const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// Makes the ids of an inlined SVG unique on a page by adding a suffix (instance 0 keeps
/// them).
pub fn with_instance(svg: String, id: &str, instance: usize) -> String {
    if instance == 0 {
        return svg;
    }
    svg.replace(&format!("{id}-title"), &format!("{id}-{instance}-title"))
        .replace(&format!("{id}-desc"), &format!("{id}-{instance}-desc"))
        .replace(&format!("{id}-pin"), &format!("{id}-{instance}-pin"))
}

/// Estimated width in pixels of a text at a font size (a generous average for sans-serif,
/// so estimated boxes never overlap where the real text would).
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().map(char_units).sum::<f64>() * font_px
}

/// The width of a character in font sizes.
pub fn char_units(c: char) -> f64 {
    if c.is_uppercase() {
        0.72
    } else if c == ' ' {
        0.33
    } else {
        0.6
    }
}

/// A text style of a size in pixels (plotters' SVG backend divides sizes by 1.24).
pub fn font(px: f64, color: RGBColor) -> TextStyle<'static> {
    ("Helvetica, Arial, sans-serif", px * 1.24)
        .into_font()
        .color(&color)
}

/// A bold text style of a size in pixels.
pub fn bold(px: f64, color: RGBColor) -> TextStyle<'static> {
    ("Helvetica, Arial, sans-serif", px * 1.24, FontStyle::Bold)
        .into_font()
        .color(&color)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_are_compact() {
        let body = layer((40, 20), |a| {
            a.draw(&Text::new("Café", (5, 5), font(11.0, BLACK)))
                .map_err(fail)?;
            a.draw(&Circle::new((5, 5), 2, BLACK.filled()))
                .map_err(fail)
        })
        .unwrap();
        assert!(body.contains(">Café</text>"), "{body}");
        assert!(
            !body.contains("opacity=\"1\"") && !body.contains("font-family"),
            "{body}"
        );
    }

    #[test]
    fn layers_have_no_svg_wrapper() {
        let body = layer((10, 10), |a| {
            a.draw(&Circle::new((5, 5), 2, BLACK.filled()))
                .map_err(fail)
        })
        .unwrap();
        assert!(body.starts_with("<circle"), "{body}");
        assert!(!body.contains("svg"), "{body}");
    }
}
