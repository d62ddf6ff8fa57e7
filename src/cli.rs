//! Command-line arguments.

use clap::{Args, Parser, Subcommand};
use digisos_pakke::profile::{CooperationModel, Language};
use std::path::PathBuf;

/// Generates the Digisos connection pack (agreements, DPIA, letters, checklist) for
/// Norwegian municipalities.
#[derive(Debug, Parser)]
#[command(name = "digisos-pakke", version, about, long_about = None)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Where content and facts come from, when not from the built-in files.
#[derive(Debug, Args)]
pub(crate) struct Sources {
    /// A folder of own templates (from `templates export`); files not in it are built in.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Reference data (prices, addresses) to use instead of the built-in data.
    #[arg(long, value_name = "FILE")]
    pub reference: Option<PathBuf>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
        /// Fail instead of writing a pack whose letter or news text still waits for its
        /// Sami version (municipalities in the Sami language area, sameloven § 3-2).
        #[arg(long)]
        require_sami: bool,
        /// Also write a DOCX of every document, to edit in Word (the PDF stays the signed
        /// document).
        #[arg(long)]
        docx: bool,
        #[command(flatten)]
        sources: Sources,
    },
    /// Write the packs of a whole connection batch, each pack's documents in parallel, with a summary.
    #[command(
        after_help = "Examples:\n  digisos-pakke batch data/examples/batch.yaml -o output\n  digisos-pakke batch profiles/ -j 2 --keep-going"
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
        /// Render every pack again, also those made from the same inputs that still verify.
        #[arg(long)]
        force: bool,
        /// Print nothing but errors.
        #[arg(short, long)]
        quiet: bool,
        /// Fail instead of writing a pack whose letter or news text still waits for its
        /// Sami version (municipalities in the Sami language area, sameloven § 3-2).
        #[arg(long)]
        require_sami: bool,
        /// Also write a DOCX of every document, to edit in Word (the PDF stays the signed
        /// document).
        #[arg(long)]
        docx: bool,
        #[command(flatten)]
        sources: Sources,
    },
    /// Compare a profile's documents with the standard text or an earlier pack, and write a
    /// redline PDF of each changed document.
    #[command(
        after_help = "Examples:\n  digisos-pakke redline profile.yaml --templates mine -o output\n  digisos-pakke redline profile.yaml --against output/3201-baerum.zip"
    )]
    Redline {
        /// The municipality profile (YAML).
        profile: PathBuf,
        /// An earlier pack (its folder or zip) to compare with [default: the standard
        /// text, i.e. the built-in templates with the same profile and reference data].
        #[arg(long, value_name = "PACK")]
        against: Option<PathBuf>,
        /// The folder the redlines are written to, in `<pack>-redline/`.
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        #[command(flatten)]
        sources: Sources,
    },
    /// Check profiles and list every problem; writes nothing.
    #[command(after_help = "Example:\n  digisos-pakke validate data/examples/*.yaml")]
    Validate {
        /// The profiles to check.
        #[arg(required = true)]
        profiles: Vec<PathBuf>,
        /// Reference data to check against instead of the built-in `data/reference.yaml`.
        #[arg(long, value_name = "FILE")]
        reference: Option<PathBuf>,
    },
    /// Re-hash a pack folder or zip against its manifest and report any changed, added or
    /// removed file.
    #[command(
        after_help = "Examples:\n  digisos-pakke verify output/3201-baerum\n  digisos-pakke verify output/3201-baerum.zip"
    )]
    Verify {
        /// The pack folder or its zip.
        pack: PathBuf,
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
        #[command(flatten)]
        sources: Sources,
    },
    /// Start a local web page to fill in a profile, see every document and download the
    /// pack; prints the address to open.
    #[command(after_help = "Examples:\n  digisos-pakke serve\n  digisos-pakke serve --port 8080")]
    Serve {
        /// The port to listen on (0 for any free port).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Listen on this address instead of 127.0.0.1, e.g. 0.0.0.0 for every network.
        /// The page has no login: anyone who can reach the address can use it.
        #[arg(long, value_name = "IP")]
        listen: Option<std::net::IpAddr>,
        /// Documents typeset at once [default: one per core].
        #[arg(long, value_name = "N")]
        renders: Option<usize>,
        #[command(flatten)]
        sources: Sources,
    },
    /// Print a commented profile to start from, pre-filled from the municipality register.
    #[command(
        after_help = "Examples:\n  digisos-pakke init --kommune 3201 > baerum.yaml\n  digisos-pakke init --kommune 3201 --model host_without_transfer --member 3203 --member 3205"
    )]
    Init {
        /// The kommunenummer of the municipality (the host in cooperations).
        #[arg(long, value_name = "NNNN")]
        kommune: String,
        /// The cooperation model: single, host_with_transfer, host_without_transfer or board.
        #[arg(long, default_value_t = CooperationModel::Single)]
        model: CooperationModel,
        /// A member municipality's kommunenummer; repeat for each.
        #[arg(long, value_name = "NNNN")]
        member: Vec<String>,
        /// The written standard of the documents and the comments: nb or nn [default: the
        /// municipality's own decision (språkvedtak); bokmål where it is neutral].
        #[arg(long)]
        language: Option<Language>,
    },
    /// Print the JSON Schema of the profile format, for completion and checking in an editor.
    #[command(after_help = "Example:\n  digisos-pakke schema > digisos-profile.schema.json")]
    Schema,
    /// Work with the templates.
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// The Sami translation of the letter and the news text (Sami language area).
    #[command(subcommand)]
    Translate(TranslateCommand),
    /// Print shell completions.
    #[command(
        after_help = "Example:\n  digisos-pakke completions bash > /etc/bash_completion.d/digisos-pakke"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// `templates …`
#[derive(Debug, Subcommand)]
pub(crate) enum TemplatesCommand {
    /// Write the built-in templates and layout to a folder, to adapt and use with --templates.
    #[command(
        after_help = "Example:\n  digisos-pakke templates export mine\n  digisos-pakke generate profile.yaml --templates mine"
    )]
    Export {
        /// The folder to write to.
        dir: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
}

/// `translate …`
#[derive(Debug, Subcommand)]
pub(crate) enum TranslateCommand {
    /// Write the translation package (XLIFF 1.2 of the letter and the news text, and a
    /// glossary) for every municipality of a profile, or of a batch, in the Sami language
    /// area.
    #[command(
        after_help = "Examples:\n  digisos-pakke translate export data/examples/host-with-transfer.yaml -o oversettelse\n  digisos-pakke translate export data/examples/batch.yaml -o oversettelse"
    )]
    Export {
        /// The municipality profile (YAML), or a batch file or folder of profiles.
        profile: PathBuf,
        /// The folder the package is written to, in `<kommunenummer>-<slug>-oversettelse/`.
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        #[command(flatten)]
        sources: Sources,
    },
    /// Check translated XLIFF files against the current Norwegian texts: every unit
    /// translated, every placeholder exactly once, no stale unit, the right language.
    #[command(
        after_help = "Example:\n  digisos-pakke translate check data/examples/host-with-transfer.yaml oversatt/"
    )]
    Check {
        /// The municipality profile (YAML).
        profile: PathBuf,
        /// The folder with the translated files, named as the package named them.
        dir: PathBuf,
        #[command(flatten)]
        sources: Sources,
    },
}
