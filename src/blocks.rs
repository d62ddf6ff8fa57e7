//! A document's rendered Markdown as a flat list of blocks (headings, paragraphs, list
//! items, quotes, table rows), each a list of styled text spans: what the redline compares
//! and what the DOCX writer writes.

use crate::typst_markup::parser;
use pulldown_cmark::{Event, Tag, TagEnd};

/// What a block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading of level 1 (the title) to 6.
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// A list item, `depth` 0 for a top-level list; `number` is its number in an ordered
    /// list.
    Item {
        /// How deep the list is nested.
        depth: u8,
        /// The item's number in an ordered list, `None` in a bulleted one.
        number: Option<u64>,
    },
    /// A paragraph of a block quote (the templates' «Forutsetning» boxes).
    Quote,
    /// A row of a table; `header` for the first.
    TableRow {
        /// Whether it is the table's header row.
        header: bool,
    },
    /// A horizontal rule.
    Rule,
}

/// The look of a span of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Struck through.
    pub strike: bool,
}

/// A run of text of one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The text, with Markdown escapes resolved.
    pub text: String,
    /// Its style.
    pub style: Style,
    /// The target of the link it is the text of: only `https:`, `http:` and `mailto:`.
    pub link: Option<String>,
}

/// One block: a paragraph, heading or item has one cell; a table row one per column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Its cells, each a list of spans.
    pub cells: Vec<Vec<Span>>,
}

impl Block {
    /// The plain text of cell `i`.
    pub fn cell_text(&self, i: usize) -> String {
        self.cells
            .get(i)
            .map(|spans| spans.iter().map(|s| s.text.as_str()).collect())
            .unwrap_or_default()
    }

