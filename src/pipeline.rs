//! The front door: runs profile → plan → render → markup → typeset → pack for one profile.
//!
//! Everything that is the same for every document of every pack (reference data, parsed
//! templates, fonts and layout) is loaded once into a [`Pipeline`]; the command line, the
//! batch, `preview`, the benchmark, the fuzz targets and the tests all go through it.

use crate::Error;
use crate::assets::TemplateFiles;
use crate::pack::{Manifest, Pack, PackFile, manifest};
use crate::plan::{self, DocumentJob, Format, Plan};
use crate::profile::{Language, Profile};
use crate::reference::Reference;
use crate::render::{self, Templates};
use crate::typeset::{Meta, SignatureBlock, TypesetError, Typesetter};
use crate::typst_markup::{Marked, Markup};
use typst_layout::PagedDocument;

/// The stages with everything they share loaded.
pub struct Pipeline {
    reference: Reference,
    templates: Templates,
    typesetter: Typesetter,
    /// The template set, as the manifest names it: `built-in` or the folder given.
    template_set: String,
    /// Whether packs get a DOCX of every document (`generate --docx`).
    docx: bool,
}

/// One document, rendered and converted, before typesetting.
pub struct Prepared {
    /// The rendered Markdown, as the `.md` file holds it.
    pub markdown: String,
    /// The HTML fragment, as the `.html` file holds it.
    pub html: String,
    /// The Typst markup of the body.
    pub markup: Markup,
    /// The data the layout reads.
    pub meta: Meta,
}

/// How a page of a document that is not part of a pack is set (the batch summary).
pub(crate) struct PageSpec<'a> {
    /// The template to render, e.g. `nb/batch-summary.md.tera`.
    pub template: &'a str,
    /// The output file's name, for error messages.
    pub file: &'a str,
    /// The date printed and stamped on it.
    pub date: chrono::NaiveDate,
    /// Landscape pages, for wide tables.
    pub landscape: bool,
}

impl Pipeline {
    /// The built-in templates and reference data.
    pub fn builtin() -> Result<Self, Error> {
        Self::new(Reference::builtin()?, &TemplateFiles::builtin())
    }

    /// A pipeline with `reference` data and the template `files`.
    pub fn new(reference: Reference, files: &TemplateFiles) -> Result<Self, Error> {
        Ok(Pipeline {
            reference,
            templates: Templates::new(files)?,
            typesetter: Typesetter::new(&files.layout.text),
            template_set: files
                .folder
                .as_ref()
                .map_or("built-in".to_owned(), |f| f.display().to_string()),
            docx: false,
        })
    }

    /// Keeps unused layout in Typst's memo cache for `packs` packs (for the benchmark).
    pub fn with_memo_max_age(mut self, packs: usize) -> Self {
        self.typesetter = self.typesetter.with_memo_max_age(packs);
        self
    }

    /// Adds a DOCX of every document to each pack, to edit in Word (the PDF stays the
    /// signed document).
    pub fn with_docx(mut self, docx: bool) -> Self {
        self.docx = docx;
        self
    }

    /// The template set's version: a short hash of every template and the layout.
    pub fn template_version(&self) -> &str {
        self.templates.version()
    }

    /// The reference data the documents cite.
    pub fn reference(&self) -> &Reference {
        &self.reference
    }

    /// The hash of everything `plan`'s pack is made from, as its manifest records it.
    pub fn inputs(&self, plan: &Plan) -> String {
        manifest::inputs(plan, &self.reference, self.templates.version())
    }

    /// Plans `profile`'s pack.
    pub fn plan(&self, profile: &Profile) -> Plan {
        plan::build(profile, &self.reference)
    }

    /// Renders and converts `job` of `plan`, ready to typeset.
    pub fn prepare(&self, plan: &Plan, job: &DocumentJob) -> Result<Prepared, Error> {
        let marked = self.rendered(plan, job)?;
        let markup = convert(&marked, &render::template_name(job))?;
        let meta = self.meta(plan, job, &markup);
        Ok(Prepared {
            markdown: marked.to_markdown(),
            html: marked.to_html(),
            markup,
            meta,
        })
    }

