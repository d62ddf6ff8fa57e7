//! The fixed terms of the citizen texts, for the translator to settle once per language
//! and reuse: an XLIFF 1.2 file whose targets are empty.

use super::segment::{Piece, Segment, SegmentKind};
use super::xliff;
use crate::plan::Participant;
use crate::profile::Language;
use crate::register::SamiLanguage;

/// One term: bokmål, nynorsk, and what it means here.
struct Term {
    id: &'static str,
    nb: &'static str,
    nn: &'static str,
    note: &'static str,
}

const TERMS: &[Term] = &[
    Term {
        id: "okonomisk-sosialhjelp",
        nb: "økonomisk sosialhjelp",
        nn: "økonomisk sosialhjelp",
        note: "Stønaden etter sosialtjenesteloven § 18 som søknaden gjelder.",
    },
    Term {
        id: "nav-kontor",
        nb: "Nav-kontor",
        nn: "Nav-kontor",
        note: "Det lokale kontoret (stat og kommune sammen) som behandler søknaden. Merkenavnet skrives «Nav».",
    },
    Term {
        id: "nav-kontaktsenter",
        nb: "Nav Kontaktsenter",
        nn: "Nav Kontaktsenter",
        note: "Navs nasjonale telefontjeneste.",
    },
    Term {
        id: "soknad",
        nb: "søknad",
        nn: "søknad",
        note: "Søknaden om økonomisk sosialhjelp, på nav.no eller på papir.",
    },
    Term {
        id: "soke",
        nb: "søke",
        nn: "søkje",
        note: "Å sende inn en søknad.",
    },
    Term {
        id: "vedtak",
        nb: "vedtak",
        nn: "vedtak",
        note: "Det skriftlige svaret på søknaden (enkeltvedtak).",
    },
    Term {
        id: "forelopig-svar",
        nb: "foreløpig svar",
        nn: "førebels svar",
        note: "Svar som sendes når behandlingen tar mer enn én måned.",
    },
    Term {
        id: "klage",
        nb: "klage",
        nn: "klage",
        note: "Å be om at vedtaket blir vurdert på nytt; også klagen selv.",
    },
    Term {
        id: "taushetsplikt",
        nb: "taushetsplikt",
        nn: "teieplikt",
        note: "Plikten til ikke å gi opplysninger om søkeren videre.",
    },
    Term {
        id: "elektronisk-id",
        nb: "elektronisk ID på høyt sikkerhetsnivå",
        nn: "elektronisk ID på høgt tryggleiksnivå",
        note: "Innlogging med BankID eller tilsvarende (ID-porten).",
    },
    Term {
        id: "tolk",
        nb: "tolk",
        nn: "tolk",
        note: "Tolk ved samtale med kontoret.",
    },
    Term {
        id: "kontoutskrift",
        nb: "kontoutskrift",
        nn: "kontoutskrift",
        note: "Dokumentasjon som legges ved søknaden.",
    },
    Term {
        id: "husleiekontrakt",
        nb: "husleiekontrakt",
        nn: "husleigekontrakt",
        note: "Dokumentasjon som legges ved søknaden.",
    },
    Term {
        id: "ansvar-for-opplysningene",
        nb: "har ansvaret for opplysningene om deg",
        nn: "har ansvaret for opplysningane om deg",
        note: "Behandlingsansvarlig etter personvernforordningen, sagt enkelt.",
    },
];

/// The glossary for `p`, from its written standard `source` into `target`.
pub fn xliff(p: &Participant, source: Language, target: SamiLanguage) -> Vec<u8> {
    let segments: Vec<Segment> = TERMS
        .iter()
        .map(|t| Segment {
            id: t.id.to_owned(),
            kind: SegmentKind::Paragraph,
            section: String::new(),
            pieces: vec![Piece::Text(source.pick(t.nb, t.nn).to_owned())],
            // A term stands in no document.
            span: 0..0,
        })
        .collect();
    let units = segments
        .iter()
        .zip(TERMS)
        .map(|(segment, t)| xliff::Unit {
            segment,
            note: t.note.to_owned(),
            empty_target: true,
        })
        .collect();
    let original = format!("ordliste-{}", p.number);
    xliff::write(&xliff::File {
        original: &original,
        source_language: source.code(),
        target_language: target.bcp47(),
        header_notes: vec![format!(
            "Ordliste for {}: faste uttrykk i brevet og nyhetssaken, til {} ({}). Fyll inn det godkjente uttrykket én gang og bruk det likt i alle tekster. Ingen maskinoversettelse.",
            p.organisation().name,
            target.norwegian_name(),
            target.bcp47()
        )],
        units,
    })
}
