//! The library's error: one variant per stage.

use crate::{batch, pack, profile, reference, render, typeset, typst_markup};

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
    /// The batch could not be read or run.
    #[error(transparent)]
    Batch(#[from] batch::BatchError),
}