    /// `job`'s text as its `.md` file holds it: what `redline` compares.
    pub fn markdown(&self, plan: &Plan, job: &DocumentJob) -> Result<String, Error> {
        Ok(self.rendered(plan, job)?.to_markdown())
    }

    /// `job` rendered, with the notice of a missing Sami version where one is waited for.
    fn rendered(&self, plan: &Plan, job: &DocumentJob) -> Result<Marked, Error> {
        let marked = self.templates.render(plan, job, &self.reference)?;
        // Sami language area: said on the text itself while its Sami version is missing.
        Ok(match crate::translate::awaiting(job) {
            Some(sami) => Marked::from_rendered(crate::translate::with_missing_notice(
                marked.as_str(),
                job,
                sami,
            )),
            None => marked,
        })
    }

    /// Typesets `body` (Typst markup made by this crate) with the layout and `meta` as a
    /// PDF; `file` names the output in an error.
    pub(crate) fn typeset_pdf(
        &self,
        body: &str,
        meta: &Meta,
        file: &str,
    ) -> Result<Vec<u8>, Error> {
        self.typesetter
            .pdf(body, meta)
            .map_err(typeset_error(file.trim_end_matches(".pdf")))
    }

    /// `job`'s rendered Markdown with the profile's values still marked (the translation
    /// package splits it into segments and placeholders).
    pub fn marked(&self, plan: &Plan, job: &DocumentJob) -> Result<String, Error> {
        Ok(self
            .templates
            .render(plan, job, &self.reference)?
            .as_str()
            .to_owned())
    }

    /// `job` laid out, for checks of what a reader sees.
    pub fn document(&self, plan: &Plan, job: &DocumentJob) -> Result<PagedDocument, Error> {
        let p = self.prepare(plan, job)?;
        self.typesetter
            .compile(&p.markup.body, &p.meta)
            .map_err(typeset_error(&job.file_stem))
    }

    /// `job` as a PDF file.
    pub fn document_pdf(&self, plan: &Plan, job: &DocumentJob) -> Result<Vec<u8>, Error> {
        let p = self.prepare(plan, job)?;
        self.typesetter
            .pdf(&p.markup.body, &p.meta)
            .map_err(typeset_error(&job.file_stem))
    }

    /// Builds every file of `profile`'s pack in memory.
    pub fn pack(&self, profile: &Profile) -> Result<Pack, Error> {
        self.pack_planned(&self.plan(profile), &|| {})
    }

    /// Builds every file of `plan`'s pack in memory, calling `on_document` after each PDF.
    pub fn pack_planned(&self, plan: &Plan, on_document: &dyn Fn()) -> Result<Pack, Error> {
        let mut files = Vec::new();
        for job in &plan.documents {
            let prepared = self.prepare(plan, job)?;
            let pdf = self
                .typesetter
                .pdf(&prepared.markup.body, &prepared.meta)
                .map_err(typeset_error(&job.file_stem))?;
            files.push(PackFile {
                name: format!("{}.pdf", job.file_stem),
                bytes: pdf,
            });
            on_document();
            if self.docx {
                let docx = crate::docx::document(&prepared.meta, &prepared.markdown).map_err(
                    |source| Error::Docx {
                        document: format!("{}.docx", job.file_stem),
                        source,
                    },
                )?;
                files.push(PackFile {
                    name: format!("{}.docx", job.file_stem),
                    bytes: docx,
                });
            }
            for format in job.kind.also_written() {
                let (extension, bytes) = match format {
                    Format::Markdown => ("md", prepared.markdown.clone().into_bytes()),
                    Format::Html => ("html", prepared.html.clone().into_bytes()),
                };
                files.push(PackFile {
                    name: format!("{}.{extension}", job.file_stem),
                    bytes,
                });
            }
        }
        // The Sami language area: the translation package for the municipality's translator.
        files.extend(crate::translate::package(self, plan)?);
        let manifest = Manifest::new(
            plan,
            &self.reference,
            manifest::Templates {
                set: self.template_set.clone(),
                version: self.templates.version().to_owned(),
            },
            &files,
        );
        files.push(PackFile {
            name: manifest::FILE_NAME.to_owned(),
            bytes: manifest.to_bytes(),
        });
        Ok(Pack {
            name: plan.pack_name.clone(),
            date: plan.dates.agreement,
            files,
        })
    }

