//! The batch's work, shared by a fixed set of workers across pack boundaries.
//!
//! A worker with nothing to typeset starts the next pack (plans and renders it) while the
//! others typeset the last documents of the pack before, and the worker that typesets a
//! pack's last document writes the pack. So no core waits at the end of a pack for its
//! slowest document or its zip: that waiting was a tenth of a batch's time (issue 14).
//! Packs are still started one after the other in the batch's order, so a document finds
//! the layout of the same document of the pack before in Typst's cache.

use super::{Event, Loaded, Outcome, Row, not_planned, release_free_memory};
use crate::Error;
use crate::pack::{self, PackFile};
use crate::pipeline::{Pipeline, RenderedDocument};
use crate::plan::Plan;
use crate::workers::{self, lock};
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// A profile waiting for its turn: its place in the input, what loading it gave, and whether
/// its pack is already there, made from the same inputs and intact.
pub(super) struct Waiting {
    pub index: usize,
    pub loaded: Loaded,
    pub unchanged: bool,
}

/// Runs `waiting` (in that order) on `jobs` workers and returns each profile's outcome with
/// its place in the input.
pub(super) fn run(
    pipeline: &Pipeline,
    out: &Path,
    jobs: usize,
    waiting: Vec<Waiting>,
    on_event: &(dyn Fn(Event) + Sync),
) -> std::io::Result<Vec<(usize, Outcome)>> {
    let count = waiting.len();
    let queue = Queue {
        pipeline,
        out,
        jobs,
        on_event,
        state: Mutex::new(State {
            waiting: waiting.into_iter(),
            documents: VecDeque::new(),
            open: HashMap::new(),
        }),
        outcomes: Mutex::new(Vec::with_capacity(count)),
    };
    workers::run(jobs, || queue.work())?;
    Ok(queue
        .outcomes
        .into_inner()
        .unwrap_or_else(|p| p.into_inner()))
}

struct Queue<'a> {
    pipeline: &'a Pipeline,
    out: &'a Path,
    jobs: usize,
    on_event: &'a (dyn Fn(Event<'_>) + Sync),
    state: Mutex<State>,
    outcomes: Mutex<Vec<(usize, Outcome)>>,
}

/// What is left to do.
struct State {
    /// Profiles not started yet.
    waiting: std::vec::IntoIter<Waiting>,
    /// Documents ready to typeset: a started pack's, in typesetting order, before the next
    /// pack's.
    documents: VecDeque<Document>,
    /// Started packs with documents still being typeset, by their place in the input.
    open: HashMap<usize, OpenPack>,
}

/// A document of a started pack, ready to typeset.
struct Document {
    pack: usize,
    plan: Arc<Plan>,
    rendered: RenderedDocument,
}

/// A started pack whose documents are being typeset.
struct OpenPack {
    profile: PathBuf,
    plan: Arc<Plan>,
    row: Row,
    started: Instant,
    /// Each document's files once typeset, in the plan's order.
    files: Vec<Option<Result<Vec<PackFile>, Error>>>,
    remaining: usize,
    package: Vec<PackFile>,
}

/// A worker's next step.
enum Step {
    Typeset(Document),
    // Boxed: a loaded profile is large, and a step is mostly a document.
    Start(Box<Waiting>),
}

