//! `batch`: every profile of a connection batch, with progress and a summary.

use crate::report;
use digisos_pakke::Error;
use digisos_pakke::batch::{self, Event, Options, Summary};
use digisos_pakke::pack;
use digisos_pakke::pipeline::Pipeline;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

pub(crate) fn run(
    pipeline: &Pipeline,
    path: &Path,
    options: &Options,
    quiet: bool,
    require_sami: bool,
) -> ExitCode {
    let mut input = match batch::load(path) {
        Ok(input) => input,
        Err(e) => return report(&e.into()),
    };
    // Said once per batch, not once per pack: it is about the reference data.
    if let Some(warning) = pipeline.reference().draft_warning().filter(|_| !quiet) {
        eprintln!("warning: {warning}");
    }
    let waiting = if require_sami {
        awaiting_sami(pipeline, &input)
    } else {
        Vec::new()
    };
    if !waiting.is_empty() {
        for (profile, message) in &waiting {
            crate::print_error(&Error::SamiMissing {
                profile: profile.display().to_string(),
                waiting: message.clone(),
            });
        }
        if !options.keep_going {
            return report(&Error::InvalidProfiles {
                invalid: waiting.len(),
                total: input.profiles.len(),
            });
        }
        input
            .profiles
            .retain(|p| !waiting.iter().any(|(w, _)| w == p));
    }
    let progress = Progress::new(quiet);
    let result = batch::run(pipeline, &input, options, &|event| progress.event(event));
    progress.finish();
    let report_ = match result {
        Ok(r) => r,
        Err(e) => return report(&e),
    };
    for outcome in report_.outcomes.iter().filter(|o| o.result.is_err()) {
        if let Err(e) = &outcome.result {
            crate::print_error(e);
        }
    }
    if report_.stopped_before_rendering {
        return report(&Error::InvalidProfiles {
            invalid: report_.outcomes.len(),
            total: input.profiles.len(),
        });
    }
    let summary = match Summary::new(&report_, input.defaults.batch.as_deref(), pipeline) {
        Ok(s) => s,
        Err(e) => return report(&e),
    };
    let written = pack::write_file_atomic(&options.out.join("batch-summary.csv"), &summary.csv)
        .and_then(|()| {
            pack::write_file_atomic(&options.out.join("batch-summary.pdf"), &summary.pdf)
        });
    if let Err(e) = written {
        return report(&Error::from(e));
    }
    let ok = report_.outcomes.iter().filter(|o| o.result.is_ok()).count();
    let failed = report_.outcomes.len() - ok;
    if !quiet {
        println!(
            "{ok} packs written, {failed} failed; summary in {}",
            options.out.join("batch-summary.pdf").display()
        );
    }
    if report_.all_written() && waiting.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The profiles of `input` whose packs would wait for their Sami text, with what to say.
/// Profiles that do not load are left to the batch, which reports them.
fn awaiting_sami(pipeline: &Pipeline, input: &batch::BatchInput) -> Vec<(PathBuf, String)> {
    input
        .profiles
        .iter()
        .filter_map(|path| {
            let profile = digisos_pakke::profile::load(path, &input.defaults).ok()?;
            let plan = pipeline.plan(&profile);
            digisos_pakke::translate::awaiting_message(&plan).map(|m| (path.clone(), m))
        })
        .collect()
}

/// A progress bar on a terminal; one line per pack otherwise (CI, redirected output).
struct Progress {
    bar: OnceLock<ProgressBar>,
    terminal: bool,
    quiet: bool,
    packs_done: AtomicUsize,
    packs: AtomicUsize,
    lines: Mutex<()>,
}

impl Progress {
    fn new(quiet: bool) -> Self {
        Progress {
            bar: OnceLock::new(),
            terminal: std::io::stderr().is_terminal(),
            quiet,
            packs_done: AtomicUsize::new(0),
            packs: AtomicUsize::new(0),
            lines: Mutex::new(()),
        }
    }

    fn event(&self, event: Event) {
        if self.quiet {
            return;
        }
        match event {
            Event::Planned { packs, documents } => {
                self.packs.store(packs, Ordering::Relaxed);
                if self.terminal {
                    let bar = ProgressBar::new(documents as u64);
                    if let Ok(style) = ProgressStyle::with_template(
                        "{bar:30} {pos}/{len} documents · {msg} · {per_sec} · ETA {eta}",
                    ) {
                        bar.set_style(style);
                    }
                    bar.set_message(format!("0/{packs} packs"));
                    let _ = self.bar.set(bar);
                } else {
                    eprintln!("rendering {packs} packs ({documents} documents)");
                }
            }
            Event::Warning { profile, message } => {
                let _guard = self.lines.lock();
                eprintln!("warning: {}: {message}", profile.display());
            }
            Event::Document => {
                if let Some(bar) = self.bar.get() {
                    bar.inc(1);
                }
            }
            Event::Pack {
                profile,
                result,
                unchanged,
            } => {
                let done = self.packs_done.fetch_add(1, Ordering::Relaxed) + 1;
                let total = self.packs.load(Ordering::Relaxed);
                if let Some(bar) = self.bar.get() {
                    bar.set_message(format!("{done}/{total} packs"));
                } else if let Ok(folder) = result {
                    let _guard = self.lines.lock();
                    eprintln!(
                        "[{done}/{total}] {}: {} {}",
                        profile.display(),
                        if unchanged { "unchanged" } else { "wrote" },
                        folder.display()
                    );
                } else {
                    let _guard = self.lines.lock();
                    eprintln!("[{done}/{total}] {}: failed", profile.display());
                }
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}
