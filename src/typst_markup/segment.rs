//! Splits a rendered (marked) document into translation segments: one per heading,
//! paragraph, list item and table cell, with the profile's values kept apart as
//! placeholders and inline formatting kept as paired codes; and puts translated segments
//! back in their places. Only this module and its parent read the value markers.

use super::{OPTIONS, VALUE_END, VALUE_START, escape_markdown_at, escape_value, unmark};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use sha2::{Digest, Sha256};
use std::ops::Range;

/// What kind of block a segment is, for the translator's note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    /// The document's title (`#`).
    Title,
    /// A section heading.
    Heading,
    /// A paragraph of running text.
    Paragraph,
    /// One item of a list.
    ListItem,
    /// One cell of a table.
    TableCell,
}

impl SegmentKind {
    /// The kind in Norwegian, for notes.
    pub fn describe(self) -> &'static str {
        match self {
            SegmentKind::Title => "tittel",
            SegmentKind::Heading => "overskrift",
            SegmentKind::Paragraph => "avsnitt",
            SegmentKind::ListItem => "punkt i en liste",
            SegmentKind::TableCell => "celle i en tabell",
        }
    }
}

/// Inline formatting the translator keeps around the translated words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// `**bold**`.
    Bold,
    /// `*italic*`.
    Italic,
    /// A link; the target is not for translation.
    Link(String),
}

/// One piece of a segment's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text to translate.
    Text(String),
    /// A value from the profile or the reference data, moved but never retyped.
    Value {
        /// Its id within the segment (`v1`, `v2`, …).
        id: String,
        /// The value as printed.
        text: String,
    },
    /// The start of formatted text (`g1`, …).
    Open {
        /// Its id within the segment.
        id: String,
        /// Which formatting.
        format: Format,
    },
    /// The end of the formatted text opened last.
    Close,
    /// A forced line break.
    LineBreak,
}

/// One unit of translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Its id in the document: `s1`, `s2`, … in reading order.
    pub id: String,
    /// What kind of block it is.
    pub kind: SegmentKind,
    /// The heading of the section it is in (empty before the first section).
    pub section: String,
    /// Its content.
    pub pieces: Vec<Piece>,
    /// Where its content lies in the marked text it was read from.
    pub span: Range<usize>,
}

impl Segment {
    /// The source text with each value written `{v1}` and formatting `<g1>…</g>`: what the
    /// hash covers, so that a new phone number does not make a translation stale but a
    /// changed Norwegian sentence does.
    pub fn canonical(&self) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Value { id, .. } => {
                    out.push('{');
                    out.push_str(id);
                    out.push('}');
                }
                Piece::Open { id, .. } => {
                    out.push('<');
                    out.push_str(id);
                    out.push('>');
                }
                Piece::Close => out.push_str("</g>"),
                Piece::LineBreak => out.push('\n'),
            }
        }
        out
    }

    /// SHA-256 of [`Segment::canonical`], lowercase hex.
    pub fn source_hash(&self) -> String {
        format!("{:x}", Sha256::digest(self.canonical().as_bytes()))
    }

    /// The text a reader sees, values included.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) | Piece::Value { text: t, .. } => out.push_str(t),
                Piece::LineBreak => out.push('\n'),
                Piece::Open { .. } | Piece::Close => {}
            }
        }
        out
    }

    /// The values in the segment, in order.
    pub fn values(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Value { id, text } => Some((id.as_str(), text.as_str())),
            _ => None,
        })
    }
}

/// A segment being collected.
struct Open {
    kind: SegmentKind,
    pieces: Vec<Piece>,
    values: usize,
    codes: usize,
    /// The source bytes its inline content covers so far.
    span: Option<Range<usize>>,
}

impl Open {
    fn new(kind: SegmentKind) -> Self {
        Open {
            kind,
            pieces: Vec::new(),
            values: 0,
            codes: 0,
            span: None,
        }
    }

    fn cover(&mut self, range: &Range<usize>) {
        self.span = Some(match self.span.take() {
            Some(s) => s.start.min(range.start)..s.end.max(range.end),
            None => range.clone(),
        });
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.pieces.last_mut() {
            Some(Piece::Text(t)) => t.push_str(text),
            _ => self.pieces.push(Piece::Text(text.to_owned())),
        }
    }

    fn value(&mut self, text: String) {
        self.values += 1;
        self.pieces.push(Piece::Value {
            id: format!("v{}", self.values),
            text,
        });
    }

