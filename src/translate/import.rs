//! Checks a translated XLIFF file against the current Norwegian text, like a profile is
//! validated: every unit translated, every placeholder present exactly once, the source
//! hash current, the right target language. Every problem is reported at once, located by
//! file, line and unit id, with a hint.

use super::segment::{Piece, Segment};
use super::xliff::HASH_CONTEXT;
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;
use std::fmt;

/// One problem in a translated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as named to the user.
    pub file: String,
    /// The line of the unit (or of the element at fault), 1-based, where known.
    pub line: Option<usize>,
    /// The unit's id, where the problem is in one unit.
    pub unit: Option<String>,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// What can be wrong with a translated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The translated file is not there.
    MissingFile,
    /// The file is not well-formed XML.
    Malformed(String),
    /// The file's `target-language` is not the municipality's Sami language.
    WrongTargetLanguage {
        /// As the file says.
        found: String,
        /// As the register says.
        expected: String,
    },
    /// A unit of the current Norwegian text is not in the file.
    MissingUnit,
    /// A unit has no translation (no `<target>`, or an empty one).
    Untranslated,
    /// The Norwegian text of a unit changed since the file was exported.
    StaleSource,
    /// The file has a unit the current Norwegian text does not.
    UnknownUnit,
    /// A placeholder or formatting code of the source is missing from the translation.
    DroppedPlaceholder(String),
    /// A placeholder or formatting code appears more than once in the translation.
    RepeatedPlaceholder(String),
    /// The translation has a placeholder the source does not.
    UnknownPlaceholder(String),
}

impl Problem {
    /// What to do about it.
    pub fn hint(&self) -> &'static str {
        match self.kind {
            ProblemKind::MissingFile => {
                "put the translated file, under the name the package gave it, in the folder"
            }
            ProblemKind::Malformed(_) => {
                "save the file from the translation tool again as XLIFF 1.2"
            }
            ProblemKind::WrongTargetLanguage { .. } => {
                "translate the file exported for this municipality; never substitute another Sami language"
            }
            ProblemKind::MissingUnit | ProblemKind::UnknownUnit | ProblemKind::StaleSource => {
                "the Norwegian text changed after the export: export the package again (`translate export`) and translate the changed units"
            }
            ProblemKind::Untranslated => "translate the unit; every unit must have a translation",
            ProblemKind::DroppedPlaceholder(_) => {
                "put the placeholder back where it belongs in the sentence; it carries a value from the profile"
            }
            ProblemKind::RepeatedPlaceholder(_) => "keep each placeholder exactly once",
            ProblemKind::UnknownPlaceholder(_) => {
                "remove the placeholder: it is not in the Norwegian text of this unit"
            }
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(unit) = &self.unit {
            write!(f, ": unit {unit}")?;
        }
        match &self.kind {
            ProblemKind::MissingFile => write!(f, ": no such file"),
            ProblemKind::Malformed(why) => write!(f, ": not well-formed XML: {why}"),
            ProblemKind::WrongTargetLanguage { found, expected } => write!(
                f,
                ": target-language is `{found}`, but the municipality's Sami language is `{expected}`"
            ),
            ProblemKind::MissingUnit => write!(f, ": missing from the file"),
            ProblemKind::Untranslated => write!(f, ": not translated"),
            ProblemKind::StaleSource => write!(
                f,
                ": stale: the Norwegian source text changed since the export"
            ),
            ProblemKind::UnknownUnit => {
                write!(f, ": not in the current Norwegian text")
            }
            ProblemKind::DroppedPlaceholder(id) => {
                write!(f, ": placeholder {id} is missing from the translation")
            }
            ProblemKind::RepeatedPlaceholder(id) => {
                write!(f, ": placeholder {id} appears more than once")
            }
            ProblemKind::UnknownPlaceholder(id) => {
                write!(f, ": placeholder {id} is not in the source")
            }
        }
    }
}

/// One unit as read from a translated file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unit {
    /// Its line in the file.
    pub line: usize,
    /// The source hash the file records.
    pub hash: Option<String>,
    /// The translation, if the unit has a `<target>`.
    pub target: Option<Vec<Piece>>,
}

/// A translated file as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Translated {
    /// `target-language` of the first `<file>`.
    pub target_language: String,
    /// The units by id.
    pub units: BTreeMap<String, Unit>,
}

