//! Getting started: init from the register, register warnings, schema, own templates,
//! completions.

use crate::util::*;
use digisos_pakke::init::{self, InitOptions};
use digisos_pakke::profile::{Language, ProfileError};
use std::fs;

fn options(
    kommune: &str,
    model: &str,
    members: &[&str],
    language: Option<Language>,
) -> InitOptions {
    InitOptions {
        kommune: kommune.into(),
        model: model.parse().unwrap(),
        members: members.iter().map(|m| m.to_string()).collect(),
        language,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        file_name: "profil.yaml".into(),
    }
}

#[test]
fn init_output_validates_for_every_municipality_in_the_register() {
    let mut checked = 0;
    for entry in digisos_pakke::register::entries() {
        // The written standard comes from the municipality's own decision.
        let yaml = init::profile(&options(&entry.number, "single", &[], None)).unwrap();
        match parse(&yaml) {
            Ok(profile) => {
                assert_eq!(profile.municipality.name, entry.name);
                assert_eq!(profile.municipality.population, entry.population);
                // Only the placeholders are left to fill in.
                assert!(
                    profile
                        .warnings
                        .iter()
                        .all(|w| w.message.contains("placeholder")),
                    "{}: {:#?}",
                    entry.name,
                    profile.warnings
                );
            }
            // Ålesund and Haram: the register has no organisation number, and init says so.
            Err(ProfileError::Invalid { problems, .. }) if entry.org_number.is_empty() => {
                assert_eq!(problems.len(), 1, "{problems:#?}");
                assert_eq!(problems[0].path, "municipality.org_number");
                assert!(
                    yaml.contains("FINNES IKKE i registeret")
                        || yaml.contains("FINST IKKJE i registeret")
                );
            }
            Err(e) => panic!("{} ({}): {e}", entry.name, entry.number),
        }
        checked += 1;
    }
    assert_eq!(checked, 357);
}

