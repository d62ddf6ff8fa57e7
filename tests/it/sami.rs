//! The Sami language area (issue 17): each municipality's Sami language from the register,
//! the translation package, and what a pack says while the Sami text is missing.

use crate::util::*;
use digisos_pakke::plan::Plan;
use digisos_pakke::register::SamiLanguage;

/// A `single` profile for the municipality `number` of the register (the people are
/// fictitious, as in the examples).
pub(crate) fn single_in(number: &str) -> digisos_pakke::profile::Profile {
    parse(&single_yaml(number)).unwrap_or_else(|e| panic!("{number}: {e}"))
}

/// The YAML of [`single_in`].
fn single_yaml(number: &str) -> String {
    let entry = digisos_pakke::register::entries()
        .find(|e| e.number == number)
        .unwrap_or_else(|| panic!("{number} is not in the register"));
    std::fs::read_to_string(example_path("single"))
        .unwrap()
        .replace("Bærum", &entry.name)
        .replace("\"3201\"", &format!("\"{number}\""))
        .replace("935478715", &entry.org_number)
        .replace("Akershus", &entry.county)
        .replace("133228", &entry.population.to_string())
}

pub(crate) fn plan_in(number: &str) -> Plan {
    pipeline().plan(&single_in(number))
}

#[test]
fn the_plan_gives_each_participant_its_sami_language() {
    for (number, language) in [
        ("5612", Some(SamiLanguage::Sme)), // Kautokeino
        ("1875", Some(SamiLanguage::Smj)), // Hamarøy
        ("5041", Some(SamiLanguage::Sma)), // Snåsa
        // Saltdal: in the area from 2026-01-01; Lule Sami is the research brief's
        // assumption (see register.rs).
        ("1840", Some(SamiLanguage::Smj)),
        ("3201", None), // Bærum
    ] {
        let plan = plan_in(number);
        for job in &plan.documents {
            assert_eq!(job.municipality.sami_language, language, "{number}");
        }
    }
    // Host and member each carry their own.
    let plan = plan_of("host-with-transfer");
    for job in &plan.documents {
        assert_eq!(job.municipality.sami_language, Some(SamiLanguage::Sme));
    }
}

/// The attributes of the first `<file>` and every `<source>`'s text of an XLIFF document,
/// read with an XML parser (which also checks that it is well-formed).
pub(crate) struct Xliff {
    pub source_language: String,
    pub target_language: String,
    pub units: Vec<String>,
    pub placeholders: usize,
}

pub(crate) fn read_xliff(bytes: &[u8]) -> Xliff {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut x = Xliff {
        source_language: String::new(),
        target_language: String::new(),
        units: Vec::new(),
        placeholders: 0,
    };
    let mut buf = Vec::new();
    let mut depth_in_source = false;
    loop {
        match reader.read_event_into(&mut buf).expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == "file" => {
                for a in e.attributes() {
                    let a = a.unwrap();
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned();
                    match a.key.as_ref() {
                        "source-language" => x.source_language = v,
                        "target-language" => x.target_language = v,
                        _ => {}
                    }
                }
            }
            Event::Start(e) if e.name().as_ref() == "source" => {
                depth_in_source = true;
                x.units.push(String::new());
            }
            Event::End(e) if e.name().as_ref() == "source" => depth_in_source = false,
            Event::Start(e) if e.name().as_ref() == "ph" => x.placeholders += 1,
            Event::Text(t) if depth_in_source => {
                x.units
                    .last_mut()
                    .unwrap()
                    .push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
            }
            Event::GeneralRef(r) if depth_in_source => {
                let c = r
                    .resolve_char_ref()
                    .unwrap()
                    .map(String::from)
                    .unwrap_or_else(|| {
                        match r.as_ref() {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            _ => panic!("unknown entity"),
                        }
                        .to_owned()
                    });
                x.units.last_mut().unwrap().push_str(&c);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    x
}

fn pack_file<'a>(pack: &'a digisos_pakke::pack::Pack, name: &str) -> &'a [u8] {
    &pack
        .files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| {
            let names: Vec<&str> = pack.files.iter().map(|f| f.name.as_str()).collect();
            panic!("no {name} in {}: {names:?}", pack.name)
        })
        .bytes
}

#[test]
fn the_translation_package_declares_the_registers_language() {
    for (number, target) in [("5612", "se"), ("1875", "smj"), ("5041", "sma")] {
        let plan = plan_in(number);
        let pack = pipeline().pack_planned(&plan, 1, &|| {}).unwrap();
        let code = match target {
            "se" => "sme",
            other => other,
        };
        for doc in ["informasjonsbrev", "nyhetssak", "ordliste"] {
            let x = read_xliff(pack_file(&pack, &format!("{doc}-{number}.{code}.xlf")));
            assert_eq!(x.source_language, "nb", "{number} {doc}");
            assert_eq!(x.target_language, target, "{number} {doc}");
            assert!(
                x.units.len() >= 10,
                "{number} {doc}: {} units",
                x.units.len()
            );
        }
    }
    // Outside the area there is no package.
    let pack = pipeline().pack(&example("single")).unwrap();
    assert!(!pack.files.iter().any(|f| f.name.ends_with(".xlf")));
}

