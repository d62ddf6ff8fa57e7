//! Connection batches: validation first, packs in parallel, a summary that adds up.

use crate::util::*;
use digisos_pakke::pack;
use std::fs;
use std::path::Path;

fn batch_folder(name: &str, broken: bool) -> std::path::PathBuf {
    let dir = temp_dir(name);
    let profiles = dir.join("profiles");
    fs::create_dir(&profiles).unwrap();
    for example in EXAMPLES {
        fs::copy(
            example_path(example),
            profiles.join(format!("{example}.yaml")),
        )
        .unwrap();
    }
    if broken {
        let yaml = include_str!("../../data/examples/single.yaml")
            .replace("\"935478715\"", "\"935478714\"");
        fs::write(profiles.join("zz-broken.yaml"), yaml).unwrap();
    }
    dir
}

fn run_batch(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let (profiles, out) = (dir.join("profiles"), dir.join("out"));
    let mut args = vec![
        "batch",
        profiles.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-j",
        "2",
    ];
    args.extend(extra);
    run(&args)
}

#[test]
fn a_broken_profile_is_reported_with_its_line_before_anything_is_rendered() {
    let dir = batch_folder("batch-broken", true);
    let (code, _, stderr) = run_batch(&dir, &[]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("zz-broken.yaml:7:15: `935478714` is not a valid organisation number"),
        "{stderr}"
    );
    assert!(stderr.contains("no pack was written"), "{stderr}");
    assert!(
        !dir.join("out").exists(),
        "packs were written despite an invalid profile"
    );
}