    /// The plain text of every cell, joined by ` | `.
    pub fn text(&self) -> String {
        (0..self.cells.len())
            .map(|i| self.cell_text(i))
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

/// The blocks of `markdown` (rendered, values unmarked), in order.
pub fn parse(markdown: &str) -> Vec<Block> {
    let mut b = Builder::default();
    for event in parser(markdown) {
        b.event(event);
    }
    b.blocks
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    /// The block being filled, if any.
    open: Option<Block>,
    style: Style,
    link: Option<String>,
    /// Open lists: the next item's number in an ordered list, `None` in a bulleted one.
    lists: Vec<Option<u64>>,
    quote: usize,
    /// Cells opened in the current table row.
    row_cells: usize,
}

impl Builder {
    fn open(&mut self, kind: BlockKind) {
        self.close();
        self.open = Some(Block {
            kind,
            cells: vec![Vec::new()],
        });
    }

    fn close(&mut self) {
        if let Some(block) = self.open.take() {
            let empty = block.cells.iter().all(|c| c.is_empty());
            if !empty || matches!(block.kind, BlockKind::TableRow { .. } | BlockKind::Rule) {
                self.blocks.push(block);
            }
        }
    }

    fn text(&mut self, text: &str) {
        if self.open.is_none() {
            self.open(BlockKind::Paragraph);
        }
        let (style, link) = (self.style, self.link.clone());
        let Some(cell) = self.open.as_mut().and_then(|b| b.cells.last_mut()) else {
            return;
        };
        match cell.last_mut() {
            Some(last) if last.style == style && last.link == link => last.text.push_str(text),
            _ => cell.push(Span {
                text: text.to_owned(),
                style,
                link,
            }),
        }
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                self.text(&t)
            }
            Event::FootnoteReference(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.text(&t)
            }
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            Event::Rule => {
                self.open(BlockKind::Rule);
                self.close();
            }
            Event::TaskListMarker(done) => self.text(if done { "☑ " } else { "☐ " }),
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Heading { level, .. } => self.open(BlockKind::Heading(level as u8)),
            Tag::Paragraph => {
                // The first paragraph of an item is the item's text; a later one continues it.
                let in_item = matches!(
                    self.open,
                    Some(Block {
                        kind: BlockKind::Item { .. },
                        ..
                    })
                );
                if in_item {
                    if self.open.as_ref().is_some_and(|b| !b.text().is_empty()) {
                        self.text(" ");
                    }
                } else if self.quote > 0 {
                    self.open(BlockKind::Quote);
                } else {
                    self.open(BlockKind::Paragraph);
                }
            }
            Tag::BlockQuote(_) => self.quote += 1,
            Tag::List(start) => {
                self.close();
                self.lists.push(start);
            }
            Tag::Item => {
                let depth = self.lists.len().saturating_sub(1) as u8;
                let number = self.lists.last_mut().and_then(|next| {
                    let n = *next.as_ref()?;
                    *next = Some(n + 1);
                    Some(n)
                });
                self.open(BlockKind::Item { depth, number });
            }
            Tag::TableHead => {
                self.row_cells = 0;
                self.open(BlockKind::TableRow { header: true });
            }
            Tag::TableRow => {
                self.row_cells = 0;
                self.open(BlockKind::TableRow { header: false });
            }
            Tag::TableCell => {
                // The row opens with its first cell; each cell after it adds one.
                if self.row_cells > 0
                    && let Some(block) = self.open.as_mut()
                {
                    block.cells.push(Vec::new());
                }
                self.row_cells += 1;
            }
            Tag::Emphasis => self.style.italic = true,
            Tag::Strong => self.style.bold = true,
            Tag::Strikethrough => self.style.strike = true,
            Tag::Link { dest_url, .. } => {
                let safe = ["https://", "http://", "mailto:"]
                    .iter()
                    .any(|p| dest_url.starts_with(p));
                self.link = safe.then(|| dest_url.into_string());
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead => {
                self.close()
            }
            TagEnd::Paragraph => {
                let in_item = matches!(
                    self.open,
                    Some(Block {
                        kind: BlockKind::Item { .. },
                        ..
                    })
                );
                if !in_item {
                    self.close();
                }
            }
            TagEnd::BlockQuote(_) => {
                self.close();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.close();
                self.lists.pop();
            }
            TagEnd::Emphasis => self.style.italic = false,
            TagEnd::Strong => self.style.bold = false,
            TagEnd::Strikethrough => self.style.strike = false,
            TagEnd::Link => self.link = None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_lists_and_tables_become_blocks() {
        let md = "# Tittel\n\nInnledning med **fet** tekst.\n\n## 1 Punkt\n\n- en\n- to\n  - under\n\n3. tre\n4. fire\n\n> **Forutsetning:** noe\n\n| A | B |\n|---|---|\n| 1 | 2 |\n";
        let blocks = parse(md);
        let kinds: Vec<_> = blocks.iter().map(|b| (b.kind.clone(), b.text())).collect();
        assert_eq!(
            kinds,
            vec![
                (BlockKind::Heading(1), "Tittel".into()),
                (BlockKind::Paragraph, "Innledning med fet tekst.".into()),
                (BlockKind::Heading(2), "1 Punkt".into()),
                (
                    BlockKind::Item {
                        depth: 0,
                        number: None
                    },
                    "en".into()
                ),
                (
                    BlockKind::Item {
                        depth: 0,
                        number: None
                    },
                    "to".into()
                ),
                (
                    BlockKind::Item {
                        depth: 1,
                        number: None
                    },
                    "under".into()
                ),
                (
                    BlockKind::Item {
                        depth: 0,
                        number: Some(3)
                    },
                    "tre".into()
                ),
                (
                    BlockKind::Item {
                        depth: 0,
                        number: Some(4)
                    },
                    "fire".into()
                ),
                (BlockKind::Quote, "Forutsetning: noe".into()),
                (BlockKind::TableRow { header: true }, "A | B".into()),
                (BlockKind::TableRow { header: false }, "1 | 2".into()),
            ]
        );
        assert!(blocks[1].cells[0][1].style.bold);
    }
}
