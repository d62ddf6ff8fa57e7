//! The translation package for the Sami language area (sameloven § 3-2): the letter to
//! residents and the news text as XLIFF 1.2 for the municipality's own translator, one
//! unit per heading, paragraph and list item of the rendered Norwegian text, the
//! profile's values as protected placeholders, a note with context per unit and a hash of
//! its source text; and a glossary of the fixed terms with empty targets.
//!
//! Nothing here translates: no machine translation is acceptable for citizen text, and
//! the package never holds Sami text the municipality did not supply.

pub mod glossary;
pub mod import;
pub mod xliff;

pub use crate::typst_markup::segment;

use crate::Error;
use crate::pack::PackFile;
use crate::pipeline::Pipeline;
use crate::plan::{DocumentJob, DocumentKind, Participant, Plan};
use crate::profile::Language;
use crate::register::SamiLanguage;
use crate::typst_markup::{Marked, escape_value};
use segment::{Piece, Segment};

/// The file name of `job`'s translation file into `language`:
/// `informasjonsbrev-5612.sme.xlf`.
pub fn file_name(file_stem: &str, language: SamiLanguage) -> String {
    format!("{file_stem}.{}.xlf", language.code())
}

/// The documents of `plan` that need a Sami version: the citizen texts of every
/// municipality in the Sami language area, each with its language.
pub fn jobs_to_translate(plan: &Plan) -> impl Iterator<Item = (&DocumentJob, SamiLanguage)> {
    plan.documents
        .iter()
        .filter_map(|job| needs_sami(job).map(|language| (job, language)))
}

/// The Sami language `job` needs a version in: a citizen text of a municipality in the
/// Sami language area. Agreements, the DPIA and the checklist never need one.
pub fn needs_sami(job: &DocumentJob) -> Option<SamiLanguage> {
    job.municipality
        .sami_language
        .filter(|_| job.kind.is_citizen_text())
}

/// The Sami language `job` of `plan` is still waiting for: it needs one and the profile
/// gives no translation (a translation given is checked, and stops the pack if it fails).
pub fn awaiting(plan: &Plan, job: &DocumentJob) -> Option<SamiLanguage> {
    needs_sami(job).filter(|_| plan.sami.translation.is_none())
}

/// The mark on every page of a citizen text that waits for its Sami version.
pub fn page_mark(language: Language) -> &'static str {
    language.pick("SAMISK VERSJON MANGLER", "SAMISK VERSJON MANGLAR")
}

/// `marked` (a rendered citizen text) with a visible notice under its title that the Sami
/// version is missing, naming the language and the translation file in the pack. The
/// Norwegian text itself is unchanged.
pub fn with_missing_notice(marked: &Marked, job: &DocumentJob, language: SamiLanguage) -> Marked {
    let municipality = escape_value(&job.municipality.organisation().name);
    let file = escape_value(&file_name(&job.file_stem, language));
    let sami = language.norwegian_name();
    let notice = match job.language {
        Language::Nb => format!(
            "**⟦SAMISK VERSJON MANGLER⟧** {municipality} er i forvaltningsområdet for samisk språk. Denne teksten skal publiseres på {sami} og norsk samtidig (sameloven § 3-2). Den samiske versjonen lages fra oversettelsespakken {file} i denne pakken."
        ),
        Language::Nn => format!(
            "**⟦SAMISK VERSJON MANGLAR⟧** {municipality} er i forvaltingsområdet for samisk språk. Denne teksten skal publiserast på {sami} og norsk samtidig (samelova § 3-2). Den samiske versjonen blir laga frå omsetjingspakken {file} i denne pakken."
        ),
    };
    marked.with_notice(&notice)
}

/// The municipalities of `plan` waiting for their Sami text, each once, in plan order:
/// every municipality of the area while the profile gives no translation.
pub fn awaiting_sami(plan: &Plan) -> Vec<(&Participant, SamiLanguage)> {
    let mut out: Vec<(&Participant, SamiLanguage)> = Vec::new();
    if plan.sami.translation.is_some() {
        return out;
    }
    for (job, language) in jobs_to_translate(plan) {
        if !out.iter().any(|(p, _)| p.number == job.municipality.number) {
            out.push((&job.municipality, language));
        }
    }
    out
}

