//! The saved fuzz inputs (`tests/fixtures/fuzz/<target>/`), replayed on every test run:
//! the seeds each target starts from and every input that once broke a property.

use crate::util::root;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = root().join("tests/fixtures/fuzz").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs for {target}");
    files
}

#[test]
fn profile_loader_inputs() {
    for (_, bytes) in inputs("profile_loader") {
        digisos_pakke::fuzzing::load_profile(&bytes);
    }
}

#[test]
fn markup_inputs() {
    for (_, bytes) in inputs("markup") {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            digisos_pakke::fuzzing::markup_roundtrip(text);
        }
    }
}
