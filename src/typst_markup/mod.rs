//! Stage 4: converts rendered Markdown into Typst markup (and into the Markdown and HTML
//! files of a pack).
//!
//! Every piece of text is escaped character by character, so whatever a template or a
//! profile value contains arrives in the PDF as the same text and can never run as Typst
//! code. Link targets are kept only for `https:`, `http:` and `mailto:`.
//!
//! Values reach Typst as data: rendering marks each value it inserts (through
//! [`escape_value`], Tera's escape function), and the result is a [`Marked`] document that
//! only this module reads. The markers are private-use characters, which validation refuses
//! in a profile ([`is_reserved`]).

pub mod segment;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use segment::{Piece, Segment};

/// A document as Typst markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markup {
    /// The text of the Markdown's first `# ` heading, unescaped.
    pub title: String,
    /// The body, without the title, as Typst markup.
    pub body: String,
    /// The values the body refers to as `#v.at(i);`, in order.
    pub values: Vec<String>,
}

/// Marks the start of a value inserted into a template (see [`mark_value`]).
const VALUE_START: char = '\u{E000}';
/// Marks the end of a value inserted into a template.
const VALUE_END: char = '\u{E001}';

/// Rendered Markdown whose inserted values are marked: what rendering produces and the
/// only way to the Typst markup, the Markdown file and the HTML file of a document, so no
/// output can forget to remove the markers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked(String);

impl Marked {
    /// Markdown rendered with [`escape_value`] as the template engine's escape function.
    pub fn from_rendered(markdown: String) -> Self {
        Marked(markdown)
    }

    /// The translation segments of the text, in reading order, each value a placeholder.
    pub fn segments(&self) -> Vec<Segment> {
        segment::segments(&self.0)
    }

    /// The document with each of `segments` (as [`Marked::segments`] gave them) replaced by
    /// the translation of the same index in `translations`; the values are the segments'
    /// own, whatever the translation held.
    pub fn translated(&self, segments: &[Segment], translations: &[Vec<Piece>]) -> Marked {
        Marked(segment::replace(&self.0, segments, translations))
    }

    /// The document with the Markdown paragraph `notice` (its values inserted with
    /// [`escape_value`]) under its title line.
    pub fn with_notice(&self, notice: &str) -> Marked {
        // The first line is `# Title` (templates/README.md).
        Marked(match self.0.split_once('\n') {
            Some((title, rest)) if title.starts_with("# ") => {
                format!("{title}\n\n{notice}\n{rest}")
            }
            _ => format!("{notice}\n\n{}", self.0),
        })
    }

    /// The Typst markup, with every value passed as data.
    pub fn to_typst(&self) -> Result<Markup, MarkupError> {
        convert(&self.0)
    }

    /// The Markdown as a person reads it, for the `.md` file.
    pub fn to_markdown(&self) -> String {
        unmark(&self.0)
    }

    /// An HTML fragment for a CMS. Raw HTML in the Markdown is shown as text, never passed
    /// on.
    pub fn to_html(&self) -> String {
        html(&self.to_markdown())
    }
}

/// The escape function for every value a template inserts: escaped for Markdown, so it
/// stays text, and marked, so the converter passes it to Typst as data.
pub fn escape_value(value: &str) -> String {
    mark_value(&escape_markdown(value))
}

/// Whether `c` is reserved for the value markers and so must never occur in a value.
pub fn is_reserved(c: char) -> bool {
    // The whole Private Use Area: no font shows it, and it holds the markers.
    matches!(c, '\u{e000}'..='\u{f8ff}')
}

/// Wraps a value inserted into a template in markers, so that the converter can pass it
/// to Typst as data instead of as text of the markup. The markup of a template is then the
/// same for every municipality, and Typst reuses the layout of every unchanged paragraph
/// from one pack to the next.
///
/// Tera also applies this to the values it tests in `{% if %}`: an empty value stays
/// empty, so that it is still false there.
pub(crate) fn mark_value(value: &str) -> String {
    if value.is_empty() {
        return String::new();
    }
    format!("{VALUE_START}{value}{VALUE_END}")
}

