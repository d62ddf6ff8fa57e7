//! Many profiles at once: a connection batch (*pulje*), in parallel.
//!
//! Every profile is loaded and validated first. Only then are packs rendered, started one
//! after the other with their documents typeset in parallel (see `queue`), each pack on its
//! own: one pack failing never stops or damages another.

mod input;
mod queue;
mod summary;

pub use input::{BatchError, BatchInput, load};
pub use summary::{Row, Summary};

use crate::Error;
use crate::pack;
use crate::pipeline::Pipeline;
use crate::plan::{DocumentKind, Plan};
use crate::profile::{self, CooperationModel, Language, Profile};
use crate::workers;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct Options {
    /// The output folder.
    pub out: PathBuf,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// Render the valid profiles even when others are invalid.
    pub keep_going: bool,
    /// Render every pack, also those whose inputs are unchanged and whose files verify.
    pub force: bool,
}

/// What happened, as it happens, for progress display.
#[derive(Debug, Clone)]
pub enum Event<'a> {
    /// Every profile was loaded; `packs` will be rendered with `documents` documents.
    Planned {
        /// Packs to render.
        packs: usize,
        /// Documents in them.
        documents: usize,
    },
    /// Something the user must know about a profile that does not stop its pack.
    Warning {
        /// The profile.
        profile: &'a Path,
        /// What to know.
        message: &'a str,
    },
    /// One document of a pack was typeset.
    Document,
    /// A pack was written, left unchanged, or failed.
    Pack {
        /// The profile.
        profile: &'a Path,
        /// The pack folder, or the error.
        result: Result<&'a Path, &'a Error>,
        /// The pack was already there, made from the same inputs, and intact.
        unchanged: bool,
    },
}

/// The outcome of one profile.
#[derive(Debug)]
pub struct Outcome {
    /// The profile's path.
    pub profile: PathBuf,
    /// The pack's row in the summary, when the profile was valid.
    pub row: Option<Row>,
    /// The pack folder written (or found unchanged), or why not.
    pub result: Result<PathBuf, Error>,
    /// The pack was made from the same inputs before and still verifies, so it was left as
    /// it was.
    pub unchanged: bool,
    /// How long rendering and writing the pack took.
    pub elapsed: Duration,
}

/// The result of a batch.
#[derive(Debug)]
pub struct Report {
    /// One outcome per profile, in the input's order.
    pub outcomes: Vec<Outcome>,
    /// Whether rendering was skipped because a profile was invalid (no `--keep-going`).
    pub stopped_before_rendering: bool,
}

impl Report {
    /// Whether every pack was written.
    pub fn all_written(&self) -> bool {
        !self.stopped_before_rendering && self.outcomes.iter().all(|o| o.result.is_ok())
    }
}

/// Why a batch stopped while running, after its file was read.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The worker threads could not be started.
    #[error("cannot start the worker threads")]
    Threads(#[source] std::io::Error),
    /// No profile of the batch could be planned: the summary is dated by its newest pack, and
    /// without one any date it printed would be made up.
    #[error("no profile of the batch is valid, so there is no pack to date the batch summary by")]
    NoPackToSummarise,
}

/// A profile of the batch, loaded and planned, or why it could not be.
struct Loaded {
    profile: PathBuf,
    planned: Result<Planned, Error>,
}

/// A valid profile and what its plan says up front. The plan is made again when the pack
/// is rendered: it copies the parties, controllers and contacts into every document (26 KB
/// a pack against 1.5 KB for the profile), so keeping every plan until its pack was
/// rendered made peak memory grow with the batch, by 9 MB for the country (issue 14).
struct Planned {
    profile: Profile,
    documents: usize,
    warnings: Vec<String>,
    /// The pack's folder name.
    pack_name: String,
    /// The hash of the pack's inputs, as its manifest records it.
    inputs: String,
    /// Which packs it shares text with (see [`shape`]).
    shape: Shape,
}

/// Runs the batch `input` and writes the packs to `options.out`.
pub fn run(
    pipeline: &Pipeline,
    input: &BatchInput,
    options: &Options,
    on_event: &(dyn Fn(Event) + Sync),
) -> Result<Report, Error> {
    keep_memory_small();
    let loaded = plan_all(pipeline, input);
    if !options.keep_going && loaded.iter().any(|l| l.planned.is_err()) {
        return Ok(stopped_before_rendering(loaded));
    }
    announce(&loaded, on_event);
    // Whether a pack is already there, made from the same inputs and intact: checking
    // hashes every file, so it runs on every core.
    let unchanged: Vec<bool> = loaded
        .par_iter()
        .map(|l| {
            !options.force
                && l.planned
                    .as_ref()
                    .is_ok_and(|p| pack::unchanged(&options.out, &p.pack_name, &p.inputs))
        })
        .collect();
    // Packs of the same shape one after the other: Typst then reuses the layout of the text
    // a pack shares with the one before (see `queue`).
    let jobs = workers::threads(options.jobs);
    let mut waiting: Vec<queue::Waiting> = loaded
        .into_iter()
        .zip(unchanged)
        .enumerate()
        .map(|(index, (loaded, unchanged))| queue::Waiting {
            index,
            loaded,
            unchanged,
        })
        .collect();
    waiting.sort_by(|a, b| shape_of(&a.loaded).cmp(&shape_of(&b.loaded)));
    let mut outcomes =
        queue::run(pipeline, &options.out, jobs, waiting, on_event).map_err(RunError::Threads)?;
    // The last packs' layout is no use to what comes after (the summary, another batch).
    pipeline.trim_caches(0);
    release_free_memory();
    outcomes.sort_by_key(|(i, _)| *i);
    let outcomes = outcomes.into_iter().map(|(_, o)| o).collect();
    Ok(Report {
        outcomes,
        stopped_before_rendering: false,
    })
}

