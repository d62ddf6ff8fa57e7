//! The command line: exit codes, messages, files written.

use crate::util::*;

#[test]
fn generate_writes_the_pack_of_the_example() {
    let out = temp_dir("generate");
    let (code, stdout, stderr) = run(&[
        "generate",
        example_path("single").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("3201-baerum"), "{stdout}");
    let pdf =
        std::fs::read(out.join("3201-baerum/databehandleravtale-3201.pdf")).expect("the agreement");
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn validate_lists_every_problem_with_file_line_and_column_and_writes_nothing() {
    let out = temp_dir("validate-broken");
    let broken = out.join("broken.yaml");
    let yaml = include_str!("../../data/examples/single.yaml")
        .replace("\"935478715\"", "\"935478714\"")
        .replace("date: 2026-03-02", "date: 2027-02-30");
    std::fs::write(&broken, yaml).unwrap();
    let (code, stdout, stderr) = run(&["validate", broken.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("has 2 problems"), "{stderr}");
    assert!(
        stderr.contains("broken.yaml:7:15: `935478714` is not a valid organisation number"),
        "{stderr}"
    );
    assert!(
        stderr.contains("broken.yaml:25:9: `2027-02-30` is not a date in the calendar"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: "), "{stderr}");
    let entries: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(entries.len(), 1, "validate wrote files");
}

#[test]
fn generate_with_a_broken_profile_fails_and_writes_nothing() {
    let out = temp_dir("generate-broken");
    let broken = out.join("broken.yaml");
    std::fs::write(
        &broken,
        include_str!("../../data/examples/single.yaml").replace("model: single", "model: solo"),
    )
    .unwrap();
    let target = out.join("output");
    let (code, _, stderr) = run(&[
        "generate",
        broken.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("`solo` is not a cooperation model"),
        "{stderr}"
    );
    assert!(
        !target.exists(),
        "generate created the output folder for an invalid profile"
    );
}

#[test]
fn a_missing_file_and_a_folder_are_clear_errors() {
    let (code, _, stderr) = run(&["validate", "does-not-exist.yaml"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("cannot read the profile does-not-exist.yaml"),
        "{stderr}"
    );
    let dir = temp_dir("folder-profile");
    let (code, _, stderr) = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("it is a folder, not a file"), "{stderr}");
}

#[test]
fn every_command_has_help_with_an_example() {
    for command in ["generate", "validate"] {
        let (code, stdout, _) = run(&[command, "--help"]);
        assert_eq!(code, 0);
        assert!(stdout.contains("Example:"), "{command}: {stdout}");
    }
}

#[test]
fn all_example_profiles_validate() {
    let paths: Vec<String> = EXAMPLES
        .iter()
        .map(|n| example_path(n).to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["validate"];
    args.extend(paths.iter().map(String::as_str));
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.matches(": ok").count(), 4);
}

#[test]
fn preview_typesets_one_document_and_names_the_choices_for_a_wrong_one() {
    let dir = temp_dir("preview");
    let pdf = dir.join("dpa.pdf");
    let profile = example_path("single");
    let (code, stdout, stderr) = run(&[
        std::ffi::OsStr::new("preview"),
        profile.as_os_str(),
        "databehandleravtale-3201".as_ref(),
        "-o".as_ref(),
        pdf.as_os_str(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("dpa.pdf"));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let (code, _, stderr) = run(&[
        std::ffi::OsStr::new("preview"),
        profile.as_os_str(),
        "databehandleravtale-0000".as_ref(),
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("has no document `databehandleravtale-0000`")
            && stderr.contains("samarbeidsavtale-3201"),
        "{stderr}"
    );
}

#[test]
fn reference_data_can_be_replaced_and_bad_reference_data_is_a_setup_error() {
    let dir = temp_dir("reference");
    let reference = include_str!("../../data/reference.yaml");
    let newer = dir.join("newer.yaml");
    std::fs::write(
        &newer,
        reference.replace(
            "connection_per_inhabitant_ore: 860",
            "connection_per_inhabitant_ore: 920",
        ),
    )
    .unwrap();
    let pipeline = digisos_pakke::pipeline::Pipeline::new(
        digisos_pakke::reference::Reference::load(&newer).unwrap(),
        &digisos_pakke::assets::TemplateFiles::builtin(),
    )
    .unwrap();
    let plan = pipeline.plan(&example("single"));
    let job = plan
        .documents
        .iter()
        .find(|d| d.file_stem == "samarbeidsavtale-3201")
        .unwrap();
    let text = digisos_pakke::typeset::plain_text(&pipeline.document(&plan, job).unwrap());
    assert_contains(&text, "133 228 × 9,20 kr = 1 225 697,60 kr");

    let broken = dir.join("broken.yaml");
    std::fs::write(&broken, reference.replace("\"990983666\"", "\"990983667\"")).unwrap();
    let profile = example_path("single");
    let (code, _, stderr) = run(&[
        std::ffi::OsStr::new("generate"),
        profile.as_os_str(),
        "--reference".as_ref(),
        broken.as_os_str(),
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("directorate.org_number `990983667` is not a valid organisation number"),
        "{stderr}"
    );
}

#[test]
fn every_error_is_printed_in_one_shape_with_its_hint_and_exit_code() {
    // An unknown document for `preview`: a usage error of the profile's pack, exit 1.
    let profile = example_path("single");
    let (code, _, stderr) = run(&["preview", profile.to_str().unwrap(), "no-such-document"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with("error: the pack of ")
            && stderr.contains("has no document `no-such-document`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("  hint: choose one of: databehandleravtale-3201"),
        "{stderr}"
    );
    // An export that would overwrite files.
    let dir = temp_dir("export-twice");
    let (code, _, _) = run(&["templates", "export", dir.to_str().unwrap()]);
    assert_eq!(code, 0);
    let (code, _, stderr) = run(&["templates", "export", dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("already holds"), "{stderr}");
    assert!(
        stderr.contains("  hint: choose an empty folder, or add --force"),
        "{stderr}"
    );
    // A kommunenummer not in the register.
    let (code, _, stderr) = run(&["init", "--kommune", "9999"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("  hint: give the four-digit kommunenummer"),
        "{stderr}"
    );
}