#[test]
fn init_prefills_members_and_the_documents_follow_the_model() {
    for (model, members) in [
        ("host_without_transfer", &["3203", "3205"][..]),
        ("host_with_transfer", &["3203"][..]),
    ] {
        let yaml = init::profile(&options("3201", model, members, None)).unwrap();
        let profile = parse(&yaml).unwrap_or_else(|e| panic!("{model}: {e}"));
        let plan = pipeline().plan(&profile);
        let letters = plan
            .documents
            .iter()
            .filter(|d| d.kind == digisos_pakke::plan::DocumentKind::Informasjonsbrev)
            .count();
        assert_eq!(letters, 1 + members.len(), "{model}");
    }
    // A body cannot be guessed: its organisation number and legal form are left to fill in.
    let yaml = init::profile(&options("1505", "board", &["1506"], Some(Language::Nn))).unwrap();
    match parse(&yaml) {
        Err(ProfileError::Invalid { problems, .. }) => {
            let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
            assert_eq!(
                paths,
                [
                    "cooperation.board.org_number",
                    "cooperation.board.legal_form"
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    let err = init::profile(&options("3201", "host_with_transfer", &[], None))
        .unwrap_err()
        .to_string();
    assert!(err.contains("--member"), "{err}");
    let err = init::profile(&options("9999", "single", &[], None))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("`9999` is not in the municipality register"),
        "{err}"
    );
}

#[test]
fn from_init_to_a_finished_pack_by_filling_in_the_marked_fields() {
    let yaml = init::profile(&options("3201", "single", &[], None)).unwrap();
    // Replace each «FYLL UT» value, as the comments tell a user to.
    let filled: String = yaml
        .lines()
        .map(|line| {
            if line.contains("\"fyll-ut@fyll-ut.invalid\"") {
                line.replace("\"fyll-ut@fyll-ut.invalid\"", "\"kari@example.no\"")
            } else if let Some(at) = line.find("\"FYLL UT") {
                let end = line[at + 1..].find('"').map_or(line.len(), |e| at + e + 2);
                format!("{}\"Utfylt verdi\"{}", &line[..at], &line[end..])
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let profile = parse(&filled).unwrap_or_else(|e| panic!("{e}\n{filled}"));
    assert!(profile.warnings.is_empty(), "{:#?}", profile.warnings);
    let pack = pipeline().pack(&profile).expect("a pack");
    assert_eq!(
        pack.files
            .iter()
            .filter(|f| f.name.ends_with(".pdf"))
            .count(),
        6
    );
}

#[test]
fn validate_warns_where_the_profile_disagrees_with_the_register() {
    let yaml = include_str!("../../data/examples/single.yaml")
        .replace("name: Bærum", "name: Berum")
        .replace("county: Akershus", "county: Viken")
        .replace("population: 133228", "population: 100000");
    let profile = parse(&yaml).expect("warnings do not stop a profile");
    let paths: Vec<&str> = profile.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "municipality.name",
            "municipality.county",
            "municipality.population"
        ]
    );
    assert!(
        profile.warnings[0]
            .message
            .contains("the register names kommune 3201 `Bærum`")
    );
    assert!(profile.warnings[2].message.contains("more than 10%"));
    // An organisation number that passes the check digit but is not the register's.
    let yaml =
        include_str!("../../data/examples/single.yaml").replace("\"935478715\"", "\"920125298\"");
    let profile = parse(&yaml).unwrap();
    assert_eq!(profile.warnings.len(), 1);
    assert!(
        profile.warnings[0]
            .message
            .contains("the register gives Bærum the organisation number 935478715")
    );
    // The examples agree with the register.
    for name in EXAMPLES.iter().filter(|n| **n != "board") {
        assert!(
            example(name).warnings.is_empty(),
            "{name}: {:#?}",
            example(name).warnings
        );
    }
}

/// Follows `$ref` and skips the `null` branch of optional fields.
fn resolve<'a>(root: &'a serde_json::Value, node: &'a serde_json::Value) -> &'a serde_json::Value {
    if let Some(r) = node["$ref"].as_str() {
        return resolve(root, &root["$defs"][r.trim_start_matches("#/$defs/")]);
    }
    if let Some(branches) = node["anyOf"].as_array() {
        return resolve(root, branches.iter().find(|b| b["type"] != "null").unwrap());
    }
    node
}

#[test]
fn the_schema_describes_profile_format_1() {
    let schema: serde_json::Value =
        serde_json::from_str(&digisos_pakke::profile::schema()).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        required,
        [
            "schema",
            "municipality",
            "nav_office",
            "case_system",
            "cooperation"
        ]
    );
    let municipality = resolve(&schema, &schema["properties"]["municipality"]);
    assert_eq!(municipality["additionalProperties"], false);
    assert_eq!(
        municipality["properties"]["number"]["pattern"],
        "^[0-9]{4}$"
    );
    assert!(
        municipality["properties"]["org_number"]["description"]
            .as_str()
            .unwrap()
            .contains("modulus-11")
    );
    let model = &resolve(&schema, &schema["properties"]["cooperation"])["properties"]["model"];
    let keys: Vec<&str> = model["enum"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|k| k.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "single",
            "host_with_transfer",
            "host_without_transfer",
            "board"
        ]
    );
}

#[test]
fn own_templates_override_the_built_in_ones_file_by_file() {
    let dir = temp_dir("own-templates");
    let templates = dir.join("mine");
    let (code, stdout, _) = run(&["templates", "export", templates.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(stdout.contains("wrote 15 files"), "{stdout}");
    assert!(
        templates.join("layout/document.typ").is_file() && templates.join("README.md").is_file()
    );
    // Exporting again would overwrite local edits: refused without --force.
    let (code, _, stderr) = run(&["templates", "export", templates.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("--force"), "{stderr}");

    // Keep only an edited letter; everything else falls back to the built-in files.
    for entry in fs::read_dir(templates.join("nb")).unwrap() {
        let path = entry.unwrap().path();
        if !path.ends_with("informasjonsbrev.md.tera") {
            fs::remove_file(path).unwrap();
        }
    }
    let letter = templates.join("nb/informasjonsbrev.md.tera");
    let text = fs::read_to_string(&letter).unwrap().replacen(
        "# Nå kan du søke",
        "# Endelig kan du søke",
        1,
    );
    fs::write(&letter, text).unwrap();
    let out = dir.join("out");
    let (code, _, stderr) = run(&[
        "generate",
        example_path("single").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let md = fs::read_to_string(out.join("3201-baerum/informasjonsbrev-3201.md")).unwrap();
    assert!(md.starts_with("# Endelig kan du søke"), "{md}");
    let manifest: digisos_pakke::pack::Manifest =
        serde_json::from_slice(&fs::read(out.join("3201-baerum/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest.templates.set, templates.display().to_string());
    assert_ne!(manifest.templates.version, pipeline().template_version());

    // A syntax error names the file, the line and the column.
    fs::write(&letter, "# Brev\n\nHei {{ municipality.name\n").unwrap();
    let (code, _, stderr) = run(&[
        "generate",
        example_path("single").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(&format!("template {} failed", letter.display())),
        "{stderr}"
    );
    // The tag opened on line 3 is still open where the file ends, at line 4, column 1.
    assert!(
        stderr.contains("--> 4:1"),
        "no line and column in: {stderr}"
    );
}

#[test]
fn completions_are_printed_for_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, stdout, _) = run(&["completions", shell]);
        assert_eq!(code, 0);
        assert!(
            stdout.contains("digisos-pakke") && stdout.contains("generate"),
            "{shell}"
        );
    }
}