fn line_at(bytes: &[u8], position: u64) -> usize {
    let end = usize::try_from(position)
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    bytes[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.as_ref() == name).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default()
        })
    })
}

/// Reads `bytes` as an XLIFF 1.2 file of this tool's shape.
pub fn read(bytes: &[u8]) -> Result<Translated, (usize, String)> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut out = Translated::default();
    let mut unit: Option<(String, Unit)> = None;
    let mut in_target = false;
    let mut in_hash = false;
    let mut hash = String::new();
    // Inside a <ph>: its id; the value text inside is not the translator's.
    let mut in_ph = false;
    let mut buf = Vec::new();
    loop {
        let position = reader.buffer_position();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| (line_at(bytes, reader.error_position()), e.to_string()))?;
        let line = line_at(bytes, position);
        let start = matches!(event, Event::Start(_));
        match event {
            Event::Start(e) | Event::Empty(e)
                if e.name().as_ref() == "file" && out.target_language.is_empty() =>
            {
                out.target_language = attribute(&e, "target-language").unwrap_or_default();
            }
            Event::Start(e) if e.name().as_ref() == "trans-unit" => {
                let id = attribute(&e, "id").unwrap_or_default();
                unit = Some((
                    id,
                    Unit {
                        line,
                        ..Unit::default()
                    },
                ));
            }
            Event::End(e) if e.name().as_ref() == "trans-unit" => {
                if let Some((id, u)) = unit.take() {
                    out.units.insert(id, u);
                }
            }
            Event::Start(e)
                if e.name().as_ref() == "context"
                    && attribute(&e, "context-type").as_deref() == Some(HASH_CONTEXT) =>
            {
                in_hash = true;
                hash.clear();
            }
            Event::End(e) if e.name().as_ref() == "context" && in_hash => {
                in_hash = false;
                if let Some((_, u)) = unit.as_mut() {
                    u.hash = Some(hash.trim().to_owned());
                }
            }
            Event::Start(e) if e.name().as_ref() == "target" => {
                in_target = true;
                if let Some((_, u)) = unit.as_mut() {
                    u.target = Some(Vec::new());
                }
            }
            Event::Empty(e) if e.name().as_ref() == "target" => {
                if let Some((_, u)) = unit.as_mut() {
                    u.target = Some(Vec::new());
                }
            }
            Event::End(e) if e.name().as_ref() == "target" => in_target = false,
            Event::Start(e) | Event::Empty(e) if in_target => {
                let id = attribute(&e, "id").unwrap_or_default();
                let piece = match e.name().as_ref() {
                    "ph" => {
                        // An empty <ph/> has no end tag: only a start tag opens one.
                        in_ph = start;
                        Some(Piece::Value {
                            id,
                            text: String::new(),
                        })
                    }
                    "g" => Some(Piece::Open {
                        id,
                        format: super::segment::Format::Bold,
                    }),
                    "x" if attribute(&e, "ctype").as_deref() == Some("lb") => {
                        Some(Piece::LineBreak)
                    }
                    _ => None,
                };
                if let (Some(piece), Some((_, u))) = (piece, unit.as_mut())
                    && let Some(t) = u.target.as_mut()
                {
                    t.push(piece);
                }
            }
            Event::End(e) if in_target => match e.name().as_ref() {
                "ph" => in_ph = false,
                "g" => {
                    if let Some(t) = unit.as_mut().and_then(|(_, u)| u.target.as_mut()) {
                        t.push(Piece::Close);
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                let text = t.xml_content(quick_xml::XmlVersion::Implicit1_0);
                push_text(&mut unit, in_target && !in_ph, in_hash, &mut hash, &text);
            }
            Event::CData(t) => {
                let text = t
                    .xml_content(quick_xml::XmlVersion::Implicit1_0)
                    .into_owned();
                push_text(&mut unit, in_target && !in_ph, in_hash, &mut hash, &text);
            }
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match &*r.xml_content(quick_xml::XmlVersion::Implicit1_0) {
                        "amp" => "&".to_owned(),
                        "lt" => "<".to_owned(),
                        "gt" => ">".to_owned(),
                        "quot" => "\"".to_owned(),
                        "apos" => "'".to_owned(),
                        other => return Err((line, format!("unknown entity &{other};"))),
                    },
                };
                push_text(&mut unit, in_target && !in_ph, in_hash, &mut hash, &text);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

fn push_text(
    unit: &mut Option<(String, Unit)>,
    in_target: bool,
    in_hash: bool,
    hash: &mut String,
    text: &str,
) {
    if in_hash {
        hash.push_str(text);
    } else if in_target && let Some(t) = unit.as_mut().and_then(|(_, u)| u.target.as_mut()) {
        match t.last_mut() {
            Some(Piece::Text(s)) => s.push_str(text),
            _ => t.push(Piece::Text(text.to_owned())),
        }
    }
}

/// Checks the translated file `bytes` (named `file`) against the current `segments` of the
/// Norwegian text, which must be translated into `target_language` (BCP 47). Returns the
/// translation of every segment, in order, or every problem found.
pub fn check(
    file: &str,
    bytes: &[u8],
    segments: &[Segment],
    target_language: &str,
) -> Result<Vec<Vec<Piece>>, Vec<Problem>> {
    let problem = |line, unit: Option<&str>, kind| Problem {
        file: file.to_owned(),
        line,
        unit: unit.map(str::to_owned),
        kind,
    };
    let translated = match read(bytes) {
        Ok(t) => t,
        Err((line, why)) => {
            return Err(vec![problem(Some(line), None, ProblemKind::Malformed(why))]);
        }
    };
    let mut problems = Vec::new();
    if !translated
        .target_language
        .eq_ignore_ascii_case(target_language)
    {
        problems.push(problem(
            None,
            None,
            ProblemKind::WrongTargetLanguage {
                found: translated.target_language.clone(),
                expected: target_language.to_owned(),
            },
        ));
    }
    let mut out = Vec::new();
    for s in segments {
        let Some(unit) = translated.units.get(&s.id) else {
            problems.push(problem(None, Some(&s.id), ProblemKind::MissingUnit));
            continue;
        };
        let at = Some(unit.line);
        if unit.hash.as_deref() != Some(s.source_hash().as_str()) {
            problems.push(problem(at, Some(&s.id), ProblemKind::StaleSource));
        }
        let target = match &unit.target {
            Some(t)
                if t.iter()
                    .any(|p| matches!(p, Piece::Text(x) if !x.trim().is_empty())) =>
            {
                t
            }
            _ => {
                problems.push(problem(at, Some(&s.id), ProblemKind::Untranslated));
                continue;
            }
        };
        let codes = |pieces: &[Piece]| -> Vec<String> {
            pieces
                .iter()
                .filter_map(|p| match p {
                    Piece::Value { id, .. } | Piece::Open { id, .. } => Some(id.clone()),
                    _ => None,
                })
                .collect()
        };
        let expected = codes(&s.pieces);
        let found = codes(target);
        for id in &expected {
            match found.iter().filter(|f| *f == id).count() {
                0 => problems.push(problem(
                    at,
                    Some(&s.id),
                    ProblemKind::DroppedPlaceholder(id.clone()),
                )),
                1 => {}
                _ => problems.push(problem(
                    at,
                    Some(&s.id),
                    ProblemKind::RepeatedPlaceholder(id.clone()),
                )),
            }
        }
        for id in found.iter().filter(|f| !expected.contains(f)) {
            problems.push(problem(
                at,
                Some(&s.id),
                ProblemKind::UnknownPlaceholder(id.clone()),
            ));
        }
        // The values come from the current profile, never from the file.
        let values: BTreeMap<&str, &Piece> = s
            .pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Value { id, .. } | Piece::Open { id, .. } => Some((id.as_str(), p)),
                _ => None,
            })
            .collect();
        out.push(
            target
                .iter()
                .map(|p| match p {
                    Piece::Value { id, .. } | Piece::Open { id, .. } => values
                        .get(id.as_str())
                        .map_or_else(|| p.clone(), |v| (*v).clone()),
                    other => other.clone(),
                })
                .collect(),
        );
    }
    for (id, unit) in &translated.units {
        if !segments.iter().any(|s| &s.id == id) {
            problems.push(problem(Some(unit.line), Some(id), ProblemKind::UnknownUnit));
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
