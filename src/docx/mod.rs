//! DOCX files, written with docx-rs: a document to edit in Word (`generate --docx`) and a
//! redline with real tracked changes (`redline`). The PDF stays the signed document.
//!
//! Headings get Word's heading styles, list items Word's numbering, tables Word tables;
//! the title block, the draft mark (as page header) and the signature blocks are carried
//! over from the layout's data, and the text is tagged with the document's language.

mod package;

use crate::blocks::{self, Block, BlockKind, Span};
use crate::redline::{Change, Comparison, Segment};
use crate::typeset::Meta;
use docx_rs::{
    AbstractNumbering, Delete, Docx, Header, Hyperlink, HyperlinkData, HyperlinkType, IndentLevel,
    Insert, Level, LevelJc, LevelText, LineSpacing, NumberFormat, Numbering, NumberingId,
    Paragraph, Run, SpecialIndentType, Start, Style, StyleType, Table, TableCell, TableRow,
};

/// Why a DOCX could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// docx-rs could not pack the file.
    #[error("the DOCX package could not be built")]
    Pack(#[source] std::io::Error),
    /// The package could not be read back to set its language and dates.
    #[error("the DOCX package could not be finished")]
    Finish(#[source] std::io::Error),
}

/// Who the tracked changes of a redline are by, and when.
#[derive(Debug, Clone)]
pub struct Revision {
    /// The author Word shows for each change.
    pub author: String,
    /// The date of the changes.
    pub date: chrono::NaiveDate,
}

/// The DOCX of a document: its rendered `markdown` and its layout data `meta`.
pub fn document(meta: &Meta, markdown: &str) -> Result<Vec<u8>, DocxError> {
    let blocks = blocks::parse(markdown);
    let items: Vec<Item> = blocks.iter().map(Item::from_block).collect();
    write(meta, &items, None)
}

/// The DOCX of a redline: the new text, each insertion and deletion a tracked change by
/// `revision`, so that accepting every change gives the new text and rejecting every
/// change the old.
pub fn redline(
    meta: &Meta,
    comparison: &Comparison,
    revision: &Revision,
) -> Result<Vec<u8>, DocxError> {
    let items: Vec<Item> = comparison
        .clauses
        .iter()
        .flat_map(|c| {
            c.blocks.iter().map(|b| Item {
                kind: b.kind.clone(),
                cells: b.cells.iter().map(|c| Inline::Segments(c)).collect(),
            })
        })
        .collect();
    write(meta, &items, Some(revision))
}

/// Text of one cell: styled spans of a document, or the segments of a redline.
enum Inline<'a> {
    Spans(&'a [Span]),
    Segments(&'a [Segment]),
}

/// One block to write.
struct Item<'a> {
    kind: BlockKind,
    cells: Vec<Inline<'a>>,
}

impl<'a> Item<'a> {
    fn from_block(block: &'a Block) -> Self {
        Item {
            kind: block.kind.clone(),
            cells: block.cells.iter().map(|c| Inline::Spans(c)).collect(),
        }
    }
}

/// The numbering of bulleted lists and the first of ordered ones (each ordered list gets
/// its own, to start at its first number). Above docx-rs's own default numbering (id 1).
const BULLETS: usize = 10;
const FIRST_ORDERED: usize = 11;

fn write(meta: &Meta, items: &[Item], revision: Option<&Revision>) -> Result<Vec<u8>, DocxError> {
    let labels = Labels::of(meta.lang);
    let [y, m, d] = meta.date;
    let stamp = format!("{y:04}-{m:02}-{d:02}T00:00:00Z");
    let mut docx = Docx::new()
        .created_at(&stamp)
        .updated_at(&stamp)
        .default_fonts(
            docx_rs::RunFonts::new()
                .ascii("Liberation Serif")
                .hi_ansi("Liberation Serif"),
        )
        .default_size(22)
        .default_line_spacing(LineSpacing::new().after(120))
        .add_style(heading_style(1, 36))
        .add_style(heading_style(2, 28))
        .add_style(heading_style(3, 24))
        .add_style(heading_style(4, 22))
        .add_abstract_numbering(bullets())
        .add_numbering(Numbering::new(BULLETS, BULLETS));
    if !meta.draft.is_empty() {
        docx = docx.header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .align(docx_rs::AlignmentType::Center)
                    .add_run(Run::new().add_text(&meta.draft).bold().color("8B0000")),
            ),
        );
    }
    // The title block, as the layout sets it.
    docx = docx.add_paragraph(heading(1).add_run(Run::new().add_text(&meta.title)));
    if !meta.subtitle.is_empty() {
        docx = docx
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&meta.subtitle).size(24)));
    }
    if !meta.date_text.is_empty() {
        docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().add_text(&meta.date_text)));
    }

    let mut next_ordered = FIRST_ORDERED;
    let mut ordered: Option<usize> = None;
    let mut rows: Vec<TableRow> = Vec::new();
    let mut title_skipped = false;
    for item in items {
        if !matches!(item.kind, BlockKind::TableRow { .. }) && !rows.is_empty() {
            docx = docx.add_table(Table::new(std::mem::take(&mut rows)));
        }
        if !matches!(
            item.kind,
            BlockKind::Item {
                number: Some(_),
                ..
            }
        ) {
            ordered = None;
        }
        let first = item.cells.first();
        match &item.kind {
            // The Markdown's title is the title block's, written above; a redline keeps a
            // changed title as its changes.
            BlockKind::Heading(1) if !title_skipped && !changed(first) => {
                title_skipped = true;
            }
            BlockKind::Heading(level) => {
                docx = docx.add_paragraph(inline(heading((*level).clamp(1, 4)), first, revision));
            }
            BlockKind::Paragraph => {
                docx = docx.add_paragraph(inline(Paragraph::new(), first, revision));
            }
            BlockKind::Quote => {
                docx = docx.add_paragraph(inline(
                    Paragraph::new().indent(Some(567), None, Some(567), None),
                    first,
                    revision,
                ));
            }
            BlockKind::Item { depth, number } => {
                let id = match number {
                    None => BULLETS,
                    Some(start) => *ordered.get_or_insert_with(|| {
                        let id = next_ordered;
                        next_ordered += 1;
                        docx = std::mem::take(&mut docx)
                            .add_abstract_numbering(decimal(id, *start))
                            .add_numbering(Numbering::new(id, id));
                        id
                    }),
                };
                let p = Paragraph::new().numbering(
                    NumberingId::new(id),
                    IndentLevel::new((*depth).min(8) as usize),
                );
                docx = docx.add_paragraph(inline(p, first, revision));
            }
            BlockKind::TableRow { header } => {
                let cells = item
                    .cells
                    .iter()
                    .map(|c| {
                        let p = inline(Paragraph::new(), Some(c), revision);
                        let p = if *header { p.bold() } else { p };
                        TableCell::new().add_paragraph(p)
                    })
                    .collect();
                rows.push(TableRow::new(cells));
            }
            BlockKind::Rule => {
                docx = docx.add_paragraph(Paragraph::new());
            }
        }
    }
    if !rows.is_empty() {
        docx = docx.add_table(Table::new(rows));
    }
    if !meta.signatures.is_empty() {
        docx = docx.add_paragraph(heading(2).add_run(Run::new().add_text(labels.signatures)));
        let line = "______________________________";
        let cells = meta
            .signatures
            .iter()
            .map(|s| {
                let name = if s.name.is_empty() {
                    line
                } else {
                    s.name.as_str()
                };
                let field = |label: &str, value: &str| {
                    Paragraph::new()
                        .add_run(Run::new().add_text(format!("{label}: ")).size(18))
                        .add_run(Run::new().add_text(value))
                };
                TableCell::new()
                    .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&s.party).bold()))
                    .add_paragraph(field(labels.place_date, line))
                    .add_paragraph(field(labels.name, name))
                    .add_paragraph(field(labels.title, &s.title))
                    .add_paragraph(field(labels.signature, line))
            })
            .collect::<Vec<_>>();
        // Two signature blocks side by side, as in the PDF.
        let mut table_rows = Vec::new();
        let mut cells = cells.into_iter().peekable();
        while cells.peek().is_some() {
            let mut row: Vec<TableCell> = cells.by_ref().take(2).collect();
            if row.len() == 1 {
                row.push(TableCell::new().add_paragraph(Paragraph::new()));
            }
            table_rows.push(TableRow::new(row));
        }
        docx =
            docx.add_table(Table::new(table_rows).set_borders(docx_rs::TableBorders::with_empty()));
    }

    let mut packed = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut packed)
        .map_err(|e| DocxError::Pack(std::io::Error::other(e)))?;
    package::finish(&packed.into_inner(), meta).map_err(DocxError::Finish)
}