    fn open(&mut self, format: Format) {
        self.codes += 1;
        self.pieces.push(Piece::Open {
            id: format!("g{}", self.codes),
            format,
        });
    }

    /// Trims the outer white space; `None` if nothing is left to translate.
    fn finish(mut self) -> Option<(SegmentKind, Vec<Piece>, Range<usize>)> {
        if let Some(Piece::Text(t)) = self.pieces.first_mut() {
            *t = t.trim_start().to_owned();
        }
        if let Some(Piece::Text(t)) = self.pieces.last_mut() {
            *t = t.trim_end().to_owned();
        }
        self.pieces
            .retain(|p| !matches!(p, Piece::Text(t) if t.is_empty()));
        let has_words = self
            .pieces
            .iter()
            .any(|p| matches!(p, Piece::Text(t) if t.chars().any(char::is_alphabetic)));
        let span = self.span.unwrap_or_default();
        has_words.then_some((self.kind, self.pieces, span))
    }
}

/// The segments of the marked Markdown `marked`, in reading order. Segments without a
/// word to translate (a value alone, punctuation) are left out: they read the same in
/// every language.
pub(super) fn segments(marked: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut current: Option<Open> = None;
    let mut section = String::new();
    // Inside a value: the text read so far (a value may span several text events).
    let mut value: Option<String> = None;
    let mut title_seen = false;
    let flush = |current: &mut Option<Open>, section: &str, out: &mut Vec<Segment>| {
        if let Some((kind, pieces, span)) = current.take().and_then(Open::finish) {
            out.push(Segment {
                id: format!("s{}", out.len() + 1),
                kind,
                section: section.to_owned(),
                pieces,
                span,
            });
        }
    };
    for (event, range) in Parser::new_ext(marked, OPTIONS).into_offset_iter() {
        // Inline content (not the block markers `#` or `-`) is what a translation replaces.
        let inline = matches!(
            event,
            Event::Text(_)
                | Event::Code(_)
                | Event::InlineHtml(_)
                | Event::SoftBreak
                | Event::HardBreak
                | Event::Start(Tag::Strong | Tag::Emphasis | Tag::Link { .. })
        );
        if inline && let Some(c) = current.as_mut() {
            c.cover(&range);
        }
        match event {
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, &section, &mut out);
                let kind = if title_seen {
                    SegmentKind::Heading
                } else {
                    SegmentKind::Title
                };
                title_seen = true;
                current = Some(Open::new(kind));
            }
            Event::End(TagEnd::Heading(_)) => {
                let heading = current.as_ref().map(|c| {
                    let s = Segment {
                        id: String::new(),
                        kind: c.kind,
                        section: String::new(),
                        pieces: c.pieces.clone(),
                        span: 0..0,
                    };
                    s.plain().trim().to_owned()
                });
                let kind = current.as_ref().map(|c| c.kind);
                // A heading stands under no other heading: its note names no section.
                flush(&mut current, "", &mut out);
                if kind == Some(SegmentKind::Heading) {
                    section = heading.unwrap_or_default();
                }
            }
            Event::Start(Tag::Paragraph) => {
                if current.is_none() {
                    current = Some(Open::new(SegmentKind::Paragraph));
                } else if let Some(c) = current.as_mut() {
                    // A second paragraph of a loose list item continues it.
                    c.text(" ");
                }
            }
            Event::End(TagEnd::Paragraph)
                if current.as_ref().map(|c| c.kind) == Some(SegmentKind::Paragraph) =>
            {
                flush(&mut current, &section, &mut out);
            }
            Event::Start(Tag::List(_)) => flush(&mut current, &section, &mut out),
            Event::Start(Tag::Item) => {
                flush(&mut current, &section, &mut out);
                current = Some(Open::new(SegmentKind::ListItem));
            }
            Event::End(TagEnd::Item) => flush(&mut current, &section, &mut out),
            Event::Start(Tag::TableCell) => {
                flush(&mut current, &section, &mut out);
                current = Some(Open::new(SegmentKind::TableCell));
            }
            Event::End(TagEnd::TableCell) => flush(&mut current, &section, &mut out),
            Event::Start(Tag::Strong) => {
                if let Some(c) = current.as_mut() {
                    c.open(Format::Bold);
                }
            }
            Event::Start(Tag::Emphasis) => {
                if let Some(c) = current.as_mut() {
                    c.open(Format::Italic);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(c) = current.as_mut() {
                    c.open(Format::Link(unmark(&dest_url)));
                }
            }
            Event::End(TagEnd::Strong | TagEnd::Emphasis | TagEnd::Link) => {
                if let Some(c) = current.as_mut() {
                    c.pieces.push(Piece::Close);
                }
            }
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                let Some(c) = current.as_mut() else { continue };
                for piece in text.split_inclusive([VALUE_START, VALUE_END]) {
                    let (content, marker) = match piece.char_indices().last() {
                        Some((at, m @ (VALUE_START | VALUE_END))) => (&piece[..at], Some(m)),
                        _ => (piece, None),
                    };
                    match value.as_mut() {
                        Some(v) => v.push_str(content),
                        None => c.text(content),
                    }
                    match marker {
                        Some(VALUE_START) => value = Some(String::new()),
                        Some(_) => {
                            if let Some(v) = value.take() {
                                c.value(v);
                            }
                        }
                        None => {}
                    }
                }
            }
            Event::SoftBreak => {
                if let Some(c) = current.as_mut() {
                    match value.as_mut() {
                        Some(v) => v.push(' '),
                        None => c.text(" "),
                    }
                }
            }
            Event::HardBreak => {
                if let Some(c) = current.as_mut() {
                    c.pieces.push(Piece::LineBreak);
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &section, &mut out);
    out
}

/// `marked` with the content of each of `segments` (read from it) replaced by its
/// translation, the pieces of the same index in `translations`, written back as marked
/// Markdown: text escaped, values marked, formatting as Markdown. The block structure
/// (headings, lists, paragraphs) and what is not a segment stay as they are.
pub(super) fn replace(marked: &str, segments: &[Segment], translations: &[Vec<Piece>]) -> String {
    let mut out = String::with_capacity(marked.len() + marked.len() / 4);
    let mut at = 0;
    for (segment, pieces) in segments.iter().zip(translations) {
        let span = &segment.span;
        if span.start < at || span.end > marked.len() {
            continue;
        }
        out.push_str(&marked[at..span.start]);
        // A forced line break continues the block: at the column the content starts at.
        let line_start = marked[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let indent = " ".repeat(marked[line_start..span.start].chars().count());
        write_pieces(&mut out, segment, pieces, &indent);
        at = span.end;
    }
    out.push_str(&marked[at..]);
    out
}

/// Writes `pieces`, the translation of `segment`, as marked Markdown inline content. Each
/// value and link target is the segment's own of the same id: a translation moves them but
/// never changes them, except that a date is written in figures.
fn write_pieces(out: &mut String, segment: &Segment, pieces: &[Piece], indent: &str) {
    let start = out.len();
    let own = |id: &str| {
        segment.pieces.iter().find(|p| match p {
            Piece::Value { id: i, .. } | Piece::Open { id: i, .. } => i == id,
            _ => false,
        })
    };
    // What closes each open code, innermost last.
    let mut closing: Vec<String> = Vec::new();
    // An opening delimiter waits for the text after it: Markdown emphasis must not start
    // with a space, so white space the translator put inside goes before it.
    let mut pending: Option<&str> = None;
    for piece in pieces {
        match piece {
            Piece::Text(t) => {
                // A line break in a translation must not end the block (or start a new one).
                let t = t.replace(['\r', '\n'], " ");
                let mut t = t.as_str();
                if let Some(open) = pending.take() {
                    let trimmed = t.trim_start();
                    out.push_str(&t[..t.len() - trimmed.len()]);
                    out.push_str(open);
                    t = trimmed;
                }
                // A block marker (`-`, `1.`) means something only where the segment starts.
                out.push_str(&escape_markdown_at(t, out.len() == start));
            }
            Piece::Value { id, text } => {
                if let Some(open) = pending.take() {
                    out.push_str(open);
                }
                let text = match own(id) {
                    Some(Piece::Value { text, .. }) => text,
                    _ => text,
                };
                // A date in figures: a Norwegian month name has no place in a translation.
                let figures = crate::render::date_in_figures(text);
                out.push_str(&escape_value(figures.as_deref().unwrap_or(text)));
            }
            Piece::Open { id, format } => {
                if let Some(open) = pending.take() {
                    out.push_str(open);
                }
                let format = match own(id) {
                    Some(Piece::Open { format, .. }) => format,
                    _ => format,
                };
                let (open, close) = match format {
                    Format::Bold => ("**", "**".to_owned()),
                    Format::Italic => ("*", "*".to_owned()),
                    Format::Link(url) => {
                        ("[", format!("](<{}>)", url.replace(['<', '>', '\n'], "")))
                    }
                };
                pending = Some(open);
                closing.push(close);
            }
            Piece::Close => {
                if let Some(open) = pending.take() {
                    out.push_str(open);
                }
                // Likewise, emphasis must not end with a space.
                let trimmed = out.trim_end().len();
                let space = out.split_off(trimmed);
                out.push_str(&closing.pop().unwrap_or_default());
                out.push_str(&space);
            }
            Piece::LineBreak => {
                out.push_str("\\\n");
                out.push_str(indent);
            }
        }
    }
    if let Some(open) = pending.take() {
        out.push_str(open);
    }
    while let Some(close) = closing.pop() {
        out.push_str(&close);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typst_markup::mark_value;

    #[test]
    fn blocks_become_segments_and_values_placeholders() {
        let date = mark_value("2. mars 2026");
        let office = mark_value("Nav Indre Finnmark");
        let marked = format!(
            "# Tittel\n\nFra {date} kan du søke hos {office}.\n\n## Del\n\n- ett punkt\n- **to** med {office}\n\n{office}\n"
        );
        let s = segments(&marked);
        let kinds: Vec<SegmentKind> = s.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SegmentKind::Title,
                SegmentKind::Paragraph,
                SegmentKind::Heading,
                SegmentKind::ListItem,
                SegmentKind::ListItem
            ],
            "a value alone is not a segment"
        );
        assert_eq!(s[1].canonical(), "Fra {v1} kan du søke hos {v2}.");
        assert_eq!(
            s[1].plain(),
            "Fra 2. mars 2026 kan du søke hos Nav Indre Finnmark."
        );
        assert_eq!(s[2].section, "", "a heading is under no section");
        assert_eq!(s[3].section, "Del");
        assert_eq!(s[4].canonical(), "<g1>to</g> med {v1}");
        assert_eq!(s[4].id, "s5");
    }

    #[test]
    fn the_hash_covers_the_words_not_the_values() {
        let a = segments(&format!("Ring {}.", mark_value("55 55 33 33")));
        let b = segments(&format!("Ring {}.", mark_value("99 99 99 99")));
        let c = segments(&format!("Ring oss på {}.", mark_value("55 55 33 33")));
        assert_eq!(a[0].source_hash(), b[0].source_hash());
        assert_ne!(a[0].source_hash(), c[0].source_hash());
    }

    #[test]
    fn a_translation_goes_back_in_place_with_the_structure_and_the_values_kept() {
        let office = crate::typst_markup::escape_value("Nav *Indre* Finnmark");
        let marked =
            format!("# Tittel\n\nKom til {office}.\n\n## Del\n\n- ett\n- to\n\n**Raskt?** Ring.\n");
        let segments = segments(&marked);
        // The same text back gives the same document, byte for byte.
        let same: Vec<Vec<Piece>> = segments.iter().map(|s| s.pieces.clone()).collect();
        assert_eq!(replace(&marked, &segments, &same), marked);
        // A translation: values from the segment, white space inside bold moved out, a
        // list item's text that looks like a list marker kept as text.
        let mut other = same.clone();
        other[1] = vec![
            Piece::Text("Boađe ".into()),
            Piece::Value {
                id: "v1".into(),
                text: "ignored".into(),
            },
            Piece::Text(" gohcái.".into()),
        ];
        other[3] = vec![Piece::Text("- ovtta\nlinja".into())];
        other[5] = vec![
            Piece::Open {
                id: "g1".into(),
                format: Format::Bold,
            },
            Piece::Text(" Jođánit? ".into()),
            Piece::Close,
            Piece::Text("Riŋge.".into()),
        ];
        let translated = replace(&marked, &segments, &other);
        let back = super::super::Marked(translated.clone()).segments();
        assert_eq!(back.len(), segments.len(), "{translated}");
        assert_eq!(back[1].plain(), "Boađe Nav *Indre* Finnmark gohcái.");
        assert_eq!(back[3].kind, SegmentKind::ListItem);
        assert_eq!(back[3].plain(), "- ovtta linja");
        assert_eq!(back[5].canonical(), "<g1>Jođánit?</g> Riŋge.");
    }

    #[test]
    fn escaped_values_come_back_as_written() {
        let value = mark_value(&crate::typst_markup::escape_markdown("*Nav* [x]_y"));
        let s = segments(&format!("Hei {value} du"));
        assert_eq!(s[0].values().next(), Some(("v1", "*Nav* [x]_y")));
    }
}