/// The translation package of `plan` (`translate export`): per municipality in the area,
/// one XLIFF file per citizen text and one glossary. Empty for a pack outside the area.
pub fn package(pipeline: &Pipeline, plan: &Plan) -> Result<Vec<PackFile>, Error> {
    let mut files = Vec::new();
    for (job, language) in jobs_to_translate(plan) {
        let segments = pipeline.marked(plan, job)?.segments();
        files.push(export(job, language, &segments));
    }
    files.extend(glossaries(plan));
    Ok(files)
}

/// The XLIFF file of `job`'s `segments`, for translation into `language`.
pub fn export(job: &DocumentJob, language: SamiLanguage, segments: &[Segment]) -> PackFile {
    PackFile {
        name: file_name(&job.file_stem, language),
        bytes: document(job, language, segments),
    }
}

/// One glossary of the fixed terms per municipality of `plan` in the area.
pub fn glossaries(plan: &Plan) -> Vec<PackFile> {
    let mut out: Vec<(&Participant, SamiLanguage)> = Vec::new();
    for (job, language) in jobs_to_translate(plan) {
        if !out.iter().any(|(p, _)| p.number == job.municipality.number) {
            out.push((&job.municipality, language));
        }
    }
    out.into_iter()
        .map(|(p, language)| PackFile {
            name: format!("ordliste-{}.{}.xlf", p.number, language.code()),
            bytes: glossary::xliff(p, plan_language(plan, p), language),
        })
        .collect()
}

/// A checked translation of one citizen text.
pub struct Translation {
    /// Its language.
    pub language: SamiLanguage,
    /// The translated file as given, for the pack (it records what was printed).
    pub file: PackFile,
    /// The segments of the current Norwegian text.
    pub segments: Vec<Segment>,
    /// The translation of each segment, in order, with the segments' own values.
    pub pieces: Vec<Vec<Piece>>,
}

/// Reads and checks the translation of `job` (its current Norwegian `segments`) into
/// `language` from `dir`, under the name the package gave it.
pub fn load(
    dir: &std::path::Path,
    job: &DocumentJob,
    language: SamiLanguage,
    segments: Vec<Segment>,
) -> Result<Translation, Vec<import::Problem>> {
    let name = file_name(&job.file_stem, language);
    let path = dir.join(&name);
    let shown = path.display().to_string();
    let Ok(bytes) = std::fs::read(&path) else {
        return Err(vec![import::Problem {
            file: shown,
            line: None,
            unit: None,
            kind: import::ProblemKind::MissingFile,
        }]);
    };
    let pieces = import::check(&shown, &bytes, &segments, language.bcp47())?;
    Ok(Translation {
        language,
        file: PackFile { name, bytes },
        segments,
        pieces,
    })
}

/// The HTML files of a bilingual citizen text: each version in an `<article>` with its
/// `lang`, opening with a link to the other version's file (`hreflang` set), in Norwegian
/// and marked so, since nobody here writes Sami.
pub fn linked_html(
    job: &DocumentJob,
    language: SamiLanguage,
    norwegian: &str,
    sami: &str,
) -> (String, String) {
    let nb = job.language.code();
    let se = language.bcp47();
    let to_sami = format!(
        // The same words in bokmål and nynorsk.
        "<p><a href=\"{}.{}.html\" hreflang=\"{se}\">Les på {}</a></p>\n",
        job.file_stem,
        language.code(),
        language.norwegian_name(),
    );
    let to_norwegian = format!(
        "<p lang=\"{nb}\"><a href=\"{}.html\" hreflang=\"{nb}\">Les på norsk</a></p>\n",
        job.file_stem,
    );
    (
        format!("<article lang=\"{nb}\">\n{to_sami}{norwegian}</article>\n"),
        format!("<article lang=\"{se}\">\n{to_norwegian}{sami}</article>\n"),
    )
}

/// The written standard of `p`'s citizen texts.
fn plan_language(plan: &Plan, p: &Participant) -> Language {
    plan.documents
        .iter()
        .find(|j| j.kind.is_citizen_text() && j.municipality.number == p.number)
        .map_or(p.language, |j| j.language)
}

