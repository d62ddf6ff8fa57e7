//! `redline`: each document of a pack compared with a baseline (the built-in standard text
//! or an earlier pack), clause by clause and word by word, as a redline PDF (through the
//! same layout and PDF/A-2a + PDF/UA-1 export as every document) and a DOCX with tracked
//! changes.
//!
//! The comparison is on the rendered text, the `.md` of every document, with the profile's
//! values filled in: a value that is the same on both sides never shows as a change.

pub mod compare;
mod markup;

pub use compare::{Change, ClauseDiff, ClauseStatus, Comparison, Segment, compare};

use crate::Error;
use crate::assets::TemplateFiles;
use crate::blocks;
use crate::pack::{self, Pack, PackFile};
use crate::pipeline::Pipeline;
use crate::plan::Plan;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a pack is compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Baseline {
    /// The same profile and reference data rendered with the built-in templates.
    Standard,
    /// An earlier pack, a folder or a zip, read through its manifest.
    Pack(PathBuf),
}

/// Why a redline could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RedlineError {
    /// A text file of the earlier pack is not UTF-8.
    #[error("{file} in {} is not text (UTF-8)", pack.display())]
    NotText {
        /// The earlier pack.
        pack: PathBuf,
        /// The file.
        file: String,
    },
    /// The DOCX of a redline could not be written.
    #[error("the DOCX redline of {document} could not be written")]
    Docx {
        /// The document.
        document: String,
        /// Why not.
        #[source]
        source: crate::docx::DocxError,
    },
    /// The earlier pack has none of the documents of this pack.
    #[error("{} has none of the documents of {name}", pack.display())]
    OtherPack {
        /// The earlier pack.
        pack: PathBuf,
        /// This pack's name.
        name: String,
    },
}

/// One document's redline.
#[derive(Debug)]
pub struct DocumentRedline {
    /// The document, as the pack names it without extension.
    pub file_stem: String,
    /// The comparison.
    pub comparison: Comparison,
}

/// The redlines of a pack.
#[derive(Debug)]
pub struct Redlines {
    /// Every document compared, changed or not.
    pub documents: Vec<DocumentRedline>,
    /// Documents of the earlier pack that has no text of them (a pack made before packs
    /// recorded every document's text): not compared.
    pub without_text: Vec<String>,
    /// The files to write: a PDF and a DOCX with tracked changes for each changed document.
    pub pack: Pack,
}

/// Compares every document of `plan`, rendered by `current`, with `baseline`.
pub fn redline(current: &Pipeline, plan: &Plan, baseline: &Baseline) -> Result<Redlines, Error> {
    // The built-in templates render the standard text and typeset the redlines, so that a
    // folder of own templates exported before `redline` existed still gets one.
    let standard = Pipeline::new(current.reference().clone(), &TemplateFiles::builtin())?;
    let earlier = match baseline {
        Baseline::Standard => None,
        Baseline::Pack(path) => Some(read_pack(path, plan)?),
    };
    let mut documents = Vec::new();
    let mut without_text = Vec::new();
    let mut files = Vec::new();
    for job in &plan.documents {
        let old = match &earlier {
            None => standard.markdown(plan, job)?,
            Some(earlier) => match earlier.texts.get(&job.file_stem) {
                Some(text) => text.clone(),
                None if earlier.has_pdf(&job.file_stem) => {
                    without_text.push(job.file_stem.clone());
                    continue;
                }
                // A document the earlier pack did not have: all of it is new.
                None => String::new(),
            },
        };
        let prepared = current.prepare(plan, job)?;
        let comparison = compare(&blocks::parse(&old), &blocks::parse(&prepared.markdown));
        if !comparison.is_unchanged() {
            let mut meta = prepared.meta;
            // The DOCX is the document itself with its changes tracked, by the party
            // whose text it is, on the document's date.
            let revision = crate::docx::Revision {
                author: job.party.organisation.name.clone(),
                date: job.date,
            };
            let docx = crate::docx::redline(&meta, &comparison, &revision).map_err(|source| {
                RedlineError::Docx {
                    document: job.file_stem.clone(),
                    source,
                }
            })?;
            let title = format!(
                "{}: {}",
                job.language.pick("Endringer", "Endringar"),
                meta.title
            );
            let markup = markup::markup(
                &comparison,
                &title,
                earlier.as_ref().map(|e| e.name.as_str()),
                meta.lang,
            );
            meta.title = markup.title.clone();
            meta.values = markup.values;
            // A redline is never signed: no signature lines, and every page says so.
            meta.signatures.clear();
            meta.draft = job
                .language
                .pick(
                    "ENDRINGSOVERSIKT – ikke for signering",
                    "ENDRINGSOVERSYN – ikkje for signering",
                )
                .to_owned();
            let name = format!("{}-redline.pdf", job.file_stem);
            files.push(PackFile {
                bytes: standard.typeset_pdf(&markup.body, &meta, &name)?,
                name,
            });
            files.push(PackFile {
                name: format!("{}-redline.docx", job.file_stem),
                bytes: docx,
            });
        }
        documents.push(DocumentRedline {
            file_stem: job.file_stem.clone(),
            comparison,
        });
    }
    Ok(Redlines {
        documents,
        without_text,
        pack: Pack {
            name: format!("{}-redline", plan.pack_name),
            date: plan.dates.agreement,
            files,
        },
    })
}

/// The texts of an earlier pack, by document.
struct Earlier {
    /// How the summary names it: its folder or zip name.
    name: String,
    texts: BTreeMap<String, String>,
    files: Vec<String>,
}

impl Earlier {
    fn has_pdf(&self, stem: &str) -> bool {
        self.files.iter().any(|f| *f == format!("{stem}.pdf"))
    }
}

/// Reads the earlier pack at `path`: it must match its manifest, and share at least one
/// document with `plan`.
fn read_pack(path: &Path, plan: &Plan) -> Result<Earlier, Error> {
    let (verification, mut files) = pack::read(path)?;
    if !verification.findings.is_empty() {
        return Err(Error::PackChanged {
            path: path.to_owned(),
        });
    }
    let mut texts = BTreeMap::new();
    for job in &plan.documents {
        let file = format!("{}.md", job.file_stem);
        if let Some(bytes) = files.remove(&file) {
            let text = String::from_utf8(bytes).map_err(|_| RedlineError::NotText {
                pack: path.to_owned(),
                file,
            })?;
            texts.insert(job.file_stem.clone(), text);
        }
    }
    let names: Vec<String> = verification
        .manifest
        .files
        .iter()
        .map(|f| f.name.clone())
        .collect();
    let shared = plan
        .documents
        .iter()
        .any(|j| names.contains(&format!("{}.pdf", j.file_stem)));
    if !shared {
        return Err(RedlineError::OtherPack {
            pack: path.to_owned(),
            name: plan.pack_name.clone(),
        }
        .into());
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().trim_end_matches(".zip").to_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(Earlier {
        name,
        texts,
        files: names,
    })
}
