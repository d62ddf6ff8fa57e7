//! Every stream's `/Length` is the number of bytes between the end-of-line after `stream` and
//! the end-of-line before `endstream`, whichever way a reader splits that end-of-line.
//!
//! ISO 19005-2 (PDF/A-2) 6.1.7.1: `stream` is followed by CR LF or LF, `endstream` is
//! preceded by an EOL marker, and `/Length` counts the bytes in between. An EOL marker is CR,
//! LF or CR LF (ISO 32000-1 7.2.2), so when the data ends with CR and a lone LF follows, the
//! bytes `CR LF endstream` read both as "data ends with CR, EOL LF" and as "EOL CR LF": a
//! reader taking the second counts one byte fewer than `/Length` (issue 12). Only an end
//! where both readings agree is unambiguous.

use crate::util::*;
use std::fs;
use std::path::Path;

/// Where `needle` first occurs in `hay` at or after `from`.
fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

/// The data length when the EOL before `endstream` is the one byte (CR or LF) before it.
fn length_one_byte_eol(between: &[u8]) -> Option<usize> {
    matches!(between.last(), Some(b'\r' | b'\n')).then(|| between.len() - 1)
}

/// The data length when the EOL before `endstream` is CR LF wherever those two bytes are there.
fn length_cr_lf_eol(between: &[u8]) -> Option<usize> {
    if between.ends_with(b"\r\n") {
        Some(between.len() - 2)
    } else {
        length_one_byte_eol(between)
    }
}

/// Every problem with the streams of one PDF; also the number of streams checked.
fn stream_problems(name: &str, pdf: &[u8]) -> (usize, Vec<String>) {
    use lopdf::xref::XrefEntry;
    use lopdf::{Document, Object};
    let doc = Document::load_mem(pdf).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut problems = Vec::new();
    let mut checked = 0;
    for (&number, entry) in &doc.reference_table.entries {
        let XrefEntry::Normal { offset, generation } = *entry else {
            continue;
        };
        let Ok(Object::Stream(stream)) = doc.get_object((number, generation)) else {
            continue;
        };
        checked += 1;
        let what = format!("{name}: object {number} {generation}");
        let length = stream
            .dict
            .get(b"Length")
            .and_then(Object::as_i64)
            .unwrap_or_else(|_| panic!("{what}: no direct /Length"));
        let length = usize::try_from(length).unwrap();
        // The object starts at its xref offset; its dictionary ends with `>>`, then `stream`.
        let offset = offset as usize;
        let header = format!("{number} {generation} obj");
        assert!(
            pdf[offset..].starts_with(header.as_bytes()),
            "{what}: the xref offset does not point at `{header}`"
        );
        let keyword = find(pdf, b"stream", offset).expect("stream keyword");
        let data_start = if pdf[keyword + 6..].starts_with(b"\r\n") {
            keyword + 8
        } else if pdf[keyword + 6..].starts_with(b"\n") {
            keyword + 7
        } else {
            problems.push(format!("{what}: `stream` is not followed by CR LF or LF"));
            continue;
        };
        // The end is found without trusting /Length: the first `endstream` that closes the
        // object.
        let end = [
            &b"endstream\nendobj"[..],
            b"endstream\r\nendobj",
            b"endstream\rendobj",
        ]
        .iter()
        .filter_map(|closing| find(pdf, closing, data_start))
        .min()
        .unwrap_or_else(|| panic!("{what}: no `endstream endobj`"));
        let between = &pdf[data_start..end];
        let (Some(one_byte), Some(cr_lf)) =
            (length_one_byte_eol(between), length_cr_lf_eol(between))
        else {
            problems.push(format!("{what}: no EOL before `endstream`"));
            continue;
        };
        if one_byte != length || cr_lf != length {
            let tail = &between[between.len().saturating_sub(4)..];
            problems.push(format!(
                "{what}: /Length {length}, but the data is {one_byte} bytes with a one-byte EOL \
                 and {cr_lf} with CR LF as the EOL (last bytes before `endstream`: {tail:02X?})"
            ));
        }
    }
    (checked, problems)
}

fn pdfs_below(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "pdf") {
                let name = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((name, fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[track_caller]
fn assert_unambiguous(pdfs: &[(String, Vec<u8>)]) {
    let mut streams = 0;
    let mut problems = Vec::new();
    for (name, bytes) in pdfs {
        let (checked, found) = stream_problems(name, bytes);
        assert!(checked > 0, "{name}: no stream found");
        streams += checked;
        problems.extend(found);
    }
    assert!(
        problems.is_empty(),
        "{} of {streams} streams in {} PDFs are ambiguous:\n{}",
        problems.len(),
        pdfs.len(),
        problems.join("\n")
    );
}

#[test]
fn the_checker_tells_an_ambiguous_end_from_an_unambiguous_one() {
    // Data `AB` then LF: one reading only.
    assert_eq!(length_one_byte_eol(b"AB\n"), Some(2));
    assert_eq!(length_cr_lf_eol(b"AB\n"), Some(2));
    // Data `AB CR` then LF: 3 bytes or 2, depending on the reader.
    assert_eq!(length_one_byte_eol(b"AB\r\n"), Some(3));
    assert_eq!(length_cr_lf_eol(b"AB\r\n"), Some(2));
    // Data `AB CR` then CR: one reading only.
    assert_eq!(length_one_byte_eol(b"AB\r\r"), Some(3));
    assert_eq!(length_cr_lf_eol(b"AB\r\r"), Some(3));
    // No EOL at all.
    assert_eq!(length_one_byte_eol(b"AB"), None);
}

/// The PDF writer itself, given data that ends with CR (as a deflated font program can: its
/// last byte is part of an Adler-32 checksum), and with LF, CR LF and no EOL at the end.
#[test]
fn the_pdf_writer_ends_every_stream_unambiguously() {
    use pdf_writer::{Pdf, Ref};
    let cases: [&[u8]; 6] = [b"", b"data", b"data\r", b"data\n", b"data\r\n", b"\r"];
    let mut pdf = Pdf::new();
    pdf.catalog(Ref::new(100)).pages(Ref::new(101));
    pdf.pages(Ref::new(101)).count(0);
    for (i, data) in cases.iter().enumerate() {
        pdf.stream(Ref::new(i as i32 + 1), data);
    }
    assert_unambiguous(&[("pdf-writer".into(), pdf.finish())]);
}

#[test]
fn every_stream_of_the_example_packs_has_one_length_under_both_readings() {
    let mut pdfs = Vec::new();
    for name in EXAMPLES {
        let pack = pipeline().pack(&example(name)).unwrap();
        pdfs.extend(
            pack.files
                .into_iter()
                .filter(|f| f.name.ends_with(".pdf"))
                .map(|f| (format!("{}/{}", pack.name, f.name), f.bytes)),
        );
    }
    assert_unambiguous(&pdfs);
}

/// The example batch (its dates differ from the profiles' own) holds PDFs whose font streams
/// end with CR: the case of issue 12.
#[test]
fn every_stream_of_the_example_batch_has_one_length_under_both_readings() {
    let out = temp_dir("streams-batch");
    let batch = root().join("data/examples/batch.yaml");
    let (code, _, stderr) = run(&[
        "batch",
        batch.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let pdfs = pdfs_below(&out);
    assert!(
        pdfs.iter().any(|(n, _)| n == "batch-summary.pdf") && pdfs.len() > 30,
        "{} PDFs",
        pdfs.len()
    );
    assert_unambiguous(&pdfs);
}
