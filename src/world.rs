//! The Typst World of one document: shared fonts and library, the main
//! source in memory, files readable only inside the document's folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::fonts::FontSet;

/// The fixed path of every document's main source. FileIds are interned for
/// the life of the process, so a batch reuses this one rather than minting
/// an id per record.
pub static MAIN_ID: LazyLock<FileId> =
    LazyLock::new(|| RootedPath::new(VirtualRoot::Project, VirtualPath::new("/main.typ").unwrap()).intern());

/// The standard library, built once: documents get their data as literals in
/// the source, not through `sys.inputs`.
static LIBRARY: LazyLock<Arc<LazyHash<Library>>> =
    LazyLock::new(|| Arc::new(LazyHash::new(Library::default())));

pub struct DocWorld {
    library: Arc<LazyHash<Library>>,
    fonts: Arc<FontSet>,
    /// Canonical folder of the document; `None` = no file access at all.
    root: Option<PathBuf>,
    main: Source,
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
    today: Datetime,
}

impl DocWorld {
    pub fn new(source: String, fonts: Arc<FontSet>, root: Option<&Path>, today: Datetime) -> Self {
        Self {
            library: LIBRARY.clone(),
            fonts,
            root: root.and_then(|r| r.canonicalize().ok()),
            main: Source::new(*MAIN_ID, source),
            files: Mutex::default(),
            today,
        }
    }

    pub fn main_source(&self) -> &Source {
        &self.main
    }

    fn load_from_disk(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Package(PackageError::NotFound(spec.clone())));
        }
        let Some(root) = &self.root else {
            return Err(FileError::AccessDenied);
        };
        // Typst already refuses `..` above the root; a symlink can still
        // point out, so compare the canonical path too.
        let path = id.vpath().realize(root)?;
        let canon = path.canonicalize().map_err(|e| FileError::from_io(e, &path))?;
        if !canon.starts_with(root) {
            return Err(FileError::AccessDenied);
        }
        if canon.is_dir() {
            return Err(FileError::IsDirectory);
        }
        std::fs::read(&canon).map(Bytes::new).map_err(|e| FileError::from_io(e, &path))
    }
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        *MAIN_ID
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == *MAIN_ID {
            return Ok(self.main.clone());
        }
        // Only the main source is Typst; no template may import another file.
        Err(FileError::AccessDenied)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *MAIN_ID {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        files.entry(id).or_insert_with(|| self.load_from_disk(id)).clone()
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
