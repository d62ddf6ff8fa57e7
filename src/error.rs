//! The library's error: one variant per stage.

use crate::{
    batch, init, pack, profile, redline, reference, render, translate, typeset, typst_markup,
};

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
    /// The Sami translation given (`sami.translation` or `translate check`) does not fit
    /// the current Norwegian texts.
    #[error("{}", translation_problems(folder, problems))]
    Translation {
        /// The folder of the translated files.
        folder: std::path::PathBuf,
        /// Every problem of every file, located, each with its hint.
        problems: Vec<translate::import::Problem>,
    },
    /// The web page (`serve`) could not listen or stopped.
    #[error("cannot serve the page on {address}")]
    Serve {
        /// The address asked for.
        address: std::net::SocketAddr,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// A built-in page template of `serve` is invalid.
    #[error("the page template {template} is invalid")]
    Page {
        /// The template.
        template: String,
        /// Tera's reason.
        #[source]
        source: tera::Error,
    },
    /// `--require-sami`, and a municipality's citizen texts still wait for their Sami version.
    #[error("{profile}: {waiting}")]
    SamiMissing {
        /// The profile.
        profile: String,
        /// Who waits for which language.
        waiting: String,
    },
}

/// The message of [`Error::Translation`]: each problem on its own line with its hint, since
/// a translator fixes them one by one.
fn translation_problems(
    folder: &std::path::Path,
    problems: &[translate::import::Problem],
) -> String {
    let mut out = format!(
        "the translation in {} has {} problem{}:",
        folder.display(),
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in problems {
        out.push_str(&format!("\n  {p}\n    hint: {}", p.hint()));
    }
    out
}

impl Error {
    /// The exit code: 2 for a setup error (reference data, templates, the machine), 1 for
    /// everything a profile, a batch or a pack caused.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Reference(_)
            | Error::Templates { .. }
            | Error::Serve { .. }
            | Error::Page { .. }
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
            Error::Serve { .. } => vec![
                "another program may use the port: choose a free one with --port, or --port 0 for any".into(),
            ],
            _ => Vec::new(),
        }
    }
}
