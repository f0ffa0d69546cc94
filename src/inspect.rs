//! The laid-out document as facts: each run of text with its position,
//! size and face, each rule with its length. Tests check the decree's
//! rules against these, and so can a reviewer's tooling.

use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::text::FontWeight;
use typst::visualize::{Geometry, Paint};
use typst_layout::Page;

/// A run of text as placed on the page (points, origin top-left, y down).
#[derive(Debug, Clone)]
pub struct TextRun {
    pub text: String,
    pub x: f64,
    /// Baseline.
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub family: String,
    pub postscript: String,
    pub bold: bool,
    pub italic: bool,
    /// The colour a solid fill paints the glyphs, as "#rrggbb" (black:
    /// "#000000"); empty for a gradient or a tiling.
    pub fill: String,
}

/// A straight rule (line shape): for a horizontal one its left end and
/// length rightwards, for a vertical one its top end and length downwards.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub x: f64,
    pub y: f64,
    pub length: f64,
}

/// A visual line: runs sharing a baseline, left to right.
#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    pub x: f64,
    pub end: f64,
    pub y: f64,
    pub runs: Vec<TextRun>,
}

impl Line {
    pub fn centre(&self) -> f64 {
        (self.x + self.end) / 2.0
    }
    pub fn size(&self) -> f64 {
        self.runs.iter().map(|r| r.size).fold(0.0, f64::max)
    }
    pub fn all_bold(&self) -> bool {
        self.runs.iter().all(|r| r.bold)
    }
    pub fn all_italic(&self) -> bool {
        self.runs.iter().all(|r| r.italic)
    }
}

#[derive(Debug, Clone)]
pub struct PageFacts {
    pub width: f64,
    pub height: f64,
    pub runs: Vec<TextRun>,
    /// Horizontal rules, table rules among them.
    pub rules: Vec<Rule>,
    /// Vertical rules: a table's column rules.
    pub vertical: Vec<Rule>,
}

pub const MM: f64 = 72.0 / 25.4;

impl PageFacts {
    pub fn of(page: &Page) -> Self {
        let mut facts = PageFacts {
            width: page.frame.width().to_pt(),
            height: page.frame.height().to_pt(),
            runs: Vec::new(),
            rules: Vec::new(),
            vertical: Vec::new(),
        };
        collect(&page.frame, Transform::identity(), &mut facts);
        facts
    }

    /// Runs grouped into lines (baselines within 0.5 pt), top to bottom.
    pub fn lines(&self) -> Vec<Line> {
        let mut runs = self.runs.clone();
        runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        let mut lines: Vec<Line> = Vec::new();
        for run in runs {
            match lines.last_mut() {
                // Same baseline and close enough to belong to one line (two
                // columns of a header share a baseline but are far apart).
                Some(line) if (line.y - run.y).abs() < 0.5 && run.x - line.end < 1.0 * run.size => {
                    if run.x - line.end > 0.15 * run.size {
                        line.text.push(' ');
                    }
                    line.text.push_str(&run.text);
                    line.end = line.end.max(run.x + run.width);
                    line.runs.push(run);
                }
                _ => lines.push(Line {
                    text: run.text.clone(),
                    x: run.x,
                    end: run.x + run.width,
                    y: run.y,
                    runs: vec![run],
                }),
            }
        }
        for line in &mut lines {
            line.text = line.text.trim().to_owned();
        }
        lines
    }

    /// The first line whose text starts with `prefix`.
    pub fn line_starting(&self, prefix: &str) -> Option<Line> {
        self.lines().into_iter().find(|l| l.text.starts_with(prefix))
    }

    /// Everything on the baseline of the first run starting with `prefix`,
    /// left to right, separated by spaces: a table row, a header row.
    pub fn row(&self, prefix: &str) -> Option<String> {
        let first = self.runs.iter().find(|r| r.text.starts_with(prefix))?;
        let mut same: Vec<&TextRun> = self.runs.iter().filter(|r| (r.y - first.y).abs() < 0.5).collect();
        same.sort_by(|a, b| a.x.total_cmp(&b.x));
        Some(same.iter().map(|r| r.text.trim()).collect::<Vec<_>>().join(" "))
    }

    /// All text of the page, lines joined by newlines.
    pub fn text(&self) -> String {
        self.lines().into_iter().map(|l| l.text).collect::<Vec<_>>().join("\n")
    }
}

fn collect(frame: &Frame, ts: Transform, out: &mut PageFacts) {
    for (pos, item) in frame.items() {
        let at = |p: Point| p.transform(ts);
        match item {
            FrameItem::Group(group) => {
                let inner = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                collect(&group.frame, inner, out);
            }
            FrameItem::Text(text) => {
                let p = at(*pos);
                let font = text.font.font();
                let info = font.info();
                let postscript = font.post_script_name().unwrap_or_default();
                out.runs.push(TextRun {
                    text: text.text.to_string(),
                    x: p.x.to_pt(),
                    y: p.y.to_pt(),
                    width: text.width().to_pt(),
                    size: text.size.to_pt(),
                    family: info.family.clone(),
                    postscript,
                    bold: info.variant.weight >= FontWeight::SEMIBOLD,
                    italic: info.variant.style != typst::text::FontStyle::Normal,
                    fill: match &text.fill {
                        Paint::Solid(colour) => colour.to_hex().to_string(),
                        _ => String::new(),
                    },
                });
            }
            FrameItem::Shape(shape, _) => {
                if let Geometry::Line(to) = shape.geometry {
                    let (a, b) = (at(*pos), at(*pos + to));
                    if to.y == Abs::zero() {
                        out.rules.push(Rule {
                            x: a.x.to_pt().min(b.x.to_pt()),
                            y: a.y.to_pt(),
                            length: (b.x - a.x).to_pt().abs(),
                        });
                    } else if to.x == Abs::zero() {
                        out.vertical.push(Rule {
                            x: a.x.to_pt(),
                            y: a.y.to_pt().min(b.y.to_pt()),
                            length: (b.y - a.y).to_pt().abs(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
}
