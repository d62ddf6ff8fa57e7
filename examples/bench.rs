//! Country-scale benchmark: all 357 municipalities as one connection batch of 335 packs.
//!
//! Run with `cargo run --profile release-lto --example bench [-- --jobs N --per-process N
//! --profiles N --quick]` to measure the build that is handed out (`--release` builds
//! sooner). It prints total wall time, documents per second, the median time per pack,
//! peak RSS at 40, 120 and all packs (each batch in a process of its own), the pipeline's
//! own share of the time (templates, Markdown, zip, hashing), what Typst's memo cache buys,
//! re-runs with nothing or one profile changed, and the same documents rendered by one
//! fresh process each, as a ratio. Every batch writes its summary, as the command does.
//! `--profiles N` takes the first N packs; `--quick` runs only the whole batch and the
//! re-runs.

use digisos_pakke::batch::{self, Options};
use digisos_pakke::pipeline::Pipeline;
use digisos_pakke::profile::CooperationModel;
use digisos_pakke::register::{self, Entry};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

// The command's allocator (see `src/main.rs`): the batches measured here run in this
// program's own child processes.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let jobs = flag("--jobs", 2);
    let per_process_docs = flag("--per-process", 300);
    // A fixed memo age instead of the shipped pack's worth of documents.
    let memo_age = args
        .iter()
        .position(|a| a == "--memo-age")
        .and_then(|i| args.get(i + 1)?.parse::<usize>().ok());
    // Fewer profiles, to see that peak memory does not grow with the batch.
    let limit = flag("--profiles", usize::MAX);
    let quick = args.iter().any(|a| a == "--quick");
    if let Some(i) = args.iter().position(|a| a == "--child") {
        let dir = PathBuf::from(args.get(i + 1).expect("--child DIR"));
        child(&dir, limit, jobs, memo_age);
        return;
    }

    let dir = std::env::temp_dir().join(format!("digisos-bench-{}", std::process::id()));
    let country = country().len().min(limit);
    println!(
        "synthetic batch: {country} packs from the register of 357 municipalities; {jobs} jobs"
    );

    // Peak RSS is a high-water mark, so each batch size runs in a process of its own; the
    // largest is the country run timed below.
    let sizes: Vec<usize> = [40, 120]
        .into_iter()
        .filter(|&n| !quick && n < country)
        .chain([country])
        .collect();
    let runs: Vec<(usize, ChildRun)> = sizes
        .iter()
        .map(|&n| {
            (
                n,
                run_child(&dir.join(format!("batch-{n}")), n, jobs, memo_age),
            )
        })
        .collect();
    let (_, whole) = runs.last().expect("the country run");
    let country_dir = dir.join(format!("batch-{country}"));
    let wall = Duration::from_secs_f64(whole.wall_s);
    let documents = whole.documents;
    println!("\n== batch (memo max age {memo_age:?}) ==");
    println!(
        "packs:            {} ({} failed)",
        whole.packs, whole.failed
    );
    println!("documents:        {documents}");
    println!("wall time:        {:.1} s", wall.as_secs_f64());
    println!(
        "throughput:       {:.1} documents/s",
        documents as f64 / wall.as_secs_f64()
    );
    let pages = count_pages(&country_dir.join("out"));
    println!(
        "pages:            {pages} ({:.0} pages/s)",
        pages as f64 / wall.as_secs_f64()
    );
    println!("median per pack:  {:.0} ms", whole.median_pack_ms);
    let rss: Vec<f64> = runs
        .iter()
        .map(|(_, r)| r.peak_rss_kb as f64 / 1024.0)
        .collect();
    let figures: Vec<String> = runs
        .iter()
        .zip(&rss)
        .map(|((n, _), mb)| format!("{mb:.0} MB at {n}"))
        .collect();
    let min = rss.iter().copied().fold(f64::MAX, f64::min);
    let max = rss.iter().copied().fold(0.0, f64::max);
    println!(
        "peak RSS:         {} packs (spread {:.0}%)",
        figures.join(", "),
        100.0 * (max - min) / min
    );

    let pipeline = pipeline(memo_age);
    let input = batch::load(&country_dir.join("profiles")).expect("batch");

    // Re-runs: nothing changed, then one profile changed (its pack alone is rendered).
    let out = country_dir.join("out");
    let (again, no_change) = run(&pipeline, &input, &out, jobs);
    let skipped = again.outcomes.iter().filter(|o| o.unchanged).count();
    let first = input.profiles.first().expect("a profile");
    let text = std::fs::read_to_string(first).expect("profile");
    std::fs::write(first, text.replace("Kari Testesen", "Kari Endret")).expect("write");
    let (changed, one_change) = run(&pipeline, &input, &out, jobs);
    let rendered = changed.outcomes.iter().filter(|o| !o.unchanged).count();
    println!("\n== re-runs ==");
    println!(
        "nothing changed:  {:.2} s ({skipped} of {} packs unchanged)",
        no_change.as_secs_f64(),
        again.outcomes.len()
    );
    println!(
        "one profile:      {:.2} s ({rendered} pack rendered)",
        one_change.as_secs_f64()
    );
    if quick {
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }

    // What the memo cache buys: evict everything after each document instead.
    let evict_all = Pipeline::builtin()
        .expect("built-in data")
        .with_memo_max_age(0);
    let (_, wall_cold) = run(&evict_all, &input, &dir.join("out-evict0"), jobs);
    println!("\n== memo cache ==");
    println!(
        "evict all after each document: {:.1} documents/s ({:.2}× the shipped setting)",
        documents as f64 / wall_cold.as_secs_f64(),
        wall_cold.as_secs_f64() / wall.as_secs_f64()
    );

    // The pipeline's own work, sequentially on every 10th pack: templates and Markdown per
    // document, then manifest hashing and zip per pack, against the whole.
    let sample: Vec<PathBuf> = input.profiles.iter().step_by(10).cloned().collect();
    let (mut prepare, mut typeset, mut pack) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    for path in &sample {
        let profile = digisos_pakke::profile::load(path, &input.defaults).expect("valid");
        let plan = pipeline.plan(&profile);
        for job in &plan.documents {
            let t = Instant::now();
            pipeline.prepare(&plan, job).expect("renders");
            let prepared = t.elapsed();
            prepare += prepared;
            // A PDF is prepared again, then typeset: typesetting is the rest.
            let t = Instant::now();
            pipeline.document_pdf(&plan, job).expect("typesets");
            typeset += t.elapsed().saturating_sub(prepared);
        }
        let built = pipeline.pack(&profile).expect("pack");
        let t = Instant::now();
        digisos_pakke::pack::zip(&built).expect("zip");
        for f in &built.files {
            digisos_pakke::pack::manifest::sha256(&f.bytes);
        }
        pack += t.elapsed();
        pipeline.trim_caches(1);
    }
    let total = prepare + typeset + pack;
    println!(
        "\n== pipeline overhead ({} packs, sequential) ==",
        sample.len()
    );
    println!(
        "templates + Markdown: {:.1}%   zip + hashing: {:.1}%   typesetting: {:.1}%",
        pct(prepare, total),
        pct(pack, total),
        pct(typeset, total)
    );

    // One fresh process per document, `jobs` at a time: the tool's binary previewing one
    // document per invocation, as a script around a command-line typesetter would.
    let binary = build_binary();
    let mut work: Vec<(PathBuf, String)> = Vec::new();
    for path in &input.profiles {
        let profile = digisos_pakke::profile::load(path, &input.defaults).expect("valid");
        let plan = pipeline.plan(&profile);
        work.extend(
            plan.documents
                .iter()
                .map(|d| (path.clone(), d.file_stem.clone())),
        );
    }
    // An even spread over the batch, so that the sample has every model and language.
    let step = (work.len() / per_process_docs.max(1)).max(1);
    let work: Vec<_> = work
        .into_iter()
        .step_by(step)
        .take(per_process_docs)
        .collect();
    let out = dir.join("out-per-process");
    std::fs::create_dir_all(&out).expect("dir");
    let queue = Mutex::new(work.iter());
    let t = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| {
                loop {
                    let Some((profile, stem)) = queue.lock().expect("queue").next() else {
                        break;
                    };
                    let status = Command::new(&binary)
                        .args(["preview", &profile.to_string_lossy(), stem, "-o"])
                        .arg(out.join(format!("{stem}.pdf")))
                        .stdout(std::process::Stdio::null())
                        .status()
                        .expect("runs");
                    assert!(status.success(), "{stem}");
                }
            });
        }
    });
    let per_process = work.len() as f64 / t.elapsed().as_secs_f64();
    let batch_rate = documents as f64 / wall.as_secs_f64();
    println!(
        "\n== one process per document ({} documents, {jobs} at a time) ==",
        work.len()
    );
    println!("throughput:       {per_process:.1} documents/s");
    println!(
        "batch / per-process throughput: {:.2}×",
        batch_rate / per_process
    );

    // One `generate` of the single-municipality example, as a user runs it.
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/examples/single.yaml");
    let mut runs: Vec<f64> = (0..7)
        .map(|_| {
            let t = Instant::now();
            let status = Command::new(&binary)
                .args(["generate", &example.to_string_lossy(), "-o"])
                .arg(dir.join("out-generate"))
                .stdout(std::process::Stdio::null())
                .status()
                .expect("runs");
            assert!(status.success());
            t.elapsed().as_secs_f64()
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    println!("\n== one generate (single.yaml, 7 runs) ==");
    println!("median wall:      {:.0} ms", runs[3] * 1000.0);

    let _ = std::fs::remove_dir_all(&dir);
}

fn run(
    pipeline: &Pipeline,
    input: &batch::BatchInput,
    out: &Path,
    jobs: usize,
) -> (batch::Report, Duration) {
    let options = Options {
        out: out.to_owned(),
        jobs,
        keep_going: false,
        force: false,
    };
    let t = Instant::now();
    let report = batch::run(pipeline, input, &options, &|_| {}).expect("batch runs");
    // The summary too, as the command writes it after every batch.
    let summary = batch::Summary::new(&report, None, pipeline).expect("a summary");
    std::fs::write(out.join("batch-summary.csv"), summary.csv).expect("write");
    std::fs::write(out.join("batch-summary.pdf"), summary.pdf).expect("write");
    (report, t.elapsed())
}

/// The pages of every document under `dir` (the batch summary aside), counted after the
/// timed run.
fn count_pages(dir: &Path) -> usize {
    let mut pages = 0;
    for entry in std::fs::read_dir(dir).expect("output folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            pages += count_pages(&path);
        } else if path.extension().is_some_and(|e| e == "pdf")
            && !path.ends_with("batch-summary.pdf")
        {
            pages += lopdf::Document::load(&path)
                .expect("a PDF the batch wrote")
                .get_pages()
                .len();
        }
    }
    pages
}

