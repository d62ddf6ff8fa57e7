//! Hostile and broken input: nothing executes, nothing escapes, nothing panics.
//! The corpus is `tests/fixtures/hostile/`: each file says what it tries and what must happen.

use crate::util::*;
use digisos_pakke::profile::{self, Defaults, ProfileError};
use std::fs;
use std::path::{Path, PathBuf};

struct Case {
    path: PathBuf,
    expect: String,
    field: String,
}

fn corpus() -> Vec<Case> {
    let dir = root().join("tests/fixtures/hostile");
    let mut cases: Vec<Case> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|path| {
            let text = fs::read_to_string(&path).unwrap();
            let header = |key: &str| {
                text.lines()
                    .find_map(|l| l.strip_prefix(&format!("# {key}: ")))
                    .unwrap_or_else(|| panic!("{} has no `# {key}:` line", path.display()))
                    .to_owned()
            };
            Case {
                expect: header("expect"),
                field: header("field"),
                path,
            }
        })
        .collect();
    cases.sort_by(|a, b| a.path.cmp(&b.path));
    cases
}

/// The value of `field` as the profile gives it.
fn value_of(profile: &profile::Profile, field: &str) -> String {
    match field {
        "nav_office.name" => profile.nav_office.name.clone(),
        "municipality.name" => format!("{} kommune", profile.municipality.name),
        other => panic!("no accessor for {other}"),
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Every file below `dir`, relative.
fn files_below(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            out.push(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            if p.is_dir() {
                stack.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_corpus_is_large_enough_and_covers_both_outcomes() {
    let cases = corpus();
    assert!(cases.len() >= 20, "{} cases", cases.len());
    assert!(
        cases.iter().any(|c| c.expect == "shown") && cases.iter().any(|c| c.expect == "rejected")
    );
}

#[test]
fn hostile_values_are_shown_literally_or_rejected_and_nothing_leaves_the_output_folder() {
    for case in corpus() {
        let name = case
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let loaded = profile::load(&case.path, &Defaults::default());
        match case.expect.as_str() {
            "rejected" => match loaded {
                Err(ProfileError::Invalid { problems, .. }) => {
                    assert!(
                        problems.iter().any(|p| p.path == case.field),
                        "{name}: {problems:#?}"
                    )
                }
                other => panic!(
                    "{name}: expected a validation error at {}, got {other:?}",
                    case.field
                ),
            },
            "shown" => {
                let profile = loaded.unwrap_or_else(|e| panic!("{name}: {e}"));
                let value = value_of(&profile, &case.field);
                // The office's name is printed with the brand as the reference data spell it.
                let value = match value.strip_prefix("NAV ") {
                    Some(rest) if case.field == "nav_office.name" => format!("Nav {rest}"),
                    _ => value,
                };
                let plan = pipeline().plan(&profile);
                assert_contains(&typeset_text(&plan, "informasjonsbrev-3201"), &value);

                let root = temp_dir(&format!("hostile-{name}"));
                let out = root.join("out");
                let pack = pipeline()
                    .pack(&profile)
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                let folder = digisos_pakke::pack::write(&out, &pack).unwrap();
                let html = fs::read_to_string(folder.join("nyhetssak-3201.html")).unwrap();
                assert!(
                    html.contains(&html_escape(&value)),
                    "{name}: {value:?} not escaped literally in:\n{html}"
                );
                assert!(
                    !html.contains("<script")
                        && !html.contains("<img")
                        && !html.contains("javascript:alert(1)\""),
                    "{name}: {html}"
                );
                // Only the pack folder and its zip, named from validated fields.
                assert_eq!(
                    fs::read_dir(&root).unwrap().count(),
                    1,
                    "{name}: files beside the output folder"
                );
                let top: Vec<String> = fs::read_dir(&out)
                    .unwrap()
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect();
                assert_eq!(top.len(), 2, "{name}: {top:?}");
                for entry in &top {
                    let stem = entry.trim_end_matches(".zip");
                    assert!(
                        stem.starts_with("3201-")
                            && stem[5..]
                                .bytes()
                                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                        "{name}: {entry}"
                    );
                }
                assert!(
                    files_below(&out).iter().all(|f| !f.contains("..")),
                    "{name}"
                );
            }
            other => panic!("{name}: unknown expectation {other}"),
        }
    }
}

fn load_bytes(test: &str, bytes: &[u8]) -> Result<profile::Profile, ProfileError> {
    let dir = temp_dir(test);
    let path = dir.join("profile.yaml");
    fs::write(&path, bytes).unwrap();
    profile::load(&path, &Defaults::default())
}

#[test]
fn an_alias_bomb_is_refused_quickly() {
    let mut yaml = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
        let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i];
        yaml.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    // Expanded where a value belongs, and where an unknown key's value would be skipped.
    for tail in ["schema: *i\n", "unknown: *i\n"] {
        match load_bytes("alias-bomb", format!("{yaml}{tail}").as_bytes()) {
            Err(ProfileError::Syntax { message, .. }) => assert!(
                message.contains("repetition limit") || message.contains("expected a single value"),
                "{message}"
            ),
            // Under unknown keys the bomb is skipped unexpanded; the keys are reported.
            Err(ProfileError::Invalid { problems, .. }) => {
                assert!(problems.iter().any(|p| p.path == "unknown"))
            }
            Ok(_) => panic!("the alias bomb was accepted"),
            Err(other) => panic!("expected the alias bomb to be refused, got {other:?}"),
        }
    }
}

#[test]
fn a_50_mb_file_is_refused_without_reading_it_all() {
    let dir = temp_dir("huge");
    let path = dir.join("huge.yaml");
    let file = fs::File::create(&path).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    match profile::load(&path, &Defaults::default()) {
        Err(e @ ProfileError::TooLarge { .. }) => {
            assert!(e.to_string().contains("larger than 1024 KiB"), "{e}")
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn invalid_utf8_is_located_by_line() {
    let mut bytes = b"schema: 1\nmunicipality:\n  name: B".to_vec();
    bytes.extend([0xE6, 0x72]); // "Bærum" in Latin-1
    bytes.extend(b"um\n");
    match load_bytes("not-utf8", &bytes) {
        Err(e @ ProfileError::NotUtf8 { line: 3, .. }) => {
            assert!(
                e.to_string().ends_with(":3: the file is not UTF-8 text"),
                "{e}"
            );
            assert_eq!(e.hint(), Some("save the file as UTF-8 in your editor"));
        }
        other => panic!("expected NotUtf8 at line 3, got {other:?}"),
    }
}

#[test]
fn a_top_level_list_or_scalar_is_a_clear_error() {
    for yaml in ["- a\n- b\n", "just text\n", "42\n"] {
        match load_bytes("top-level", yaml.as_bytes()) {
            Err(ProfileError::Syntax { message, .. }) => assert!(!message.is_empty()),
            other => panic!("{yaml:?}: expected a syntax error, got {other:?}"),
        }
    }
}
