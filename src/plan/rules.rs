//! The clause rules: what each cooperation model decides, in one table.
//!
//! This is the only place that tells the models apart. Every later stage reads the
//! [`Rules`] (through the plan) and never looks at the model again.

use crate::profile::{BoardRole, Cooperation, CooperationModel, Language};

/// Whose role it is, seen from one participating municipality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The municipality itself.
    Own,
    /// The host municipality (the profile's `municipality`).
    Host,
    /// The inter-municipal board.
    Board,
}

/// The decisions a cooperation model makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// The model.
    pub model: CooperationModel,
    /// The model's name in bokmål and in nynorsk, as the documents print it.
    name: [&'static str; 2],
    /// Who the Directorate signs the data processing and cooperation agreements with.
    pub signs: Role,
    /// Who is controller (*behandlingsansvarlig*) for a municipality's residents.
    pub controller: Role,
    /// Whose organisation number applications are addressed to.
    pub recipient: Role,
    /// Which municipality nav.no names in "Søknaden vil bli sendt til: NAV …, … kommune".
    pub shown_on_navno: Role,
    /// Whether the connection fee is computed from the combined population of everyone the
    /// signing party covers (an assumption: the handbook gives no basis for cooperations).
    pub fee_on_combined_population: bool,
    /// Whether the handbook does not settle this model, so the documents state their
    /// assumption and ask Digisos to confirm it before signing.
    pub assumed: bool,
}

impl Rules {
    /// The model's name as the documents print it.
    pub fn name(&self, language: Language) -> &'static str {
        language.pick(self.name[0], self.name[1])
    }
}

/// The rules for `cooperation`'s model.
///
/// In the board model the body's legal form decides: a form of the 2018 Act cannot make
/// enkeltvedtak under sosialtjenesteloven, so each member is controller and receives its
/// residents' applications (validation refuses `board` for those roles); a § 27 body takes
/// the roles the profile gives it, by default both. The handbook settles neither, so the
/// documents always state the assumption.
pub(crate) fn rules(cooperation: &Cooperation) -> Rules {
    match cooperation {
        Cooperation::Single => SINGLE,
        Cooperation::HostWithTransfer { .. } => HOST_WITH_TRANSFER,
        Cooperation::HostWithoutTransfer { .. } => HOST_WITHOUT_TRANSFER,
        Cooperation::Board { board, .. } => {
            let default = if board.legal_form.can_decide_applications() {
                Role::Board
            } else {
                Role::Own
            };
            let role = |r: Option<BoardRole>| match r {
                Some(BoardRole::Board) => Role::Board,
                Some(BoardRole::Members) => Role::Own,
                None => default,
            };
            Rules {
                controller: role(board.controller),
                recipient: role(board.recipient),
                ..BOARD
            }
        }
    }
}

/// The rules of `model`, with a board's legal form taken as a 2018-Act form.
pub(crate) fn rules_of(model: CooperationModel) -> Rules {
    match model {
        CooperationModel::Single => SINGLE,
        CooperationModel::HostWithTransfer => HOST_WITH_TRANSFER,
        CooperationModel::HostWithoutTransfer => HOST_WITHOUT_TRANSFER,
        CooperationModel::Board => BOARD,
    }
}

/// A municipality on its own: the host model without transfer, with one member.
const SINGLE: Rules = Rules {
    model: CooperationModel::Single,
    name: [
        "kommune uten interkommunalt samarbeid om Nav-kontoret",
        "kommune utan interkommunalt samarbeid om Nav-kontoret",
    ],
    signs: Role::Own,
    controller: Role::Own,
    recipient: Role::Own,
    shown_on_navno: Role::Own,
    fee_on_combined_population: false,
    assumed: false,
};

/// Host cooperation where the inter-municipal agreement transfers controllership to the host:
/// one pair of agreements, signed by the host in its own name as controller for all members
/// (handbook "Interkommunalt samarbeid"; kommuneloven 2018 kapittel 20).
const HOST_WITH_TRANSFER: Rules = Rules {
    model: CooperationModel::HostWithTransfer,
    name: [
        "vertskommunesamarbeid med overført behandlingsansvar",
        "vertskommunesamarbeid med overført behandlingsansvar",
    ],
    signs: Role::Host,
    controller: Role::Host,
    recipient: Role::Host,
    shown_on_navno: Role::Host,
    fee_on_combined_population: true,
    assumed: false,
};

