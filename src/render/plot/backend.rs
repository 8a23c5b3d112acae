//! A plotters drawing backend that writes compact SVG elements straight into a string: no
//! `<svg>` wrapper, no attribute the document already sets once (full opacity, the font
//! family), no line breaks. Plotters' own SVG backend wrote the same elements with those
//! extras, and removing them afterwards was a tenth of a build's time.

use super::super::markdown::escape_into;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};
use std::fmt::Write;

/// Draws into the end of a string, one SVG element per drawing call.
pub struct CompactSvg<'a> {
    out: &'a mut String,
    size: (u32, u32),
}

impl<'a> CompactSvg<'a> {
    /// A backend of a size (in pixels) that appends to `out`.
    pub fn new(out: &'a mut String, size: (u32, u32)) -> Self {
        CompactSvg { out, size }
    }

    fn color(&mut self, name: &str, color: BackendColor) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"#");
        let (r, g, b) = color.rgb;
        for byte in [r, g, b] {
            self.out.push(char::from(HEX[usize::from(byte >> 4)]));
            self.out.push(char::from(HEX[usize::from(byte & 15)]));
        }
        self.out.push('"');
    }

    fn opacity(&mut self, color: BackendColor) {
        if color.alpha != 1.0 {
            let _ = write!(self.out, " opacity=\"{}\"", color.alpha);
        }
    }

    /// A filled shape's fill, or an outline's stroke with no fill.
    fn paint(&mut self, color: BackendColor, fill: bool) {
        if fill {
            self.color("fill", color);
        } else {
            self.out.push_str(" fill=\"none\"");
            self.color("stroke", color);
        }
    }

    fn number(&mut self, name: &str, value: impl itoa::Integer) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        self.integer(value);
        self.out.push('"');
    }

    /// Digits of a whole number (itoa: a build writes millions of them).
    fn integer(&mut self, value: impl itoa::Integer) {
        self.out.push_str(itoa::Buffer::new().format(value));
    }

    /// A number as Rust shows an `f64`, whole numbers through the fast path.
    fn decimal(&mut self, value: f64) {
        if value.fract() == 0.0 && value.abs() < 1e15 {
            self.integer(value as i64);
        } else {
            let _ = write!(self.out, "{value}");
        }
    }

    fn points(&mut self, path: impl IntoIterator<Item = BackendCoord>) {
        self.out.push_str(" points=\"");
        for (x, y) in path {
            self.integer(x);
            self.out.push(',');
            self.integer(y);
            self.out.push(' ');
        }
        self.out.push('"');
    }
}

/// The error type of the backend; writing into a string cannot fail.
type Failure = DrawingErrorKind<std::io::Error>;