#[test]
fn with_keep_going_the_valid_packs_are_written_and_verified() {
    let dir = batch_folder("batch-keep-going", true);
    let (code, _, stderr) = run_batch(&dir, &["--keep-going"]);
    assert_eq!(code, 1, "exit 0 only if every pack was written");
    assert!(stderr.contains("zz-broken.yaml:7:15"), "{stderr}");
    let out = dir.join("out");
    for pack_name in [
        "3201-baerum",
        "5612-kautokeino",
        "4627-askoy",
        "1505-kristiansund",
    ] {
        let v = pack::verify(&out.join(pack_name)).expect("a pack");
        assert!(v.findings.is_empty(), "{pack_name}: {:?}", v.findings);
        assert!(
            pack::verify(&out.join(format!("{pack_name}.zip")))
                .unwrap()
                .findings
                .is_empty()
        );
    }
    let csv = fs::read_to_string(out.join("batch-summary.csv")).unwrap();
    let broken = csv
        .lines()
        .find(|l| l.starts_with("zz-broken.yaml"))
        .expect("a row for the broken profile");
    assert!(
        broken.contains("error:") && broken.contains("check digit"),
        "{broken}"
    );
    assert!(
        fs::read(out.join("batch-summary.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
}

#[test]
fn a_clean_batch_exits_zero_and_its_summary_totals_match_the_packs() {
    let dir = batch_folder("batch-clean", false);
    let (code, stdout, stderr) = run_batch(&dir, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("4 packs written, 0 failed"), "{stdout}");
    assert!(
        stderr.contains("warning:") && stderr.contains("Sami"),
        "{stderr}"
    );
    // Not a terminal here: one plain line per pack instead of a progress bar.
    assert!(
        stderr.contains("rendering 4 packs (37 documents)"),
        "{stderr}"
    );
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.starts_with('[') && l.contains(": wrote "))
            .count(),
        4,
        "{stderr}"
    );
    // --quiet prints nothing when all goes well (--force: the packs are there already).
    let (code, stdout, stderr) = run_batch(&dir, &["--quiet", "--force"]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
    let out = dir.join("out");
    let csv = fs::read_to_string(out.join("batch-summary.csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv.lines().skip(1).map(|l| split_csv(l)).collect();
    let (packs, total) = rows.split_at(rows.len() - 1);
    assert_eq!(packs.len(), 4);
    let mut fees = 0.0;
    let mut documents = 0;
    for row in packs {
        assert_eq!(row[10], "ok");
        let manifest: pack::Manifest =
            serde_json::from_slice(&fs::read(out.join(row[1]).join("manifest.json")).unwrap())
                .unwrap();
        let pdfs = manifest
            .files
            .iter()
            .filter(|f| f.name.ends_with(".pdf"))
            .count();
        assert_eq!(row[9].parse::<usize>().unwrap(), pdfs, "{}", row[1]);
        documents += pdfs;
        fees += row[8].parse::<f64>().unwrap();
    }
    assert_eq!(total[0][0], "TOTAL");
    assert_eq!(total[0][2], "7 municipalities");
    assert_eq!(total[0][9].parse::<usize>().unwrap(), documents);
    assert!((total[0][8].parse::<f64>().unwrap() - fees).abs() < 0.005);
    // Bærum 133 228 × 8,60 kr.
    assert_eq!(
        packs.iter().find(|r| r[1] == "3201-baerum").unwrap()[8],
        "1145760.80"
    );
}

#[test]
fn a_batch_file_supplies_dates_and_finds_profiles_by_pattern() {
    let input = digisos_pakke::batch::load(&root().join("data/examples/batch.yaml")).unwrap();
    assert_eq!(input.profiles.len(), 4);
    assert_eq!(input.defaults.batch.as_deref(), Some("Pulje 14"));
    let dir = temp_dir("batch-file");
    fs::write(
        dir.join("b.yaml"),
        "batch: x\nprofiles: [\"nothing-*.yaml\"]\n",
    )
    .unwrap();
    let err = digisos_pakke::batch::load(&dir.join("b.yaml"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("`nothing-*.yaml` matches no file"), "{err}");
}

/// Splits one CSV line (quoted cells may hold commas).
fn split_csv(line: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                cells.push(line[start..i].trim_matches('"'));
                start = i + 1;
            }
            _ => {}
        }
    }
    cells.push(line[start..].trim_matches('"'));
    cells
}

#[test]
fn a_pack_that_fails_while_rendering_does_not_stop_the_others() {
    use digisos_pakke::batch::{self, Options};
    let dir = batch_folder("batch-render-failure", false);
    // Only the nynorsk news text is broken: the one pack with a nynorsk member fails.
    let mut files = digisos_pakke::assets::TemplateFiles::builtin();
    files.get_mut("nn/nyhetssak.md.tera").unwrap().text =
        "# Nyheit\n\n{{ missing.value }}\n".into();
    let pipeline = digisos_pakke::pipeline::Pipeline::new(
        digisos_pakke::reference::Reference::builtin().unwrap(),
        &files,
    )
    .unwrap();
    let input = batch::load(&dir.join("profiles")).unwrap();
    let options = Options {
        out: dir.join("out"),
        jobs: 2,
        keep_going: false,
        force: false,
    };
    let report = batch::run(&pipeline, &input, &options, &|_| {}).unwrap();
    assert!(!report.all_written());
    let failed: Vec<_> = report
        .outcomes
        .iter()
        .filter(|o| o.result.is_err())
        .map(|o| o.profile.file_name().unwrap().to_owned())
        .collect();
    assert_eq!(failed, ["host-without-transfer.yaml"]);
    for pack_name in ["3201-baerum", "5612-kautokeino", "1505-kristiansund"] {
        assert!(
            pack::verify(&dir.join("out").join(pack_name))
                .unwrap()
                .findings
                .is_empty()
        );
    }
    let left: Vec<_> = fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        left.iter()
            .all(|n| !n.starts_with('.') && !n.starts_with("4627")),
        "{left:?}"
    );
}

/// Profiles for the first `n` municipalities of the register with an organisation number.
fn register_profiles(dir: &Path, n: usize) {
    let base = include_str!("../../data/examples/single.yaml");
    for e in digisos_pakke::register::entries()
        .filter(|e| !e.org_number.is_empty())
        .take(n)
    {
        let yaml = base
            .replace("name: Bærum", &format!("name: \"{}\"", e.name))
            .replace("number: \"3201\"", &format!("number: \"{}\"", e.number))
            .replace("\"935478715\"", &format!("\"{}\"", e.org_number));
        fs::write(dir.join(format!("{}.yaml", e.number)), yaml).unwrap();
    }
}

#[test]
fn a_batch_killed_midway_leaves_no_half_written_pack_and_a_rerun_completes_it() {
    let dir = temp_dir("batch-killed");
    let profiles = dir.join("profiles");
    fs::create_dir(&profiles).unwrap();
    register_profiles(&profiles, 12);
    let out = dir.join("out");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_digisos-pakke"))
        .arg("batch")
        .arg(&profiles)
        .arg("-o")
        .arg(&out)
        .args(["-j", "1", "--quiet"])
        .spawn()
        .unwrap();
    // Kill it once the first pack is in place, while the next one is being written.
    let started = std::time::Instant::now();
    while !out.exists()
        || fs::read_dir(&out)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "zip")
            })
            .count()
            < 1
    {
        assert!(started.elapsed().as_secs() < 120, "no pack appeared");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let visible: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    assert!(!visible.is_empty() && visible.len() < 24, "{visible:?}");
    for path in visible.iter().filter(|p| p.is_dir()) {
        assert!(
            pack::verify(path).unwrap().findings.is_empty(),
            "{} is half-written",
            path.display()
        );
    }

    let (code, _, stderr) = run_batch(&dir, &["--quiet"]);
    assert_eq!(code, 0, "{stderr}");
    let names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.starts_with('.') && !n.contains(".old-")),
        "leftovers: {names:?}"
    );
    assert_eq!(names.iter().filter(|n| n.ends_with(".zip")).count(), 12);
    for name in names.iter().filter(|n| !n.contains('.')) {
        assert!(
            pack::verify(&out.join(name)).unwrap().findings.is_empty(),
            "{name}"
        );
    }
}

