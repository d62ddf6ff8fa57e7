//! The DOCX package as docx-rs packs it, finished: the text's language set as the
//! default of every run (docx-rs has no setting for `w:lang`), the document's relationships
//! in order of id (docx-rs writes its links' in hash-map order), its tracked changes numbered
//! from 0 (docx-rs counts them on across the process), and every entry stamped with the
//! document's date, so that the same document always gives the same bytes.

use crate::typeset::Meta;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// The styles part, which holds the document defaults.
const STYLES: &str = "word/styles.xml";
/// The document's text.
const DOCUMENT: &str = "word/document.xml";
/// The document's relationships, its links' among them.
const RELATIONSHIPS: &str = "word/_rels/document.xml.rels";

/// Rewrites the package `docx` for `meta`'s language (`nb-NO` or `nn-NO`) and date.
pub(super) fn finish(docx: &[u8], meta: &Meta) -> std::io::Result<Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(docx)).map_err(std::io::Error::other)?;
    let [y, m, d] = meta.date;
    let stamp = DateTime::from_date_and_time(y.clamp(1980, 2107) as u16, m as u8, d as u8, 0, 0, 0)
        .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let language = format!("{}-NO", meta.lang);
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(std::io::Error::other)?;
        let name = entry.name().map_err(std::io::Error::other)?.into_owned();
        if entry.is_dir() {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes)?;
        if name == STYLES {
            bytes = with_language(&bytes, &language)?;
        } else if name == RELATIONSHIPS {
            bytes = in_order(&bytes)?;
        } else if name == DOCUMENT {
            bytes = changes_numbered(&bytes)?;
        }
        out.start_file(name, options)
            .map_err(std::io::Error::other)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish().map_err(std::io::Error::other)?.into_inner())
}

/// `styles` with `<w:lang w:val="…"/>` as the last property of the default run properties.
fn with_language(styles: &[u8], language: &str) -> std::io::Result<Vec<u8>> {
    let mut reader = Reader::from_reader(styles);
    let mut writer = Writer::new(Vec::with_capacity(styles.len() + 64));
    let mut in_default = false;
    let lang = || {
        let mut e = BytesStart::new("w:lang");
        e.push_attribute(("w:val", language));
        e.push_attribute(("w:eastAsia", language));
        Event::Empty(e)
    };
    loop {
        let event = reader.read_event().map_err(std::io::Error::other)?;
        match &event {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == "w:rPrDefault" => in_default = true,
            Event::End(e) if e.name().as_ref() == "w:rPrDefault" => in_default = false,
            Event::End(e) if in_default && e.name().as_ref() == "w:rPr" => {
                writer.write_event(lang())?;
            }
            _ => {}
        }
        writer.write_event(event)?;
    }
    Ok(writer.into_inner())
}

/// `rels` with its `Relationship` elements sorted by `Id`.
fn in_order(rels: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut reader = Reader::from_reader(rels);
    let mut writer = Writer::new(Vec::with_capacity(rels.len()));
    let mut relationships = Vec::new();
    loop {
        let event = reader.read_event().map_err(std::io::Error::other)?;
        match event {
            Event::Eof => break,
            Event::Empty(e) if e.name().as_ref() == "Relationship" => {
                let id = e
                    .try_get_attribute("Id")
                    .map_err(std::io::Error::other)?
                    .map(|a| a.value.into_owned())
                    .unwrap_or_default();
                relationships.push((id, e.into_owned()));
            }
            Event::End(e) if e.name().as_ref() == "Relationships" => {
                relationships.sort_by(|a, b| a.0.cmp(&b.0));
                for (_, r) in relationships.drain(..) {
                    writer.write_event(Event::Empty(r))?;
                }
                writer.write_event(Event::End(e))?;
            }
            event => writer.write_event(event)?,
        }
    }
    Ok(writer.into_inner())
}

/// `document` with the `w:id` of its tracked changes (`w:ins`, `w:del`) numbered 0, 1, … in
/// document order.
fn changes_numbered(document: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut reader = Reader::from_reader(document);
    let mut writer = Writer::new(Vec::with_capacity(document.len()));
    let mut next = 0usize;
    let mut renumbered = |e: &BytesStart| -> std::io::Result<BytesStart<'static>> {
        let mut out = BytesStart::new(e.name().as_ref().to_owned());
        for attribute in e.attributes() {
            let attribute = attribute.map_err(std::io::Error::other)?;
            if attribute.key.as_ref() == "w:id" {
                out.push_attribute(("w:id", next.to_string().as_str()));
            } else {
                out.push_attribute(attribute);
            }
        }
        next += 1;
        Ok(out)
    };
    loop {
        let event = reader.read_event().map_err(std::io::Error::other)?;
        match event {
            Event::Eof => break,
            Event::Start(e) if is_change(&e) => {
                writer.write_event(Event::Start(renumbered(&e)?))?
            }
            Event::Empty(e) if is_change(&e) => {
                writer.write_event(Event::Empty(renumbered(&e)?))?
            }
            event => writer.write_event(event)?,
        }
    }
    Ok(writer.into_inner())
}

fn is_change(e: &BytesStart) -> bool {
    matches!(e.name().as_ref(), "w:ins" | "w:del")
}
