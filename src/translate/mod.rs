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
pub mod segment;
pub mod xliff;

use crate::Error;
use crate::pack::PackFile;
use crate::pipeline::Pipeline;
use crate::plan::{DocumentJob, DocumentKind, Participant, Plan};
use crate::profile::Language;
use crate::register::SamiLanguage;
use crate::typst_markup::escape_markdown;
use crate::typst_markup::mark_value;
use segment::Segment;

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
        .filter_map(|job| awaiting(job).map(|language| (job, language)))
}

/// The Sami language `job` is still waiting for: a citizen text of a municipality in the
/// Sami language area, for which no translation has been supplied (none can be yet).
/// Agreements, the DPIA and the checklist never wait.
pub fn awaiting(job: &DocumentJob) -> Option<SamiLanguage> {
    job.municipality
        .sami_language
        .filter(|_| job.kind.is_citizen_text())
}

/// The mark on every page of a citizen text that waits for its Sami version.
pub fn page_mark(language: Language) -> &'static str {
    language.pick("SAMISK VERSJON MANGLER", "SAMISK VERSJON MANGLAR")
}

/// `marked` (a rendered citizen text) with a visible notice under its title that the Sami
/// version is missing, naming the language and the translation file in the pack. The
/// Norwegian text itself is unchanged.
pub fn with_missing_notice(marked: &str, job: &DocumentJob, language: SamiLanguage) -> String {
    let value = |v: &str| mark_value(&escape_markdown(v));
    let municipality = value(&job.municipality.organisation().name);
    let file = value(&file_name(&job.file_stem, language));
    let sami = language.norwegian_name();
    let notice = match job.language {
        Language::Nb => format!(
            "**⟦SAMISK VERSJON MANGLER⟧** {municipality} er i forvaltningsområdet for samisk språk. Denne teksten skal publiseres på {sami} og norsk samtidig (sameloven § 3-2). Den samiske versjonen lages fra oversettelsespakken {file} i denne pakken."
        ),
        Language::Nn => format!(
            "**⟦SAMISK VERSJON MANGLAR⟧** {municipality} er i forvaltingsområdet for samisk språk. Denne teksten skal publiserast på {sami} og norsk samtidig (samelova § 3-2). Den samiske versjonen blir laga frå omsetjingspakken {file} i denne pakken."
        ),
    };
    // After the title line: the first line is `# Title` (templates/README.md).
    match marked.split_once('\n') {
        Some((title, rest)) if title.starts_with("# ") => {
            format!("{title}\n\n{notice}\n{rest}")
        }
        _ => format!("{notice}\n\n{marked}"),
    }
}

/// The municipalities of `plan` waiting for their Sami text, each once, in plan order.
/// Until a translation can be imported, that is every municipality of the area.
pub fn awaiting_sami(plan: &Plan) -> Vec<(&Participant, SamiLanguage)> {
    let mut out: Vec<(&Participant, SamiLanguage)> = Vec::new();
    for (job, language) in jobs_to_translate(plan) {
        if !out.iter().any(|(p, _)| p.number == job.municipality.number) {
            out.push((&job.municipality, language));
        }
    }
    out
}

/// The translation package of `plan`: per municipality in the area, one XLIFF file per
/// citizen text and one glossary. Empty for a pack outside the area.
pub fn package(pipeline: &Pipeline, plan: &Plan) -> Result<Vec<PackFile>, Error> {
    let mut files = Vec::new();
    for (job, language) in jobs_to_translate(plan) {
        let marked = pipeline.marked(plan, job)?;
        files.push(PackFile {
            name: file_name(&job.file_stem, language),
            bytes: document(job, language, &segment::segments(&marked)),
        });
    }
    for (p, language) in awaiting_sami(plan) {
        files.push(PackFile {
            name: format!("ordliste-{}.{}.xlf", p.number, language.code()),
            bytes: glossary::xliff(p, plan_language(plan, p), language),
        });
    }
    Ok(files)
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
        "Plassholderne (ph) er verdier fra kommunens profil, som datoer, navn, adresser og telefonnumre. Flytt dem dit de hører hjemme i setningen, men ikke skriv dem om, og ikke fjern dem. Hver plassholder skal stå nøyaktig én gang. Formatering (g) skal rundt de tilsvarende ordene.".to_owned(),
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
/// `<file_stem>.<language>.xlf` per text waiting for its Sami version (the names the package
/// gave them). Returns how many units were checked, or every problem of every file.
pub fn check_dir(
    pipeline: &Pipeline,
    plan: &Plan,
    dir: &std::path::Path,
) -> Result<Result<usize, Vec<import::Problem>>, Error> {
    let mut problems = Vec::new();
    let mut units = 0;
    for (job, language) in jobs_to_translate(plan) {
        let name = file_name(&job.file_stem, language);
        let path = dir.join(&name);
        let shown = path.display().to_string();
        let Ok(bytes) = std::fs::read(&path) else {
            problems.push(import::Problem {
                file: shown,
                line: None,
                unit: None,
                kind: import::ProblemKind::MissingFile,
            });
            continue;
        };
        let segments = segment::segments(&pipeline.marked(plan, job)?);
        units += segments.len();
        if let Err(p) = import::check(&shown, &bytes, &segments, language.bcp47()) {
            problems.extend(p);
        }
    }
    Ok(if problems.is_empty() {
        Ok(units)
    } else {
        Err(problems)
    })
}
