//! `redline`: a pack's documents against the standard text or an earlier pack (issue 15).

use crate::util::{example_path, pdf_text, pipeline, root, run, squash, temp_dir};
use digisos_pakke::Error;
use digisos_pakke::assets::TemplateFiles;
use digisos_pakke::pipeline::Pipeline;
use digisos_pakke::profile::{self, Defaults};
use digisos_pakke::redline::{self, Baseline, Change, Redlines};
use digisos_pakke::reference::Reference;
use std::fs;
use std::path::Path;

/// A sentence in the middle of a paragraph of the bokmål data processing agreement.
pub(crate) const OLD: &str = "Digisos er et samarbeid mellom kommuner, KS og Arbeids- og velferdsdirektoratet som utvikler digitale tjenester for sosialhjelpsmottakere på nav.no.";
pub(crate) const NEW: &str =
    "Løsningen forvaltes i fellesskap av partene og videreutvikles etter behov.";

/// Every change of every document, in order.
fn changes(redlines: &Redlines) -> Vec<(String, Change, String)> {
    let mut out = Vec::new();
    for d in &redlines.documents {
        for c in &d.comparison.clauses {
            for s in c.blocks.iter().flat_map(|b| b.cells.iter().flatten()) {
                if s.change != Change::Equal {
                    out.push((d.file_stem.clone(), s.change, s.text.clone()));
                }
            }
        }
    }
    out
}

