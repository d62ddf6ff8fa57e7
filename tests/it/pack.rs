//! A pack people can archive, verify and send: manifest, zip, reproducible bytes, atomic writes.

use crate::util::*;
use digisos_pakke::pack::{self, Finding, Manifest};
use digisos_pakke::pipeline::Pipeline;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

fn write_example(name: &str, out: &Path) -> std::path::PathBuf {
    let pack = pipeline().pack(&example(name)).expect("pack");
    pack::write(out, &pack).expect("written")
}

/// Every file below `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn the_manifest_lists_every_file_and_what_the_pack_was_made_from() {
    let folder = write_example("host-without-transfer", &temp_dir("manifest"));
    let manifest: Manifest =
        serde_json::from_slice(&fs::read(folder.join("manifest.json")).unwrap()).unwrap();
    let on_disk: Vec<String> = tree(&folder)
        .into_keys()
        .filter(|n| n != "manifest.json")
        .collect();
    let mut listed: Vec<String> = manifest.files.iter().map(|f| f.name.clone()).collect();
    listed.sort();
    assert_eq!(listed, on_disk);
    for f in &manifest.files {
        let bytes = fs::read(folder.join(&f.name)).unwrap();
        assert_eq!(f.size, bytes.len() as u64);
        assert_eq!(f.sha256, pack::manifest::sha256(&bytes));
    }
    assert_eq!(manifest.tool.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(manifest.templates.set, "built-in");
    assert_eq!(manifest.templates.version, pipeline().template_version());
    assert_eq!(
        manifest.profile.sha256,
        example("host-without-transfer").sha256
    );
    assert_eq!(manifest.model, "host_without_transfer");
    assert_eq!(
        (
            manifest.documents_date.as_str(),
            manifest.connection_date.as_str()
        ),
        ("2026-03-16", "2026-04-13")
    );
    let parties: Vec<(&str, &str, &str)> = manifest
        .parties
        .iter()
        .map(|p| (p.name.as_str(), p.role.as_str(), p.signatory.name.as_str()))
        .collect();
    assert_eq!(
        parties,
        [
            ("Askøy kommune", "behandlingsansvarlig", "Olav Eksempelsen"),
            ("Øygarden kommune", "behandlingsansvarlig", "Synnøve Døme"),
            ("Arbeids- og velferdsdirektoratet", "databehandler", ""),
        ]
    );
}

#[test]
fn two_runs_in_different_folders_give_identical_trees_and_zips() {
    let a = temp_dir("repro-a");
    let b = temp_dir("repro-b");
    for name in EXAMPLES {
        write_example(name, &a);
        // A fresh generator, as a second process would have.
        let pack = Pipeline::builtin().unwrap().pack(&example(name)).unwrap();
        pack::write(&b, &pack).unwrap();
    }
    let (ta, tb) = (tree(&a), tree(&b));
    assert!(ta.keys().any(|k| k.ends_with(".zip")));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (name, bytes) in &ta {
        assert!(bytes == &tb[name], "{name} differs between runs");
    }
}

#[test]
fn the_zip_holds_the_same_files_as_the_folder() {
    let out = temp_dir("zip");
    let folder = write_example("single", &out);
    let v = pack::verify(&out.join("3201-baerum.zip")).expect("a pack");
    assert!(v.findings.is_empty(), "{:?}", v.findings);
    assert_eq!(v.manifest.files.len() + 1, tree(&folder).len());
}

#[test]
fn verify_catches_a_one_byte_change_in_any_file() {
    let out = temp_dir("verify-byte");
    let folder = write_example("single", &out);
    let names: Vec<String> = tree(&folder)
        .into_keys()
        .filter(|n| n != "manifest.json")
        .collect();
    assert!(names.len() >= 9);
    for name in names {
        let path = folder.join(&name);
        let original = fs::read(&path).unwrap();
        let mut changed = original.clone();
        let middle = changed.len() / 2;
        changed[middle] ^= 1;
        fs::write(&path, &changed).unwrap();
        let v = pack::verify(&folder).unwrap();
        assert_eq!(v.findings, [Finding::Changed(name.clone())]);
        fs::write(&path, &original).unwrap();
    }
    assert!(pack::verify(&folder).unwrap().findings.is_empty());
}

