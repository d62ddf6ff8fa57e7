//! Stage 2: decides, from a validated profile, which documents a pack holds and what each
//! one says about parties, controllership, routing, contacts, dates and fees.
//!
//! The [`Plan`] is closed: rendering, the manifest and the batch summary read it and never
//! the profile. Each decision is one small method of the planner, tested on its own.

mod model;
mod rules;
mod slug;
pub mod timeline;

pub use model::*;
pub(crate) use rules::rules_of;
pub use rules::{Role, Rules};
pub use slug::slug;

use crate::profile::{Cooperation, CooperationModel, Member, Municipality, Profile};
use crate::reference::Reference;

/// Plans the pack for `profile`.
pub fn build(profile: &Profile, reference: &Reference) -> Plan {
    let planner = Planner::new(profile, reference);
    let mut documents = planner.agreements();
    documents.extend(planner.dpias());
    documents.extend(planner.municipal_documents());
    Plan {
        pack_name: format!("{}-{}", planner.host.number, slug(&planner.host.short_name)),
        rules: planner.rules,
        dates: Dates {
            agreement: profile.documents_date,
            publication: profile.publication_date,
            connection: profile.connection_date,
        },
        batch: profile.batch.clone(),
        source: Source {
            file: profile
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| profile.path.display().to_string()),
            sha256: profile.sha256.clone(),
        },
        office: planner.office(),
        case_system: profile.case_system.clone(),
        timeline: timeline::dated(profile.connection_date),
        sami: profile.sami.clone(),
        warnings: planner.warnings(),
        docx: false,
        documents,
    }
}

/// The connection fee for `population` inhabitants, by the handbook's rule: the flat fee
/// up to the threshold, a price per inhabitant over it. The handbook says "under 6 300" and
/// "over 6 300"; exactly 6 300 is taken as the flat fee (the documents say so).
fn connection_fee(population: u32, reference: &Reference) -> Fee {
    let prices = &reference.prices;
    let (rule, amount_ore) = if population > prices.connection_threshold {
        (
            FeeRule::PerInhabitant,
            u64::from(population) * prices.connection_per_inhabitant_ore,
        )
    } else {
        (FeeRule::Flat, prices.connection_flat_nok * 100)
    };
    Fee {
        population,
        rule,
        amount_ore,
        population_from_register: false,
    }
}

/// The facts planning works from: the profile, its rules and its municipalities.
struct Planner<'a> {
    profile: &'a Profile,
    reference: &'a Reference,
    rules: Rules,
    /// The profile's own municipality: the host in a cooperation.
    host: Participant,
    /// The host first, then the members in profile order.
    everyone: Vec<Participant>,
    /// The parties the Directorate signs with, decided once for every document.
    groups: Vec<SigningGroup>,
    /// Some reference fact the agreements rely on is unconfirmed: they are drafts.
    drafts: bool,
}

/// The agreements of one signing party: the party and the municipalities it covers.
struct SigningGroup {
    party: Party,
    /// Names the files: a kommunenummer, or the body's organisation number.
    id: String,
    covered: Vec<Participant>,
}

impl<'a> Planner<'a> {
    fn new(profile: &'a Profile, reference: &'a Reference) -> Self {
        let host = participant(&profile.municipality);
        let everyone = std::iter::once(host.clone())
            .chain(profile.cooperation.members().iter().map(member))
            .collect();
        let mut planner = Planner {
            profile,
            reference,
            rules: rules::rules(&profile.cooperation),
            host,
            everyone,
            groups: Vec::new(),
            drafts: !reference.unconfirmed_keys().is_empty(),
        };
        planner.groups = planner.signing_groups();
        planner
    }

    fn model(&self) -> CooperationModel {
        self.rules.model
    }

    fn board(&self) -> Option<BoardBody> {
        match &self.profile.cooperation {
            Cooperation::Board { board, .. } => Some(BoardBody {
                organisation: Organisation {
                    name: board.name.clone(),
                    org_number: board.org_number.clone(),
                },
                legal_form: board.legal_form,
            }),
            _ => None,
        }
    }

    /// The organisation that holds `role` for `p`.
    fn organisation(&self, role: Role, p: &Participant) -> Organisation {
        match (role, self.board()) {
            (Role::Board, Some(body)) => body.organisation,
            (Role::Host, _) | (Role::Board, None) => self.host.organisation(),
            (Role::Own, _) => p.organisation(),
        }
    }

    /// Where applications from `p`'s residents are addressed: the organisation that holds
    /// the recipient role, at the sub-unit for social services a municipality names.
    fn recipient(&self, p: &Participant) -> Organisation {
        let organisation = self.organisation(self.rules.recipient, p);
        let unit = self
            .participant_of(&organisation)
            .and_then(|r| r.recipient_org_number.clone());
        match unit {
            Some(org_number) => Organisation {
                org_number,
                ..organisation
            },
            None => organisation,
        }
    }