/// Exports the templates to `dir` and rewrites `OLD` to `NEW` in the bokmål agreement.
pub(crate) fn changed_templates(dir: &Path) {
    let (code, _, stderr) = run(&["templates", "export", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let file = dir.join("nb/databehandleravtale.md.tera");
    let text = fs::read_to_string(&file).unwrap();
    assert_eq!(
        text.matches(OLD).count(),
        1,
        "the sentence is in the template once"
    );
    fs::write(&file, text.replace(OLD, NEW)).unwrap();
}

/// The example's redline against the standard text, made with the templates of
/// [`changed_templates`], written to `templates`.
fn against_the_standard(templates: &Path) -> Redlines {
    changed_templates(templates);
    let own = Pipeline::new(
        Reference::builtin().unwrap(),
        &TemplateFiles::with_overrides(templates).unwrap(),
    )
    .unwrap();
    let plan = own.plan(&crate::util::example("single"));
    redline::redline(&own, &plan, &Baseline::Standard).unwrap()
}

#[test]
fn one_changed_sentence_is_one_deletion_and_one_insertion_and_nothing_else() {
    let dir = temp_dir("redline-standard");
    let templates = dir.join("mine");
    let redlines = against_the_standard(&templates);
    assert_eq!(
        changes(&redlines),
        vec![
            (
                "databehandleravtale-3201".into(),
                Change::Delete,
                OLD.into()
            ),
            (
                "databehandleravtale-3201".into(),
                Change::Insert,
                NEW.into()
            ),
        ]
    );
    // One redline, of the one changed document, saying the same in its text.
    let names: Vec<_> = redlines
        .pack
        .files
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "databehandleravtale-3201-redline.pdf",
            "databehandleravtale-3201-redline.docx"
        ]
    );
    let text = pdf_text(&redlines.pack.files[0].bytes);
    assert_eq!(text.matches("[Slettet:").count(), 1, "{text}");
    assert_eq!(text.matches("[Satt inn:").count(), 1, "{text}");
    let flat = squash(&text);
    assert!(
        flat.contains(&squash(&format!("[Slettet: {OLD}]"))),
        "{text}"
    );
    assert!(
        flat.contains(&squash(&format!("[Satt inn: {NEW}]"))),
        "{text}"
    );
    // The summary names the clause first.
    let summary = flat
        .find(&squash("2.1 Bakgrunn endret 10 19"))
        .expect(&text);
    assert!(summary < flat.find(&squash("[Slettet:")).unwrap());

    // The command writes the same, in <pack>-redline/ and its zip.
    let out = dir.join("out");
    let (code, stdout, stderr) = run(&[
        "redline",
        example_path("single").to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("databehandleravtale-3201: 1 clauses changed, 10 words in, 19 words out"),
        "{stdout}"
    );
    assert!(
        stdout.contains("samarbeidsavtale-3201: unchanged"),
        "{stdout}"
    );
    assert!(
        out.join("3201-baerum-redline/databehandleravtale-3201-redline.pdf")
            .is_file()
    );
    assert!(out.join("3201-baerum-redline.zip").is_file());
}

#[test]
fn the_standard_text_against_itself_has_no_changes_and_writes_nothing() {
    let plan = pipeline().plan(&crate::util::example("board"));
    let redlines = redline::redline(pipeline(), &plan, &Baseline::Standard).unwrap();
    assert!(changes(&redlines).is_empty());
    assert!(redlines.pack.files.is_empty());
}

#[test]
fn an_earlier_pack_shows_the_new_date_and_reference_value_and_nothing_else() {
    let dir = temp_dir("redline-pack");
    let confirmed = root().join("tests/fixtures/reference-confirmed.yaml");
    let (code, _, stderr) = run(&[
        "generate",
        example_path("single").to_str().unwrap(),
        "--reference",
        confirmed.to_str().unwrap(),
        "-o",
        dir.join("earlier").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");

    // The same profile dated two weeks later, with one reference value changed.
    let yaml = fs::read_to_string(example_path("single"))
        .unwrap()
        .replace("date: 2026-02-01", "date: 2026-02-15");
    let profile = profile::parse(
        yaml.as_bytes(),
        Path::new("single.yaml"),
        &Defaults::default(),
    )
    .unwrap();
    let reference_file = dir.join("reference.yaml");
    let reference = fs::read_to_string(&confirmed).unwrap();
    assert_eq!(reference.matches("digisos: digisos@nav.no").count(), 1);
    fs::write(
        &reference_file,
        reference.replace("digisos: digisos@nav.no", "digisos: avtale@digisos.example"),
    )
    .unwrap();
    let current = Pipeline::new(
        Reference::load(&reference_file).unwrap(),
        &TemplateFiles::builtin(),
    )
    .unwrap();
    let plan = current.plan(&profile);

    for earlier in [
        dir.join("earlier/3201-baerum"),
        dir.join("earlier/3201-baerum.zip"),
    ] {
        let redlines = redline::redline(&current, &plan, &Baseline::Pack(earlier.clone())).unwrap();
        assert!(redlines.without_text.is_empty());
        let found = changes(&redlines);
        assert!(!found.is_empty());
        // Each deletion is followed by its insertion, and the one is the other with the
        // date and the address replaced: no other word changed.
        for pair in found.chunks(2) {
            let [(doc, Change::Delete, out), (doc2, Change::Insert, put)] = pair else {
                panic!("not a deletion and an insertion: {pair:?}");
            };
            assert_eq!(doc, doc2);
            let replaced = out
                .replace("1.", "15.")
                .replace("digisos@nav.no", "avtale@digisos.example");
            assert_eq!(&replaced, put, "{doc}: {out:?} → {put:?}");
        }
        let dated = found
            .iter()
            .filter(|(_, c, t)| *c == Change::Insert && t == "15.");
        let addressed = found
            .iter()
            .filter(|(_, c, t)| *c == Change::Insert && t.contains("avtale@digisos.example"));
        assert!(dated.count() >= 2 && addressed.count() >= 2, "{found:?}");
        // Documents that mention neither are unchanged and get no redline.
        assert!(
            redlines
                .pack
                .files
                .iter()
                .all(|f| !f.name.starts_with("informasjonsbrev"))
        );
    }
}

#[test]
fn a_changed_or_foreign_earlier_pack_is_refused() {
    let dir = temp_dir("redline-refused");
    let built = pipeline().pack(&crate::util::example("single")).unwrap();
    let folder = digisos_pakke::pack::write(&dir, &built).unwrap();
    let plan = pipeline().plan(&crate::util::example("board"));
    let err = redline::redline(pipeline(), &plan, &Baseline::Pack(folder.clone())).unwrap_err();
    assert!(
        matches!(err, Error::Redline(redline::RedlineError::OtherPack { .. })),
        "{err}"
    );
    fs::write(folder.join("databehandleravtale-3201.md"), "# Endret\n").unwrap();
    let plan = pipeline().plan(&crate::util::example("single"));
    let err = redline::redline(pipeline(), &plan, &Baseline::Pack(folder)).unwrap_err();
    assert!(matches!(err, Error::PackChanged { .. }), "{err}");
    let (code, _, stderr) = run(&[
        "redline",
        example_path("single").to_str().unwrap(),
        "--against",
        dir.join("nothing-here.zip").to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
}

/// The text of part `name` of the DOCX `bytes`.
pub(crate) fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut part = archive.by_name(name).expect("the part");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut part, &mut text).expect("UTF-8");
    text
}

#[test]
fn the_docx_redline_tracks_the_one_sentence_as_one_deletion_and_one_insertion() {
    let dir = temp_dir("redline-docx");
    let templates = dir.join("mine");
    let redlines = against_the_standard(&templates);
    let docx = redlines
        .pack
        .files
        .iter()
        .find(|f| f.name == "databehandleravtale-3201-redline.docx")
        .expect("a DOCX beside the PDF");
    let xml = docx_part(&docx.bytes, "word/document.xml");
    assert_eq!(xml.matches("<w:ins ").count(), 1);
    assert_eq!(xml.matches("<w:del ").count(), 1);
    let (ins, del) = (xml.find("<w:ins ").unwrap(), xml.find("<w:del ").unwrap());
    let deleted = &xml[del..];
    assert!(
        deleted.starts_with("<w:del w:id=\"")
            && deleted.contains(r#"w:author="Bærum kommune" w:date="2026-02-01T00:00:00Z""#)
    );
    assert!(deleted[..deleted.find("</w:del>").unwrap()].contains(&format!(">{OLD}</w:delText>")));
    let inserted = &xml[ins..];
    assert!(inserted[..inserted.find("</w:ins>").unwrap()].contains(&format!(">{NEW}</w:t>")));
    // The rest is the document's text as it stands.
    assert!(xml.contains("FIKS-plattform"));
    assert!(docx_part(&docx.bytes, "word/styles.xml").contains(r#"<w:lang w:val="nb-NO""#));
}

#[test]
fn a_whole_clause_out_typesets_with_its_heading_marked() {
    // The confirmed reference data take the draft clause out of both agreements.
    let confirmed = Pipeline::new(
        Reference::load(&root().join("tests/fixtures/reference-confirmed.yaml")).unwrap(),
        &TemplateFiles::builtin(),
    )
    .unwrap();
    let dir = temp_dir("redline-clause-out");
    let profile = crate::util::example("host-without-transfer");
    let earlier = digisos_pakke::pack::write(&dir, &pipeline().pack(&profile).unwrap()).unwrap();
    let plan = confirmed.plan(&profile);
    let redlines = redline::redline(&confirmed, &plan, &Baseline::Pack(earlier)).unwrap();
    let dpa = &redlines.documents[0];
    assert!(dpa.comparison.clauses.iter().any(|c| {
        c.status == redline::ClauseStatus::Deleted && c.heading == "Utkast – ikke for signering"
    }));
    let pdf = &redlines.pack.files[0];
    assert_eq!(pdf.name, format!("{}-redline.pdf", dpa.file_stem));
    assert!(
        squash(&pdf_text(&pdf.bytes)).contains(&squash("[Slettet: Utkast – ikke for signering]"))
    );
}

#[test]
fn the_same_redline_gives_the_same_docx_bytes_every_time() {
    // docx-rs numbers tracked changes with a counter that runs on across the process: the
    // second redline of the same change must still be byte for byte the first.
    let docx = |name: &str| {
        let redlines = against_the_standard(&temp_dir(name).join("mine"));
        redlines
            .pack
            .files
            .into_iter()
            .find(|f| f.name.ends_with(".docx"))
            .expect("a DOCX redline")
            .bytes
    };
    let first = docx("redline-docx-once");
    let second = docx("redline-docx-twice");
    assert!(first == second, "two redlines of one change differ");
    let xml = docx_part(&first, "word/document.xml");
    assert!(xml.contains("<w:ins w:id=\"1\""), "{xml}");
}
