//! digisos-pakke: the connection pack a Norwegian municipality needs to join Digisos.
//!
//! # Steps
//! 1. [`profile`]: read and validate a municipality profile (YAML).
//! 2. [`plan`]: decide the documents, parties, controllers and routing by the cooperation
//!    model's rules.
//! 3. [`render`]: render each document's Markdown from its Tera template.
//! 4. [`typst_markup`]: convert the Markdown to Typst markup, every text escaped.
//! 5. [`typeset`]: typeset with the embedded Typst compiler into PDF/A-2a + PDF/UA-1.
//! 6. [`pack`]: write the pack's files, all or nothing.
//!
//! [`redline`] compares a pack's texts with the standard text or an earlier pack.
//!
//! [`pipeline::Pipeline`] runs steps 2–6 for one profile; [`batch`] runs them for a whole
//! connection batch in parallel; [`serve`] puts them behind a local web page.
//!
//! # Terms
//! - *kommunenummer*: the four-digit municipality number.
//! - *pulje*: a connection batch of municipalities.
//! - *databehandleravtale*, *samarbeidsavtale*, *PVK*: the data processing agreement, the
//!   Digisos cooperation agreement and the DPIA; kept as document ids because the English
//!   words lose the Norwegian legal meaning.

#![deny(missing_docs)]

pub mod assets;
pub mod batch;
pub mod blocks;
pub mod docx;
mod error;
pub mod fuzzing;
pub mod init;
pub mod pack;
pub mod pipeline;
pub mod plan;
pub mod profile;
pub mod redline;
pub mod reference;
pub mod register;
pub mod render;
pub mod serve;
pub mod translate;
pub mod typeset;
pub mod typst_markup;
mod workers;

pub use error::Error;
