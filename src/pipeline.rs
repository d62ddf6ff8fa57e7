//! The front door: runs profile → plan → render → markup → typeset → pack for one profile.
//!
//! Everything that is the same for every document of every pack (reference data, parsed
//! templates, fonts and layout) is loaded once into a [`Pipeline`]; the command line, the
//! batch, `preview`, the benchmark, the fuzz targets and the tests all go through it.

use crate::Error;
use crate::assets::TemplateFiles;
use crate::pack::{Manifest, Pack, PackFile, manifest};
use crate::plan::{self, DocumentJob, DocumentKind, Format, Plan};
use crate::profile::{Language, Profile, SamiOrder};
use crate::reference::Reference;
use crate::register::SamiLanguage;
use crate::render::{self, Templates};
use crate::translate::{self, Translation};
use crate::typeset::{Meta, Part, SignatureBlock, TypesetError, Typesetter};
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
    /// The Sami version, where the profile gives the municipality's translation.
    pub sami: Option<SamiVersion>,
}

/// The Sami version of a citizen text, made from the municipality's checked translation.
pub struct SamiVersion {
    /// Its language.
    pub language: SamiLanguage,
    /// The Markdown, as its `.md` file holds it.
    pub markdown: String,
    /// The HTML fragment, as its `.html` file holds it.
    pub html: String,
    /// The Typst markup of its body.
    pub markup: Markup,
    /// The translated XLIFF file it was made from.
    pub source: PackFile,
}

