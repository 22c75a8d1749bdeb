//! Charts for the coordinators' pages, drawn on the server as SVG by plotters. The SVG keeps its
//! text as `<text>` elements, so the browser draws the Japanese labels with its own fonts.

use maud::{html, Markup, PreEscaped};
use plotters::coord::combinators::BindKeyPoints;
use plotters::prelude::*;

/// How a series is drawn: a line for many short periods (days), bars for weeks and months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Line,
    Bars,
}

/// One series over the periods of a report.
#[derive(Debug, Clone, Copy)]
pub struct Series<'a> {
    /// What the chart shows, for screen readers (the page heads each chart with it too).
    pub title: &'a str,
    /// One short label per period (11/21, 11/17〜, 11月).
    pub labels: &'a [String],
    pub values: &'a [i64],
    /// The range under the x axis (2026-11-05 〜 2026-12-04).
    pub caption: &'a str,
    pub shape: Shape,
}

/// The size the SVG is drawn at; the page scales it to its column.
const WIDTH: u32 = 640;
const HEIGHT: u32 = 250;
/// Label size in plotters' units (the SVG backend writes `size / 1.24` px).
const FONT: f64 = 16.0;
const Y_LABEL_AREA: u32 = 52;
const MARGIN: u32 = 14;
/// The least room between two x labels, in px.
const LABEL_GAP: f64 = 12.0;
/// Units per period on the x axis, and the width of a bar in them.
const SLOT: i32 = 20;
const BAR: i32 = 14;
const COLOR: RGBColor = RGBColor(0xd9, 0x4f, 0x70);

/// The chart as inline SVG, or a short note when it cannot be drawn (the table has the numbers).
pub fn chart(series: &Series<'_>) -> Markup {
    match svg(series) {
        Ok(svg) => html! { div.chart role="img" aria-label=(series.title) { (PreEscaped(svg)) } },
        Err(_) => html! { p { "グラフを描けませんでした。数字は表をご覧ください。" } },
    }
}

fn svg(series: &Series<'_>) -> Result<String, Box<dyn std::error::Error>> {
    let n = series.values.len().min(series.labels.len());
    let top = nice_top(series.values.iter().copied().max().unwrap_or(0));
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(MARGIN)
            .x_label_area_size(48)
            .y_label_area_size(Y_LABEL_AREA)
            .build_cartesian_2d(
                (0..SLOT * n.max(1) as i32).with_key_points(label_points(series.labels, n)),
                0..top,
            )?;
        let label_of = |x: &i32| match usize::try_from(x / SLOT) {
            Ok(i) if x % SLOT == SLOT / 2 => series.labels.get(i).cloned().unwrap_or_default(),
            _ => String::new(),
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
            .y_labels(5)
            .x_label_formatter(&label_of)
            .label_style(("sans-serif", FONT))
            .x_desc(series.caption)
            .axis_desc_style(("sans-serif", FONT))
            .draw()?;
        let points = series.values.iter().take(n).enumerate().map(|(i, v)| (center(i), *v));
        match series.shape {
            Shape::Line => {
                chart.draw_series(LineSeries::new(points.clone(), COLOR.stroke_width(2)))?;
                // Dots while they stay apart; a year of days is a plain line.
                if n <= 62 {
                    chart.draw_series(points.map(|p| Circle::new(p, 3, COLOR.filled())))?;
                }
            }
            Shape::Bars => {
                chart.draw_series(
                    points.map(|(x, v)| Rectangle::new([(x - BAR / 2, 0), (x + BAR / 2, v)], COLOR.filled())),
                )?;
            }
        }
        root.present()?;
    }
    Ok(out)
}

/// The periods that get a label: every `step`-th, with `step` chosen so that the widest label
/// and a gap fit between two of them.
fn label_points(labels: &[String], n: usize) -> Vec<i32> {
    let plot_width = f64::from(WIDTH - Y_LABEL_AREA - 2 * MARGIN);
    let widest = labels.iter().take(n).map(|l| text_width(l)).fold(0.0, f64::max);
    let room = plot_width / n.max(1) as f64;
    let step = ((widest + LABEL_GAP) / room).ceil().max(1.0) as usize;
    (0..n).step_by(step).map(center).collect()
}

/// The x of the middle of period `i`: each period is a slot of `SLOT` units (integer units,
/// since plotters formats labels of integer axes only).
fn center(i: usize) -> i32 {
    i32::try_from(i).map_or(i32::MAX, |i| i.saturating_mul(SLOT).saturating_add(SLOT / 2))
}

/// A generous guess of a label's width in px: full-width characters are one em, others 0.6.
fn text_width(text: &str) -> f64 {
    let em = FONT / 1.24;
    text.chars().map(|c| if c.is_ascii() { 0.6 * em } else { em }).sum()
}

/// A round top for the y axis above `max`, so that the axis labels are round numbers.
fn nice_top(max: i64) -> i64 {
    let max = max.max(4);
    let mut unit = 1;
    while unit * 10 < max {
        unit *= 10;
    }
    for step in [1, 2, 5, 10] {
        if unit * step >= max {
            return unit * step;
        }
    }
    unit * 10
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(n: usize, text: &str) -> Vec<String> {
        (0..n).map(|_| text.to_string()).collect()
    }

    #[test]
    fn labels_are_spaced_so_the_widest_fits() {
        assert_eq!(label_points(&labels(12, "11月"), 12).len(), 12);
        let days = label_points(&labels(366, "12/31"), 366);
        let room = f64::from(WIDTH - Y_LABEL_AREA - 2 * MARGIN) / 366.0 * f64::from((days[1] - days[0]) / SLOT);
        assert!(room >= text_width("12/31") + LABEL_GAP, "{room}");
        assert!(days.len() > 8, "{}", days.len());
    }

    #[test]
    fn the_y_axis_ends_on_a_round_number() {
        assert_eq!(nice_top(0), 5);
        assert_eq!(nice_top(7), 10);
        assert_eq!(nice_top(13), 20);
        assert_eq!(nice_top(480), 500);
        assert_eq!(nice_top(501), 1000);
    }

    #[test]
    fn a_line_chart_is_svg_with_japanese_text() {
        let names = labels(3, "11月");
        let svg = svg(&Series {
            title: "ページビュー",
            labels: &names,
            values: &[1, 5, 2],
            caption: "2026年9月〜11月",
            shape: Shape::Line,
        })
        .unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("11月") && svg.contains("2026年9月〜11月"));
        assert!(svg.contains("<polyline"), "{svg}");
    }
}