    /// Renders the template of `spec` with `context` and typesets it in bokmål as a PDF with
    /// no parties, signatures or provenance.
    pub(crate) fn typeset_page(
        &self,
        spec: &PageSpec,
        context: &impl serde::Serialize,
    ) -> Result<Vec<u8>, Error> {
        let markdown = self.templates.render_named(spec.template, context)?;
        let markup = convert(&markdown, spec.template)?;
        let meta = Meta {
            title: markup.title.clone(),
            author: env!("CARGO_PKG_NAME").to_owned(),
            lang: Language::Nb.code(),
            date: crate::typeset::ymd(spec.date),
            date_text: render::date(spec.date),
            subtitle: String::new(),
            signatures: Vec::new(),
            landscape: spec.landscape,
            values: markup.values.clone(),
            draft: String::new(),
            tool: env!("CARGO_PKG_VERSION"),
            templates: self.templates.version().to_owned(),
            profile: String::new(),
        };
        self.typesetter
            .pdf(&markup.body, &meta)
            .map_err(typeset_error(spec.file.trim_end_matches(".pdf")))
    }

    /// Drops layout no recent pack used from Typst's memo cache: call after each pack.
    pub fn trim_caches(&self) {
        self.typesetter.trim_caches();
    }

    /// The data the layout reads for `job`.
    fn meta(&self, plan: &Plan, job: &DocumentJob, markup: &Markup) -> Meta {
        // A letter to residents carries no provenance: the PDF metadata and the manifest do.
        let provenance = !job.kind.is_citizen_text();
        Meta {
            title: markup.title.clone(),
            author: job.party.organisation.name.clone(),
            lang: job.language.code(),
            date: crate::typeset::ymd(job.date),
            date_text: render::date(job.date),
            subtitle: subtitle(job, &self.reference),
            signatures: job
                .signatures
                .iter()
                .map(|s| SignatureBlock {
                    party: s.party.clone(),
                    name: s.name.clone(),
                    title: s.title.clone(),
                })
                .collect(),
            landscape: false,
            values: markup.values.clone(),
            draft: if job.draft {
                job.language
                    .pick(
                        "UTKAST – ikke for signering",
                        "UTKAST – ikkje for signering",
                    )
                    .to_owned()
            } else if crate::translate::awaiting(job).is_some() {
                crate::translate::page_mark(job.language).to_owned()
            } else {
                String::new()
            },
            tool: if provenance {
                env!("CARGO_PKG_VERSION")
            } else {
                ""
            },
            templates: if provenance {
                self.templates.version().to_owned()
            } else {
                String::new()
            },
            profile: if provenance {
                plan.source.sha256.chars().take(12).collect()
            } else {
                String::new()
            },
        }
    }
}

/// Converts rendered Markdown, naming `template` if it fails.
fn convert(marked: &Marked, template: &str) -> Result<Markup, Error> {
    marked.to_typst().map_err(|source| Error::Markup {
        template: template.to_owned(),
        source,
    })
}

/// The error for a document `file_stem` that could not be typeset.
fn typeset_error(file_stem: &str) -> impl FnOnce(TypesetError) -> Error + '_ {
    move |source| Error::Typeset {
        document: format!("{file_stem}.pdf"),
        source,
    }
}

/// Under the title: an agreement names its parties, other documents their municipality.
fn subtitle(job: &DocumentJob, reference: &Reference) -> String {
    if job.kind.is_agreement() {
        format!(
            "{} – {}",
            job.party.organisation.name, reference.directorate.name
        )
    } else {
        match &job.municipality.sami_name {
            Some(sami) => format!("{} – {sami}", job.municipality.organisation().name),
            None => job.municipality.organisation().name,
        }
    }
}
