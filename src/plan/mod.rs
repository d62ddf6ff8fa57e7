//! Stage 2: decides, from a validated profile, which documents a pack holds and what each
//! one says about parties, controllership, routing and fees.

mod model;
mod rules;
mod slug;
pub mod timeline;

pub use model::*;
pub use rules::{Role, Rules, rules, rules_by_key};
pub use slug::slug;

use crate::profile::{Cooperation, Language, Member, Municipality, Profile};
use crate::reference::Reference;

/// Plans the pack for `profile`.
pub fn build(profile: &Profile, reference: &Reference) -> Plan {
    let rules = rules::rules(&profile.cooperation);
    let host = participant(&profile.municipality);
    let members: Vec<Participant> = members_of(&profile.cooperation)
        .iter()
        .map(member)
        .collect();
    let everyone: Vec<Participant> = std::iter::once(host.clone()).chain(members).collect();
    let board = match &profile.cooperation {
        Cooperation::Board { board, .. } => Some(board),
        _ => None,
    };

    // The organisation that holds `role` for `p`.
    let organisation = |role: Role, p: &Participant| match (role, board) {
        (Role::Board, Some(b)) => Organisation {
            name: b.name.clone(),
            org_number: b.org_number.clone(),
        },
        (Role::Host, _) | (Role::Board, None) => host.organisation(),
        (Role::Own, _) => p.organisation(),
    };
    let served: Vec<String> = everyone.iter().map(|p| p.short_name.clone()).collect();
    let routing = |p: &Participant| Routing {
        unit: profile.nav_office.name.clone(),
        municipality: match rules.shown_on_navno {
            Role::Own => p.organisation().name,
            Role::Host | Role::Board => host.organisation().name,
        },
        served: served.clone(),
    };

    // Agreements: one pair per party the Directorate signs with, each covering its municipalities.
    let signing_groups: Vec<(Party, String, Vec<Participant>)> = match (rules.signs, board) {
        (Role::Own, _) => everyone
            .iter()
            .map(|p| (own_party(profile, p), p.number.clone(), vec![p.clone()]))
            .collect(),
        (Role::Board, Some(b)) => vec![(
            Party {
                organisation: organisation(Role::Board, &host),
                address: None,
                signatory: b.signatory.clone(),
            },
            b.org_number.as_str().to_owned(),
            everyone.clone(),
        )],
        (Role::Host | Role::Board, _) => vec![(
            own_party(profile, &host),
            host.number.clone(),
            everyone.clone(),
        )],
    };
    let party_of = |p: &Participant| {
        signing_groups
            .iter()
            .find(|(_, _, covered)| covered.iter().any(|c| c.number == p.number))
            .map(|(party, _, _)| party.clone())
            .unwrap_or_else(|| own_party(profile, p))
    };

    let clauses = |covered: &[Participant]| Clauses {
        on_behalf_of_members: rules.signs == Role::Host && everyone.len() > 1,
        each_member_signs: rules.signs == Role::Own && everyone.len() > 1,
        board_is_party: rules.signs == Role::Board,
        board_assumption: rules.assumed,
        shared_office: served.len() > 1,
        innsyn: profile.innsyn,
        fee_combined: rules.fee_on_combined_population && covered.len() > 1,
    };
    let fee = |covered: &[Participant]| {
        let population = if rules.fee_on_combined_population {
            covered.iter().map(|p| p.population).sum()
        } else {
            covered[0].population
        };
        connection_fee(population, reference)
    };
    let signatures = |party: &Party| {
        vec![
            Signature {
                party: party.organisation.name.clone(),
                name: party.signatory.name.clone(),
                title: party.signatory.title.clone(),
            },
            Signature {
                party: reference.directorate.name.clone(),
                name: reference.directorate.signatory_name.clone(),
                title: reference.directorate.signatory_title.clone(),
            },
        ]
    };
    let job = |kind: DocumentKind,
               id: &str,
               party: &Party,
               covered: Vec<Participant>,
               subject: &Participant,
               language: Language| {
        DocumentJob {
            kind,
            language,
            file_stem: format!("{}-{id}", kind.id()),
            party: party.clone(),
            controller: organisation(rules.controller, subject),
            recipient: organisation(rules.recipient, subject),
            municipality: subject.clone(),
            routing: routing(subject),
            fee: fee(&covered),
            clauses: clauses(&covered),
            signatures: if kind.is_agreement() {
                signatures(party)
            } else {
                Vec::new()
            },
            covered,
        }
    };

    let mut documents = Vec::new();
    for kind in [
        DocumentKind::Databehandleravtale,
        DocumentKind::Samarbeidsavtale,
    ] {
        for (party, id, covered) in &signing_groups {
            // A board writes in its host's standard; a municipality in its own.
            let subject = covered
                .iter()
                .find(|p| p.organisation() == party.organisation)
                .unwrap_or(&host);
            documents.push(job(
                kind,
                id,
                party,
                covered.clone(),
                subject,
                subject.language,
            ));
        }
    }
    // The DPIA: one per controller, covering the municipalities it controls.
    let mut controllers: Vec<(Organisation, Vec<Participant>)> = Vec::new();
    for p in &everyone {
        let controller = organisation(rules.controller, p);
        match controllers.iter_mut().find(|(c, _)| *c == controller) {
            Some((_, covered)) => covered.push(p.clone()),
            None => controllers.push((controller, vec![p.clone()])),
        }
    }
    for (controller, covered) in controllers {
        // Named like the agreements: by kommunenummer, or by organisation number for a board.
        let subject = covered
            .iter()
            .find(|p| p.organisation() == controller)
            .unwrap_or(&covered[0])
            .clone();
        let id = if subject.organisation() == controller {
            subject.number.clone()
        } else {
            controller.org_number.as_str().to_owned()
        };
        documents.push(job(
            DocumentKind::Pvk,
            &id,
            &party_of(&subject),
            covered,
            &subject,
            subject.language,
        ));
    }
    // Residents' texts and the dated checklist: one per participating municipality, in its
    // own standard.
    for kind in [
        DocumentKind::Informasjonsbrev,
        DocumentKind::Nyhetssak,
        DocumentKind::Sjekkliste,
    ] {
        for p in &everyone {
            documents.push(job(
                kind,
                &p.number,
                &party_of(p),
                vec![p.clone()],
                p,
                p.language,
            ));
        }
    }

    let sami = everyone.iter().filter_map(|p| {
        p.sami_name.as_ref().map(|sami| {
            format!(
                "{} kommune ({sami}) is in the administrative area for Sami language: provide a Sami version of the letter and the news text (sámegiella is not generated)",
                p.short_name
            )
        })
    });
    let warnings = profile
        .warnings
        .iter()
        .map(|w| w.describe(&profile.path))
        .chain(sami)
        .collect();

    Plan {
        pack_name: format!("{}-{}", host.number, slug(&host.short_name)),
        rules,
        profile: profile.clone(),
        documents,
        timeline: timeline::dated(profile.connection_date),
        warnings,
    }
}