impl Queue<'_> {
    /// Typesets ready documents first, starts the next pack when there are none, and stops
    /// when every pack is started and no document is left: the other workers finish theirs.
    fn work(&self) {
        loop {
            let step = {
                let mut state = lock(&self.state);
                match state.documents.pop_front() {
                    Some(document) => Step::Typeset(document),
                    None => match state.waiting.next() {
                        Some(waiting) => Step::Start(Box::new(waiting)),
                        None => break,
                    },
                }
            };
            match step {
                Step::Typeset(document) => self.typeset(document),
                Step::Start(waiting) => self.start(*waiting),
            }
        }
    }

    /// Plans and renders a pack, and queues its documents, unless it is unchanged or fails.
    fn start(&self, waiting: Waiting) {
        let started = Instant::now();
        let Waiting {
            index,
            loaded,
            unchanged,
        } = waiting;
        let planned = match loaded.planned {
            Ok(planned) => planned,
            Err(e) => return self.done(index, not_planned(loaded.profile, e, self.on_event)),
        };
        let plan = self.pipeline.plan(&planned.profile);
        let row = Row::new(&plan);
        if unchanged {
            plan.documents
                .iter()
                .for_each(|_| (self.on_event)(Event::Document));
            let folder = self.out.join(&plan.pack_name);
            return self.close(index, loaded.profile, row, started, Ok(folder), true);
        }
        let rendered = match self.pipeline.render_pack(&plan) {
            Ok(rendered) => rendered,
            Err(e) => return self.close(index, loaded.profile, row, started, Err(e), false),
        };
        let plan = Arc::new(plan);
        let mut documents: Vec<Document> = rendered
            .documents
            .into_iter()
            .map(|rendered| Document {
                pack: index,
                plan: Arc::clone(&plan),
                rendered,
            })
            .collect();
        documents.sort_by_key(|d| d.rendered.order);
        let open = OpenPack {
            profile: loaded.profile,
            files: plan.documents.iter().map(|_| None).collect(),
            remaining: documents.len(),
            plan,
            row,
            started,
            package: rendered.package,
        };
        if open.remaining == 0 {
            return self.write(open, index);
        }
        let mut state = lock(&self.state);
        state.open.insert(index, open);
        state.documents.extend(documents);
    }

    /// Typesets a document, and writes its pack if it was the pack's last.
    fn typeset(&self, document: Document) {
        let Document {
            pack,
            plan,
            rendered,
        } = document;
        let at = rendered.index;
        let files = self.pipeline.typeset_document(&plan, rendered);
        // Typst's cache keeps what the last pack's worth of documents used: a document finds
        // what the same document of the pack before laid out (every paragraph, table and
        // page whose text is the same costs less than half its first layout), while the
        // cache never holds much more than one pack's layout. The same document of the next
        // pack may come `jobs` - 1 documents late.
        self.pipeline
            .trim_caches(plan.documents.len() + self.jobs - 1);
        (self.on_event)(Event::Document);
        let finished = {
            let mut state = lock(&self.state);
            let open = state.open.get_mut(&pack);
            let last = open.is_some_and(|open| {
                open.files[at] = Some(files);
                open.remaining -= 1;
                open.remaining == 0
            });
            if last { state.open.remove(&pack) } else { None }
        };
        if let Some(open) = finished {
            self.write(open, pack);
        }
    }

    /// Writes a pack whose documents are all typeset.
    fn write(&self, open: OpenPack, index: usize) {
        let OpenPack {
            profile,
            plan,
            row,
            started,
            files,
            package,
            ..
        } = open;
        let documents = files.into_iter().flatten();
        let written = self
            .pipeline
            .finish_pack(&plan, documents, package)
            .and_then(|p| Ok(pack::write(self.out, &p)?));
        drop(plan);
        // The memory freed goes back to the system after each pack.
        release_free_memory();
        self.close(index, profile, row, started, written, false);
    }

    /// Reports a pack written, left unchanged, or failed.
    fn close(
        &self,
        index: usize,
        profile: PathBuf,
        row: Row,
        started: Instant,
        result: Result<PathBuf, Error>,
        unchanged: bool,
    ) {
        (self.on_event)(Event::Pack {
            profile: &profile,
            result: result.as_deref(),
            unchanged,
        });
        let outcome = Outcome {
            profile,
            row: Some(row),
            result,
            unchanged,
            elapsed: started.elapsed(),
        };
        self.done(index, outcome);
    }

    fn done(&self, index: usize, outcome: Outcome) {
        lock(&self.outcomes).push((index, outcome));
    }
}
