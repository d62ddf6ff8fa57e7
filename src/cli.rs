//! Command-line arguments.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Generates the Digisos connection pack (agreements, DPIA, letters) for Norwegian municipalities.
#[derive(Debug, Parser)]
#[command(name = "digisos-pakke", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a profile and write its connection pack.
    #[command(
        after_help = "Example:\n  digisos-pakke generate data/examples/single.yaml -o output"
    )]
    Generate {
        /// The municipality profile (YAML).
        profile: PathBuf,
        /// The folder the pack is written to.
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        /// Reference data (prices, addresses) to use instead of the built-in data.
        #[arg(long, value_name = "FILE")]
        reference: Option<PathBuf>,
    },
    /// Check profiles and list every problem; writes nothing.
    #[command(after_help = "Example:\n  digisos-pakke validate data/examples/*.yaml")]
    Validate {
        /// The profiles to check.
        #[arg(required = true)]
        profiles: Vec<PathBuf>,
    },
    /// Re-hash a pack folder or zip against its manifest and report any changed, added or
    /// removed file.
    #[command(
        after_help = "Example:\n  digisos-pakke verify output/3201-baerum\n  digisos-pakke verify output/3201-baerum.zip"
    )]
    Verify {
        /// The pack folder or its zip.
        pack: PathBuf,
    },
    /// Write the packs of a whole connection batch in parallel, with a summary.
    #[command(
        after_help = "Examples:\n  digisos-pakke batch data/examples/batch.yaml -o output\n  digisos-pakke batch data/examples -j 2 --keep-going"
    )]
    Batch {
        /// A batch file (YAML), or a folder whose *.yaml files are the profiles.
        batch: PathBuf,
        /// The folder the packs and the summary are written to.
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        /// Parallel jobs [default: one per core].
        #[arg(short, long, value_name = "N")]
        jobs: Option<usize>,
        /// Write the valid profiles' packs even when others are invalid.
        #[arg(long)]
        keep_going: bool,
        /// Print nothing but errors.
        #[arg(short, long)]
        quiet: bool,
        /// Reference data (prices, addresses) to use instead of the built-in data.
        #[arg(long, value_name = "FILE")]
        reference: Option<PathBuf>,
    },
    /// Typeset one document of a profile's pack to a PDF, e.g. to check a template change.
    #[command(
        after_help = "Example:\n  digisos-pakke preview data/examples/single.yaml databehandleravtale-3201 -o dpa.pdf"
    )]
    Preview {
        /// The municipality profile (YAML).
        profile: PathBuf,
        /// The document, as named in the pack without extension, e.g. databehandleravtale-3201.
        document: String,
        /// The PDF to write [default: DOCUMENT.pdf].
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Reference data (prices, addresses) to use instead of the built-in data.
        #[arg(long, value_name = "FILE")]
        reference: Option<PathBuf>,
    },
}
