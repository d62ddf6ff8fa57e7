//! Files built into the binary: templates, layout, reference data and the register.
//! This is the only place that embeds files.

/// The document templates as `(name, text)`, e.g. `("nb/databehandleravtale.md.tera", …)`.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "nb/databehandleravtale.md.tera",
        include_str!("../templates/nb/databehandleravtale.md.tera"),
    ),
    (
        "nb/samarbeidsavtale.md.tera",
        include_str!("../templates/nb/samarbeidsavtale.md.tera"),
    ),
    (
        "nb/pvk.md.tera",
        include_str!("../templates/nb/pvk.md.tera"),
    ),
    (
        "nb/informasjonsbrev.md.tera",
        include_str!("../templates/nb/informasjonsbrev.md.tera"),
    ),
    (
        "nb/nyhetssak.md.tera",
        include_str!("../templates/nb/nyhetssak.md.tera"),
    ),
    (
        "nn/databehandleravtale.md.tera",
        include_str!("../templates/nn/databehandleravtale.md.tera"),
    ),
    (
        "nn/samarbeidsavtale.md.tera",
        include_str!("../templates/nn/samarbeidsavtale.md.tera"),
    ),
    (
        "nn/pvk.md.tera",
        include_str!("../templates/nn/pvk.md.tera"),
    ),
    (
        "nn/informasjonsbrev.md.tera",
        include_str!("../templates/nn/informasjonsbrev.md.tera"),
    ),
    (
        "nn/nyhetssak.md.tera",
        include_str!("../templates/nn/nyhetssak.md.tera"),
    ),
    (
        "nb/sjekkliste.md.tera",
        include_str!("../templates/nb/sjekkliste.md.tera"),
    ),
    (
        "nn/sjekkliste.md.tera",
        include_str!("../templates/nn/sjekkliste.md.tera"),
    ),
    (
        "nb/batch-summary.md.tera",
        include_str!("../templates/nb/batch-summary.md.tera"),
    ),
];

/// The page layout every PDF uses.
pub const LAYOUT: &str = include_str!("../templates/layout/document.typ");

/// The reference data (`data/reference.yaml`).
pub const REFERENCE: &str = include_str!("../data/reference.yaml");

/// The municipality register (`data/kommuner.csv`).
pub const REGISTER: &str = include_str!("../data/kommuner.csv");
