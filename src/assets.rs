//! Files built into the binary: templates, layout, reference data and the register.
//! This is the only place that embeds files, and the place that lays a folder of a
//! municipality's own templates over the built-in ones.

use std::path::{Path, PathBuf};

/// The document templates as `(name, text)`, e.g. `("nb/databehandleravtale.md.tera", …)`.
pub(crate) const TEMPLATES: &[(&str, &str)] = &[
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

/// The commented profiles `init` writes, by language.
pub(crate) const PROFILE_TEMPLATES: &[(&str, &str)] = &[
    (
        "nb/profil.yaml.tera",
        include_str!("../templates/nb/profil.yaml.tera"),
    ),
    (
        "nn/profil.yaml.tera",
        include_str!("../templates/nn/profil.yaml.tera"),
    ),
];

/// The page layout every PDF uses.
pub(crate) const LAYOUT: &str = include_str!("../templates/layout/document.typ");

/// The reference data (`data/reference.yaml`).
pub(crate) const REFERENCE: &str = include_str!("../data/reference.yaml");

/// The municipality register (`data/kommuner.csv`).
pub(crate) const REGISTER: &str = include_str!("../data/kommuner.csv");

/// Every part of each municipality's official name with its language
/// (`data/kommuner_navn.csv`): tells the Sami names from the Kven ones.
pub(crate) const REGISTER_NAMES: &str = include_str!("../data/kommuner_navn.csv");

/// The layout's name among the template files.
pub(crate) const LAYOUT_NAME: &str = "layout/document.typ";

/// The guide for template authors, written out with the templates.
pub const TEMPLATES_README: &str = include_str!("../templates/README.md");

/// One template or layout file in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateFile {
    /// Its name, e.g. `nb/databehandleravtale.md.tera` or `layout/document.typ`.
    pub name: String,
    /// Its text.
    pub text: String,
    /// The file it was read from, or `None` when built in.
    pub path: Option<PathBuf>,
}

impl TemplateFile {
    /// How messages name it: its path when read from a folder, else its built-in name.
    pub(crate) fn display_name(&self) -> String {
        match &self.path {
            Some(path) => path.display().to_string(),
            None => format!("{} (built in)", self.name),
        }
    }
}

/// The template set in use: the built-in files, or a folder's files over them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateFiles {
    /// The document templates.
    pub templates: Vec<TemplateFile>,
    /// The page layout.
    pub layout: TemplateFile,
    /// The folder given with `--templates`, if any.
    pub folder: Option<PathBuf>,
}

impl TemplateFiles {
    /// The files built into the binary.
    pub fn builtin() -> Self {
        let file = |name: &str, text: &str| TemplateFile {
            name: name.to_owned(),
            text: text.to_owned(),
            path: None,
        };
        TemplateFiles {
            templates: TEMPLATES.iter().map(|(n, t)| file(n, t)).collect(),
            layout: file(LAYOUT_NAME, LAYOUT),
            folder: None,
        }
    }

    /// The built-in files, each replaced by the file of the same name under `folder` where
    /// one exists (`folder/nb/databehandleravtale.md.tera`, `folder/layout/document.typ`).
    pub fn with_overrides(folder: &Path) -> Result<Self, std::io::Error> {
        if !folder.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{} is not a folder", folder.display()),
            ));
        }
        let mut files = Self::builtin();
        for file in files
            .templates
            .iter_mut()
            .chain(std::iter::once(&mut files.layout))
        {
            let path = folder.join(&file.name);
            if path.is_file() {
                file.text = std::fs::read_to_string(&path).map_err(|e| {
                    std::io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display()))
                })?;
                file.path = Some(path);
            }
        }
        files.folder = Some(folder.to_owned());
        Ok(files)
    }

    /// The template named `name`, for tests and tools that change one.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut TemplateFile> {
        self.templates.iter_mut().find(|f| f.name == name)
    }
}