/// Removes the value markers.
fn unmark(text: &str) -> String {
    text.replace([VALUE_START, VALUE_END], "")
}

/// Backslash-escapes what Markdown could read as structure, so that a value is always
/// literal text: the inline markers everywhere, and the block markers (`-`, `+`, `=`, `1.`)
/// at its start, where a template may place it at the beginning of a line. Other
/// punctuation is left alone so that the `.md` files stay readable.
pub(crate) fn escape_markdown(value: &str) -> String {
    escape_markdown_at(value, true)
}

/// [`escape_markdown`] of text that starts a line (`at_start`) or continues one, where a
/// block marker means nothing and stays as written.
fn escape_markdown_at(value: &str, at_start: bool) -> String {
    const INLINE: &[char] = &[
        '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '&', '!',
    ];
    let mut out = String::with_capacity(value.len() + 8);
    let mut at_start = at_start;
    for c in value.chars() {
        let block_marker = at_start && matches!(c, '-' | '+' | '=' | '.' | ')');
        if INLINE.contains(&c) || block_marker {
            out.push('\\');
        }
        out.push(c);
        // Digits may open an ordered list ("1." or "1)"): the start lasts through them.
        at_start = at_start && c.is_ascii_digit();
    }
    out
}

/// Why Markdown could not be converted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkupError {
    /// The Markdown has no `# Title` line.
    #[error("the document has no title: its template must begin with a `# Title` line")]
    MissingTitle,
    /// A heading skips a level, which PDF/UA forbids.
    #[error(
        "the heading \"{heading}\" is at level {level} but follows level {previous}; headings must not skip a level"
    )]
    SkippedHeadingLevel {
        /// The heading's text.
        heading: String,
        /// Its level (1 = title).
        level: usize,
        /// The level before it.
        previous: usize,
    },
}

/// Characters that mean something in Typst markup somewhere; each is written with a
/// backslash, which Typst reads as the literal character.
const SPECIAL: &[char] = &[
    '\\', '#', '$', '*', '_', '@', '<', '>', '[', ']', '`', '~', '/', '=', '-', '+', '.', '\'',
    '"', ':',
];

/// The Markdown extensions templates may use: GitHub tables, strikethrough and task lists.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS);

/// Escapes `text` for Typst markup.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes `text` for the inside of a Typst string literal.
fn escape_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// A parser of template Markdown with the extensions templates may use.
pub(crate) fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(markdown, OPTIONS)
}

/// Converts `markdown` to Typst markup.
pub(crate) fn convert(markdown: &str) -> Result<Markup, MarkupError> {
    let mut w = Writer::default();
    for event in parser(markdown) {
        w.event(event)?;
    }
    let title = w.title.ok_or(MarkupError::MissingTitle)?;
    Ok(Markup {
        title: unmark(title.trim()),
        body: w.out.trim().to_owned() + "\n",
        values: w.values,
    })
}

/// A list being written.
struct List {
    numbered: bool,
    /// Where its markup starts in the output.
    start: usize,
    /// Every item so far starts with a tick box.
    tasks_only: bool,
}

#[derive(Default)]
struct Writer {
    out: String,
    /// Spaces that continue the current list item on a new line.
    indent: usize,
    /// Open lists, innermost last.
    lists: Vec<List>,
    /// The current item starts with a tick box.
    item_is_task: bool,
    /// Collecting the title instead of writing.
    in_title: bool,
    title: Option<String>,
    last_level: usize,
    heading_text: String,
    /// Inside a link whose target is dropped: write its text only.
    dropped_links: usize,
    in_code_block: bool,
    /// The value being read between markers.
    value: Option<String>,
    /// Values read so far.
    values: Vec<String>,
    /// A heading that skips a level: `(level, previous)`, reported once its text is known.
    skipped: Option<(usize, usize)>,
}