#[test]
fn verify_reports_added_and_removed_files_and_fails() {
    let out = temp_dir("verify-add");
    let folder = write_example("single", &out);
    fs::remove_file(folder.join("nyhetssak-3201.html")).unwrap();
    fs::write(folder.join("extra.txt"), "x").unwrap();
    let v = pack::verify(&folder).unwrap();
    assert_eq!(
        v.findings,
        [
            Finding::Missing("nyhetssak-3201.html".into()),
            Finding::Added("extra.txt".into())
        ]
    );
    let (code, _, stderr) = run(&[std::ffi::OsStr::new("verify"), folder.as_os_str()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("missing: nyhetssak-3201.html"), "{stderr}");
    assert!(stderr.contains("added: extra.txt"), "{stderr}");
}

#[test]
fn verify_refuses_what_is_not_a_pack() {
    let dir = temp_dir("not-a-pack");
    let err = pack::verify(&dir).unwrap_err().to_string();
    assert!(
        err.contains("is not a pack: it has no manifest.json"),
        "{err}"
    );
    fs::write(dir.join("x.zip"), "not a zip").unwrap();
    let err = pack::verify(&dir.join("x.zip")).unwrap_err().to_string();
    assert!(err.contains("is not a folder or a zip file"), "{err}");
}

#[test]
fn a_failure_in_the_fourth_document_leaves_the_earlier_pack_untouched() {
    let out = temp_dir("atomic");
    write_example("single", &out);
    let before = tree(&out);
    // A generator whose letter template (the fourth document) fails while rendering.
    let mut files = digisos_pakke::assets::TemplateFiles::builtin();
    files.get_mut("nb/informasjonsbrev.md.tera").unwrap().text =
        "# Brev\n\n{{ no_such_value }}\n".into();
    let broken = Pipeline::new(
        digisos_pakke::reference::Reference::builtin().unwrap(),
        &files,
    )
    .unwrap();
    let err = broken.pack(&example("single")).unwrap_err().to_string();
    assert!(err.contains("nb/informasjonsbrev.md.tera"), "{err}");
    assert_eq!(tree(&out), before, "the earlier pack changed");
}

#[test]
fn an_unwritable_output_folder_is_a_clear_error_and_leaves_nothing() {
    let out = temp_dir("unwritable");
    // A regular file where a folder is needed cannot be written into, even by root.
    fs::write(out.join("blocked"), "").unwrap();
    let pack = pipeline().pack(&example("single")).unwrap();
    let err = pack::write(&out.join("blocked"), &pack).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("cannot create the output folder"),
        "{err}"
    );
    assert_eq!(tree(&out).len(), 1);
}

#[test]
fn every_pdf_is_tagged_pdf_a_2a_and_pdf_ua_1_with_title_and_language() {
    for name in EXAMPLES {
        let pack = pipeline().pack(&example(name)).unwrap();
        for file in pack.files.iter().filter(|f| f.name.ends_with(".pdf")) {
            check_pdf(&file.name, &file.bytes);
        }
    }
}

fn check_pdf(name: &str, bytes: &[u8]) {
    use lopdf::{Document, Object};
    let doc = Document::load_mem(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    let catalog = doc.catalog().unwrap();
    let lang = catalog
        .get(b"Lang")
        .and_then(Object::as_str)
        .expect("/Lang");
    assert!(lang == b"nb" || lang == b"nn", "{name}: /Lang {lang:?}");
    assert!(
        catalog.get(b"StructTreeRoot").is_ok(),
        "{name}: no StructTreeRoot"
    );
    let mark_info = catalog
        .get(b"MarkInfo")
        .and_then(|o| doc.dereference(o).map(|(_, o)| o))
        .and_then(Object::as_dict)
        .expect("MarkInfo");
    assert_eq!(
        mark_info.get(b"Marked").and_then(Object::as_bool).ok(),
        Some(true),
        "{name}: not marked"
    );
    let prefs = catalog
        .get(b"ViewerPreferences")
        .and_then(|o| doc.dereference(o).map(|(_, o)| o))
        .and_then(Object::as_dict)
        .expect("ViewerPreferences");
    assert_eq!(
        prefs.get(b"DisplayDocTitle").and_then(Object::as_bool).ok(),
        Some(true),
        "{name}"
    );
    let metadata = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .expect("/Metadata");
    let xmp = doc
        .get_object(metadata)
        .and_then(Object::as_stream)
        .expect("XMP stream");
    let xmp = String::from_utf8_lossy(&xmp.content);
    for expected in [
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>A</pdfaid:conformance>",
        "<pdfuaid:part>1</pdfuaid:part>",
        "<dc:title>",
        "<dc:creator>",
    ] {
        assert!(xmp.contains(expected), "{name}: XMP lacks {expected}");
    }
}

#[test]
fn names_at_every_field_limit_give_paths_every_file_system_accepts() {
    // Text fields at the 300-character limit (profile::MAX_FIELD_CHARS), with letters that
    // slug to two bytes.
    let long = |prefix: &str| {
        let mut s = prefix.to_owned();
        while s.chars().count() < 300 {
            s.push_str(" Æøå");
        }
        s.chars()
            .take(300)
            .collect::<String>()
            .trim_end()
            .to_owned()
    };
    let yaml = include_str!("../../data/examples/board.yaml")
        .replace(
            "name: Kristiansund",
            &format!("name: \"{}\"", long("Kristiansund")),
        )
        .replace("name: Molde", &format!("name: \"{}\"", long("Molde")))
        .replace(
            "name: Nordmøre sosialtjenestesamarbeid",
            &format!("name: \"{}\"", long("Nordmøre")),
        )
        .replace(
            "name: NAV Nordmøre",
            &format!("name: \"{}\"", long("NAV Nordmøre")),
        );
    let profile = parse(&yaml).expect("valid at the limits");
    let out = temp_dir("field-limits");
    let pack = pipeline().pack(&profile).expect("a pack");
    let folder = pack::write(&out, &pack).expect("written");
    let mut names = vec![folder.file_name().unwrap().to_owned()];
    names.extend(
        fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name()),
    );
    names.extend(fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()));
    for name in &names {
        // 255 bytes is the limit of ext4 and APFS; NTFS counts UTF-16 units, fewer here.
        assert!(name.len() <= 100, "{name:?} is {} bytes", name.len());
        assert!(name.to_str().is_some_and(|n| n.is_ascii()), "{name:?}");
    }
    let (code, stdout, stderr) = run(&["verify", folder.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}