fn pct(part: Duration, total: Duration) -> f64 {
    100.0 * part.as_secs_f64() / total.as_secs_f64()
}

/// Peak resident memory of this process, from /proc (Linux).
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn build_binary() -> PathBuf {
    // The command of the same profile as this bench (`target/<profile>/examples/bench`),
    // so that `--profile release-lto` measures the build that is handed out.
    let exe = std::env::current_exe().expect("the bench's path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/examples");
    let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
        Some("debug") => "dev",
        Some(name) => name,
        None => "release",
    };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--profile",
            profile,
            "-q",
            "--bin",
            "digisos-pakke",
        ])
        .status()
        .expect("cargo");
    assert!(status.success());
    profile_dir.join("digisos-pakke")
}

/// What a batch run in a child process measured.
struct ChildRun {
    packs: usize,
    failed: usize,
    documents: usize,
    wall_s: f64,
    median_pack_ms: f64,
    peak_rss_kb: u64,
}

/// Runs the first `packs` packs of the country in a fresh process (this benchmark with
/// `--child`), writing under `dir`, and returns what it measured.
fn run_child(dir: &Path, packs: usize, jobs: usize, memo_age: Option<usize>) -> ChildRun {
    let output = Command::new(std::env::current_exe().expect("the benchmark's own path"))
        .arg("--child")
        .arg(dir)
        .args(["--profiles", &packs.to_string()])
        .args(["--jobs", &jobs.to_string()])
        .args(
            memo_age
                .iter()
                .flat_map(|age| ["--memo-age".to_owned(), age.to_string()]),
        )
        .stderr(std::process::Stdio::inherit())
        .output()
        .expect("runs");
    assert!(output.status.success(), "the {packs}-pack batch failed");
    let stdout = String::from_utf8_lossy(&output.stdout);
    for failed in stdout.lines().filter(|l| l.starts_with("failed:")) {
        println!("{failed}");
    }
    let figures = stdout
        .lines()
        .find_map(|l| l.strip_prefix("figures:"))
        .expect("the child's figures");
    let field = |name: &str| -> f64 {
        figures
            .split_whitespace()
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('=')?.parse().ok())
            .expect(name)
    };
    ChildRun {
        packs: field("packs") as usize,
        failed: field("failed") as usize,
        documents: field("documents") as usize,
        wall_s: field("wall_s"),
        median_pack_ms: field("median_pack_ms"),
        peak_rss_kb: field("peak_rss_kb") as u64,
    }
}