/// The DOCX of `prepared`: one file per language version, as its `.md` and `.html` files,
/// each version with its own title block and language. A Word file holding one version of a
/// bilingual text under both titles would pass for the whole letter.
fn docx_files(job: &DocumentJob, prepared: &Prepared) -> Result<Vec<PackFile>, Error> {
    let docx =
        |name: String, meta: &Meta, markdown: &str| match crate::docx::document(meta, markdown) {
            Ok(bytes) => Ok(PackFile { name, bytes }),
            Err(source) => Err(Error::Docx {
                document: name,
                source,
            }),
        };
    let norwegian = format!("{}.docx", job.file_stem);
    let Some(sami) = &prepared.sami else {
        return Ok(vec![docx(norwegian, &prepared.meta, &prepared.markdown)?]);
    };
    // The version of `lang` alone: its part's title block, no other part.
    let version = |lang: &str| {
        let mut meta = prepared.meta.clone();
        let part = meta.parts.iter().find(|p| p.lang == lang);
        debug_assert!(part.is_some(), "a bilingual text has a part in {lang}");
        if let Some(part) = part {
            meta.lang = part.lang;
            meta.title = part.title.clone();
            meta.subtitle = part.subtitle.clone();
            meta.date_text = part.date_text.clone();
        }
        meta.parts.clear();
        meta
    };
    Ok(vec![
        docx(norwegian, &version(job.language.code()), &prepared.markdown)?,
        docx(
            format!("{}.{}.docx", job.file_stem, sami.language.code()),
            &version(sami.language.bcp47()),
            &sami.markdown,
        )?,
    ])
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

    /// Keeps unused layout in Typst's memo cache for `trims` calls of
    /// [`Pipeline::trim_caches`] (for the benchmark).
    pub fn with_memo_max_age(mut self, trims: usize) -> Self {
        self.typesetter = self.typesetter.with_memo_max_age(trims);
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

    /// Plans `profile`'s pack, with Word files where the pipeline writes them.
    pub fn plan(&self, profile: &Profile) -> Plan {
        let mut plan = plan::build(profile, &self.reference);
        plan.docx = self.docx;
        plan
    }

    /// Renders and converts `job` of `plan`, ready to typeset; a citizen text with a Sami
    /// translation in the profile gets its Sami version (the translation checked first).
    pub fn prepare(&self, plan: &Plan, job: &DocumentJob) -> Result<Prepared, Error> {
        let marked = self.marked(plan, job)?;
        let translation = match (checked(plan, job, &marked), &plan.sami.translation) {
            (Some(Err(problems)), Some(folder)) => {
                return Err(Error::Translation {
                    folder: folder.clone(),
                    problems,
                });
            }
            (checked, _) => checked.and_then(Result::ok),
        };
        self.prepare_marked(plan, job, marked, translation)
    }

    /// `job`'s rendered Markdown with the profile's values still marked: the Norwegian
    /// text, which the translation package splits into segments.
    pub fn marked(&self, plan: &Plan, job: &DocumentJob) -> Result<Marked, Error> {
        Ok(self.templates.render(plan, job, &self.reference)?)
    }

    /// Converts the rendered `marked`, with its checked `translation` if it has one.
    fn prepare_marked(
        &self,
        plan: &Plan,
        job: &DocumentJob,
        marked: Marked,
        translation: Option<Translation>,
    ) -> Result<Prepared, Error> {
        let template = render::template_name(job);
        let norwegian = norwegian(plan, job, marked);
        let markup = convert(&norwegian, &template)?;
        let mut meta = self.meta(plan, job, &markup);
        let mut html = norwegian.to_html();
        let sami = match translation {
            Some(t) => {
                let sami = norwegian.translated(&t.segments, &t.pieces);
                let sami_markup = convert(&sami, &template)?;
                let (norwegian_html, sami_html) =
                    translate::linked_html(job, t.language, &html, &sami.to_html());
                html = norwegian_html;
                meta.parts = self.parts(plan, job, &markup, &sami_markup, t.language);
                meta.title = meta
                    .parts
                    .iter()
                    .map(|p| p.title.as_str())
                    .collect::<Vec<_>>()
                    .join(" – ");
                Some(SamiVersion {
                    language: t.language,
                    markdown: sami.to_markdown(),
                    html: sami_html,
                    markup: sami_markup,
                    source: t.file,
                })
            }
            None => None,
        };
        Ok(Prepared {
            markdown: norwegian.to_markdown(),
            html,
            markup,
            meta,
            sami,
        })
    }

    /// The two versions of a bilingual text in the profile's order, each with its title
    /// block: the municipality's name first in the version's own language.
    fn parts(
        &self,
        plan: &Plan,
        job: &DocumentJob,
        norwegian: &Markup,
        sami: &Markup,
        language: SamiLanguage,
    ) -> Vec<Part> {
        let name = job.municipality.organisation().name;
        let sami_name = job
            .municipality
            .sami_name
            .as_ref()
            .map_or_else(|| name.clone(), |s| format!("{s} – {name}"));
        let date = job.date;
        let sami_part = Part {
            lang: language.bcp47(),
            title: sami.title.clone(),
            subtitle: sami_name,
            // Figures only: the Norwegian month name has no place in the Sami version.
            date_text: render::date_figures(date),
            values: sami.values.clone(),
        };
        let norwegian_part = Part {
            lang: job.language.code(),
            title: norwegian.title.clone(),
            subtitle: subtitle(job, &self.reference),
            date_text: render::date(date),
            values: norwegian.values.clone(),
        };
        match plan.sami.order {
            SamiOrder::SamiFirst => vec![sami_part, norwegian_part],
            SamiOrder::NorwegianFirst => vec![norwegian_part, sami_part],
        }
    }

    /// Lays out `p`: one version, or both in the order of `p.meta.parts`.
    fn bodies<'a>(&self, plan: &Plan, p: &'a Prepared) -> Vec<&'a str> {
        match (&p.sami, plan.sami.order) {
            (None, _) => vec![p.markup.body.as_str()],
            (Some(s), SamiOrder::SamiFirst) => vec![s.markup.body.as_str(), &p.markup.body],
            (Some(s), SamiOrder::NorwegianFirst) => vec![&p.markup.body, s.markup.body.as_str()],
        }
    }

    /// `job`'s text as its `.md` file holds it: what `redline` compares.
    pub fn markdown(&self, plan: &Plan, job: &DocumentJob) -> Result<String, Error> {
        let marked = self.marked(plan, job)?;
        Ok(norwegian(plan, job, marked).to_markdown())
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

    /// `job` laid out, for checks of what a reader sees.
    pub fn document(&self, plan: &Plan, job: &DocumentJob) -> Result<PagedDocument, Error> {
        let p = self.prepare(plan, job)?;
        self.typesetter
            .compile_parts(&self.bodies(plan, &p), &p.meta)
            .map_err(typeset_error(&job.file_stem))
    }

    /// `job` as a PDF file.
    pub fn document_pdf(&self, plan: &Plan, job: &DocumentJob) -> Result<Vec<u8>, Error> {
        let p = self.prepare(plan, job)?;
        self.typesetter
            .pdf_parts(&self.bodies(plan, &p), &p.meta)
            .map_err(typeset_error(&job.file_stem))
    }

    /// Builds every file of `profile`'s pack in memory.
    pub fn pack(&self, profile: &Profile) -> Result<Pack, Error> {
        self.pack_planned(&self.plan(profile), 1, &|| {})
    }

    /// Builds every file of `plan`'s pack in memory, rendering and typesetting up to `jobs`
    /// documents at once (0: one per core) and calling `on_document` after each. The files
    /// and their bytes do not depend on `jobs`.
    pub fn pack_planned(
        &self,
        plan: &Plan,
        jobs: usize,
        on_document: &(dyn Fn() + Sync),
    ) -> Result<Pack, Error> {
        let threads = crate::workers::threads(jobs);
        // Rendering parses each template on first use: a twentieth of a pack's work, worth
        // sharing out too.
        let marked = crate::workers::in_parallel(
            plan.documents.iter().collect(),
            threads,
            |job| typesetting_order(job.kind),
            |job| self.marked(plan, job),
        )
        .map_err(crate::batch::RunError::Threads)?;
        let (documents, package) = self.checked_all(plan, marked)?;
        let typeset = crate::workers::in_parallel(
            documents,
            threads,
            |document| document.order,
            |document| {
                let files = self.typeset_document(plan, document);
                on_document();
                files
            },
        )
        .map_err(crate::batch::RunError::Threads)?;
        self.finish_pack(plan, typeset, package)
    }

    /// Renders every document of `plan` in turn, ready for [`Pipeline::typeset_document`],
    /// and makes the translation package (see [`Pipeline::checked_all`]).
    pub(crate) fn render_pack(&self, plan: &Plan) -> Result<RenderedPack, Error> {
        let marked = plan.documents.iter().map(|job| self.marked(plan, job));
        let (documents, package) = self.checked_all(plan, marked)?;
        Ok(RenderedPack { documents, package })
    }

    /// The documents of `plan`, rendered as `marked` (in the plan's order), each with its
    /// checked translation, and the translation package. The Sami language area's
    /// translations are checked (or its package made) before anything is typeset, so that
    /// every problem of every translated file is reported at once.
    fn checked_all(
        &self,
        plan: &Plan,
        marked: impl IntoIterator<Item = Result<Marked, Error>>,
    ) -> Result<(Vec<RenderedDocument>, Vec<PackFile>), Error> {
        let mut documents = Vec::with_capacity(plan.documents.len());
        let mut package = Vec::new();
        let mut problems = Vec::new();
        for (index, (job, marked)) in plan.documents.iter().zip(marked).enumerate() {
            let marked = marked?;
            if let Some(language) = translate::awaiting(plan, job) {
                package.push(translate::export(job, language, &marked.segments()));
            }
            let translation = match checked(plan, job, &marked) {
                Some(Ok(t)) => Some(t),
                Some(Err(p)) => {
                    problems.extend(p);
                    None
                }
                None => None,
            };
            documents.push(RenderedDocument {
                index,
                order: typesetting_order(job.kind),
                marked,
                translation,
            });
        }
        if let (false, Some(folder)) = (problems.is_empty(), &plan.sami.translation) {
            return Err(Error::Translation {
                folder: folder.clone(),
                problems,
            });
        }
        if !package.is_empty() {
            // The translator's glossary, with the texts it serves.
            package.extend(translate::glossaries(plan));
        }
        Ok((documents, package))
    }

    /// A rendered document of `plan`: its PDF, then the Markdown and HTML files written
    /// beside it (and their Sami versions), then the translation its Sami version was made
    /// from.
    pub(crate) fn typeset_document(
        &self,
        plan: &Plan,
        document: RenderedDocument,
    ) -> Result<Vec<PackFile>, Error> {
        let RenderedDocument {
            index,
            marked,
            translation,
            ..
        } = document;
        let job = &plan.documents[index];
        let prepared = self.prepare_marked(plan, job, marked, translation)?;
        let pdf = self
            .typesetter
            .pdf_parts(&self.bodies(plan, &prepared), &prepared.meta)
            .map_err(typeset_error(&job.file_stem))?;
        let mut files = vec![PackFile {
            name: format!("{}.pdf", job.file_stem),
            bytes: pdf,
        }];
        if plan.docx {
            files.extend(docx_files(job, &prepared)?);
        }
        for format in job.kind.also_written() {
            let (extension, bytes, sami) = match format {
                Format::Markdown => (
                    "md",
                    prepared.markdown.as_bytes(),
                    prepared.sami.as_ref().map(|s| s.markdown.as_bytes()),
                ),
                Format::Html => (
                    "html",
                    prepared.html.as_bytes(),
                    prepared.sami.as_ref().map(|s| s.html.as_bytes()),
                ),
            };
            files.push(PackFile {
                name: format!("{}.{extension}", job.file_stem),
                bytes: bytes.to_vec(),
            });
            if let (Some(bytes), Some(s)) = (sami, &prepared.sami) {
                files.push(PackFile {
                    name: format!("{}.{}.{extension}", job.file_stem, s.language.code()),
                    bytes: bytes.to_vec(),
                });
            }
        }
        // The translation the Sami version was made from: what was printed, on record.
        if let Some(s) = prepared.sami {
            files.push(s.source);
        }
        Ok(files)
    }

    /// The pack of `plan`: the files of its `documents` (each document's, in the plan's
    /// order), then the translation `package` and the manifest. The first document that
    /// failed, in the plan's order, fails the pack, as a run in turn would report it.
    pub(crate) fn finish_pack(
        &self,
        plan: &Plan,
        documents: impl IntoIterator<Item = Result<Vec<PackFile>, Error>>,
        package: Vec<PackFile>,
    ) -> Result<Pack, Error> {
        let mut files = Vec::new();
        for document in documents {
            files.extend(document?);
        }
        // The Sami language area: the translation package for the municipality's translator.
        files.extend(package);
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
            parts: Vec::new(),
        };
        self.typesetter
            .pdf(&markup.body, &meta)
            .map_err(typeset_error(spec.file.trim_end_matches(".pdf")))
    }

    /// Drops from Typst's memo cache the layout that none of the work since the last `trims`
    /// trims used: call after each document (or request), with a pack's number of documents
    /// in a batch, so that the next pack of the same shape finds the text it shares.
    pub fn trim_caches(&self, trims: usize) {
        self.typesetter.trim_caches(trims);
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
            } else if translate::awaiting(plan, job).is_some() {
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
            parts: Vec::new(),
        }
    }
}

