//! The library's error: one variant per stage.

use crate::{batch, init, pack, profile, redline, reference, render, typeset, typst_markup};

/// Anything that stops a pack from being made.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The profile could not be read or is invalid.
    #[error(transparent)]
    Profile(#[from] profile::ProfileError),
    /// The reference data could not be read or is invalid.
    #[error(transparent)]
    Reference(#[from] reference::ReferenceError),
    /// A template failed.
    #[error(transparent)]
    Render(#[from] render::RenderError),
    /// A rendered document could not be converted to Typst.
    #[error("template {template} does not give a valid document")]
    Markup {
        /// The template's name.
        template: String,
        /// What is wrong.
        #[source]
        source: typst_markup::MarkupError,
    },
    /// Typst failed.
    #[error("{document} could not be typeset")]
    Typeset {
        /// The output file.
        document: String,
        /// Typst's diagnostics.
        #[source]
        source: typeset::TypesetError,
    },
    /// A document's DOCX could not be written.
    #[error("{document} could not be written")]
    Docx {
        /// The output file.
        document: String,
        /// Why not.
        #[source]
        source: crate::docx::DocxError,
    },
    /// The pack could not be written.
    #[error(transparent)]
    Pack(#[from] pack::PackError),
    /// The folder given with `--templates` could not be read.
    #[error("cannot use the templates in {}", path.display())]
    Templates {
        /// The folder.
        path: std::path::PathBuf,
        /// Why not.
        #[source]
        source: std::io::Error,
    },
    /// The batch file or folder could not be read.
    #[error(transparent)]
    Batch(#[from] batch::BatchError),
    /// The batch stopped while running.
    #[error(transparent)]
    BatchRun(#[from] batch::RunError),
    /// Some profiles of a batch are invalid, so nothing was rendered.
    #[error("{invalid} of {total} profiles are invalid; no pack was written")]
    InvalidProfiles {
        /// Profiles with problems.
        invalid: usize,
        /// Profiles in the batch.
        total: usize,
    },
    /// `preview` was asked for a document the pack does not have.
    #[error("the pack of {profile} has no document `{document}`")]
    UnknownDocument {
        /// The profile.
        profile: String,
        /// The document asked for.
        document: String,
        /// The documents the pack has.
        choices: Vec<String>,
    },
    /// A pack does not match its manifest.
    #[error("{} does not match its manifest", path.display())]
    PackChanged {
        /// The pack folder or zip.
        path: std::path::PathBuf,
    },
    /// `templates export` would overwrite files.
    #[error("{} already holds {}", dir.display(), files.join(", "))]
    TemplatesExist {
        /// The folder.
        dir: std::path::PathBuf,
        /// The files it already holds.
        files: Vec<String>,
    },
    /// A redline could not be made.
    #[error(transparent)]
    Redline(#[from] redline::RedlineError),
    /// No profile could be made to start from.
    #[error(transparent)]
    Init(#[from] init::InitError),
    /// `--require-sami`, and a municipality's citizen texts still wait for their Sami version.
    #[error("{profile}: {waiting}")]
    SamiMissing {
        /// The profile.
        profile: String,
        /// Who waits for which language.
        waiting: String,
    },
}

impl Error {
    /// The exit code: 2 for a setup error (reference data, templates, the machine), 1 for
    /// everything a profile, a batch or a pack caused.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Reference(_)
            | Error::Templates { .. }
            | Error::Render(render::RenderError::Parse { .. })
            | Error::BatchRun(batch::RunError::Threads(_)) => 2,
            _ => 1,
        }
    }

    /// What the user can do about it, one line each.
    pub fn hints(&self) -> Vec<String> {
        match self {
            Error::Profile(p) => p.hint().map(str::to_owned).into_iter().collect(),
            Error::Typeset {
                source: typeset::TypesetError::Compile(d) | typeset::TypesetError::Export(d),
                ..
            } => d.iter().flat_map(|d| d.hints.iter().cloned()).collect(),
            Error::InvalidProfiles { .. } => vec![
                "fix the profiles above, or run with --keep-going to write the valid ones".into(),
            ],
            Error::UnknownDocument { choices, .. } => {
                vec![format!("choose one of: {}", choices.join(", "))]
            }
            Error::PackChanged { .. } => vec![
                "generate the pack again from its profile, or get an unchanged copy from its sender"
                    .into(),
            ],
            Error::TemplatesExist { .. } => {
                vec!["choose an empty folder, or add --force to overwrite these files".into()]
            }
            Error::SamiMissing { .. } => vec![
                "--require-sami refuses a pack without its Sami text; send the translation package (`translate export`) to the municipality's translator, or leave out --require-sami to write the Norwegian texts marked as waiting".into(),
            ],
            Error::Redline(redline::RedlineError::OtherPack { .. }) => vec![
                "give the earlier pack of the same municipality (the folder or zip named <kommunenummer>-<name>)".into(),
            ],
            Error::Init(init::InitError::Unknown(_)) => vec![
                "give the four-digit kommunenummer, e.g. --kommune 0301 for Oslo; data/kommuner.csv lists them all".into(),
            ],
            _ => Vec::new(),
        }
    }
}