/// The pipeline as shipped, or with a fixed memo age.
fn pipeline(memo_age: Option<usize>) -> Pipeline {
    let pipeline = Pipeline::builtin().expect("built-in data");
    match memo_age {
        Some(age) => pipeline.with_memo_max_age(age),
        None => pipeline,
    }
}

/// The child process: writes the first `limit` packs' profiles under `dir`, runs the batch
/// into `dir/out` and prints its figures, peak RSS read before anything else is allocated.
fn child(dir: &Path, limit: usize, jobs: usize, memo_age: Option<usize>) {
    let profiles = dir.join("profiles");
    std::fs::create_dir_all(&profiles).expect("temp dir");
    write_country(&profiles, limit);
    let pipeline = pipeline(memo_age);
    let input = batch::load(&profiles).expect("batch");
    let (report, wall) = run(&pipeline, &input, &dir.join("out"), jobs);
    let peak_rss_kb = peak_rss_kb();
    for o in report.outcomes.iter().filter(|o| o.result.is_err()) {
        println!("failed: {}: {:?}", o.profile.display(), o.result);
    }
    let documents: usize = report
        .outcomes
        .iter()
        .filter_map(|o| o.row.as_ref())
        .map(|r| r.documents)
        .sum();
    let mut per_pack: Vec<Duration> = report.outcomes.iter().map(|o| o.elapsed).collect();
    per_pack.sort();
    println!(
        "figures: packs={} failed={} documents={documents} wall_s={} median_pack_ms={} peak_rss_kb={peak_rss_kb}",
        report.outcomes.len(),
        report.outcomes.iter().filter(|o| o.result.is_err()).count(),
        wall.as_secs_f64(),
        per_pack[per_pack.len() / 2].as_secs_f64() * 1000.0,
    );
}

