//! Stage 5: typesets a document with the embedded Typst compiler and exports a PDF/A-2a +
//! PDF/UA-1 file.

mod world;

use crate::workers::Background;
use chrono::Datelike;
use serde::Serialize;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::syntax::Source;
use typst::{World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};
use world::{DocumentWorld, Shared};

/// One diagnostic from Typst, located in the generated markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What Typst says.
    pub message: String,
    /// Typst's hints.
    pub hints: Vec<String>,
    /// The file it points into (`/main.typ` or `/layout.typ`).
    pub file: String,
    /// 1-based line, when the diagnostic points into a file.
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
}

/// Why a document could not be typeset or exported.
#[derive(Debug, thiserror::Error)]
pub enum TypesetError {
    /// Typst reported errors while compiling.
    #[error("typesetting failed: {}", first_message(.0))]
    Compile(Vec<Diagnostic>),
    /// The PDF export failed (e.g. a rule of PDF/A or PDF/UA was broken).
    #[error("PDF export failed: {}", first_message(.0))]
    Export(Vec<Diagnostic>),
    /// The document metadata could not be encoded.
    #[error("the document data could not be encoded")]
    Meta(#[source] serde_json::Error),
}

fn first_message(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| match d.line {
            Some(line) => format!(
                "{} ({}:{line}:{})",
                d.message,
                d.file,
                d.column.unwrap_or(1)
            ),
            None => d.message.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The data the layout reads from `/meta.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// The document's title.
    pub title: String,
    /// Author metadata: the issuing party.
    pub author: String,
    /// `nb` or `nn`.
    pub lang: &'static str,
    /// The document date as `[year, month, day]`.
    pub date: [u32; 3],
    /// The date as printed, e.g. "1. februar 2026".
    pub date_text: String,
    /// Text printed under the title (the parties or the municipality).
    pub subtitle: String,
    /// Signature blocks; empty for documents that are not signed.
    pub signatures: Vec<SignatureBlock>,
    /// Whether pages are landscape (wide tables).
    pub landscape: bool,
    /// The values the body refers to (see [`crate::typst_markup::Markup::values`]).
    pub values: Vec<String>,
    /// The draft mark printed on every page («UTKAST – ikke for signering»), or empty.
    pub draft: String,
    /// The tool's version, for the footer; empty leaves provenance out (citizen texts).
    pub tool: &'static str,
    /// The template set's version (a short hash), for the footer.
    pub templates: String,
    /// The first characters of the profile's SHA-256, for the footer.
    pub profile: String,
    /// The language versions of a bilingual document, in order, each complete with its
    /// own title block; empty for a document in one language.
    pub parts: Vec<Part>,
}

/// One language version of a bilingual document (the Sami language area).
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    /// Its language (BCP 47: `se`, `smj`, `sma`, `nb`, `nn`): set on all its text, so that
    /// the PDF's structure tree tags it.
    pub lang: &'static str,
    /// Its title.
    pub title: String,
    /// Text printed under its title.
    pub subtitle: String,
    /// The date as printed under it.
    pub date_text: String,
    /// The values its body refers to.
    pub values: Vec<String>,
}

impl Meta {
    /// A document titled "T" with no parties, signatures or provenance: for checking
    /// markup on its own.
    pub fn bare(values: Vec<String>) -> Meta {
        Meta {
            title: "T".into(),
            author: String::new(),
            lang: "nb",
            date: [2026, 2, 1],
            date_text: String::new(),
            subtitle: String::new(),
            signatures: Vec::new(),
            landscape: false,
            values,
            draft: String::new(),
            tool: "0",
            templates: String::new(),
            profile: String::new(),
            parts: Vec::new(),
        }
    }
}

/// One signature block.
#[derive(Debug, Clone, Serialize)]
pub struct SignatureBlock {
    /// The party.
    pub party: String,
    /// The signatory; empty leaves a line.
    pub name: String,
    /// The title.
    pub title: String,
}

/// Compiles documents; fonts, the standard library and the layout are loaded once and
/// shared by every document (and thread).
pub struct Typesetter {
    /// Loaded on a thread of its own while the profile is read and the templates render
    /// (about 3 ms of a `generate`'s start, when one core would otherwise idle).
    shared: Background<Shared>,
    /// A fixed age for [`Typesetter::trim_caches`] (the benchmark's).
    memo_max_age: Option<usize>,
}

impl Typesetter {
    /// Starts loading fonts and the layout.
    pub fn new(layout: &str) -> Self {
        let layout = layout.to_owned();
        Typesetter {
            shared: Background::new(move || Shared::new(&layout)),
            memo_max_age: None,
        }
    }

    /// Keeps unused memo entries for `trims` trims, whatever [`Typesetter::trim_caches`] is
    /// asked (for the benchmark, which measures what the cache buys).
    pub fn with_memo_max_age(mut self, trims: usize) -> Self {
        self.memo_max_age = Some(trims);
        self
    }

    /// Drops from Typst's memo cache what none of the last `trims` + 1 trims' work used.
    /// Call it after each document, or memory grows by several megabytes per document.
    pub fn trim_caches(&self, trims: usize) {
        typst::comemo::evict(self.memo_max_age.unwrap_or(trims));
    }

    /// Lays out `body` (Typst markup) with the layout and `meta`.
    pub fn compile(&self, body: &str, meta: &Meta) -> Result<PagedDocument, TypesetError> {
        compile_in(&self.world(&[body], meta)?)
    }

    /// Lays out the bodies of a bilingual document, one per part of `meta.parts`.
    pub fn compile_parts(
        &self,
        bodies: &[&str],
        meta: &Meta,
    ) -> Result<PagedDocument, TypesetError> {
        compile_in(&self.world(bodies, meta)?)
    }

    /// Lays out and exports a PDF/A-2a + PDF/UA-1 file whose bytes depend only on the input.
    pub fn pdf(&self, body: &str, meta: &Meta) -> Result<Vec<u8>, TypesetError> {
        self.pdf_parts(&[body], meta)
    }

    /// [`Typesetter::pdf`] of a bilingual document: one body per part of `meta.parts`.
    pub fn pdf_parts(&self, bodies: &[&str], meta: &Meta) -> Result<Vec<u8>, TypesetError> {
        let world = self.world(bodies, meta)?;
        let document = compile_in(&world)?;
        let standards = PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
            .map_err(|e| TypesetError::Export(vec![plain(e.message().to_string())]))?;
        let options = PdfOptions {
            // Same input, same identifier: the bytes are reproducible.
            ident: Smart::Custom(format!(
                "{}/{}/{}/{}",
                meta.title, meta.tool, meta.templates, meta.profile
            )),
            timestamp: Some(Timestamp::new_utc(today(meta))),
            standards,
            // Tagging must stay on: without it PDF/A-2a and PDF/UA-1 are claimed but not met.
            tagged: true,
            ..PdfOptions::default()
        };
        typst_pdf::pdf(&document, &options)
            .map_err(|errors| TypesetError::Export(diagnostics(&world, &errors)))
    }

    fn world(&self, bodies: &[&str], meta: &Meta) -> Result<DocumentWorld<'_>, TypesetError> {
        let meta_json = serde_json::to_vec(meta).map_err(TypesetError::Meta)?;
        let body = if meta.parts.is_empty() {
            format!("#title-block(meta)\n\n{}", bodies.concat())
        } else {
            // Each version in its own scope: its values as `v`, its language on all its text
            // (the structure tree's /Lang), its own title block, a new page.
            bodies
                .iter()
                .enumerate()
                .map(|(i, body)| {
                    format!(
                        "{break_}#[\n#let part = meta.parts.at({i})\n#let v = part.values\n#set text(lang: part.lang)\n#title-block(part)\n\n{body}\n]\n",
                        break_ = if i == 0 { "" } else { "#pagebreak()\n" },
                    )
                })
                .collect()
        };
        // Only the body and the title and signature blocks differ between municipalities;
        // the show rule's arguments are the same for every document of a language, so Typst
        // reuses the layout of unchanged paragraphs (see templates/layout/document.typ).
        // The document set rule comes last: before the body, its author (a different
        // municipality each time) would make every paragraph's styles differ.
        let [y, m, d] = meta.date;
        let markup = format!(
            "#import \"/layout.typ\": digisos-document, title-block, signature-section, data, fit-table\n\
             #let meta = data()\n\
             #let v = meta.values\n\
             #show: digisos-document.with(lang: \"{lang}\", landscape: {landscape})\n\
             {body}\n#signature-section(meta)\n\
             #set document(title: meta.title, author: meta.author, date: datetime(year: {y}, month: {m}, day: {d}))\n",
            lang = meta.lang,
            landscape = meta.landscape,
        );
        Ok(DocumentWorld::new(
            self.shared.get(),
            markup,
            meta_json,
            today(meta),
        ))
    }
}

fn compile_in(world: &DocumentWorld) -> Result<PagedDocument, TypesetError> {
    typst::compile::<PagedDocument>(world)
        .output
        .map_err(|errors| TypesetError::Compile(diagnostics(world, &errors)))
}

fn today(meta: &Meta) -> Datetime {
    let [y, m, d] = meta.date;
    // The date was validated by the profile stage; fall back to a fixed date rather than panic.
    Datetime::from_ymd(y as i32, m as u8, d as u8)
        .unwrap_or(Datetime::from_ymd(2000, 1, 1).unwrap_or_else(|| unreachable!()))
}

/// The text of every page, in layout order, one text run per line: what a reader of the
/// PDF sees, for checks and tests.
pub fn plain_text(document: &PagedDocument) -> String {
    page_texts(document).concat()
}

/// The text of each page, as [`plain_text`] reads it.
pub fn page_texts(document: &PagedDocument) -> Vec<String> {
    // `last` is the cluster written last: a cluster of several characters (a letter and a
    // combining mark) that font fallback splits over two runs is written once.
    fn walk<'a>(frame: &'a typst::layout::Frame, out: &mut String, last: &mut Option<&'a str>) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(group) => walk(&group.frame, out, last),
                typst::layout::FrameItem::Text(text) => {
                    // The text each glyph stands for, once per cluster.
                    let mut previous = None;
                    for (i, glyph) in text.glyphs.iter().enumerate() {
                        let range = glyph.range();
                        if previous.as_ref() == Some(&range) {
                            continue;
                        }
                        let cluster = text.text.get(range.clone()).unwrap_or_default();
                        let split = i == 0 && cluster.chars().count() > 1 && *last == Some(cluster);
                        if !split {
                            out.push_str(cluster);
                        }
                        *last = Some(cluster);
                        previous = Some(range);
                    }
                    out.push('\n');
                }
                _ => {}
            }
        }
    }
    let mut last = None;
    document
        .pages()
        .iter()
        .map(|page| {
            let mut out = String::new();
            walk(&page.frame, &mut out, &mut last);
            out
        })
        .collect()
}

/// `[year, month, day]` of a date.
pub fn ymd(date: chrono::NaiveDate) -> [u32; 3] {
    [date.year() as u32, date.month(), date.day()]
}

fn plain(message: String) -> Diagnostic {
    Diagnostic {
        message,
        hints: Vec::new(),
        file: String::new(),
        line: None,
        column: None,
    }
}

fn diagnostics(world: &DocumentWorld, errors: &[SourceDiagnostic]) -> Vec<Diagnostic> {
    errors
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let mut out = plain(d.message.to_string());
            out.hints = d.hints.iter().map(|h| h.v.to_string()).collect();
            if let Some(id) = d.span.id() {
                let source: Option<Source> = world.source(id).ok();
                if let (Some(source), Some(range)) = (source, world.range(d.span))
                    && let Some((line, column)) = source.lines().byte_to_line_column(range.start)
                {
                    out.line = Some(line + 1);
                    out.column = Some(column + 1);
                }
                out.file = id.vpath().get_with_slash().to_string();
            }
            out
        })
        .collect()
}
