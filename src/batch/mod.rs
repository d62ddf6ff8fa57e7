//! Many profiles at once: a connection batch (*pulje*), in parallel.
//!
//! Every profile is loaded and validated first. Only then are packs rendered, in parallel,
//! each on its own: one pack failing never stops or damages another.

mod input;
mod summary;

pub use input::{BatchError, BatchInput, load};
pub use summary::{Row, Summary};

use crate::Error;
use crate::generate::Generator;
use crate::pack;
use crate::plan::Plan;
use crate::profile;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct Options {
    /// The output folder.
    pub out: PathBuf,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// Render the valid profiles even when others are invalid.
    pub keep_going: bool,
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
    /// A pack was written or failed.
    Pack {
        /// The profile.
        profile: &'a Path,
        /// The pack folder, or the error.
        result: Result<&'a Path, &'a Error>,
    },
}

/// The outcome of one profile.
#[derive(Debug)]
pub struct Outcome {
    /// The profile's path.
    pub profile: PathBuf,
    /// The pack's row in the summary, when the profile was valid.
    pub row: Option<Row>,
    /// The pack folder written, or why not.
    pub result: Result<PathBuf, Error>,
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

/// How many evaluations Typst's memo cache keeps: entries unused for this many packs are
/// dropped, so memory stays flat over a long batch while text shared between packs is
/// still reused (measured in `examples/bench.rs`).
pub const MEMO_MAX_AGE: usize = 4;

/// Runs the batch `input` and writes the packs to `options.out`.
pub fn run(
    generator: &Generator,
    input: &BatchInput,
    options: &Options,
    on_event: &(dyn Fn(Event) + Sync),
) -> Result<Report, Error> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .map_err(|e| Error::Batch(BatchError::Threads(e.to_string())))?;
    pool.install(|| {
        let loaded: Vec<(PathBuf, Result<Plan, Error>)> = input
            .profiles
            .par_iter()
            .map(|path| {
                let plan = profile::load(path, &input.defaults)
                    .map_err(Error::from)
                    .map(|profile| crate::plan::build(&profile, &generator.reference));
                (path.clone(), plan)
            })
            .collect();
        let invalid = loaded.iter().any(|(_, r)| r.is_err());
        if invalid && !options.keep_going {
            let outcomes = loaded
                .into_iter()
                .filter_map(|(profile, r)| {
                    r.err().map(|e| Outcome {
                        profile,
                        row: None,
                        result: Err(e),
                    })
                })
                .collect();
            return Ok(Report {
                outcomes,
                stopped_before_rendering: true,
            });
        }
        for (path, plan) in &loaded {
            for message in plan.iter().flat_map(|p| &p.warnings) {
                on_event(Event::Warning {
                    profile: path,
                    message,
                });
            }
        }
        let valid = loaded.iter().filter_map(|(_, r)| r.as_ref().ok());
        on_event(Event::Planned {
            packs: valid.clone().count(),
            documents: valid.map(|plan| plan.documents.len()).sum(),
        });

        let outcomes = loaded
            .into_par_iter()
            .map(|(path, loaded)| match loaded {
                Err(e) => {
                    on_event(Event::Pack {
                        profile: &path,
                        result: Err(&e),
                    });
                    Outcome {
                        profile: path,
                        row: None,
                        result: Err(e),
                    }
                }
                Ok(plan) => {
                    let row = Row::new(&plan);
                    let result = generator
                        .pack_planned(&plan, &|| on_event(Event::Document))
                        .and_then(|p| Ok(pack::write(&options.out, &p)?));
                    typst::comemo::evict(MEMO_MAX_AGE);
                    on_event(Event::Pack {
                        profile: &path,
                        result: result.as_deref(),
                    });
                    Outcome {
                        profile: path,
                        row: Some(row),
                        result,
                    }
                }
            })
            .collect();
        Ok(Report {
            outcomes,
            stopped_before_rendering: false,
        })
    })
}