/// One pack of the synthetic country: its host (or the municipality alone), the model and
/// the member, if any.
struct CountryPack {
    host: usize,
    model: CooperationModel,
    member: Option<usize>,
}

/// The packs of the whole country: the register's 357 municipalities less the few that
/// join a host's or a board's cooperation instead of making a pack of their own.
const COUNTRY_PACKS: usize = 335;

/// Every pack of the synthetic country, in register order. Every 15th pack, from the first
/// on, is a cooperation with the next municipality as member, taking the three cooperation
/// models in turn (so the first 40 packs already have every model), until the country has
/// [`COUNTRY_PACKS`] packs.
fn country() -> Vec<CountryPack> {
    let count = register::entries().count();
    let cooperations = [
        CooperationModel::HostWithTransfer,
        CooperationModel::HostWithoutTransfer,
        CooperationModel::Board,
    ];
    let mut packs = Vec::new();
    let mut i = 0;
    while i < count {
        let n = packs.len();
        let joined = i - n;
        let (model, member) =
            if n.is_multiple_of(15) && joined + COUNTRY_PACKS < count && i + 1 < count {
                (cooperations[(n / 15) % cooperations.len()], Some(i + 1))
            } else {
                (CooperationModel::Single, None)
            };
        packs.push(CountryPack {
            host: i,
            model,
            member,
        });
        i += 1 + usize::from(member.is_some());
    }
    packs
}

