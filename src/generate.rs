//! Runs the stages for one profile: plan → render → markup → typeset → pack.

use crate::assets::TemplateFiles;
use crate::pack::{Manifest, Pack, PackFile, manifest};
use crate::plan::{DocumentJob, Format, Plan};
use crate::profile::Profile;
use crate::reference::Reference;
use crate::render::{self, Templates};
use crate::typeset::{Meta, SignatureBlock, Typesetter};
use crate::{Error, typst_markup};

/// Everything shared by all documents of all packs: reference data, parsed templates, fonts.
pub struct Generator {
    /// The reference data.
    pub reference: Reference,
    /// The parsed templates.
    pub templates: Templates,
    /// The Typst compiler with fonts and layout loaded.
    pub typesetter: Typesetter,
    /// The template set, as the manifest names it: `built-in` or the folder given.
    pub template_set: String,
}

/// One document, rendered and converted, before typesetting.
pub struct Prepared {
    /// The planned document.
    pub job: DocumentJob,
    /// The rendered Markdown.
    pub markdown: String,
    /// The Typst markup of the body.
    pub markup: typst_markup::Markup,
    /// The data the layout reads.
    pub meta: Meta,
}

impl Generator {
    /// The built-in templates and reference data.
    pub fn builtin() -> Result<Self, Error> {
        Self::new(Reference::builtin()?, &TemplateFiles::builtin())
    }

    /// A generator with `reference` data and the template `files`.
    pub fn new(reference: Reference, files: &TemplateFiles) -> Result<Self, Error> {
        Ok(Generator {
            reference,
            templates: Templates::new(files)?,
            typesetter: Typesetter::new(&files.layout.text),
            template_set: files
                .folder
                .as_ref()
                .map_or("built-in".to_owned(), |f| f.display().to_string()),
        })
    }

    /// Renders and converts `job` of `plan`, ready to typeset.
    pub fn prepare(&self, plan: &Plan, job: &DocumentJob) -> Result<Prepared, Error> {
        let marked = self.templates.render(plan, job, &self.reference)?;
        let markup = typst_markup::convert(&marked).map_err(|source| Error::Markup {
            template: render::template_name(job),
            source,
        })?;
        // A letter to residents carries no provenance: the PDF metadata and the manifest do.
        let citizen = job.kind.is_citizen_text();
        let meta = Meta {
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
            } else {
                String::new()
            },
            tool: if citizen {
                ""
            } else {
                env!("CARGO_PKG_VERSION")
            },
            templates: if citizen {
                String::new()
            } else {
                self.templates.version().to_owned()
            },
            profile: if citizen {
                String::new()
            } else {
                plan.source.sha256.chars().take(12).collect()
            },
        };
        Ok(Prepared {
            job: job.clone(),
            markdown: typst_markup::unmark(&marked),
            markup,
            meta,
        })
    }

    /// Builds every file of `profile`'s pack in memory.
    pub fn pack(&self, profile: &Profile) -> Result<Pack, Error> {
        self.pack_planned(&crate::plan::build(profile, &self.reference), &|| {})
    }

    /// Builds every file of `plan`'s pack in memory, calling `on_document` after each PDF.
    pub fn pack_planned(&self, plan: &Plan, on_document: &dyn Fn()) -> Result<Pack, Error> {
        let mut files = Vec::new();
        for job in &plan.documents {
            let prepared = self.prepare(plan, job)?;
            let pdf = self
                .typesetter
                .pdf(&prepared.markup.body, &prepared.meta)
                .map_err(|source| Error::Typeset {
                    document: format!("{}.pdf", job.file_stem),
                    source,
                })?;
            files.push(PackFile {
                name: format!("{}.pdf", job.file_stem),
                bytes: pdf,
            });
            on_document();
            for format in job.kind.also_written() {
                let (extension, bytes) = match format {
                    Format::Markdown => ("md", prepared.markdown.clone().into_bytes()),
                    Format::Html => ("html", html(&prepared.markdown).into_bytes()),
                };
                files.push(PackFile {
                    name: format!("{}.{extension}", job.file_stem),
                    bytes,
                });
            }
        }
        let manifest = self.manifest(plan, &files);
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

    /// The batch summary as a PDF, from the `nb/batch-summary.md.tera` template.
    pub fn summary_pdf(
        &self,
        context: &impl serde::Serialize,
        date: chrono::NaiveDate,
    ) -> Result<Vec<u8>, Error> {
        const TEMPLATE: &str = "nb/batch-summary.md.tera";
        let markdown = self.templates.render_named(TEMPLATE, context)?;
        let markup = typst_markup::convert(&markdown).map_err(|source| Error::Markup {
            template: TEMPLATE.to_owned(),
            source,
        })?;
        let meta = Meta {
            title: markup.title.clone(),
            author: env!("CARGO_PKG_NAME").to_owned(),
            lang: "nb",
            date: crate::typeset::ymd(date),
            date_text: render::date(date),
            subtitle: String::new(),
            signatures: Vec::new(),
            landscape: true,
            values: markup.values.clone(),
            draft: String::new(),
            tool: env!("CARGO_PKG_VERSION"),
            templates: self.templates.version().to_owned(),
            profile: String::new(),
        };
        self.typesetter
            .pdf(&markup.body, &meta)
            .map_err(|source| Error::Typeset {
                document: "batch-summary.pdf".to_owned(),
                source,
            })
    }

    /// The manifest of `plan`'s pack with `files`.
    fn manifest(&self, plan: &Plan, files: &[PackFile]) -> Manifest {
        let signatory = |name: &str, title: &str| manifest::Signatory {
            name: name.to_owned(),
            title: title.to_owned(),
        };
        let mut parties: Vec<manifest::Party> = plan
            .agreements()
            .map(|job| {
                let org = &job.party.organisation;
                // In the board model the profile may make the members controllers instead.
                let role = if job.controller == *org {
                    "behandlingsansvarlig"
                } else {
                    "avtalepart"
                };
                manifest::Party {
                    name: org.name.clone(),
                    org_number: org.org_number.as_str().to_owned(),
                    role: role.to_owned(),
                    signatory: signatory(&job.party.signatory.name, &job.party.signatory.title),
                }
            })
            .collect();
        let d = &self.reference.directorate;
        parties.push(manifest::Party {
            name: d.name.clone(),
            org_number: d.org_number.as_str().to_owned(),
            role: "databehandler".to_owned(),
            signatory: signatory(&d.signatory_name, &d.signatory_title),
        });
        Manifest {
            tool: manifest::Tool {
                name: env!("CARGO_PKG_NAME").to_owned(),
                version: env!("CARGO_PKG_VERSION").to_owned(),
            },
            templates: manifest::Templates {
                set: self.template_set.clone(),
                version: self.templates.version().to_owned(),
            },
            profile: manifest::ProfileInfo {
                file: plan.source.file.clone(),
                sha256: plan.source.sha256.clone(),
            },
            model: plan.rules.model.key().to_owned(),
            batch: plan.batch.clone(),
            documents_date: plan.dates.agreement.to_string(),
            connection_date: plan.dates.connection.to_string(),
            parties,
            files: files
                .iter()
                .map(|f| manifest::FileEntry::of(&f.name, &f.bytes))
                .collect(),
        }
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

/// An HTML fragment for a CMS. Raw HTML in the Markdown is shown as text, never passed on.
pub fn html(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let events = Parser::new_ext(markdown, crate::typst_markup::OPTIONS).map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
        e => e,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}