    /// The participant that is `controller`, if a municipality is.
    fn participant_of(&self, organisation: &Organisation) -> Option<&Participant> {
        self.everyone
            .iter()
            .find(|p| p.organisation() == *organisation)
    }

    /// The office's name as nav.no writes it: a profile's "NAV Bærum" is "Nav Bærum" once
    /// the reference data spell the brand "Nav", so that no text mixes the two forms.
    fn office_name(&self) -> String {
        let name = &self.profile.nav_office.name;
        match name.strip_prefix("NAV ") {
            Some(rest) => format!("{} {rest}", self.reference.nav_brand),
            None => name.clone(),
        }
    }

    /// What nav.no shows residents of `p`.
    fn routing(&self, p: &Participant) -> Routing {
        Routing {
            unit: self.office_name(),
            municipality: match self.rules.shown_on_navno {
                Role::Own => p.organisation().name,
                Role::Host | Role::Board => self.host.organisation().name,
            },
            served: self.everyone.iter().map(|p| p.short_name.clone()).collect(),
        }
    }

    /// The parties the Directorate signs with, each covering its municipalities.
    fn signing_groups(&self) -> Vec<SigningGroup> {
        match (self.rules.signs, &self.profile.cooperation) {
            (Role::Own, _) => self
                .everyone
                .iter()
                .map(|p| SigningGroup {
                    party: self.own_party(p),
                    id: p.number.clone(),
                    covered: vec![p.clone()],
                })
                .collect(),
            (Role::Board, Cooperation::Board { board, .. }) => vec![SigningGroup {
                party: Party {
                    organisation: self.organisation(Role::Board, &self.host),
                    address: None,
                    signatory: board.signatory.clone(),
                },
                id: board.org_number.as_str().to_owned(),
                covered: self.everyone.clone(),
            }],
            (Role::Host | Role::Board, _) => vec![SigningGroup {
                party: self.own_party(&self.host),
                id: self.host.number.clone(),
                covered: self.everyone.clone(),
            }],
        }
    }

    /// The party a municipality signs as: itself, with its signatory. A member without a
    /// signatory of its own never signs (validation requires one where members sign).
    fn own_party(&self, p: &Participant) -> Party {
        let address = if p.is_host {
            self.profile
                .municipality
                .address
                .as_ref()
                .map(|a| format!("{}, {} {}", a.street, a.postal_code, a.city))
        } else {
            None
        };
        Party {
            organisation: p.organisation(),
            address,
            signatory: p
                .signatory
                .clone()
                .unwrap_or_else(|| self.profile.municipality.signatory.clone()),
        }
    }

    /// The group whose party signs for `p`.
    fn party_of(&self, p: &Participant) -> Party {
        self.groups
            .iter()
            .find(|g| g.covered.iter().any(|c| c.number == p.number))
            .map_or_else(|| self.own_party(p), |g| g.party.clone())
    }

    /// Every controller of `covered`, each with its recipient and municipalities.
    fn controllers(&self, covered: &[Participant]) -> Vec<Controller> {
        let mut out: Vec<Controller> = Vec::new();
        for p in covered {
            let organisation = self.organisation(self.rules.controller, p);
            match out.iter_mut().find(|c| c.organisation == organisation) {
                Some(c) => c.municipalities.push(p.organisation()),
                None => {
                    let own = self.participant_of(&organisation).unwrap_or(&self.host);
                    out.push(Controller {
                        recipient: self.recipient(p),
                        municipalities: vec![p.organisation()],
                        privacy_officer: own.privacy_officer.clone(),
                        contact: self.contact(own),
                        organisation,
                    });
                }
            }
        }
        out
    }

    /// The contact person on `p`'s documents: its own, or the host's marked as the host's.
    /// Validation requires a member's own where the member is controller, so the host's is
    /// only borrowed for a member whose controller the host is.
    fn contact(&self, p: &Participant) -> ContactPerson {
        match &p.contact {
            Some(contact) => ContactPerson {
                contact: contact.clone(),
                organisation: p.organisation().name,
                borrowed_from_host: false,
            },
            None => ContactPerson {
                contact: self.profile.municipality.contact.clone(),
                organisation: format!("{} (vertskommune)", self.host.organisation().name),
                borrowed_from_host: true,
            },
        }
    }