/// Whether a cell holds any change.
fn changed(cell: Option<&Inline>) -> bool {
    matches!(cell, Some(Inline::Segments(s)) if s.iter().any(|s| s.change != Change::Equal))
}

fn heading(level: u8) -> Paragraph {
    Paragraph::new().style(&format!("Heading{level}"))
}

fn heading_style(level: u8, size: usize) -> Style {
    Style::new(format!("Heading{level}"), StyleType::Paragraph)
        .name(format!("heading {level}"))
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .size(size)
        .bold()
        .outline_lvl(usize::from(level - 1))
        .line_spacing(LineSpacing::new().before(240).after(120))
}

fn bullets() -> AbstractNumbering {
    numbering(BULLETS, 1, "bullet", |_| "•".to_owned())
}

fn decimal(id: usize, start: u64) -> AbstractNumbering {
    numbering(id, start as usize, "decimal", |level| {
        format!("%{}.", level + 1)
    })
}

/// A list's nine levels, each indented a step further with a hanging number or bullet; the
/// first level starts at `start`, the others at 1.
fn numbering(
    id: usize,
    start: usize,
    format: &str,
    text: impl Fn(usize) -> String,
) -> AbstractNumbering {
    (0..9).fold(AbstractNumbering::new(id), |a, level| {
        a.add_level(
            Level::new(
                level,
                Start::new(if level == 0 { start } else { 1 }),
                NumberFormat::new(format),
                LevelText::new(text(level)),
                LevelJc::new("left"),
            )
            .indent(
                Some(360 * (level as i32 + 1)),
                Some(SpecialIndentType::Hanging(360)),
                None,
                None,
            ),
        )
    })
}