/// Writes the profiles of the country's first `limit` packs to `dir`.
fn write_country(dir: &Path, limit: usize) {
    let entries: Vec<Entry> = register::entries().collect();
    for pack in country().into_iter().take(limit) {
        let host = &entries[pack.host];
        let yaml = profile_yaml(&entries, &pack);
        std::fs::write(dir.join(format!("{}.yaml", host.number)), yaml).expect("write profile");
    }
}

fn profile_yaml(entries: &[Entry], pack: &CountryPack) -> String {
    let host = &entries[pack.host];
    // Two municipalities have no organisation number in the register: use a fictitious one.
    let org = |e: &Entry| {
        if e.org_number.is_empty() {
            "999999999".to_owned()
        } else {
            e.org_number.clone()
        }
    };
    // By register position, so that hosts and members of cooperations vary too.
    let language = |k: usize| if k.is_multiple_of(3) { "nn" } else { "nb" };
    let members = pack
        .member
        .map(|k| {
            let m = &entries[k];
            format!(
                "  members:\n    - {{ name: \"{}\", number: \"{}\", org_number: \"{}\", population: {}, language: {}, signatory: {{ name: \"Medlem Testesen\", title: \"Kommunedirektør\" }}, contact: {{ name: \"Mia Testesen\", email: \"mia@example.no\" }}, privacy_officer: {{ name: \"Ola Testesen\", email: \"personvernombud@example.no\" }} }}\n",
                m.name, m.number, org(m), m.population, language(k)
            )
        })
        .unwrap_or_default();
    let board = if pack.model == CooperationModel::Board {
        "  board: { name: \"Interkommunalt oppgavefellesskap\", org_number: \"999999999\", legal_form: oppgavefellesskap, signatory: { name: \"Styre Testesen\", title: \"Styreleder\" } }\n"
    } else {
        ""
    };
    format!(
        "schema: 1
municipality:
  name: \"{name}\"
  number: \"{number}\"
  org_number: \"{org}\"
  county: \"{county}\"
  population: {population}
  language: {language}
  signatory: {{ name: \"Ola Testesen\", title: \"Kommunedirektør\" }}
  privacy_officer: {{ name: \"Kari Testesen\", email: \"personvernombud@example.no\" }}
  contact: {{ name: \"Per Testesen\", email: \"per@example.no\", phone: \"99 99 99 99\" }}
nav_office: {{ name: \"NAV {name}\", address: \"Storgata 1, 0001 {name}\", phone: \"55 55 33 33\" }}
case_system: {{ vendor: \"Visma\", product: \"Visma Flyt Sosial\" }}
cooperation:
  model: {model}
{members}{board}connection: {{ batch: \"Landet\", date: 2026-03-02 }}
documents: {{ date: 2026-02-01 }}
",
        name = host.name,
        number = host.number,
        org = org(host),
        county = host.county,
        population = host.population,
        language = language(pack.host),
        model = pack.model,
    )
}