    fn clauses(&self, party: &Party, subject: &Participant, covered: &[Participant]) -> Clauses {
        let several = self.everyone.len() > 1;
        let model = self.model();
        Clauses {
            on_behalf_of_members: self.rules.signs == Role::Host && several,
            each_member_signs: self.rules.signs == Role::Own && several,
            board_is_party: self.rules.signs == Role::Board,
            board_signs_for_members: model == CooperationModel::Board
                && self.rules.controller == Role::Own,
            board_is_controller: model == CooperationModel::Board
                && self.rules.controller == Role::Board,
            board_assumption: self.rules.assumed,
            host_staff_process: model == CooperationModel::HostWithoutTransfer && !subject.is_host,
            is_member: model != CooperationModel::Single && !subject.is_host,
            signs_agreements: party.organisation == subject.organisation(),
            pays_connection_fee: party.organisation == subject.organisation(),
            host_transfer: model == CooperationModel::HostWithTransfer,
            shared_office: several,
            innsyn: self.profile.innsyn,
            fee_combined: self.rules.fee_on_combined_population && covered.len() > 1,
        }
    }

    fn fee(&self, covered: &[Participant]) -> Fee {
        let population = if self.rules.fee_on_combined_population {
            covered.iter().map(|p| p.population).sum()
        } else {
            covered.first().map_or(0, |p| p.population)
        };
        Fee {
            population_from_register: covered
                .iter()
                .all(|p| p.register_population == Some(p.population)),
            ..connection_fee(population, self.reference)
        }
    }

    fn signatures(&self, party: &Party) -> Vec<Signature> {
        let d = &self.reference.directorate;
        vec![
            Signature {
                party: party.organisation.name.clone(),
                name: party.signatory.name.clone(),
                title: party.signatory.title.clone(),
            },
            Signature {
                party: d.name.clone(),
                name: d.signatory_name.clone(),
                title: d.signatory_title.clone(),
            },
        ]
    }

    /// One document of `kind` about `subject`, for the municipalities `covered`.
    fn job(
        &self,
        kind: DocumentKind,
        id: &str,
        party: &Party,
        covered: Vec<Participant>,
        subject: &Participant,
    ) -> DocumentJob {
        let controller = self.organisation(self.rules.controller, subject);
        let privacy_officer = self
            .participant_of(&controller)
            .unwrap_or(&self.host)
            .privacy_officer
            .clone();
        DocumentJob {
            kind,
            language: subject.language,
            file_stem: format!("{}-{id}", kind.id()),
            date: if kind.is_citizen_text() {
                self.profile.publication_date
            } else {
                self.profile.documents_date
            },
            party: party.clone(),
            recipient: self.recipient(subject),
            controllers: self.controllers(&covered),
            controller,
            municipality: subject.clone(),
            routing: self.routing(subject),
            host: (self.model() != CooperationModel::Single).then(|| self.host.organisation()),
            host_agreement: self.profile.host_agreement.clone(),
            board: self.board(),
            contact: self.contact(subject),
            privacy_officer,
            fee: self.fee(&covered),
            clauses: self.clauses(party, subject, &covered),
            signatures: if kind.is_agreement() {
                self.signatures(party)
            } else {
                Vec::new()
            },
            draft: kind.is_agreement() && self.drafts,
            covered,
        }
    }

    /// The data processing and cooperation agreements: one pair per signing party, in the
    /// standard of the party's own municipality (a body writes in its host's).
    fn agreements(&self) -> Vec<DocumentJob> {
        let mut out = Vec::new();
        for kind in [
            DocumentKind::Databehandleravtale,
            DocumentKind::Samarbeidsavtale,
        ] {
            for g in &self.groups {
                let subject = g
                    .covered
                    .iter()
                    .find(|p| p.organisation() == g.party.organisation)
                    .unwrap_or(&self.host);
                out.push(self.job(kind, &g.id, &g.party, g.covered.clone(), subject));
            }
        }
        out
    }

    /// The DPIA: one per controller, covering the municipalities it controls, named like
    /// the agreements (kommunenummer, or a body's organisation number).
    fn dpias(&self) -> Vec<DocumentJob> {
        self.controllers(&self.everyone)
            .into_iter()
            .map(|c| {
                let covered: Vec<Participant> = self
                    .everyone
                    .iter()
                    .filter(|p| c.municipalities.contains(&p.organisation()))
                    .cloned()
                    .collect();
                let (subject, id) = match self.participant_of(&c.organisation) {
                    Some(p) => (p.clone(), p.number.clone()),
                    None => (
                        covered
                            .first()
                            .cloned()
                            .unwrap_or_else(|| self.host.clone()),
                        c.organisation.org_number.as_str().to_owned(),
                    ),
                };
                let party = self.party_of(&subject);
                self.job(DocumentKind::Pvk, &id, &party, covered, &subject)
            })
            .collect()
    }