/// `p` with the runs of `cell`: styled text and links, or a redline's segments, each
/// insertion and deletion a tracked change.
/// A link to `url`. Its relationship id comes from the URL, not from docx-rs's counter,
/// which runs on across every document of the process (and across threads), so that the same
/// document always gives the same bytes; the same URL twice shares one relationship.
fn external_link(url: &str) -> Hyperlink {
    let mut link = Hyperlink::new(url, HyperlinkType::External);
    if let HyperlinkData::External { rid, .. } = &mut link.link {
        *rid = format!(
            "rIdLink{}",
            &crate::pack::manifest::sha256(url.as_bytes())[..16]
        );
    }
    link
}

fn inline(mut p: Paragraph, cell: Option<&Inline>, revision: Option<&Revision>) -> Paragraph {
    match cell {
        None => p,
        Some(Inline::Spans(spans)) => {
            for span in *spans {
                let mut run = Run::new().add_text(&span.text);
                if span.style.bold {
                    run = run.bold();
                }
                if span.style.italic {
                    run = run.italic();
                }
                if span.style.strike {
                    run = run.strike();
                }
                p = match &span.link {
                    Some(url) => {
                        p.add_hyperlink(external_link(url).add_run(run.underline("single")))
                    }
                    None => p.add_run(run),
                };
            }
            p
        }
        Some(Inline::Segments(segments)) => {
            let (author, date) = revision
                .map(|r| (r.author.clone(), format!("{}T00:00:00Z", r.date)))
                .unwrap_or_default();
            for s in *segments {
                p = match s.change {
                    Change::Equal => p.add_run(Run::new().add_text(&s.text)),
                    Change::Insert => p.add_insert(
                        Insert::new(Run::new().add_text(&s.text))
                            .author(&author)
                            .date(&date),
                    ),
                    Change::Delete => p.add_delete(
                        Delete::new()
                            .add_run(Run::new().add_delete_text(&s.text))
                            .author(&author)
                            .date(&date),
                    ),
                };
            }
            p
        }
    }
}

/// The signature block's words, as the layout has them.
struct Labels {
    signatures: &'static str,
    place_date: &'static str,
    name: &'static str,
    title: &'static str,
    signature: &'static str,
}

impl Labels {
    fn of(lang: &str) -> Self {
        let nn = lang == "nn";
        Labels {
            signatures: "Underskrifter",
            place_date: if nn { "Stad og dato" } else { "Sted og dato" },
            name: if nn { "Namn" } else { "Navn" },
            title: "Tittel",
            signature: "Underskrift",
        }
    }
}
