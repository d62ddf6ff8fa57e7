//! Shared helpers: the example profiles, one generator for all tests, text extraction.

use digisos_pakke::pipeline::Pipeline;
use digisos_pakke::plan::Plan;
use digisos_pakke::profile::{self, Defaults, Profile, ProfileError};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The examples in `data/examples/`, one per cooperation model.
pub(crate) const EXAMPLES: [&str; 4] = [
    "single",
    "host-with-transfer",
    "host-without-transfer",
    "board",
];

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn example_path(name: &str) -> PathBuf {
    root().join("data/examples").join(format!("{name}.yaml"))
}

pub(crate) fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::builtin().expect("built-in templates and reference data"))
}

pub(crate) fn example(name: &str) -> Profile {
    profile::load(&example_path(name), &Defaults::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Loads a profile written inline.
pub(crate) fn parse(yaml: &str) -> Result<Profile, ProfileError> {
    profile::parse(
        yaml.as_bytes(),
        std::path::Path::new("test.yaml"),
        &Defaults::default(),
    )
}

pub(crate) fn plan_of(name: &str) -> Plan {
    pipeline().plan(&example(name))
}

/// The text a reader sees in the typeset document `file_stem` of `plan`.
pub(crate) fn typeset_text(plan: &Plan, file_stem: &str) -> String {
    let job = plan
        .documents
        .iter()
        .find(|j| j.file_stem == file_stem)
        .unwrap_or_else(|| panic!("no document {file_stem} in {}", plan.pack_name));
    let document = pipeline().document(plan, job).expect("typesets");
    digisos_pakke::typeset::plain_text(&document)
}

/// Text with line breaks, hyphenation and spacing removed, so that a phrase broken across
/// lines still matches.
pub(crate) fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{ad}' | '‐'))
        .collect()
}

#[track_caller]
pub(crate) fn assert_contains(text: &str, needle: &str) {
    assert!(
        squash(text).contains(&squash(needle)),
        "expected to find {needle:?} in:\n{text}"
    );
}

/// A fresh, empty temporary folder for one test.
pub(crate) fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("digisos-it-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Runs the `digisos-pakke` binary; returns its exit code, stdout and stderr.
pub(crate) fn run(args: &[impl AsRef<std::ffi::OsStr>]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_digisos-pakke"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The text of every page of a PDF, as a PDF reader extracts it (lopdf).
pub(crate) fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("its text")
}