/// Loads, validates and plans every profile before any pack is rendered, so that a batch
/// with an invalid profile can stop before it has written anything.
fn plan_all(pipeline: &Pipeline, input: &BatchInput) -> Vec<Loaded> {
    input
        .profiles
        .par_iter()
        .map(|path| Loaded {
            profile: path.clone(),
            planned: profile::load(path, &input.defaults)
                .map_err(Error::from)
                .map(|profile| {
                    let plan = pipeline.plan(&profile);
                    Planned {
                        documents: plan.documents.len(),
                        inputs: pipeline.inputs(&plan),
                        shape: shape(&plan),
                        pack_name: plan.pack_name,
                        warnings: plan.warnings,
                        profile,
                    }
                }),
        })
        .collect()
}

/// The report of a batch that renders nothing because a profile is invalid: only the
/// invalid profiles, so the user sees what to fix.
fn stopped_before_rendering(loaded: Vec<Loaded>) -> Report {
    let outcomes = loaded
        .into_iter()
        .filter_map(|l| {
            l.planned.err().map(|e| Outcome {
                profile: l.profile,
                row: None,
                result: Err(e),
                unchanged: false,
                elapsed: Duration::ZERO,
            })
        })
        .collect();
    Report {
        outcomes,
        stopped_before_rendering: true,
    }
}

/// Reports the planning warnings, then how much is about to be rendered (progress display
/// sizes its bar by it).
fn announce(loaded: &[Loaded], on_event: &(dyn Fn(Event) + Sync)) {
    for l in loaded {
        for message in l.planned.iter().flat_map(|p| &p.warnings) {
            on_event(Event::Warning {
                profile: &l.profile,
                message,
            });
        }
    }
    let valid = loaded.iter().filter_map(|l| l.planned.as_ref().ok());
    on_event(Event::Planned {
        packs: valid.clone().count(),
        documents: valid.map(|p| p.documents).sum(),
    });
}

/// The outcome of a profile that could not be planned, reported as its pack failing.
fn not_planned(profile: PathBuf, error: Error, on_event: &(dyn Fn(Event) + Sync)) -> Outcome {
    on_event(Event::Pack {
        profile: &profile,
        result: Err(&error),
        unchanged: false,
    });
    Outcome {
        profile,
        row: None,
        result: Err(error),
        unchanged: false,
        elapsed: Duration::ZERO,
    }
}

/// What decides which text a pack's documents share with another pack's: its model, and
/// each document's kind, written standard and number of municipalities covered.
type Shape = (CooperationModel, Vec<(DocumentKind, Language, usize)>);

/// The shape of `loaded`'s pack, if it has one.
fn shape_of(loaded: &Loaded) -> Option<&Shape> {
    loaded.planned.as_ref().ok().map(|p| &p.shape)
}

/// The shape of `plan`'s pack.
fn shape(plan: &Plan) -> Shape {
    let documents = plan
        .documents
        .iter()
        .map(|d| (d.kind, d.language, d.covered.len()))
        .collect();
    (plan.rules.model, documents)
}

/// Turns transparent huge pages off for the rest of the process. mimalloc asks for them,
/// and they spare one `generate` most of its page faults (a tenth to a quarter of its time,
/// as the machine varied), but a batch gains nothing from them, and pages of 2 MB that are
/// partly in use raised a batch's peak memory from 160 to 220 MB (issue 14). Linux only;
/// elsewhere there is nothing to turn off.
fn keep_memory_small() {
    #[cfg(target_os = "linux")]
    {
        // Best effort: an old kernel without the setting keeps huge pages, nothing worse.
        let _ = rustix::thread::disable_transparent_huge_pages(true);
    }
}

/// Returns the heap's free pages to the system after a pack, so that a batch's resident
/// memory stays flat with its length (issue 14). After each pack rather than each document,
/// because the next document faults the pages in again. The command runs on mimalloc (see
/// `main.rs`); in a process on another allocator this does next to nothing.
#[allow(unsafe_code)]
fn release_free_memory() {
    // SAFETY: mi_collect takes no pointers; it frees only memory the allocator holds unused.
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
}
