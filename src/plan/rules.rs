//! The clause rules: what each cooperation model decides, in one table.
//!
//! This is the only place that tells the models apart. Every later stage reads the
//! [`Rules`] (through the plan) and never looks at the model again.

use crate::profile::{BoardRole, Cooperation};

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
    /// The model's key in a profile.
    pub key: &'static str,
    /// The model's name in bokmål and in nynorsk, as the documents print it.
    pub name: [&'static str; 2],
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
    /// Whether the handbook is silent on this model's routing and controllership, so the
    /// documents must state the assumption above (domain.md §3, marked [?]).
    pub assumed: bool,
    /// Where the rule comes from.
    pub source: &'static str,
}

/// The rules for `cooperation`'s model.
///
/// In the board model a profile may settle what the handbook leaves open
/// (`cooperation.board.controller` and `.recipient`); once both are settled the documents
/// no longer state an assumption.
pub fn rules(cooperation: &Cooperation) -> Rules {
    match cooperation {
        Cooperation::Single => SINGLE,
        Cooperation::HostWithTransfer { .. } => HOST_WITH_TRANSFER,
        Cooperation::HostWithoutTransfer { .. } => HOST_WITHOUT_TRANSFER,
        Cooperation::Board { board, .. } => {
            let role = |r: Option<BoardRole>, default: Role| match r {
                Some(BoardRole::Board) => Role::Board,
                Some(BoardRole::Members) => Role::Own,
                None => default,
            };
            Rules {
                controller: role(board.controller, BOARD.controller),
                recipient: role(board.recipient, BOARD.recipient),
                assumed: board.controller.is_none() || board.recipient.is_none(),
                ..BOARD
            }
        }
    }
}

/// The rules of the model written `key` in a profile, with the board model's open
/// questions left open.
pub fn rules_by_key(key: &str) -> Option<Rules> {
    [SINGLE, HOST_WITH_TRANSFER, HOST_WITHOUT_TRANSFER, BOARD]
        .into_iter()
        .find(|r| r.key == key)
}

/// A municipality on its own: model (b) with one member (domain.md §3 (e)).
const SINGLE: Rules = Rules {
    key: "single",
    name: [
        "kommune uten interkommunalt samarbeid om NAV-kontoret",
        "kommune utan interkommunalt samarbeid om NAV-kontoret",
    ],
    signs: Role::Own,
    controller: Role::Own,
    recipient: Role::Own,
    shown_on_navno: Role::Own,
    fee_on_combined_population: false,
    assumed: false,
    source: "håndboka v.108, «Interkommunalt samarbeid»; sosialtjenesteloven",
};

/// Host cooperation where the inter-municipal agreement transfers controllership to the host:
/// one pair of agreements, signed by the host for all members (handbook, kommuneloven 1992 § 28-1).
const HOST_WITH_TRANSFER: Rules = Rules {
    key: "host_with_transfer",
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
    source: "håndboka v.108: vertskommunesamarbeid etter § 28-1 der behandlingsansvaret er overført",
};

/// Host cooperation without transfer: the Directorate contracts with each municipality.
const HOST_WITHOUT_TRANSFER: Rules = Rules {
    key: "host_without_transfer",
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
    source: "håndboka v.108: vertskommunesamarbeid etter § 28-1 uten overført behandlingsansvar",
};

/// Cooperation with a board (kommuneloven 1992 § 27): the Directorate signs with the board.
/// The handbook says nothing of routing and controllership: the board is assumed to be
/// controller and recipient, and residents see their own municipality on nav.no.
const BOARD: Rules = Rules {
    key: "board",
    name: [
        "interkommunalt samarbeid med styre",
        "interkommunalt samarbeid med styre",
    ],
    signs: Role::Board,
    controller: Role::Board,
    recipient: Role::Board,
    shown_on_navno: Role::Own,
    fee_on_combined_population: true,
    assumed: true,
    source: "håndboka v.108: interkommunalt samarbeid etter § 27 med styre",
};

#[cfg(test)]
mod tests {
    use super::*;

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

    fn board(controller: Option<BoardRole>, recipient: Option<BoardRole>) -> Cooperation {
        let board = crate::profile::Board {
            name: "x".into(),
            org_number: crate::profile::OrgNumber::parse("935478715").unwrap(),
            signatory: crate::profile::Person {
                name: "a".into(),
                title: "b".into(),
            },
            controller,
            recipient,
        };
        Cooperation::Board {
            board,
            members: vec![],
        }
    }

    #[test]
    fn the_board_signs_and_its_routing_is_an_assumption() {
        let r = rules(&board(None, None));
        assert_eq!(
            (r.signs, r.controller, r.recipient),
            (Role::Board, Role::Board, Role::Board)
        );
        assert!(r.assumed);
    }

    #[test]
    fn a_profile_can_settle_the_board_models_open_questions() {
        let r = rules(&board(Some(BoardRole::Members), Some(BoardRole::Members)));
        assert_eq!(
            (r.signs, r.controller, r.recipient),
            (Role::Board, Role::Own, Role::Own)
        );
        assert!(!r.assumed);
        let partly = rules(&board(Some(BoardRole::Board), None));
        assert!(partly.assumed, "an open recipient is still an assumption");
    }
}