/// Every file of the packs in `out` (the summary aside) with its modification time.
fn pack_times(out: &Path) -> std::collections::BTreeMap<String, std::time::SystemTime> {
    let mut times = std::collections::BTreeMap::new();
    let mut stack = vec![out.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if path.is_dir() {
                stack.push(path);
            } else if !name.starts_with("batch-summary") {
                times.insert(name, fs::metadata(&path).unwrap().modified().unwrap());
            }
        }
    }
    times
}

/// The files of `out`'s packs, the summary aside, with their bytes.
fn pack_bytes(out: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    pack_times(out)
        .into_keys()
        .map(|name| {
            let bytes = fs::read(out.join(&name)).unwrap();
            (name, bytes)
        })
        .collect()
}

fn statuses(out: &Path) -> Vec<String> {
    let csv = fs::read_to_string(out.join("batch-summary.csv")).unwrap();
    let rows: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|l| split_csv(l)[10].to_owned())
        .collect();
    rows[..rows.len() - 1].to_vec()
}

#[test]
fn a_re_run_renders_only_what_changed_or_was_damaged() {
    let dir = batch_folder("batch-rerun", false);
    let out = dir.join("out");
    assert_eq!(run_batch(&dir, &[]).0, 0);
    let fresh = pack_bytes(&out);
    let before = pack_times(&out);
    // File systems keep modification times to the nanosecond or the second: wait past both.
    std::thread::sleep(std::time::Duration::from_millis(1100));

    // Nothing changed: nothing is written, and every pack is reported unchanged.
    let (code, _, stderr) = run_batch(&dir, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(pack_times(&out), before, "an unchanged re-run wrote files");
    assert_eq!(statuses(&out), ["unchanged"; 4]);
    assert_eq!(stderr.matches(": unchanged ").count(), 4, "{stderr}");
    // The bokmål PDF says it in bokmål.
    let summary = pdf_text(&fs::read(out.join("batch-summary.pdf")).unwrap());
    assert_eq!(summary.matches("uendret").count(), 4, "{summary}");
    assert!(!summary.contains("unchanged"), "{summary}");

    // One profile changed: only its pack is rendered again.
    let single = dir.join("profiles/single.yaml");
    let text = fs::read_to_string(&single).unwrap();
    fs::write(&single, text.replace("Per Testesen", "Per Endret")).unwrap();
    assert_eq!(run_batch(&dir, &[]).0, 0);
    let after = pack_times(&out);
    let changed: Vec<&String> = after
        .iter()
        .filter(|(name, time)| before.get(*name) != Some(time))
        .map(|(name, _)| name)
        .collect();
    assert!(!changed.is_empty());
    assert!(
        changed.iter().all(|n| n.starts_with("3201-baerum")),
        "{changed:?}"
    );
    assert_eq!(
        statuses(&out).iter().filter(|s| *s == "ok").count(),
        1,
        "{:?}",
        statuses(&out)
    );
    fs::write(&single, text).unwrap();
    assert_eq!(run_batch(&dir, &[]).0, 0);
    assert_eq!(
        pack_bytes(&out),
        fresh,
        "the re-rendered pack differs from a fresh run"
    );

    // A re-run makes exactly one pack again, and `file` comes out as in a fresh run.
    let made_again = |file: &str| {
        assert_eq!(run_batch(&dir, &[]).0, 0);
        assert_eq!(fs::read(out.join(file)).unwrap(), fresh[file], "{file}");
        let made = statuses(&out).iter().filter(|s| *s == "ok").count();
        assert_eq!(made, 1, "{:?}", statuses(&out));
    };

    // A damaged file: its pack is rendered again, never trusted.
    let letter = "5612-kautokeino/informasjonsbrev-5612.pdf";
    fs::write(out.join(letter), b"not a pdf").unwrap();
    made_again(letter);

    // A zip that is still a valid zip but lacks a file: its pack is rendered again too.
    let zip = out.join("3201-baerum.zip");
    let mut archive = zip::ZipArchive::new(fs::File::open(&zip).unwrap()).unwrap();
    let mut shorter = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 1..archive.len() {
        shorter.raw_copy_file(archive.by_index(i).unwrap()).unwrap();
    }
    fs::write(&zip, shorter.finish().unwrap().into_inner()).unwrap();
    made_again("3201-baerum.zip");

    // A byte of a file inside the zip damaged, its directory intact: rendered again.
    let mut damaged = fs::read(&zip).unwrap();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0xff;
    fs::write(&zip, damaged).unwrap();
    made_again("3201-baerum.zip");

    // --force renders every pack, with the same bytes.
    let (code, _, _) = run_batch(&dir, &["--force"]);
    assert_eq!(code, 0);
    assert_eq!(statuses(&out), ["ok"; 4]);
    assert_eq!(pack_bytes(&out), fresh);
}

/// `batch --docx` writes a Word file beside every PDF, as `generate --docx`. Asking for
/// them (or no longer) makes the packs again; the same flag again leaves them unchanged.
#[test]
fn batch_docx_adds_word_files_and_counts_as_an_input() {
    let dir = batch_folder("batch-docx", false);
    let out = dir.join("out");
    assert_eq!(run_batch(&dir, &[]).0, 0);
    let (code, _, stderr) = run_batch(&dir, &["--docx"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(statuses(&out), ["ok"; 4]);
    let files = pack_times(&out);
    let pdfs: Vec<&String> = files.keys().filter(|n| n.ends_with(".pdf")).collect();
    assert!(pdfs.len() >= 4 * 6, "{pdfs:?}");
    for pdf in pdfs {
        let docx = format!("{}.docx", pdf.trim_end_matches(".pdf"));
        assert!(files.contains_key(&docx), "{docx}");
    }
    for pack in fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()) {
        if pack.is_dir() {
            let verified = digisos_pakke::pack::verify(&pack).unwrap();
            assert!(verified.findings.is_empty(), "{:?}", verified.findings);
        }
    }
    assert_eq!(run_batch(&dir, &["--docx"]).0, 0);
    assert_eq!(statuses(&out), ["unchanged"; 4]);
    assert_eq!(run_batch(&dir, &[]).0, 0);
    assert_eq!(statuses(&out), ["ok"; 4]);
    assert!(pack_times(&out).keys().all(|n| !n.ends_with(".docx")));
}

#[test]
fn packs_of_the_same_shape_reuse_layout_yet_equal_each_pack_generated_alone() {
    // Three municipalities of one shape: the batch lays out the second and third with the
    // first one's layout still cached. Each pack must still be what `generate` makes of its
    // profile in a fresh process.
    let dir = temp_dir("batch-same-shape");
    let profiles = dir.join("profiles");
    fs::create_dir(&profiles).unwrap();
    register_profiles(&profiles, 3);
    let out = dir.join("out");
    assert_eq!(run_batch(&dir, &[]).0, 0);
    let batch = pack_bytes(&out);
    let mut alone = std::collections::BTreeMap::new();
    for entry in fs::read_dir(&profiles).unwrap() {
        let profile = entry.unwrap().path();
        let single = dir.join("alone");
        let (code, _, err) = run(&[
            "generate",
            profile.to_str().unwrap(),
            "-o",
            single.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        alone.extend(pack_bytes(&single));
    }
    assert_eq!(batch.len(), alone.len());
    for (name, bytes) in &batch {
        assert!(alone.get(name) == Some(bytes), "{name} differs");
    }
}

#[test]
fn workers_share_packs_yet_every_document_and_pack_is_reported_once_with_the_same_bytes() {
    // Workers move on to the next pack while another finishes the last document of the one
    // before: one worker, or more workers than a pack has documents, must give the same packs
    // and report each document and pack exactly once, in the input's order.
    use digisos_pakke::batch::{self, Event, Options};
    use std::sync::Mutex;
    let dir = batch_folder("batch-workers", false);
    let profiles = dir.join("profiles");
    register_profiles(&profiles, 4);
    let pipeline = pipeline();
    let input = batch::load(&profiles).unwrap();
    let mut runs = Vec::new();
    for jobs in [1, 8] {
        let out = dir.join(format!("out-{jobs}"));
        let options = Options {
            out: out.clone(),
            jobs,
            keep_going: false,
            force: false,
        };
        let (documents, packs) = (Mutex::new(0), Mutex::new(Vec::new()));
        let report = batch::run(pipeline, &input, &options, &|event| match event {
            Event::Document => *documents.lock().unwrap() += 1,
            Event::Pack {
                profile, result, ..
            } => {
                assert!(result.is_ok(), "{}", profile.display());
                packs.lock().unwrap().push(profile.to_owned());
            }
            _ => {}
        })
        .unwrap();
        assert!(report.all_written());
        let order: Vec<_> = report.outcomes.iter().map(|o| o.profile.clone()).collect();
        assert_eq!(order, input.profiles, "outcomes in the input's order");
        let mut packs = packs.into_inner().unwrap();
        packs.sort();
        let mut expected = input.profiles.clone();
        expected.sort();
        assert_eq!(packs, expected, "one pack event per profile");
        let planned: usize = report
            .outcomes
            .iter()
            .map(|o| o.row.as_ref().unwrap().documents)
            .sum();
        assert_eq!(documents.into_inner().unwrap(), planned);
        runs.push(pack_bytes(&out));
    }
    let zips = runs[0].keys().filter(|name| name.ends_with(".zip")).count();
    assert_eq!(zips, 8);
    assert!(
        runs[0] == runs[1],
        "the packs differ with the number of workers"
    );
}