impl DrawingBackend for CompactSvg<'_> {
    type ErrorType = std::io::Error;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), Failure> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), Failure> {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failure> {
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<rect");
        self.number("x", point.0);
        self.number("y", point.1);
        self.out.push_str(" width=\"1\" height=\"1\"");
        self.opacity(color);
        self.color("fill", color);
        self.out.push_str("/>");
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Failure> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<line");
        self.opacity(color);
        self.color("stroke", color);
        self.number("stroke-width", style.stroke_width());
        self.number("x1", from.0);
        self.number("y1", from.1);
        self.number("x2", to.0);
        self.number("y2", to.1);
        self.out.push_str("/>");
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<rect");
        self.number("x", upper_left.0);
        self.number("y", upper_left.1);
        self.number("width", bottom_right.0 - upper_left.0);
        self.number("height", bottom_right.1 - upper_left.1);
        self.opacity(color);
        self.paint(color, fill);
        self.out.push_str("/>");
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<polyline fill=\"none\"");
        self.opacity(color);
        self.color("stroke", color);
        self.number("stroke-width", style.stroke_width());
        self.points(path);
        self.out.push_str("/>");
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<circle");
        self.number("cx", center.0);
        self.number("cy", center.1);
        self.number("r", radius);
        self.opacity(color);
        self.paint(color, fill);
        if !fill || style.stroke_width() != 1 {
            self.number("stroke-width", style.stroke_width());
        }
        self.out.push_str("/>");
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<polygon");
        self.opacity(color);
        self.color("fill", color);
        self.points(path);
        self.out.push_str("/>");
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        (x, y): BackendCoord,
    ) -> Result<(), Failure> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let anchor = style.anchor();
        let dy = match anchor.v_pos {
            VPos::Top => "0.76em",
            VPos::Center => "0.5ex",
            VPos::Bottom => "-0.5ex",
        };
        let text_anchor = match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "middle",
        };
        self.out.push_str("<text");
        self.number("x", x);
        self.number("y", y);
        self.out.push_str(" dy=\"");
        self.out.push_str(dy);
        self.out.push_str("\" text-anchor=\"");
        self.out.push_str(text_anchor);
        self.out.push_str("\" font-size=\"");
        self.decimal(style.size() / 1.24);
        self.out.push('"');
        self.opacity(color);
        self.color("fill", color);
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => self.out.push_str(" font-weight=\"bold\""),
            other => {
                self.out.push_str(" font-style=\"");
                self.out.push_str(other.as_str());
                self.out.push('"');
            }
        }
        let degrees = match style.transform() {
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
            FontTransform::None => None,
        };
        if let Some(degrees) = degrees {
            self.out.push_str(" transform=\"rotate(");
            self.integer(degrees);
            self.out.push_str(", ");
            self.integer(x);
            self.out.push_str(", ");
            self.integer(y);
            self.out.push_str(")\"");
        }
        self.out.push('>');
        escape_into(self.out, text, "&apos;");
        self.out.push_str("</text>");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::CompactSvg;
    use plotters::prelude::*;

    fn drawn(draw: impl FnOnce(&DrawingArea<CompactSvg<'_>, plotters::coord::Shift>)) -> String {
        let mut out = String::new();
        draw(&CompactSvg::new(&mut out, (100, 50)).into_drawing_area());
        out
    }

    #[test]
    fn text_is_escaped_and_keeps_its_anchor_rotation_and_weight() {
        let svg = drawn(|a| {
            let style = ("Helvetica, Arial, sans-serif", 11.0 * 1.24, FontStyle::Bold)
                .into_font()
                .color(&BLACK)
                .transform(FontTransform::Rotate270);
            a.draw(&Text::new("<script>\"x\" & 'y'", (10, 20), style))
                .unwrap();
        });
        assert_eq!(
            svg,
            "<text x=\"10\" y=\"20\" dy=\"0.76em\" text-anchor=\"start\" font-size=\"11\" \
             fill=\"#000000\" font-weight=\"bold\" transform=\"rotate(270, 10, 20)\">\
             &lt;script&gt;&quot;x&quot; &amp; &apos;y&apos;</text>"
        );
    }

    #[test]
    fn shapes_state_only_what_differs_from_the_defaults() {
        let svg = drawn(|a| {
            a.draw(&Circle::new((5, 5), 3, RED.filled())).unwrap();
            a.draw(&Circle::new((5, 5), 3, BLUE.stroke_width(2)))
                .unwrap();
            a.draw(&Rectangle::new([(1, 2), (4, 6)], GREEN.mix(0.5).filled()))
                .unwrap();
            a.draw(&PathElement::new(vec![(0, 0), (3, 4)], BLACK))
                .unwrap();
        });
        assert_eq!(
            svg,
            "<circle cx=\"5\" cy=\"5\" r=\"3\" fill=\"#FF0000\"/>\
             <circle cx=\"5\" cy=\"5\" r=\"3\" fill=\"none\" stroke=\"#0000FF\" stroke-width=\"2\"/>\
             <rect x=\"1\" y=\"2\" width=\"3\" height=\"4\" opacity=\"0.5\" fill=\"#00FF00\"/>\
             <polyline fill=\"none\" stroke=\"#000000\" stroke-width=\"1\" points=\"0,0 3,4 \"/>"
        );
    }
}
