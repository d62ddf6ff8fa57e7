//! Writes XLIFF 1.2 (strict) with quick-xml: every text and attribute is escaped by the
//! writer, never by hand.

use super::segment::{Format, Piece, Segment};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::io;

/// The XLIFF 1.2 namespace.
pub const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:1.2";

/// The `ctype` of a placeholder for a value from the profile or the reference data.
pub const VALUE_CTYPE: &str = "x-digisos-value";
/// The `context-type` that carries a segment's source hash.
pub const HASH_CONTEXT: &str = "x-digisos-source-sha256";

/// One `<file>` of an XLIFF document.
pub struct File<'a> {
    /// `original`: the document the text comes from, e.g. `informasjonsbrev-5612`.
    pub original: &'a str,
    /// `source-language`: `nb` or `nn`.
    pub source_language: &'a str,
    /// `target-language`: `se`, `smj` or `sma`.
    pub target_language: &'a str,
    /// Notes for the translator in the header.
    pub header_notes: Vec<String>,
    /// The units.
    pub units: Vec<Unit<'a>>,
}

/// One `<trans-unit>`.
pub struct Unit<'a> {
    /// The segment.
    pub segment: &'a Segment,
    /// Its note: where it stands and what its placeholders hold.
    pub note: String,
    /// An empty `<target state="needs-translation"/>` (glossary entries).
    pub empty_target: bool,
}

/// `file` as an XLIFF 1.2 document.
pub fn write(file: &File) -> Vec<u8> {
    write_inner(file).expect("writing to memory does not fail")
}

fn write_inner(file: &File) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut xliff = BytesStart::new("xliff");
    xliff.push_attribute(("version", "1.2"));
    xliff.push_attribute(("xmlns", NAMESPACE));
    w.write_event(Event::Start(xliff))?;
    let mut f = BytesStart::new("file");
    f.push_attribute(("original", file.original));
    f.push_attribute(("source-language", file.source_language));
    f.push_attribute(("target-language", file.target_language));
    f.push_attribute(("datatype", "plaintext"));
    w.write_event(Event::Start(f))?;
    w.write_event(Event::Start(BytesStart::new("header")))?;
    let mut tool = BytesStart::new("tool");
    tool.push_attribute(("tool-id", env!("CARGO_PKG_NAME")));
    tool.push_attribute(("tool-name", env!("CARGO_PKG_NAME")));
    tool.push_attribute(("tool-version", env!("CARGO_PKG_VERSION")));
    w.write_event(Event::Empty(tool))?;
    for note in &file.header_notes {
        text_element(&mut w, "note", &[("xml:lang", file.source_language)], note)?;
    }
    w.write_event(Event::End(BytesEnd::new("header")))?;
    w.write_event(Event::Start(BytesStart::new("body")))?;
    for unit in &file.units {
        let mut tu = BytesStart::new("trans-unit");
        tu.push_attribute(("id", unit.segment.id.as_str()));
        tu.push_attribute(("xml:space", "preserve"));
        w.write_event(Event::Start(tu))?;
        // Inline content is written without indentation: white space there is text.
        let mut source = BytesStart::new("source");
        source.push_attribute(("xml:lang", file.source_language));
        w.write_event(Event::Start(source))?;
        w.write_event(Event::Text(BytesText::from_escaped(inline(
            &unit.segment.pieces,
        )?)))?;
        w.write_event(Event::End(BytesEnd::new("source")))?;
        if unit.empty_target {
            let mut target = BytesStart::new("target");
            target.push_attribute(("xml:lang", file.target_language));
            target.push_attribute(("state", "needs-translation"));
            w.write_event(Event::Empty(target))?;
        }
        // Unnamed: the schema wants a context group's name unique in the file.
        let mut group = BytesStart::new("context-group");
        group.push_attribute(("purpose", "information"));
        w.write_event(Event::Start(group))?;
        text_element(
            &mut w,
            "context",
            &[("context-type", HASH_CONTEXT)],
            &unit.segment.source_hash(),
        )?;
        w.write_event(Event::End(BytesEnd::new("context-group")))?;
        text_element(
            &mut w,
            "note",
            &[("xml:lang", file.source_language)],
            &unit.note,
        )?;
        w.write_event(Event::End(BytesEnd::new("trans-unit")))?;
    }
    w.write_event(Event::End(BytesEnd::new("body")))?;
    w.write_event(Event::End(BytesEnd::new("file")))?;
    w.write_event(Event::End(BytesEnd::new("xliff")))?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn text_element(
    w: &mut Writer<Vec<u8>>,
    name: &str,
    attributes: &[(&str, &str)],
    text: &str,
) -> io::Result<()> {
    let mut start = BytesStart::new(name);
    for a in attributes {
        start.push_attribute(*a);
    }
    w.write_event(Event::Start(start))?;
    w.write_event(Event::Text(BytesText::new(text)))?;
    w.write_event(Event::End(BytesEnd::new(name)))
}

/// The content of `<source>` (or `<target>`): text, `<ph>` for values, `<g>` for formatting.
/// Returned escaped by quick-xml, to be written as is.
fn inline(pieces: &[Piece]) -> io::Result<String> {
    let mut w = Writer::new(Vec::new());
    let mut open: Vec<&'static str> = Vec::new();
    let mut breaks = 0;
    for piece in pieces {
        match piece {
            Piece::Text(t) => w.write_event(Event::Text(BytesText::new(t)))?,
            Piece::Value { id, text } => {
                let mut ph = BytesStart::new("ph");
                ph.push_attribute(("id", id.as_str()));
                ph.push_attribute(("ctype", VALUE_CTYPE));
                w.write_event(Event::Start(ph))?;
                w.write_event(Event::Text(BytesText::new(text)))?;
                w.write_event(Event::End(BytesEnd::new("ph")))?;
            }
            Piece::Open { id, format } => {
                let mut g = BytesStart::new("g");
                g.push_attribute(("id", id.as_str()));
                g.push_attribute((
                    "ctype",
                    match format {
                        Format::Bold => "bold",
                        Format::Italic => "italic",
                        Format::Link(_) => "link",
                    },
                ));
                w.write_event(Event::Start(g))?;
                open.push("g");
            }
            Piece::Close => {
                if let Some(name) = open.pop() {
                    w.write_event(Event::End(BytesEnd::new(name)))?;
                }
            }
            Piece::LineBreak => {
                breaks += 1;
                let id = format!("lb{breaks}");
                let mut x = BytesStart::new("x");
                x.push_attribute(("id", id.as_str()));
                x.push_attribute(("ctype", "lb"));
                w.write_event(Event::Empty(x))?;
            }
        }
    }
    while let Some(name) = open.pop() {
        w.write_event(Event::End(BytesEnd::new(name)))?;
    }
    Ok(String::from_utf8(w.into_inner()).expect("quick-xml writes UTF-8 from UTF-8"))
}