/// The Norwegian text of `job`, rendered as `marked`: in the Sami language area, said on the
/// text itself while its Sami version is missing.
fn norwegian(plan: &Plan, job: &DocumentJob, marked: Marked) -> Marked {
    match translate::awaiting(plan, job) {
        Some(sami) => translate::with_missing_notice(&marked, job, sami),
        None => marked,
    }
}

/// The order in which a pack's documents are handed to the workers: the slowest to typeset
/// first, so that no worker is left with a long one at the end while the others idle. By
/// instructions to render and typeset each on its own (callgrind,
/// `data/examples/single.yaml`): pvk 753 M, databehandleravtale 446 M, sjekkliste 333 M,
/// samarbeidsavtale 279 M, informasjonsbrev 58 M, nyhetssak 49 M.
fn typesetting_order(kind: DocumentKind) -> u8 {
    match kind {
        DocumentKind::Pvk => 0,
        DocumentKind::Databehandleravtale => 1,
        DocumentKind::Sjekkliste => 2,
        DocumentKind::Samarbeidsavtale => 3,
        DocumentKind::Informasjonsbrev => 4,
        DocumentKind::Nyhetssak => 5,
    }
}

/// A pack's documents, rendered and checked, and its translation package.
pub(crate) struct RenderedPack {
    /// In the plan's order.
    pub documents: Vec<RenderedDocument>,
    /// The translation package, for the municipality's translator (Sami language area).
    pub package: Vec<PackFile>,
}

/// A document of a plan, rendered and with its checked translation, ready to typeset.
pub(crate) struct RenderedDocument {
    /// Its place in the plan's documents.
    pub index: usize,
    /// Its place in the order documents are handed to workers (see [`typesetting_order`]).
    pub order: u8,
    marked: Marked,
    translation: Option<Translation>,
}

/// The profile's translation of `job` (rendered as `marked`), checked; `None` where the
/// job needs none or the profile gives none.
fn checked(
    plan: &Plan,
    job: &DocumentJob,
    marked: &Marked,
) -> Option<Result<Translation, Vec<translate::import::Problem>>> {
    let language = translate::needs_sami(job)?;
    let folder = plan.sami.translation.as_ref()?;
    Some(translate::load(folder, job, language, marked.segments()))
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
