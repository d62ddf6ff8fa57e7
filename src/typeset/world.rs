//! The `World` Typst compiles in: sources in memory, fonts from typst-assets, the date from
//! the profile. Nothing reaches the file system, the network or the clock.

use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

fn file_id(path: &str) -> FileId {
    // The paths are constants below, so building them cannot fail.
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("constant path {path}"));
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

/// The generated document.
pub(crate) static MAIN: LazyLock<FileId> = LazyLock::new(|| file_id("/main.typ"));
/// The page layout (`templates/layout/document.typ`).
pub(crate) static LAYOUT: LazyLock<FileId> = LazyLock::new(|| file_id("/layout.typ"));
/// The document's data (title, parties, signatures) as JSON, read by the layout.
pub(crate) static META: LazyLock<FileId> = LazyLock::new(|| file_id("/meta.json"));

/// What stays the same for every document: the standard library, the fonts and the layout.
pub(crate) struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    layout: Source,
}

impl Shared {
    /// Loads the fonts and the standard library once.
    pub(crate) fn new(layout: &str) -> Self {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Shared {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            layout: Source::new(*LAYOUT, layout.to_owned()),
        }
    }
}

/// One document's world.
pub(crate) struct DocumentWorld<'a> {
    shared: &'a Shared,
    main: Source,
    meta: Bytes,
    today: Datetime,
}

impl<'a> DocumentWorld<'a> {
    /// A world whose main file is `markup`, with `meta` as `/meta.json`.
    pub(crate) fn new(shared: &'a Shared, markup: String, meta: Vec<u8>, today: Datetime) -> Self {
        DocumentWorld {
            shared,
            main: Source::new(*MAIN, markup),
            meta: Bytes::new(meta),
            today,
        }
    }
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        *MAIN
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == *MAIN {
            Ok(self.main.clone())
        } else if id == *LAYOUT {
            Ok(self.shared.layout.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *META {
            Ok(self.meta.clone())
        } else {
            self.source(id).map(Bytes::from_string)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