/// The connection fee for `population` inhabitants, by the handbook's rule: the flat fee
/// up to the threshold, a price per inhabitant over it. The handbook says "under 6 300" and
/// "over 6 300"; exactly 6 300 is taken as the flat fee (the documents say so).
pub fn connection_fee(population: u32, reference: &Reference) -> Fee {
    let prices = &reference.prices;
    if population > prices.connection_threshold {
        Fee {
            population,
            rule: FeeRule::PerInhabitant,
            amount_ore: u64::from(population) * prices.connection_per_inhabitant_ore,
        }
    } else {
        Fee {
            population,
            rule: FeeRule::Flat,
            amount_ore: prices.connection_flat_nok * 100,
        }
    }
}

fn members_of(cooperation: &Cooperation) -> &[Member] {
    match cooperation {
        Cooperation::Single => &[],
        Cooperation::HostWithTransfer { members }
        | Cooperation::HostWithoutTransfer { members }
        | Cooperation::Board { members, .. } => members,
    }
}

fn participant(m: &Municipality) -> Participant {
    let entry = crate::register::find(&m.number);
    Participant {
        short_name: m.name.clone(),
        number: m.number.as_str().to_owned(),
        org_number: m.org_number.clone(),
        county: m.county.clone(),
        population: m.population,
        language: m.language,
        sami_name: sami_name(entry),
    }
}

fn member(m: &Member) -> Participant {
    let entry = crate::register::find(&m.number);
    Participant {
        short_name: m.name.clone(),
        number: m.number.as_str().to_owned(),
        org_number: m.org_number.clone(),
        county: entry.as_ref().map(|e| e.county.clone()).unwrap_or_default(),
        population: m.population,
        language: m.language,
        sami_name: sami_name(entry),
    }
}

fn sami_name(entry: Option<crate::register::Entry>) -> Option<String> {
    entry
        .filter(|e| e.sami_area && !e.parallel_names.is_empty())
        .map(|e| e.parallel_names.replace("; ", " / "))
}

/// The party a municipality signs as: itself, with its signatory. A member without its own
/// signatory never signs (validation requires one where members sign).
fn own_party(profile: &Profile, p: &Participant) -> Party {
    let m = &profile.municipality;
    if p.number == m.number.as_str() {
        return Party {
            organisation: p.organisation(),
            address: m
                .address
                .as_ref()
                .map(|a| format!("{}, {} {}", a.street, a.postal_code, a.city)),
            signatory: m.signatory.clone(),
        };
    }
    let signatory = members_of(&profile.cooperation)
        .iter()
        .find(|x| x.number.as_str() == p.number)
        .and_then(|x| x.signatory.clone())
        .unwrap_or_else(|| m.signatory.clone());
    Party {
        organisation: p.organisation(),
        address: None,
        signatory,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fee(population: u32) -> Fee {
        connection_fee(population, &Reference::builtin().unwrap())
    }

    #[test]
    fn the_connection_fee_is_flat_up_to_6300_and_per_inhabitant_above() {
        assert_eq!(
            fee(6_299),
            Fee {
                population: 6_299,
                rule: FeeRule::Flat,
                amount_ore: 5_500_000
            }
        );
        assert_eq!(
            fee(6_300),
            Fee {
                population: 6_300,
                rule: FeeRule::Flat,
                amount_ore: 5_500_000
            }
        );
        assert_eq!(
            fee(6_301),
            Fee {
                population: 6_301,
                rule: FeeRule::PerInhabitant,
                amount_ore: 5_418_860
            }
        );
        assert_eq!(
            fee(130_000),
            Fee {
                population: 130_000,
                rule: FeeRule::PerInhabitant,
                amount_ore: 111_800_000
            }
        );
    }
}