    /// The letter, the news text and the checklist: one each per municipality, in its own
    /// standard.
    fn municipal_documents(&self) -> Vec<DocumentJob> {
        let mut out = Vec::new();
        for kind in [
            DocumentKind::Informasjonsbrev,
            DocumentKind::Nyhetssak,
            DocumentKind::Sjekkliste,
        ] {
            for p in &self.everyone {
                let party = self.party_of(p);
                out.push(self.job(kind, &p.number, &party, vec![p.clone()], p));
            }
        }
        out
    }

    fn office(&self) -> Office {
        let o = &self.profile.nav_office;
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        Office {
            name: self.office_name(),
            address: o.address.clone(),
            phone: o.phone.clone(),
            opening_hours: o.opening_hours.clone(),
            phone_is_kontaktsenter: digits(&o.phone) == digits(&self.reference.kontaktsenter_phone),
        }
    }

    /// The profile's warnings, and what the plan itself must tell the user.
    fn warnings(&self) -> Vec<String> {
        let profile = self.profile;
        // By the register's language, not the Sami name: Saltdal has none in the register.
        // With a translation nothing waits: a translation that fails its check stops the pack.
        let waiting = profile.sami.translation.is_none();
        let sami = self.everyone.iter().filter(|_| waiting).filter_map(|p| {
            p.sami_language.map(|language| {
                let name = p
                    .sami_name
                    .as_ref()
                    .map_or_else(String::new, |n| format!(" ({n})"));
                format!(
                    "{} kommune{name} is in the administrative area for Sami language ({}): its letter and news text wait for the municipality's own Sami translation and are marked «samisk versjon mangler» until then; the translation package is in the pack (`translate export` writes it alone); no Sami text is generated",
                    p.short_name,
                    language.code()
                )
            })
        });
        // A translation nobody needs is most likely the wrong profile or folder.
        let unused = profile
            .sami
            .translation
            .as_ref()
            .filter(|_| self.everyone.iter().all(|p| p.sami_language.is_none()))
            .map(|folder| {
                format!(
                    "{}: sami.translation names {}, but no municipality of the profile is in the administrative area for Sami language: it is not used",
                    profile.path.display(),
                    folder.display()
                )
            });
        profile
            .warnings
            .iter()
            .map(|w| w.describe(&profile.path))
            .chain(sami)
            .chain(unused)
            .collect()
    }
}

fn participant(m: &Municipality) -> Participant {
    let entry = crate::register::find(&m.number);
    Participant {
        register_population: entry.as_ref().map(|e| e.population),
        short_name: m.name.clone(),
        number: m.number.as_str().to_owned(),
        org_number: m.org_number.clone(),
        county: m.county.clone(),
        population: m.population,
        language: m.language,
        sami_language: entry.as_ref().and_then(|e| e.sami_language),
        sami_name: sami_name(entry),
        signatory: Some(m.signatory.clone()),
        contact: Some(m.contact.clone()),
        privacy_officer: Some(m.privacy_officer.clone()),
        is_host: true,
        recipient_org_number: m.recipient_org_number.clone(),
    }
}

fn member(m: &Member) -> Participant {
    let entry = crate::register::find(&m.number);
    Participant {
        register_population: entry.as_ref().map(|e| e.population),
        short_name: m.name.clone(),
        number: m.number.as_str().to_owned(),
        org_number: m.org_number.clone(),
        county: entry.as_ref().map(|e| e.county.clone()).unwrap_or_default(),
        population: m.population,
        language: m.language,
        sami_language: entry.as_ref().and_then(|e| e.sami_language),
        sami_name: sami_name(entry),
        signatory: m.signatory.clone(),
        contact: m.contact.clone(),
        privacy_officer: m.privacy_officer.clone(),
        is_host: false,
        recipient_org_number: m.recipient_org_number.clone(),
    }
}

fn sami_name(entry: Option<crate::register::Entry>) -> Option<String> {
    entry.and_then(|e| e.sami_name)
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
                amount_ore: 5_500_000,
                population_from_register: false,
            }
        );
        assert_eq!(
            fee(6_300),
            Fee {
                population: 6_300,
                rule: FeeRule::Flat,
                amount_ore: 5_500_000,
                population_from_register: false,
            }
        );
        assert_eq!(
            fee(6_301),
            Fee {
                population: 6_301,
                rule: FeeRule::PerInhabitant,
                amount_ore: 5_418_860,
                population_from_register: false,
            }
        );
        assert_eq!(
            fee(130_000),
            Fee {
                population: 130_000,
                rule: FeeRule::PerInhabitant,
                amount_ore: 111_800_000,
                population_from_register: false,
            }
        );
    }
}