impl Writer {
    fn newline(&mut self) {
        self.out.push('\n');
        self.out.extend(std::iter::repeat_n(' ', self.indent));
    }

    fn blank_line(&mut self) {
        self.out.push('\n');
        self.newline();
    }

    fn text(&mut self, text: &str) {
        if self.in_title {
            self.title.get_or_insert_with(String::new).push_str(text);
            return;
        }
        let marked = !self.in_code_block;
        for piece in text.split_inclusive([VALUE_START, VALUE_END]) {
            let (content, marker) = match piece.char_indices().last() {
                Some((at, c @ (VALUE_START | VALUE_END))) => (&piece[..at], Some(c)),
                _ => (piece, None),
            };
            self.heading_text.push_str(content);
            match (&mut self.value, marked) {
                (Some(value), true) => value.push_str(content),
                _ if self.in_code_block => self.out.push_str(&escape_string(content)),
                _ => self.out.push_str(&escape_text(content)),
            }
            match (marker, marked) {
                (Some(VALUE_START), true) => self.value = Some(String::new()),
                (Some(_), true) => {
                    if let Some(value) = self.value.take() {
                        // The `;` ends the expression, so that text after it stays text.
                        let _ = write!(self.out, "#v.at({});", self.values.len());
                        self.values.push(value);
                    }
                }
                _ => {}
            }
        }
    }

