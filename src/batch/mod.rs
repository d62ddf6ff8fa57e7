//! Many profiles at once: a connection batch (*pulje*), in parallel.
//!
//! Every profile is loaded and validated first. Only then are packs rendered, in parallel,
//! each on its own: one pack failing never stops or damages another.

mod input;
mod summary;

pub use input::{BatchError, BatchInput, load};
pub use summary::{Row, Summary};

use crate::Error;
use crate::pack;
use crate::pipeline::Pipeline;
use crate::plan::Plan;
use crate::profile;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

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

/// Runs the batch `input` and writes the packs to `options.out`.
pub fn run(
    pipeline: &Pipeline,
    input: &BatchInput,
    options: &Options,
    on_event: &(dyn Fn(Event) + Sync),
) -> Result<Report, Error> {
    let loaded: Vec<(PathBuf, Result<Plan, Error>)> = input
        .profiles
        .par_iter()
        .map(|path| {
            let plan = profile::load(path, &input.defaults)
                .map_err(Error::from)
                .map(|profile| pipeline.plan(&profile));
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
                    elapsed: Duration::ZERO,
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

    let jobs = match options.jobs {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    };
    // Packs of the same shape (model, languages, clauses) run one after another, so that
    // Typst's memo cache still holds the layout of the text they share.
    let shape = |(_, loaded): &(PathBuf, Result<Plan, Error>)| match loaded {
        Ok(plan) => format!(
            "{:?}",
            plan.documents
                .iter()
                .map(|d| (d.kind, d.language, d.clauses))
                .collect::<Vec<_>>()
        ),
        Err(_) => String::new(),
    };
    let outcomes = in_parallel(loaded, jobs, shape, |(path, loaded)| match loaded {
        Err(e) => {
            on_event(Event::Pack {
                profile: &path,
                result: Err(&e),
            });
            Outcome {
                profile: path,
                row: None,
                result: Err(e),
                elapsed: Duration::ZERO,
            }
        }
        Ok(plan) => {
            let started = Instant::now();
            let row = Row::new(&plan);
            let result = pipeline
                .pack_planned(&plan, &|| on_event(Event::Document))
                .and_then(|p| Ok(pack::write(&options.out, &p)?));
            pipeline.trim_caches();
            on_event(Event::Pack {
                profile: &path,
                result: result.as_deref(),
            });
            Outcome {
                profile: path,
                row: Some(row),
                result,
                elapsed: started.elapsed(),
            }
        }
    })?;
    Ok(Report {
        outcomes,
        stopped_before_rendering: false,
    })
}

/// Typst recurses deeply while laying out; give each worker room for it.
const WORKER_STACK_BYTES: usize = 16 * 1024 * 1024;

/// Maps `items` with `f` on `jobs` threads of our own, taking them in the order of the key
/// `order` gives and returning the results in the items' own order.
///
/// Packs are deliberately not rayon tasks: Typst uses rayon inside, and a rayon worker
/// waiting for Typst's nested jobs steals whole other packs, which blurs per-pack timing
/// and deepens stacks until they overflow.
fn in_parallel<T: Send, U: Send, K: Ord>(
    items: Vec<T>,
    jobs: usize,
    order: impl Fn(&T) -> K,
    f: impl Fn(T) -> U + Sync,
) -> Result<Vec<U>, Error> {
    let count = items.len();
    let mut items: Vec<(usize, T)> = items.into_iter().enumerate().collect();
    items.sort_by_cached_key(|(_, item)| order(item));
    let queue = Mutex::new(items.into_iter());
    let done = Mutex::new(Vec::with_capacity(count));
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(count.max(1)) {
            std::thread::Builder::new()
                .stack_size(WORKER_STACK_BYTES)
                .spawn_scoped(scope, || {
                    loop {
                        // A poisoned lock only means another worker panicked; the data is intact.
                        let next = queue.lock().unwrap_or_else(|p| p.into_inner()).next();
                        let Some((i, item)) = next else { break };
                        let result = f(item);
                        done.lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .push((i, result));
                    }
                })
                .map_err(|e| Error::Batch(BatchError::Threads(e.to_string())))?;
        }
        Ok::<(), Error>(())
    })?;
    let mut done = done.into_inner().unwrap_or_else(|p| p.into_inner());
    done.sort_by_key(|(i, _)| *i);
    Ok(done.into_iter().map(|(_, u)| u).collect())
}
