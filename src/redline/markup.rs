//! The redline as Typst markup: the summary, then the whole text with every insertion and
//! deletion marked by the layout's `ins` and `del`. Every piece of text is passed as data
//! (`#v.at(i);`), never as markup.

use super::compare::{Change, ClauseStatus, Comparison, Segment};
use crate::blocks::BlockKind;
use crate::typst_markup::Markup;
use std::fmt::Write as _;

/// The markup of the redline of `comparison`, titled `title`, in `lang` (`nb` or `nn`);
/// `baseline` names an earlier pack, or is `None` for the standard text.
pub(crate) fn markup(
    comparison: &Comparison,
    title: &str,
    baseline: Option<&str>,
    lang: &str,
) -> Markup {
    let mut w = Writer::default();
    let _ = write!(
        w.out,
        "#import \"/layout.typ\": redline-marks, moved-note, redline-summary, fit-table\n\
         #let (ins, del) = redline-marks(\"{lang}\")\n\n"
    );
    let baseline = match baseline {
        Some(name) => w.value(name),
        None => "none".to_owned(),
    };
    let _ = write!(w.out, "#redline-summary({baseline}, (");
    for clause in comparison
        .clauses
        .iter()
        .filter(|c| c.status != ClauseStatus::Unchanged)
    {
        let status = match clause.status {
            ClauseStatus::Changed | ClauseStatus::Unchanged => "changed",
            ClauseStatus::Inserted => "inserted",
            ClauseStatus::Deleted => "deleted",
            ClauseStatus::Moved => "moved",
            ClauseStatus::MovedAway => "moved-away",
        };
        let heading = w.value(&clause.heading);
        let _ = write!(
            w.out,
            "(heading: {heading}, status: \"{status}\", added: {}, removed: {}),",
            clause.words_in(),
            clause.words_out()
        );
    }
    w.out.push_str("))\n\n");
    for clause in &comparison.clauses {
        let mut blocks = clause.blocks.iter().peekable();
        while let Some(block) = blocks.next() {
            match &block.kind {
                BlockKind::Heading(level) => {
                    // The document's title sits under the redline's own: one level down.
                    let level = (*level).max(2) as usize;
                    let _ = write!(w.out, "{} ", "=".repeat(level));
                    w.segments(block.cells.first().map_or(&[][..], Vec::as_slice));
                    w.out.push_str("\n\n");
                    match clause.status {
                        ClauseStatus::Moved => w.out.push_str("#moved-note(\"here\")\n\n"),
                        ClauseStatus::MovedAway => w.out.push_str("#moved-note(\"away\")\n\n"),
                        _ => {}
                    }
                }
                BlockKind::Paragraph => {
                    w.segments(block.cells.first().map_or(&[][..], Vec::as_slice));
                    w.out.push_str("\n\n");
                }
                BlockKind::Quote => {
                    w.out.push_str("#quote(block: true)[");
                    w.segments(block.cells.first().map_or(&[][..], Vec::as_slice));
                    w.out.push_str("]\n\n");
                }
                BlockKind::Item { depth, number } => {
                    w.out.push_str(&"  ".repeat(*depth as usize));
                    match number {
                        Some(n) => {
                            let _ = write!(w.out, "{n}. ");
                        }
                        None => w.out.push_str("- "),
                    }
                    w.segments(block.cells.first().map_or(&[][..], Vec::as_slice));
                    let next_is_item = blocks
                        .peek()
                        .is_some_and(|b| matches!(b.kind, BlockKind::Item { .. }));
                    w.out.push_str(if next_is_item { "\n" } else { "\n\n" });
                }
                BlockKind::TableRow { header } => {
                    let columns = block.cells.len().max(1);
                    let _ = writeln!(w.out, "#fit-table[#table(columns: {columns},");
                    let mut row = Some(block);
                    let mut first_header = *header;
                    while let Some(r) = row {
                        w.out.push_str(if first_header {
                            "  table.header("
                        } else {
                            "  "
                        });
                        for i in 0..columns {
                            w.out.push('[');
                            w.segments(r.cells.get(i).map_or(&[][..], Vec::as_slice));
                            w.out.push_str("],");
                        }
                        w.out.push_str(if first_header { "),\n" } else { "\n" });
                        first_header = false;
                        row = blocks.next_if(|b| {
                            matches!(b.kind, BlockKind::TableRow { header: false })
                                && b.cells.len() == columns
                        });
                    }
                    w.out.push_str(")]\n\n");
                }
                BlockKind::Rule => w.out.push_str("#line(length: 100%)\n\n"),
            }
        }
    }
    Markup {
        title: title.to_owned(),
        body: w.out,
        values: w.values,
    }
}

#[derive(Default)]
struct Writer {
    out: String,
    values: Vec<String>,
}

impl Writer {
    /// A reference to `text` as data.
    fn value(&mut self, text: &str) -> String {
        self.values.push(text.to_owned());
        format!("v.at({})", self.values.len() - 1)
    }

    fn text(&mut self, text: &str) {
        if !text.is_empty() {
            let v = self.value(text);
            let _ = write!(self.out, "#{v};");
        }
    }

    /// The segments of one cell; the spaces around an insertion or deletion stay outside
    /// its marks.
    fn segments(&mut self, segments: &[Segment]) {
        for s in segments {
            let core = s.text.trim();
            if s.change == Change::Equal || core.is_empty() {
                self.text(&s.text);
                continue;
            }
            let lead = &s.text[..s.text.len() - s.text.trim_start().len()];
            let trail = &s.text[s.text.trim_end().len()..];
            self.text(lead);
            let v = self.value(core);
            let mark = if s.change == Change::Insert {
                "ins"
            } else {
                "del"
            };
            let _ = write!(self.out, "#{mark}[#{v};]");
            self.text(trail);
        }
    }
}