    fn event(&mut self, event: Event) -> Result<(), MarkupError> {
        match event {
            // A title is plain text: formatting inside it is dropped.
            Event::Start(tag) if self.in_title && !matches!(tag, Tag::Heading { .. }) => {}
            Event::End(tag) if self.in_title && !matches!(tag, TagEnd::Heading(_)) => {}
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag)?,
            Event::Text(t) => self.text(&t),
            Event::Code(t) => {
                let _ = write!(self.out, "#raw(\"{}\")", escape_string(&t));
            }
            // Raw HTML in a template or value is shown as the text it is.
            Event::Html(t) | Event::InlineHtml(t) => self.text(&t),
            Event::SoftBreak => self.out.push(' '),
            Event::HardBreak => {
                self.out.push('\\');
                self.newline();
            }
            Event::Rule => {
                self.blank_line();
                self.out.push_str("#line(length: 100%)");
                self.blank_line();
            }
            Event::TaskListMarker(done) => {
                self.item_is_task = true;
                self.out.push_str(if done { "☑ " } else { "☐ " });
            }
            Event::FootnoteReference(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.text(&t)
            }
        }
        Ok(())
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Heading { level, .. } => self.start_heading(heading_number(level)),
            Tag::Paragraph => {}
            Tag::BlockQuote(_) => self.out.push_str("#quote(block: true)["),
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) if !l.is_empty() => {
                        format!("lang: \"{}\", ", escape_string(&l))
                    }
                    _ => String::new(),
                };
                let _ = write!(self.out, "#raw(block: true, {lang}\"");
                self.in_code_block = true;
            }
            Tag::List(start) => {
                if self.lists.is_empty() {
                    self.blank_line();
                }
                self.lists.push(List {
                    numbered: start.is_some(),
                    start: self.out.len(),
                    tasks_only: true,
                });
            }
            Tag::Item => {
                self.indent = 2 * (self.lists.len() - 1);
                self.newline();
                let numbered = self.lists.last().is_some_and(|l| l.numbered);
                self.out.push_str(if numbered { "+ " } else { "- " });
                self.indent += 2;
                self.item_is_task = false;
            }
            Tag::Table(alignments) => {
                self.blank_line();
                // The layout's `fit-table` sizes the columns to their text.
                let _ = write!(self.out, "#fit-table[#table(columns: {},", alignments.len());
            }
            Tag::TableHead => {
                self.out.push_str("\n  table.header(");
            }
            Tag::TableRow => self.out.push_str("\n  "),
            Tag::TableCell => self.out.push('['),
            Tag::Emphasis => self.out.push_str("#emph["),
            Tag::Strong => self.out.push_str("#strong["),
            Tag::Strikethrough => self.out.push_str("#strike["),
            Tag::Link { dest_url, .. } => self.start_link(&dest_url),
            // Images, raw HTML, footnotes, metadata and definition lists are not template
            // Markdown: their text (if any) is written as text.
            _ => {}
        }
    }

    /// A heading: the first level-1 heading is the title; a skipped level is an error
    /// reported at the end of the heading, with its text.
    fn start_heading(&mut self, level: usize) {
        if level == 1 && self.title.is_none() {
            self.in_title = true;
            self.last_level = 1;
            return;
        }
        if level > self.last_level + 1 || level == 1 {
            self.skipped = Some((level, self.last_level));
        }
        self.heading_text.clear();
        self.last_level = level;
        self.blank_line();
        self.out.push_str(&"=".repeat(level));
        self.out.push(' ');
    }

    /// A link is kept only to a web page or an e-mail address; any other target (a
    /// `javascript:` URL, a file) is dropped and only its text is written.
    fn start_link(&mut self, dest_url: &str) {
        let dest_url = unmark(dest_url);
        let safe = ["https://", "http://", "mailto:"]
            .iter()
            .any(|p| dest_url.starts_with(p));
        if safe {
            let _ = write!(self.out, "#link(\"{}\")[", escape_string(&dest_url));
        } else {
            self.dropped_links += 1;
        }
    }

    fn end(&mut self, tag: TagEnd) -> Result<(), MarkupError> {
        match tag {
            TagEnd::Heading(_) => {
                if let Some((level, previous)) = self.skipped {
                    let heading = std::mem::take(&mut self.heading_text).trim().to_owned();
                    return Err(MarkupError::SkippedHeadingLevel {
                        heading,
                        level,
                        previous,
                    });
                }
                if self.in_title {
                    self.in_title = false;
                } else {
                    self.blank_line();
                }
            }
            // Inside a list item the blank line is indented, which continues the item.
            TagEnd::Paragraph => self.blank_line(),
            TagEnd::BlockQuote(_) => {
                self.out.push(']');
                self.blank_line();
            }
            TagEnd::CodeBlock => {
                self.in_code_block = false;
                self.out.push_str("\")");
                self.blank_line();
            }
            TagEnd::List(_) => {
                // A list of tick boxes only: the boxes are the markers.
                if let Some(list) = self.lists.pop().filter(|l| l.tasks_only) {
                    self.out.insert_str(list.start, "#[#set list(marker: none)");
                    self.out.push(']');
                }
                self.indent = 2 * self.lists.len();
                if self.lists.is_empty() {
                    self.indent = 0;
                    self.blank_line();
                }
            }
            TagEnd::Item => {
                if !self.item_is_task
                    && let Some(list) = self.lists.last_mut()
                {
                    list.tasks_only = false;
                }
            }
            TagEnd::Table => {
                self.out.push_str("\n)]");
                self.blank_line();
            }
            TagEnd::TableHead => self.out.push_str("),"),
            TagEnd::TableRow => {}
            TagEnd::TableCell => self.out.push_str("],"),
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => self.out.push(']'),
            TagEnd::Link => {
                if self.dropped_links > 0 {
                    self.dropped_links -= 1;
                } else {
                    self.out.push(']');
                }
            }
            _ => {}
        }
        Ok(())
    }
}

use std::fmt::Write as _;

fn heading_number(level: HeadingLevel) -> usize {
    level as usize
}

/// An HTML fragment of `markdown`, raw HTML shown as text.
fn html(markdown: &str) -> String {
    let events = parser(markdown).map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
        e => e,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests;
