//! `generate --docx` and the DOCX files LibreOffice opens (issue 15).

use crate::redline::{changed_templates, docx_part};
use crate::util::{example_path, pdf_text, run, squash, temp_dir};
use digisos_pakke::blocks;
use std::fs;
use std::path::Path;
use std::process::Command;

#[test]
fn generate_docx_writes_a_docx_of_every_document_with_its_structure_and_language() {
    let dir = temp_dir("docx-generate");
    for name in ["host-without-transfer", "single"] {
        let plan = crate::util::plan_of(name);
        let mut languages = std::collections::BTreeSet::new();
        let out = dir.join(name);
        let (code, stdout, stderr) = run(&[
            "generate",
            example_path(name).to_str().unwrap(),
            "--docx",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{stderr}");
        let pack = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.is_dir())
            .unwrap();
        let pdfs: Vec<_> = fs::read_dir(&pack)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        for pdf in &pdfs {
            let docx = fs::read(pdf.with_extension("docx")).expect("a DOCX beside each PDF");
            let xml = docx_part(&docx, "word/document.xml");
            let markdown = fs::read_to_string(pdf.with_extension("md")).unwrap();
            // Every block's text, in order, headings with Word's heading styles.
            let mut at = 0;
            for block in blocks::parse(&markdown).iter().skip(1) {
                let text = block
                    .text()
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
                    .replace('"', "&quot;");
                let first = text.split(" | ").next().unwrap_or_default();
                // Its first word, without punctuation that may sit in a run of its own.
                let word = first
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .trim_matches(|c: char| !c.is_alphanumeric());
                let found = xml[at..].find(word);
                assert!(
                    found.is_some(),
                    "{}: {word:?} not after {at}",
                    pdf.display()
                );
                at += found.unwrap();
            }
            assert!(xml.contains(r#"<w:pStyle w:val="Heading2" />"#));
            let stem = pdf.file_stem().unwrap().to_string_lossy();
            let job = plan.documents.iter().find(|j| j.file_stem == stem).unwrap();
            let lang = format!("{}-NO", job.language.code());
            let styles = docx_part(&docx, "word/styles.xml");
            assert!(styles.contains(&format!(r#"<w:lang w:val="{lang}""#)));
            languages.insert(lang);
            if stem.starts_with("databehandleravtale") {
                // The draft mark on every page, the signature blocks after the text.
                assert!(docx_part(&docx, "word/header1.xml").contains("UTKAST"));
                assert!(xml.contains("Underskrift"));
                assert!(xml.contains("<w:numPr>"), "lists are Word lists");
            }
        }
        assert!(stdout.contains("wrote"), "{stdout}");
        if name == "host-without-transfer" {
            // A member writes nynorsk.
            assert_eq!(languages.len(), 2, "{languages:?}");
        }
        let (code, stdout, _) = run(&["verify", pack.to_str().unwrap()]);
        assert_eq!(code, 0, "{stdout}");
    }
    // The same profile gives the same DOCX bytes.
    let again = dir.join("again");
    run(&[
        "generate",
        example_path("single").to_str().unwrap(),
        "--docx",
        "-o",
        again.to_str().unwrap(),
    ]);
    let file = "3201-baerum/databehandleravtale-3201.docx";
    assert_eq!(
        fs::read(dir.join("single").join(file)).unwrap(),
        fs::read(again.join(file)).unwrap()
    );
}

/// Whether LibreOffice is here to run; `.ci/run` installs it (Debian's
/// libreoffice-writer-nogui) and sets `DIGISOS_REQUIRE_LIBREOFFICE`, so there the check
/// always runs; on a machine without it the README's `cargo test` still passes, and says
/// that it left the check out.
fn soffice() -> bool {
    let found = Command::new("soffice").arg("--version").output().is_ok();
    if !found && std::env::var_os("DIGISOS_REQUIRE_LIBREOFFICE").is_none() {
        eprintln!(
            "note: LibreOffice (soffice) is not installed, so the DOCX check with LibreOffice was left out (apt-get install libreoffice-writer-nogui; .ci/run always runs it)"
        );
        return false;
    }
    true
}

/// Converts `file` with LibreOffice headless to `format` in `out`; returns the result.
fn convert(file: &Path, format: &str, out: &Path) -> Vec<u8> {
    // A profile of its own, so that parallel tests and a running LibreOffice do not meet.
    let profile = out.join("lo-profile");
    let output = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(out)
        .arg(file)
        .output()
        .expect("soffice runs: install libreoffice-writer-nogui, as .ci/run does");
    let converted = out
        .join(file.file_stem().unwrap())
        .with_extension(format.split(':').next().unwrap());
    fs::read(&converted).unwrap_or_else(|_| {
        panic!(
            "LibreOffice wrote no {}: {}",
            converted.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

#[test]
fn libreoffice_opens_the_docx_files_with_their_text_and_tracked_changes() {
    if !soffice() {
        return;
    }
    let dir = temp_dir("docx-libreoffice");
    // A document: LibreOffice's PDF of it reads as the document's text.
    let (code, _, stderr) = run(&[
        "generate",
        example_path("single").to_str().unwrap(),
        "--docx",
        "-o",
        dir.join("pack").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let docx = dir.join("pack/3201-baerum/samarbeidsavtale-3201.docx");
    let pdf = convert(&docx, "pdf", &dir);
    // Without the draft mark of each page's header, which may fall inside a paragraph.
    let text = squash(&pdf_text(&pdf)).replace(&squash("UTKAST – ikke for signering"), "");
    let markdown = fs::read_to_string(docx.with_extension("md")).unwrap();
    let mut at = 0;
    for block in blocks::parse(&markdown) {
        let want = squash(&block.text().replace(" | ", ""));
        let found = text[at..].find(&want);
        assert!(
            found.is_some(),
            "{want:?} is not in LibreOffice's PDF after {at}"
        );
        at += found.unwrap() + want.len();
    }

    // A redline: LibreOffice reads exactly the tracked changes of the comparison.
    let templates = dir.join("mine");
    changed_templates(&templates);
    let (code, _, stderr) = run(&[
        "redline",
        example_path("single").to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
        "-o",
        dir.join("redline").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let redline = dir.join("redline/3201-baerum-redline/databehandleravtale-3201-redline.docx");
    let odt = String::from_utf8(convert(&redline, "fodt", &dir)).unwrap();
    assert_eq!(odt.matches("<text:insertion>").count(), 1, "{odt}");
    assert_eq!(odt.matches("<text:deletion>").count(), 1);
    assert!(odt.contains("Bærum kommune"));
    let pdf = squash(&pdf_text(&convert(&redline, "pdf", &dir)));
    assert!(pdf.contains(&squash(crate::redline::NEW)));
}

#[test]
fn a_document_with_links_gives_the_same_docx_bytes_every_time() {
    // docx-rs numbers links with a counter that runs on across documents and threads, and
    // lists their relationships in hash-map order: neither may reach the bytes.
    let meta = digisos_pakke::typeset::Meta::bare(Vec::new());
    let markdown = "# T\n\nSøk på [nav.no](https://www.nav.no/sosialhjelp/soknad), les \
                    [mer](https://www.nav.no/okonomisk-sosialhjelp) og søk \
                    [her](https://www.nav.no/sosialhjelp/soknad).\n";
    let first = digisos_pakke::docx::document(&meta, markdown).unwrap();
    let second = digisos_pakke::docx::document(&meta, markdown).unwrap();
    assert!(first == second, "two builds of one document differ");
    // Every link points at a relationship the package has.
    let xml = docx_part(&first, "word/document.xml");
    let rels = docx_part(&first, "word/_rels/document.xml.rels");
    let ids: Vec<&str> = xml
        .split("<w:hyperlink r:id=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    assert_eq!(ids.len(), 3, "{xml}");
    for id in ids {
        assert!(rels.contains(&format!("Id=\"{id}\"")), "{id} in {rels}");
    }
}