#[test]
fn every_segment_of_the_letter_is_a_unit_with_its_values_as_placeholders() {
    let plan = plan_of("host-with-transfer");
    let pack = pipeline().pack_planned(&plan, 1, &|| {}).unwrap();
    let x = read_xliff(pack_file(&pack, "informasjonsbrev-5612.sme.xlf"));
    let markdown =
        String::from_utf8(pack_file(&pack, "informasjonsbrev-5612.md").to_vec()).unwrap();
    // Every unit's text (values included) is in the Norwegian letter, in order.
    let mut rest = squash(&markdown.replace(['\\', '*'], ""));
    for unit in &x.units {
        let at = rest
            .find(&squash(unit))
            .unwrap_or_else(|| panic!("{unit:?} is not in the letter in order"));
        rest = rest[at..].to_owned();
    }
    assert_eq!(
        x.units[0],
        "Nå kan du søke om økonomisk sosialhjelp på nav.no"
    );
    assert!(x.units.iter().any(|u| u == "kontoutskrifter"), "list items");
    // The values are placeholders: the date, the office (several times), the phone.
    let xml =
        String::from_utf8(pack_file(&pack, "informasjonsbrev-5612.sme.xlf").to_vec()).unwrap();
    assert!(xml.contains(r#"<ph id="v1" ctype="x-digisos-value">2. mars 2026</ph>"#));
    assert!(xml.contains(r#"ctype="x-digisos-value">Nav Indre Finnmark</ph>"#));
    assert!(x.placeholders >= 8, "{} placeholders", x.placeholders);
    assert!(xml.contains("x-digisos-source-sha256"));
    assert!(xml.contains("under overskriften «Dette er lurt å ha klart»"));
}

#[test]
fn translate_export_writes_the_package_of_one_profile() {
    let out = temp_dir("translate-export");
    let (code, stdout, stderr) = run(&[
        "translate",
        "export",
        example_path("host-with-transfer").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Kautokeino kommune (sme), Karasjok kommune (sme)"),
        "{stdout}"
    );
    let folder = out.join("5612-kautokeino-oversettelse");
    for name in [
        "informasjonsbrev-5612.sme.xlf",
        "nyhetssak-5610.sme.xlf",
        "ordliste-5610.sme.xlf",
    ] {
        assert!(folder.join(name).is_file(), "{name}");
    }
    let (code, _, stderr) = run(&[
        "translate",
        "export",
        example_path("single").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("is in the Sami language area"), "{stderr}");
}

/// Validates `files` against the XLIFF 1.2 strict schema (tests/fixtures/xliff) with
/// xmllint (Debian's libxml2-utils), offline. `.ci/run` installs xmllint and sets
/// `DIGISOS_REQUIRE_XMLLINT`, so there the check always runs; on a machine without xmllint
/// the README's `cargo test` still passes, and says that it left the schema check out.
fn assert_valid_xliff(files: &[std::path::PathBuf]) {
    let fixtures = root().join("tests/fixtures/xliff");
    let found = std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok();
    if !found && std::env::var_os("DIGISOS_REQUIRE_XMLLINT").is_none() {
        eprintln!(
            "note: xmllint is not installed, so the XLIFF schema check was left out (apt-get install libxml2-utils; .ci/run always runs it)"
        );
        return;
    }
    let output = std::process::Command::new("xmllint")
        .arg("--nonet")
        .arg("--noout")
        .arg("--schema")
        .arg(fixtures.join("xliff-core-1.2-strict.xsd"))
        .args(files)
        .env("XML_CATALOG_FILES", fixtures.join("catalog.xml"))
        .output()
        .expect(
            "xmllint runs: install libxml2-utils (apt-get install libxml2-utils), as .ci/run does",
        );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(
        stderr.matches(" validates").count(),
        files.len(),
        "{stderr}"
    );
}

#[test]
fn the_xliff_files_validate_against_the_xliff_1_2_strict_schema() {
    let out = temp_dir("xliff-schema");
    let mut files = Vec::new();
    // Every language (sme, smj, sma), both written standards, a cooperation, and the
    // hostile-value profile's kind of text (markup characters in values).
    let nynorsk = {
        let yaml = std::fs::read_to_string(example_path("single"))
            .unwrap()
            .replace("Bærum", "Snåsa")
            .replace("\"3201\"", "\"5041\"")
            .replace("935478715", "964982031")
            .replace("Akershus", "Trøndelag")
            .replace("133228", "2141")
            .replace("language: nb", "language: nn")
            .replace("Per Testesen", "Per <Testesen> & 'Co' *x* [y](z)");
        parse(&yaml).unwrap()
    };
    let plans = [
        plan_in("5612"),
        plan_in("1875"),
        plan_in("5041"),
        plan_in("1840"),
        plan_of("host-with-transfer"),
        pipeline().plan(&nynorsk),
    ];
    for (i, plan) in plans.iter().enumerate() {
        let pack = pipeline().pack_planned(plan, 1, &|| {}).unwrap();
        for f in pack.files.iter().filter(|f| f.name.ends_with(".xlf")) {
            let path = out.join(format!("{i}-{}", f.name));
            std::fs::write(&path, &f.bytes).unwrap();
            files.push(path);
        }
    }
    assert_eq!(files.len(), 3 * 4 + 6 + 3);
    let nn = read_xliff(&std::fs::read(out.join("5-nyhetssak-5041.sma.xlf")).unwrap());
    assert_eq!(nn.source_language, "nn");
    assert!(
        nn.units
            .iter()
            .any(|u| u.contains("Per <Testesen> & 'Co' *x* [y](z)")),
        "a value with markup characters comes back as written"
    );
    assert_valid_xliff(&files);
}

#[test]
fn without_a_translation_the_citizen_texts_say_the_sami_version_is_missing() {
    let plan = plan_of("host-with-transfer");
    let pack = pipeline().pack_planned(&plan, 1, &|| {}).unwrap();
    let text = |name: &str| String::from_utf8(pack_file(&pack, name).to_vec()).unwrap();
    for number in ["5612", "5610"] {
        for kind in ["informasjonsbrev", "nyhetssak"] {
            let stem = format!("{kind}-{number}");
            // On every page of the PDF, and under the title in every format.
            let job = plan.documents.iter().find(|j| j.file_stem == stem).unwrap();
            let document = pipeline().document(&plan, job).unwrap();
            let pages = digisos_pakke::typeset::page_texts(&document);
            assert!(!pages.is_empty());
            for page in &pages {
                assert!(page.contains("SAMISK VERSJON MANGLER"), "{stem}: {page}");
            }
            let pdf_text = typeset_text(&plan, &stem);
            assert_contains(&pdf_text, "nordsamisk og norsk samtidig");
            assert_contains(&pdf_text, &format!("{stem}.sme.xlf"));
            for format in ["md", "html"] {
                assert!(
                    text(&format!("{stem}.{format}")).contains("⟦SAMISK VERSJON MANGLER⟧"),
                    "{stem}.{format}"
                );
            }
            // The Norwegian text is all there.
            assert_contains(&pdf_text, "Du kan fortsatt søke på papir");
        }
    }
    // Agreements, the DPIA and the checklist are never held back or marked.
    for stem in [
        "databehandleravtale-5612",
        "samarbeidsavtale-5612",
        "pvk-5612",
        "sjekkliste-5612",
    ] {
        assert!(
            !typeset_text(&plan, stem).contains("SAMISK VERSJON"),
            "{stem}"
        );
    }
    // Outside the area nothing is marked.
    let plan = plan_of("single");
    assert!(!typeset_text(&plan, "informasjonsbrev-3201").contains("SAMISK"));
}

#[test]
fn the_manifest_records_who_waits_for_the_sami_text() {
    let pack = pipeline().pack(&example("host-with-transfer")).unwrap();
    let manifest: serde_json::Value =
        serde_json::from_slice(pack_file(&pack, "manifest.json")).unwrap();
    assert_eq!(
        manifest["awaiting_sami"],
        serde_json::json!([
            { "number": "5612", "municipality": "Kautokeino kommune", "language": "sme" },
            { "number": "5610", "municipality": "Karasjok kommune", "language": "sme" }
        ])
    );
    // The translation files are in the manifest like every other file.
    let files = manifest["files"].as_array().unwrap();
    assert!(files.iter().any(|f| f["name"] == "ordliste-5610.sme.xlf"));
    // Outside the area the manifest has no such key.
    let pack = pipeline().pack(&example("single")).unwrap();
    let manifest: serde_json::Value =
        serde_json::from_slice(pack_file(&pack, "manifest.json")).unwrap();
    assert!(manifest.get("awaiting_sami").is_none());
}

#[test]
fn generate_says_what_waits_and_require_sami_makes_it_an_error() {
    let out = temp_dir("require-sami");
    let profile = example_path("host-with-transfer");
    let (code, _, stderr) = run(&[
        "generate",
        profile.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("«samisk versjon mangler»"), "{stderr}");
    assert!(
        stderr.contains("Kautokeino kommune (Guovdageaidnu)"),
        "{stderr}"
    );

    let strict = out.join("strict");
    let (code, _, stderr) = run(&[
        "generate",
        profile.to_str().unwrap(),
        "-o",
        strict.to_str().unwrap(),
        "--require-sami",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "waiting for the Sami text: Kautokeino kommune (sme), Karasjok kommune (sme)"
        ),
        "{stderr}"
    );
    assert!(!strict.exists(), "nothing is written");

    // A municipality outside the area is not affected.
    let (code, _, stderr) = run(&[
        "generate",
        example_path("single").to_str().unwrap(),
        "-o",
        strict.to_str().unwrap(),
        "--require-sami",
    ]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn batch_with_require_sami_writes_nothing_or_only_the_complete_packs() {
    let out = temp_dir("batch-require-sami");
    let batch = root().join("data/examples/batch.yaml");
    let (code, _, stderr) = run(&[
        "batch",
        batch.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--quiet",
        "--require-sami",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("host-with-transfer.yaml: waiting for the Sami text"),
        "{stderr}"
    );
    assert!(stderr.contains("no pack was written"), "{stderr}");
    assert!(!out.join("3201-baerum").exists());

    let (code, _, stderr) = run(&[
        "batch",
        batch.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--quiet",
        "--require-sami",
        "--keep-going",
    ]);
    assert_eq!(code, 1, "the waiting pack is not written: {stderr}");
    assert!(out.join("3201-baerum").is_dir());
    assert!(!out.join("5612-kautokeino").exists());
}

/// What the test translation puts before each Norwegian source text: it says that it is a
/// test, and carries a sample of the letters the three Sami languages need (sme á č đ ŋ š
/// ŧ ž, smj á ŋ, sma ï æ ø å and Swedish-style ä ö), so that the glyph test reads them from
/// the PDF. It is not Sami.
const TEST_MARK: &str = "TEST – IKKE SAMISK (tegnprøve: á č đ ŋ š ŧ ž ï æ ø å ä ö):";

/// THIS IS A TEST TRANSLATION, NOT SAMI. It fills every unit of an exported XLIFF file with
/// [`TEST_MARK`] followed by the Norwegian source, placeholders and codes kept, to exercise
/// the import checks and the bilingual layout. Nothing here is, or may be presented as, a
/// text in any Sami language.
fn fill_with_test_translation(xliff: &str, target_language: &str) -> String {
    let mut out = String::new();
    let mut rest = xliff;
    while let Some(start) = rest.find("<source xml:lang=") {
        let open_end = start + rest[start..].find('>').unwrap() + 1;
        let close = open_end + rest[open_end..].find("</source>").unwrap();
        let inner = &rest[open_end..close];
        let after = close + "</source>".len();
        out.push_str(&rest[..after]);
        out.push_str(&format!(
            "<target xml:lang=\"{target_language}\" state=\"translated\">{TEST_MARK} {inner}</target>"
        ));
        rest = &rest[after..];
    }
    out.push_str(rest);
    out
}

/// The translation package of Kautokeino (host-with-transfer), filled with the test
/// translation, in a fresh folder.
fn filled_package(name: &str) -> std::path::PathBuf {
    let dir = temp_dir(name);
    let pack = pipeline().pack(&example("host-with-transfer")).unwrap();
    for f in pack.files.iter().filter(|f| f.name.ends_with(".xlf")) {
        let xml = String::from_utf8(f.bytes.clone()).unwrap();
        // The glossary keeps its empty targets: `translate check` does not read it.
        let filled = if f.name.starts_with("ordliste-") {
            xml
        } else {
            fill_with_test_translation(&xml, "se")
        };
        std::fs::write(dir.join(&f.name), filled).unwrap();
    }
    dir
}

fn check(dir: &std::path::Path) -> (i32, String, String) {
    run(&[
        "translate",
        "check",
        example_path("host-with-transfer").to_str().unwrap(),
        dir.to_str().unwrap(),
    ])
}

#[test]
fn a_complete_test_translation_passes_the_check_and_the_schema() {
    let dir = filled_package("import-ok");
    let (code, stdout, stderr) = check(&dir);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("units is translated, current and complete"),
        "{stdout}"
    );
    // Filled files are still XLIFF 1.2 strict.
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_valid_xliff(&files);
}

#[test]
fn a_missing_unit_a_dropped_placeholder_a_stale_source_and_a_wrong_language_are_located() {
    let dir = filled_package("import-errors");
    let letter = dir.join("informasjonsbrev-5612.sme.xlf");
    let xml = std::fs::read_to_string(&letter).unwrap();
    // s3 removed; in s2 the placeholder v1 dropped from the target; s5's hash changed.
    let s3_start = xml.find("<trans-unit id=\"s3\"").unwrap();
    let s3_end = s3_start + xml[s3_start..].find("</trans-unit>").unwrap() + "</trans-unit>".len();
    let mut broken = format!("{}{}", &xml[..s3_start], &xml[s3_end..]);
    let s2 = broken.find("<trans-unit id=\"s2\"").unwrap();
    let target = s2 + broken[s2..].find("<target").unwrap();
    let ph = target + broken[target..].find("<ph id=\"v1\"").unwrap();
    let ph_end = ph + broken[ph..].find("</ph>").unwrap() + "</ph>".len();
    broken.replace_range(ph..ph_end, "");
    let s5 = broken.find("<trans-unit id=\"s5\"").unwrap();
    let hash = s5
        + broken[s5..].find("x-digisos-source-sha256\">").unwrap()
        + "x-digisos-source-sha256\">".len();
    broken.replace_range(hash..hash + 4, "0000");
    std::fs::write(&letter, broken).unwrap();
    // The news text in the wrong Sami language.
    let news = dir.join("nyhetssak-5612.sme.xlf");
    let xml = std::fs::read_to_string(&news).unwrap();
    std::fs::write(
        &news,
        xml.replace("target-language=\"se\"", "target-language=\"sma\""),
    )
    .unwrap();

    let (code, _, stderr) = check(&dir);
    assert_eq!(code, 1, "{stderr}");
    let file = letter.display().to_string();
    assert!(stderr.contains("has 4 problems"), "{stderr}");
    assert!(
        stderr.contains(&format!("{file}: unit s3: missing from the file")),
        "{stderr}"
    );
    assert!(
        stderr.contains(": unit s2: placeholder v1 is missing from the translation"),
        "{stderr}"
    );
    assert!(
        stderr.contains(": unit s5: stale: the Norwegian source text changed since the export"),
        "{stderr}"
    );
    assert!(
        stderr.contains("nyhetssak-5612.sme.xlf: target-language is `sma`, but the municipality's Sami language is `se`"),
        "{stderr}"
    );
    // Located by line, with a hint.
    assert!(stderr.contains(&format!("{file}:")), "{stderr}");
    assert!(
        stderr.contains("hint: put the placeholder back"),
        "{stderr}"
    );
}

#[test]
fn an_untranslated_unit_and_a_missing_file_are_reported() {
    let dir = filled_package("import-untranslated");
    std::fs::remove_file(dir.join("nyhetssak-5610.sme.xlf")).unwrap();
    let letter = dir.join("informasjonsbrev-5610.sme.xlf");
    let xml = std::fs::read_to_string(&letter).unwrap();
    let s1 = xml.find("<trans-unit id=\"s1\"").unwrap();
    let t = s1 + xml[s1..].find("<target").unwrap();
    let t_end = t + xml[t..].find("</target>").unwrap() + "</target>".len();
    let broken = format!("{}{}", &xml[..t], &xml[t_end..]);
    std::fs::write(&letter, broken).unwrap();
    let (code, _, stderr) = check(&dir);
    assert_eq!(code, 1);
    assert!(stderr.contains("has 2 problems"), "{stderr}");
    assert!(stderr.contains("unit s1: not translated"), "{stderr}");
    assert!(
        stderr.contains("nyhetssak-5610.sme.xlf: no such file"),
        "{stderr}"
    );
}

#[test]
fn translate_export_takes_a_batch_file_or_folder() {
    let out = temp_dir("translate-export-batch");
    let (code, stdout, stderr) = run(&[
        "translate",
        "export",
        root().join("data/examples/batch.yaml").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("1 translation packages written; 3 profiles have no municipality in the Sami language area; 0 failed"),
        "{stdout}"
    );
    assert!(
        out.join("5612-kautokeino-oversettelse/nyhetssak-5610.sme.xlf")
            .is_file()
    );
    // A folder of profiles.
    let folder = out.join("profiles");
    std::fs::create_dir_all(&folder).unwrap();
    for name in ["single", "host-with-transfer"] {
        std::fs::copy(example_path(name), folder.join(format!("{name}.yaml"))).unwrap();
    }
    let (code, stdout, stderr) = run(&[
        "translate",
        "export",
        folder.to_str().unwrap(),
        "-o",
        out.join("from-folder").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("1 translation packages written; 1 profiles have no municipality"),
        "{stdout}"
    );
}

#[test]
fn the_batch_summary_records_who_waits_for_the_sami_text() {
    let out = temp_dir("batch-summary-sami");
    let (code, _, stderr) = run(&[
        "batch",
        root().join("data/examples/batch.yaml").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let csv = std::fs::read_to_string(out.join("batch-summary.csv")).unwrap();
    let row = csv
        .lines()
        .find(|l| l.starts_with("host-with-transfer.yaml,"))
        .unwrap();
    assert!(
        row.ends_with(",ok,Kautokeino kommune (sme); Karasjok kommune (sme)"),
        "{row}"
    );
    let single = csv.lines().find(|l| l.starts_with("single.yaml,")).unwrap();
    assert!(single.ends_with(",ok,"), "{single}");
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",status,awaiting_sami"), "{header}");
    // The PDF summary says the same (its text as the batch lays it out).
    let plan = plan_of("host-with-transfer");
    let row = digisos_pakke::batch::Row::new(&plan);
    assert_eq!(
        row.awaiting_sami,
        ["Kautokeino kommune (sme)", "Karasjok kommune (sme)"]
    );
    assert!(
        std::fs::read(out.join("batch-summary.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
}

#[test]
fn validate_says_what_waits_for_the_sami_text() {
    let (code, stdout, stderr) = run(&[
        "validate",
        example_path("host-with-transfer").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(": ok"), "{stdout}");
    assert!(
        stderr.contains(
            "waiting for the Sami text: Kautokeino kommune (sme), Karasjok kommune (sme)"
        ),
        "{stderr}"
    );
    let (_, _, stderr) = run(&["validate", example_path("single").to_str().unwrap()]);
    assert!(!stderr.contains("Sami text"), "{stderr}");
}

#[test]
fn saltdal_without_a_sami_name_in_the_register_is_still_warned_about() {
    let plan = plan_in("1840");
    assert!(
        plan.warnings.iter().any(|w| w
            .starts_with("Saltdal kommune is in the administrative area for Sami language (smj)")),
        "{:?}",
        plan.warnings
    );
    let plan = plan_of("host-with-transfer");
    assert!(
        plan.warnings
            .iter()
            .any(|w| w.starts_with("Kautokeino kommune (Guovdageaidnu) is in"))
    );
}

/// A `single` profile of the register's municipality `number`, written `language`, whose
/// `sami:` points to the folder `samisk/` beside it (with `order`, if given), which holds
/// its translation package filled with the test translation; in a fresh folder `name`.
/// Returns the profile's path.
fn translated_profile(
    name: &str,
    number: &str,
    language: &str,
    order: Option<&str>,
) -> std::path::PathBuf {
    let dir = temp_dir(name);
    let mut yaml = single_yaml(number).replace("language: nb", &format!("language: {language}"));
    yaml.push_str("sami:\n  translation: samisk\n");
    if let Some(order) = order {
        yaml.push_str(&format!("  order: {order}\n"));
    }
    let path = dir.join("profile.yaml");
    std::fs::write(&path, yaml).unwrap();
    let profile = digisos_pakke::profile::load(&path, &Default::default()).unwrap();
    let plan = pipeline().plan(&profile);
    let folder = dir.join("samisk");
    std::fs::create_dir_all(&folder).unwrap();
    for f in digisos_pakke::translate::package(pipeline(), &plan).unwrap() {
        // The glossary keeps its empty targets: nothing reads it back.
        if f.name.starts_with("ordliste-") {
            continue;
        }
        let target = read_xliff(&f.bytes).target_language;
        let xml = String::from_utf8(f.bytes).unwrap();
        std::fs::write(
            folder.join(&f.name),
            fill_with_test_translation(&xml, &target),
        )
        .unwrap();
    }
    path
}

/// The base font names of every font the PDF `bytes` embeds.
fn embedded_fonts(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(lopdf::Object::as_name).ok() == Some(b"Font"))
        .filter_map(|d| d.get(b"BaseFont").and_then(lopdf::Object::as_name).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect()
}

/// Each structure element of the PDF `bytes` whose type is one of `kinds`, in the order of
/// the structure tree (reading order), with its language: its own /Lang, else the nearest
/// ancestor's, else the document's (the catalog's), as PDF inherits it.
fn tagged_languages(bytes: &[u8], kinds: &[&str]) -> Vec<(String, String)> {
    use lopdf::{Dictionary, Document, Object};
    fn lang(d: &Dictionary) -> Option<String> {
        d.get(b"Lang")
            .and_then(Object::as_str)
            .ok()
            .map(|s| String::from_utf8_lossy(s).into_owned())
    }
    fn walk(
        doc: &Document,
        object: &Object,
        inherited: &str,
        kinds: &[&str],
        out: &mut Vec<(String, String)>,
    ) {
        let object = match object {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(o) => o,
                Err(_) => return,
            },
            o => o,
        };
        match object {
            Object::Array(items) => {
                for item in items {
                    walk(doc, item, inherited, kinds, out);
                }
            }
            Object::Dictionary(d) => {
                let own = lang(d).unwrap_or_else(|| inherited.to_owned());
                if let Ok(kind) = d.get(b"S").and_then(Object::as_name) {
                    let kind = String::from_utf8_lossy(kind).into_owned();
                    if kinds.contains(&kind.as_str()) {
                        out.push((kind, own.clone()));
                    }
                }
                if let Ok(k) = d.get(b"K") {
                    walk(doc, k, &own, kinds, out);
                }
            }
            _ => {}
        }
    }
    let doc = Document::load_mem(bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    let document = lang(catalog).expect("the catalog has /Lang");
    let mut out = Vec::new();
    walk(
        &doc,
        catalog.get(b"StructTreeRoot").unwrap(),
        &document,
        kinds,
        &mut out,
    );
    out
}

/// The languages of `tagged` in order, each run of one language once: `["se", "nb"]`.
fn runs(tagged: &[(String, String)]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for (_, lang) in tagged {
        if out.last() != Some(&lang.as_str()) {
            out.push(lang);
        }
    }
    out
}

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_checked_translation_makes_the_letter_and_the_news_text_bilingual_sami_first() {
    let profile = translated_profile("bilingual-sme", "5612", "nb", None);
    let out = profile.parent().unwrap().join("out");
    let (code, _, stderr) = run(&[
        "generate",
        profile.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--require-sami",
    ]);
    assert_eq!(code, 0, "nothing waits for the Sami text: {stderr}");
    assert!(!stderr.contains("waiting for the Sami text"), "{stderr}");
    let pack = out.join("5612-kautokeino");
    for kind in ["informasjonsbrev", "nyhetssak"] {
        let stem = format!("{kind}-5612");
        let pdf = std::fs::read(pack.join(format!("{stem}.pdf"))).unwrap();
        let text = squash(&pdf_text(&pdf));
        // Both versions, whole: every unit of the Sami version, then the Norwegian text.
        let units = read_xliff(
            &std::fs::read(
                profile
                    .with_file_name("samisk")
                    .join(format!("{stem}.sme.xlf")),
            )
            .unwrap(),
        )
        .units;
        assert!(units.len() >= 10, "{stem}");
        // Sami first: its title block (the Sami name first) opens the document, and the
        // Norwegian one (the Norwegian name first) starts the second version.
        let sami_heading = text.find("Guovdageaidnu–Kautokeinokommune").unwrap();
        let norwegian_heading = text.find("Kautokeinokommune–Guovdageaidnu").unwrap();
        assert!(sami_heading < norwegian_heading, "{stem}");
        // The Norwegian title stands right above it.
        let title = squash(&units[0]);
        let start = norwegian_heading - title.len();
        assert_eq!(
            text.get(start..norwegian_heading),
            Some(title.as_str()),
            "{stem}"
        );
        let (sami, norwegian) = text.split_at(start);
        for unit in &units {
            // The Sami version writes the connection date in figures, as its date line.
            let translated = squash(&format!(
                "{TEST_MARK} {}",
                unit.replace("2. mars 2026", "2.3.2026")
            ));
            assert!(
                sami.contains(&translated),
                "{stem}: Sami version lacks {unit:?}"
            );
            assert!(
                norwegian.contains(&squash(unit)),
                "{stem}: the Norwegian version lacks {unit:?}"
            );
        }
        assert!(!norwegian.contains(&squash(TEST_MARK)), "{stem}");
        assert!(
            sami.contains("Fra2.3.2026") && !sami.contains("mars"),
            "{stem}: {sami}"
        );
        // The glyphs of the three Sami languages, from the fonts the PDF embeds: the
        // layout's own (Libertinus Serif), with no fallback font for a missing letter.
        assert!(text.contains("áčđŋšŧžïæøåäö"), "{stem}");
        let fonts = embedded_fonts(&pdf);
        assert!(
            !fonts.is_empty() && fonts.iter().all(|f| f.contains("LibertinusSerif")),
            "{stem}: {fonts:?}"
        );
        assert!(!text.contains("SAMISKVERSJONMANGLER"), "{stem}");
        // Each version tagged with its language: North Sami `se`, then bokmål.
        let tagged = tagged_languages(&pdf, &["H1", "H2", "P", "LI", "L"]);
        assert_eq!(runs(&tagged), ["se", "nb"], "{stem}: {tagged:?}");
        let titles: Vec<&str> = tagged
            .iter()
            .filter(|(kind, _)| kind == "H1")
            .map(|(_, lang)| lang.as_str())
            .collect();
        assert_eq!(titles, ["se", "nb"], "{stem}");

        // Two HTML files, each with its language, linking to each other.
        let nb = read(&pack.join(format!("{stem}.html")));
        let se = read(&pack.join(format!("{stem}.sme.html")));
        assert!(nb.starts_with("<article lang=\"nb\">"), "{nb}");
        assert!(se.starts_with("<article lang=\"se\">"), "{se}");
        assert!(
            nb.contains(&format!("<a href=\"{stem}.sme.html\" hreflang=\"se\">")),
            "{nb}"
        );
        assert!(
            se.contains(&format!("<a href=\"{stem}.html\" hreflang=\"nb\">")),
            "{se}"
        );
        assert!(se.contains(TEST_MARK) && !nb.contains(TEST_MARK));
        // Two Markdown files.
        let md = read(&pack.join(format!("{stem}.md")));
        let sme_md = read(&pack.join(format!("{stem}.sme.md")));
        assert!(sme_md.starts_with(&format!("# {TEST_MARK}")), "{sme_md}");
        assert!(
            !md.contains("TEST") && !md.contains("SAMISK VERSJON"),
            "{md}"
        );
        // The checked translation is kept in the pack; the empty package is not.
        assert!(pack.join(format!("{stem}.sme.xlf")).is_file());
    }
    assert!(!pack.join("ordliste-5612.sme.xlf").exists());
    let manifest: serde_json::Value =
        serde_json::from_str(&read(&pack.join("manifest.json"))).unwrap();
    assert!(manifest.get("awaiting_sami").is_none(), "{manifest}");
    // The verified pack lists the new files.
    let (code, _, stderr) = run(&["verify", pack.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
}

/// `generate --docx` of a bilingual text: a Word file per version, as the Markdown and
/// HTML, each with its own title block and language, never one version under both titles.
#[test]
fn a_bilingual_text_gets_a_docx_of_each_version() {
    let profile = translated_profile("bilingual-docx", "5612", "nb", None);
    let out = profile.parent().unwrap().join("out");
    let (code, _, stderr) = run(&[
        "generate",
        profile.to_str().unwrap(),
        "--docx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let pack = out.join("5612-kautokeino");
    let part = |name: &str, part: &str| {
        crate::redline::docx_part(&std::fs::read(pack.join(name)).unwrap(), part)
    };
    for kind in ["informasjonsbrev", "nyhetssak"] {
        let stem = format!("{kind}-5612");
        let norwegian = part(&format!("{stem}.docx"), "word/document.xml");
        let sami = part(&format!("{stem}.sme.docx"), "word/document.xml");
        let title = |md: &str| read(&pack.join(md)).lines().next().unwrap()[2..].to_owned();
        assert!(norwegian.contains(&title(&format!("{stem}.md"))), "{stem}");
        assert!(sami.contains(&title(&format!("{stem}.sme.md"))), "{stem}");
        assert!(
            sami.contains("Guovdageaidnu – Kautokeino kommune"),
            "{stem}"
        );
        assert!(
            norwegian.contains("Kautokeino kommune – Guovdageaidnu"),
            "{stem}"
        );
        assert!(!norwegian.contains("TEST"), "{stem}");
        assert!(sami.contains(TEST_MARK), "{stem}");
        // Not under both titles (the test translation holds the Norwegian title, so only
        // this way round), and the Sami date in figures, as in the PDF.
        assert!(
            !norwegian.contains(&title(&format!("{stem}.sme.md"))),
            "{stem}"
        );
        assert!(
            sami.contains("2.3.2026") && !sami.contains("mars"),
            "{stem}"
        );
        assert!(part(&format!("{stem}.docx"), "word/styles.xml").contains("w:val=\"nb-NO\""));
        assert!(part(&format!("{stem}.sme.docx"), "word/styles.xml").contains("w:val=\"se-NO\""));
    }
    // Agreements have one language and one Word file.
    assert!(pack.join("databehandleravtale-5612.docx").is_file());
    assert!(!pack.join("databehandleravtale-5612.sme.docx").exists());
    let (code, _, stderr) = run(&["verify", pack.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn the_order_setting_puts_the_norwegian_version_first_and_each_sami_language_is_tagged() {
    // Snåsa (South Sami, nynorsk here), Norwegian first; Hamarøy (Lule Sami), Sami first.
    for (number, written, order, expected) in [
        ("5041", "nn", Some("norwegian_first"), ["nn", "sma"]),
        ("1875", "nb", None, ["smj", "nb"]),
    ] {
        let profile = translated_profile(&format!("bilingual-{number}"), number, written, order);
        let profile = digisos_pakke::profile::load(&profile, &Default::default()).unwrap();
        let plan = pipeline().plan(&profile);
        let job = plan
            .documents
            .iter()
            .find(|j| j.file_stem == format!("informasjonsbrev-{number}"))
            .unwrap();
        let pdf = pipeline().document_pdf(&plan, job).unwrap();
        let tagged = tagged_languages(&pdf, &["H1", "H2", "P", "LI", "L"]);
        assert_eq!(runs(&tagged), expected, "{number}: {tagged:?}");
        let text = squash(&pdf_text(&pdf));
        let first_mark = text.find(&squash(TEST_MARK)).unwrap();
        let rights = "kommunenpåsamisk";
        let first_rights = text.find(rights).unwrap();
        if order.is_some() {
            assert!(first_rights < first_mark, "{number}: Norwegian first");
        } else {
            assert!(first_mark < first_rights, "{number}: Sami first");
        }
        assert!(text.contains("áčđŋšŧžïæøåäö"), "{number}");
    }
}

#[test]
fn a_broken_translation_stops_generate_and_validate_with_located_errors() {
    let profile = translated_profile("bilingual-broken", "5612", "nb", None);
    let letter = profile
        .with_file_name("samisk")
        .join("informasjonsbrev-5612.sme.xlf");
    let xml = read(&letter);
    // s3 removed; in s2 the placeholder v1 dropped from the target; s5's hash changed.
    let s3_start = xml.find("<trans-unit id=\"s3\"").unwrap();
    let s3_end = s3_start + xml[s3_start..].find("</trans-unit>").unwrap() + "</trans-unit>".len();
    let mut broken = format!("{}{}", &xml[..s3_start], &xml[s3_end..]);
    let s2 = broken.find("<trans-unit id=\"s2\"").unwrap();
    let target = s2 + broken[s2..].find("<target").unwrap();
    let ph = target + broken[target..].find("<ph id=\"v1\"").unwrap();
    let ph_end = ph + broken[ph..].find("</ph>").unwrap() + "</ph>".len();
    broken.replace_range(ph..ph_end, "");
    let s5 = broken.find("<trans-unit id=\"s5\"").unwrap();
    let hash = s5
        + broken[s5..].find("x-digisos-source-sha256\">").unwrap()
        + "x-digisos-source-sha256\">".len();
    broken.replace_range(hash..hash + 4, "0000");
    std::fs::write(&letter, broken).unwrap();

    let out = profile.with_file_name("out");
    let (code, _, stderr) = run(&[
        "generate",
        profile.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    let file = letter.display().to_string();
    assert!(stderr.contains("has 3 problems"), "{stderr}");
    for expected in [
        format!("{file}: unit s3: missing from the file"),
        format!("{file}:"),
        ": unit s2: placeholder v1 is missing from the translation".to_owned(),
        ": unit s5: stale: the Norwegian source text changed since the export".to_owned(),
        "hint: put the placeholder back".to_owned(),
        "hint: the Norwegian text changed after the export".to_owned(),
    ] {
        assert!(stderr.contains(&expected), "{expected:?} in {stderr}");
    }
    assert!(!out.exists(), "a failing translation writes no pack");

    let (code, _, validate_err) = run(&["validate", profile.to_str().unwrap()]);
    assert_eq!(code, 1, "{validate_err}");
    assert!(
        validate_err.contains(": unit s2: placeholder v1 is missing from the translation"),
        "{validate_err}"
    );
    // A folder that is not there is a located error too, not a Norwegian-only pack.
    std::fs::remove_dir_all(profile.with_file_name("samisk")).unwrap();
    let (code, _, stderr) = run(&[
        "generate",
        profile.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("informasjonsbrev-5612.sme.xlf: no such file"),
        "{stderr}"
    );
}

#[test]
fn both_versions_tell_residents_they_may_contact_the_office_in_sami_without_promising_a_form() {
    for (number, written, sentence) in [
        (
            "5612",
            "nb",
            "Du kan kontakte Nav Kautokeino og kommunen på samisk, også når du trenger hjelp med søknaden. Skriver du på samisk, får du svar på samisk.",
        ),
        (
            "5041",
            "nn",
            "Du kan kontakte Nav Snåsa og kommunen på samisk, òg når du treng hjelp med søknaden. Skriv du på samisk, får du svar på samisk.",
        ),
    ] {
        let yaml = single_yaml(number).replace("language: nb", &format!("language: {written}"));
        let plan = pipeline().plan(&parse(&yaml).unwrap());
        for kind in ["informasjonsbrev", "nyhetssak"] {
            let stem = format!("{kind}-{number}");
            let text = typeset_text(&plan, &stem);
            assert_contains(&text, sentence);
            // The application form is not promised in Sami (the research brief: none is
            // confirmed on nav.no).
            assert!(!text.contains("samisk søknad"), "{stem}");
            assert!(!text.contains("søknaden på samisk"), "{stem}");
            // It is a unit of the translation package, so the Sami version says it too.
            let job = plan.documents.iter().find(|j| j.file_stem == stem).unwrap();
            let segments = pipeline().marked(&plan, job).unwrap().segments();
            assert!(
                segments
                    .iter()
                    .any(|s| squash(&s.plain()) == squash(sentence)),
                "{stem}"
            );
        }
    }
    // Outside the area it is not said.
    let text = typeset_text(&plan_of("single"), "informasjonsbrev-3201");
    assert!(!text.contains("på samisk"));
}

/// The bilingual pack `.ci/run` validates (PDF/A-2a, PDF/UA-1): Kautokeino with its package
/// filled with the TEST TRANSLATION (not Sami), committed in `tests/fixtures/sami/`. It must
/// match the current templates: `DIGISOS_BLESS=1 cargo test --release --test it
/// bilingual_fixture` writes it again after a change to the Norwegian texts.
#[test]
fn the_bilingual_fixture_for_ci_is_the_current_test_translation() {
    let dir = root().join("tests/fixtures/sami");
    let yaml = format!(
        "# A bilingual pack for .ci/run (tests/it/sami.rs writes this folder). The translation\n# in kautokeino/ is a TEST TEXT, NOT SAMI: the Norwegian text behind a marker.\n{}sami:\n  translation: kautokeino\n",
        single_yaml("5612")
    );
    let plan = pipeline().plan(&parse(&yaml).unwrap());
    let mut expected = vec![("kautokeino.yaml".to_owned(), yaml.clone())];
    for f in digisos_pakke::translate::package(pipeline(), &plan).unwrap() {
        if f.name.starts_with("ordliste-") {
            continue;
        }
        let xml = String::from_utf8(f.bytes).unwrap();
        expected.push((
            format!("kautokeino/{}", f.name),
            fill_with_test_translation(&xml, "se"),
        ));
    }
    assert_eq!(expected.len(), 3);
    let bless = std::env::var_os("DIGISOS_BLESS").is_some();
    for (name, text) in &expected {
        let path = dir.join(name);
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
        }
        assert!(
            std::fs::read_to_string(&path).is_ok_and(|t| &t == text),
            "{} is not current: DIGISOS_BLESS=1 cargo test --release --test it bilingual_fixture",
            path.display()
        );
    }
    // And it makes a bilingual pack.
    let (code, _, stderr) = run(&["validate", dir.join("kautokeino.yaml").to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("waiting for the Sami text"), "{stderr}");
}

#[test]
fn the_sami_key_is_in_the_schema_and_init_and_a_bad_order_is_located() {
    let schema = digisos_pakke::profile::schema();
    for word in ["\"sami\"", "\"translation\"", "norwegian_first"] {
        assert!(schema.contains(word), "{word}");
    }
    let yaml = format!("{}sami:\n  order: samisk_first\n", single_yaml("5612"));
    match parse(&yaml) {
        Err(digisos_pakke::profile::ProfileError::Invalid { problems, .. }) => {
            assert_eq!(problems.len(), 1, "{problems:#?}");
            assert_eq!(problems[0].path, "sami.order");
            assert!(problems[0].location.is_some());
            assert_eq!(
                problems[0].hint.as_deref(),
                Some("write sami_first (the default) or norwegian_first")
            );
        }
        other => panic!("{other:?}"),
    }
    // The folder is relative to the profile's own folder.
    let profile = translated_profile("sami-relative", "5612", "nb", None);
    let loaded = digisos_pakke::profile::load(&profile, &Default::default()).unwrap();
    assert_eq!(
        loaded.sami.translation.as_deref(),
        Some(profile.with_file_name("samisk").as_path())
    );
    // Outside the area a translation is not used, and the plan says so.
    let yaml =
        std::fs::read_to_string(example_path("single")).unwrap() + "sami:\n  translation: samisk\n";
    let plan = pipeline().plan(&parse(&yaml).unwrap());
    assert!(
        plan.warnings
            .iter()
            .any(|w| w.contains("sami.translation names samisk, but no municipality")),
        "{:?}",
        plan.warnings
    );
    // init shows the key, commented out, only in the area.
    let init = |number: &str| {
        let (code, stdout, stderr) = run(&["init", "--kommune", number]);
        assert_eq!(code, 0, "{stderr}");
        stdout
    };
    assert!(init("5612").contains("# sami:\n#   translation: samisk/"));
    assert!(!init("3201").contains("sami:"));
}