/// Host cooperation without transfer: the Directorate contracts with each municipality.
const HOST_WITHOUT_TRANSFER: Rules = Rules {
    model: CooperationModel::HostWithoutTransfer,
    name: [
        "vertskommunesamarbeid uten overført behandlingsansvar",
        "vertskommunesamarbeid utan overført behandlingsansvar",
    ],
    signs: Role::Own,
    controller: Role::Own,
    recipient: Role::Own,
    shown_on_navno: Role::Own,
    fee_on_combined_population: false,
    assumed: false,
};

/// Cooperation through an inter-municipal body: the Directorate signs with the body (the
/// handbook's rule for § 27 boards). With a 2018-Act form each member is controller and
/// recipient, and residents see their own municipality on nav.no.
const BOARD: Rules = Rules {
    model: CooperationModel::Board,
    name: [
        "interkommunalt samarbeid gjennom et felles organ",
        "interkommunalt samarbeid gjennom eit felles organ",
    ],
    signs: Role::Board,
    controller: Role::Own,
    recipient: Role::Own,
    shown_on_navno: Role::Own,
    fee_on_combined_population: true,
    assumed: true,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::LegalForm;

    #[test]
    fn a_single_municipality_does_everything_itself() {
        let r = rules(&Cooperation::Single);
        assert_eq!(
            (r.signs, r.controller, r.recipient, r.shown_on_navno),
            (Role::Own, Role::Own, Role::Own, Role::Own)
        );
        assert!(!r.assumed);
    }

    #[test]
    fn with_transfer_the_host_signs_controls_and_receives_for_all() {
        let r = rules(&Cooperation::HostWithTransfer { members: vec![] });
        assert_eq!(
            (r.signs, r.controller, r.recipient, r.shown_on_navno),
            (Role::Host, Role::Host, Role::Host, Role::Host)
        );
        assert!(r.fee_on_combined_population);
    }

    #[test]
    fn without_transfer_each_municipality_signs_for_itself() {
        let r = rules(&Cooperation::HostWithoutTransfer { members: vec![] });
        assert_eq!(
            (r.signs, r.controller, r.recipient, r.shown_on_navno),
            (Role::Own, Role::Own, Role::Own, Role::Own)
        );
        assert!(!r.fee_on_combined_population);
    }

    fn board(
        legal_form: LegalForm,
        controller: Option<BoardRole>,
        recipient: Option<BoardRole>,
    ) -> Cooperation {
        let board = crate::profile::Board {
            name: "x".into(),
            org_number: crate::profile::OrgNumber::parse("935478715").unwrap(),
            signatory: crate::profile::Person {
                name: "a".into(),
                title: "b".into(),
            },
            legal_form,
            controller,
            recipient,
        };
        Cooperation::Board {
            board,
            members: vec![],
        }
    }

    #[test]
    fn a_2018_body_signs_but_each_member_is_controller_and_recipient() {
        for form in [LegalForm::Oppgavefellesskap, LegalForm::Iks] {
            let r = rules(&board(form, None, None));
            assert_eq!(
                (r.signs, r.controller, r.recipient, r.shown_on_navno),
                (Role::Board, Role::Own, Role::Own, Role::Own),
                "{form:?}"
            );
            assert!(r.assumed, "the handbook does not settle the board model");
        }
    }

    #[test]
    fn a_paragraph_27_body_holds_the_roles_unless_the_profile_says_otherwise() {
        let r = rules(&board(LegalForm::Paragraph27, None, None));
        assert_eq!((r.controller, r.recipient), (Role::Board, Role::Board));
        let r = rules(&board(
            LegalForm::Paragraph27,
            Some(BoardRole::Members),
            Some(BoardRole::Members),
        ));
        assert_eq!((r.controller, r.recipient), (Role::Own, Role::Own));
    }
}