/// The document's name in Norwegian, for notes.
fn describe(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Informasjonsbrev => "informasjonsbrevet til innbyggerne",
        DocumentKind::Nyhetssak => "nyhetssaken til nettsidene",
        _ => "dokumentet",
    }
}

/// The XLIFF file of `job` for translation into `language`.
pub fn document(job: &DocumentJob, language: SamiLanguage, segments: &[Segment]) -> Vec<u8> {
    let municipality = job.municipality.organisation().name;
    let header_notes = vec![
        format!(
            "Oversettelse av {} for {municipality} til {} ({}). Teksten skal oversettes av et menneske som kommunen godkjenner (sameloven § 3-2); ikke bruk maskinoversettelse.",
            describe(job.kind),
            language.norwegian_name(),
            language.bcp47(),
        ),
        "Plassholderne (ph) er verdier fra kommunens profil, som datoer, navn, adresser og telefonnumre. Flytt dem dit de hører hjemme i setningen, men ikke skriv dem om, og ikke fjern dem. Hver plassholder skal stå nøyaktig én gang. En dato settes inn med tall i den samiske teksten («2. mars 2026» blir «2.3.2026»); det gjør programmet selv. Formatering (g) skal rundt de tilsvarende ordene.".to_owned(),
        "Hver enhet har en SHA-256 av den norske kildeteksten (context-type x-digisos-source-sha256). Endres den norske teksten, blir oversettelsen av enheten markert som utdatert ved import.".to_owned(),
    ];
    let units = segments
        .iter()
        .map(|s| xliff::Unit {
            segment: s,
            note: note(job, s),
            empty_target: false,
        })
        .collect();
    xliff::write(&xliff::File {
        original: &job.file_stem,
        source_language: job.language.code(),
        target_language: language.bcp47(),
        header_notes,
        units,
    })
}

/// Where `s` stands and what its placeholders hold.
fn note(job: &DocumentJob, s: &Segment) -> String {
    let mut note = format!("{} i {}", capitalise(s.kind.describe()), describe(job.kind));
    if !s.section.is_empty() {
        note.push_str(&format!(", under overskriften «{}»", s.section));
    }
    note.push('.');
    let values: Vec<String> = s
        .values()
        .map(|(id, text)| format!("{id} = «{text}»"))
        .collect();
    if !values.is_empty() {
        note.push_str(" Plassholdere (flyttes, skrives ikke om): ");
        note.push_str(&values.join("; "));
        note.push('.');
    }
    note
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// What `generate` and `batch` say (and, with `--require-sami`, refuse) for a plan whose
/// citizen texts wait for their Sami version; `None` when nothing waits.
pub fn awaiting_message(plan: &Plan) -> Option<String> {
    let waiting = awaiting_sami(plan);
    if waiting.is_empty() {
        return None;
    }
    let names: Vec<String> = waiting
        .iter()
        .map(|(p, l)| format!("{} kommune ({})", p.short_name, l.code()))
        .collect();
    Some(format!(
        "waiting for the Sami text: {} (sameloven § 3-2); the letter and the news text are written in Norwegian marked «samisk versjon mangler», and the translation package (*.xlf) is in the pack; the agreements are not held back",
        names.join(", ")
    ))
}

/// Checks the translated files in `dir` against `plan`'s current Norwegian texts: one
/// `<file_stem>.<language>.xlf` per text that needs a Sami version (the names the package
/// gave them). Returns how many units were checked; every problem of every file is an
/// [`Error::Translation`].
pub fn check_dir(pipeline: &Pipeline, plan: &Plan, dir: &std::path::Path) -> Result<usize, Error> {
    let mut problems = Vec::new();
    let mut units = 0;
    for (job, language) in jobs_to_translate(plan) {
        match load(dir, job, language, pipeline.marked(plan, job)?.segments()) {
            Ok(t) => units += t.segments.len(),
            Err(p) => problems.extend(p),
        }
    }
    if problems.is_empty() {
        Ok(units)
    } else {
        Err(Error::Translation {
            folder: dir.to_owned(),
            problems,
        })
    }
}
