//! The folder a document may read files from (its allocation, schedule,
//! trainee list, the plan beside it): a folder on disk, or files held in
//! memory, so that a page editing unsaved text prepares exactly as `build`
//! does. Either way a name in the data cannot reach outside the folder.

use std::any::{Any, TypeId};
use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::model;

/// The files a document's data may name.
pub trait Folder: Sync {
    /// The file `name` (as the data wrote it, relative to the folder): the
    /// path to name it by in messages, and its bytes; or why not, in
    /// Vietnamese.
    fn read(&self, name: &str) -> Result<(PathBuf, Vec<u8>), String>;

    /// The path `read` would name the file by, without reading it.
    fn locate(&self, name: &str) -> Result<PathBuf, String>;

    /// The names of the folder's YAML files, sorted.
    fn yaml_files(&self) -> Vec<String>;

    /// What this folder's files parsed to, kept for the folder's lifetime.
    fn parsed(&self) -> &Parsed;
}

/// Files parsed once: the plan several documents date themselves against,
/// the allocation and schedule a plan, its invitations and its certificates
/// all read.
#[derive(Default)]
pub struct Parsed(Mutex<HashMap<(PathBuf, TypeId), Arc<dyn Any + Send + Sync>>>);

/// The file `name` of `folder` read as NFC text and parsed by `parse`, the
/// first time any document of the folder asks for it as a `T`; `Err` if it
/// cannot be read (why, in Vietnamese), `Ok(Err)` if it does not parse.
pub fn parse_once<T: Send + Sync + 'static>(
    folder: &dyn Folder,
    name: &str,
    parse: impl FnOnce(&Path, &str) -> crate::error::Result<T>,
) -> Result<crate::error::Result<Arc<T>>, String> {
    parse_bytes_once(folder, name, |path, bytes| {
        model::text_of(path, bytes).and_then(|text| parse(path, &text))
    })
}

/// [`parse_once`] of a file's bytes (a workbook, a list in any encoding).
pub fn parse_bytes_once<T: Send + Sync + 'static>(
    folder: &dyn Folder,
    name: &str,
    parse: impl FnOnce(&Path, Vec<u8>) -> crate::error::Result<T>,
) -> Result<crate::error::Result<Arc<T>>, String> {
    let key = (folder.locate(name)?, TypeId::of::<T>());
    if let Some(done) = folder.parsed().0.lock().expect("cache").get(&key) {
        return Ok(Ok(Arc::clone(done).downcast::<T>().expect("keyed by type")));
    }
    let (path, bytes) = folder.read(name)?;
    // Parsed outside the lock: two documents asking at once may both parse.
    let value = match parse(&path, bytes) {
        Ok(v) => Arc::new(v),
        Err(e) => return Ok(Err(e)),
    };
    folder.parsed().0.lock().expect("cache").insert(key, Arc::clone(&value) as Arc<dyn Any + Send + Sync>);
    Ok(Ok(value))
}

/// A relative name that stays inside its folder: no `..`, no absolute path.
pub fn inside(name: &str) -> Result<&Path, String> {
    let rel = Path::new(name);
    if rel.is_absolute() || rel.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)) {
        return Err(format!(
            "đường dẫn '{name}' phải nằm trong thư mục của văn bản (không dùng '..' hay đường dẫn tuyệt đối)"
        ));
    }
    Ok(rel)
}

/// A folder on disk. Symlinks pointing out of it are refused too.
pub struct OnDisk {
    root: PathBuf,
    parsed: Parsed,
}

impl OnDisk {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into(), parsed: Parsed::default() }
    }

    /// The folder of the data file `path`.
    pub fn of_file(path: &Path) -> Self {
        Self::new(path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")))
    }

    /// The folder, as it was given.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The checked full path of `name`.
    pub fn resolve(&self, name: &str) -> Result<PathBuf, String> {
        self.resolve_existing(name).map_err(|r| r.message)
    }

    fn canonical_root(&self) -> Result<PathBuf, Refusal> {
        self.root.canonicalize().map_err(|e| Refusal {
            missing: true,
            message: format!("không mở được thư mục '{}': {e}", self.root.display()),
        })
    }

    /// The checked full path of the file `name`, which must exist; or why
    /// not (a name that leaves the folder, or no such file).
    pub fn resolve_existing(&self, name: &str) -> Result<PathBuf, Refusal> {
        let rel = inside(name).map_err(Refusal::outside)?;
        let root = self.canonical_root()?;
        let canon = root.join(rel).canonicalize().map_err(|_| Refusal {
            missing: true,
            message: format!("không tìm thấy tệp '{name}' trong thư mục '{}'", self.root.display()),
        })?;
        if !canon.starts_with(&root) {
            return Err(Refusal::outside(format!("tệp '{name}' trỏ ra ngoài thư mục của văn bản")));
        }
        Ok(canon)
    }

    /// The full path a file `name` may be created at or replaced: its folder
    /// exists inside this one, and the name itself, if taken, is not a
    /// symlink (which could point anywhere).
    pub fn resolve_new(&self, name: &str) -> Result<PathBuf, Refusal> {
        let rel = inside(name).map_err(Refusal::outside)?;
        let (Some(file), Some(parent)) = (rel.file_name(), rel.parent()) else {
            return Err(Refusal::outside(format!("'{name}' không phải tên tệp")));
        };
        let root = self.canonical_root()?;
        let dir = root.join(parent).canonicalize().map_err(|_| Refusal {
            missing: true,
            message: format!(
                "không có thư mục '{}' trong thư mục '{}'",
                parent.display(),
                self.root.display()
            ),
        })?;
        if !dir.starts_with(&root) {
            return Err(Refusal::outside(format!("tệp '{name}' trỏ ra ngoài thư mục của văn bản")));
        }
        let path = dir.join(file);
        if path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Refusal::outside(format!(
                "tệp '{name}' là liên kết tượng trưng; vanban không ghi qua liên kết"
            )));
        }
        Ok(path)
    }
}

/// Why a name of a folder cannot be used: it leaves the folder (`missing`
/// false), or names nothing there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub missing: bool,
    pub message: String,
}

impl Refusal {
    fn outside(message: String) -> Self {
        Self { missing: false, message }
    }
}

impl Folder for OnDisk {
    fn read(&self, name: &str) -> Result<(PathBuf, Vec<u8>), String> {
        let path = self.resolve(name)?;
        let bytes =
            std::fs::read(&path).map_err(|e| format!("không đọc được tệp '{}': {e}", path.display()))?;
        Ok((path, bytes))
    }

    fn locate(&self, name: &str) -> Result<PathBuf, String> {
        self.resolve(name)
    }

    fn yaml_files(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.root) else { return Vec::new() };
        let mut files: Vec<String> = entries
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
            .collect();
        files.sort();
        files
    }

    fn parsed(&self) -> &Parsed {
        &self.parsed
    }
}

/// A folder on disk with some files replaced by bytes held in memory, as
/// a page edits them before they are saved: the document's unsaved text, a
/// list uploaded but not yet kept. What is held answers to its name; the
/// rest is read from disk, confined as [`OnDisk`] confines it.
pub struct Overlay {
    disk: OnDisk,
    /// By normalised name: the path messages name it by, and its bytes.
    held: BTreeMap<String, (PathBuf, Vec<u8>)>,
}

impl Overlay {
    pub fn new(disk: OnDisk) -> Self {
        Self { disk, held: BTreeMap::new() }
    }

    /// `name` of the folder answered by `bytes`, named `path` in messages
    /// (whose extension tells a list's format). `name` must stay inside.
    pub fn with(mut self, name: &str, path: PathBuf, bytes: Vec<u8>) -> Result<Self, String> {
        let key = held_key(inside(name)?);
        self.held.insert(key, (path, bytes));
        Ok(self)
    }

    fn held(&self, name: &str) -> Result<Option<&(PathBuf, Vec<u8>)>, String> {
        Ok(self.held.get(&held_key(inside(name)?)))
    }
}

/// "./a.yaml" and "a.yaml" are one file.
fn held_key(rel: &Path) -> String {
    rel.components()
        .filter(|c| matches!(c, Component::Normal(_)))
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

impl Folder for Overlay {
    fn read(&self, name: &str) -> Result<(PathBuf, Vec<u8>), String> {
        match self.held(name)? {
            Some(file) => Ok(file.clone()),
            None => self.disk.read(name),
        }
    }

    fn locate(&self, name: &str) -> Result<PathBuf, String> {
        match self.held(name)? {
            Some((path, _)) => Ok(path.clone()),
            None => self.disk.locate(name),
        }
    }

    fn yaml_files(&self) -> Vec<String> {
        let mut files = self.disk.yaml_files();
        files.extend(
            self.held
                .keys()
                .filter(|k| !k.contains('/') && (k.ends_with(".yaml") || k.ends_with(".yml")))
                .cloned(),
        );
        files.sort();
        files.dedup();
        files
    }

    fn parsed(&self) -> &Parsed {
        &self.disk.parsed
    }
}

/// Files held in memory, named relative to a folder that need not exist.
pub struct InMemory {
    root: PathBuf,
    files: BTreeMap<String, Vec<u8>>,
    parsed: Parsed,
}

impl InMemory {
    /// `root` only names the files in messages.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into(), files: BTreeMap::new(), parsed: Parsed::default() }
    }

    pub fn with(mut self, name: &str, bytes: impl Into<Vec<u8>>) -> Self {
        self.files.insert(name.to_owned(), bytes.into());
        // What was parsed before may have been this file's old text.
        self.parsed = Parsed::default();
        self
    }

    /// The held file's key for `name`: "./a.yaml" is "a.yaml".
    fn key(&self, name: &str) -> Result<String, String> {
        let rel = inside(name)?;
        let key = rel.to_string_lossy().trim_start_matches("./").to_owned();
        if self.files.contains_key(&key) {
            Ok(key)
        } else {
            Err(format!("không tìm thấy tệp '{name}' trong thư mục '{}'", self.root.display()))
        }
    }

    /// The path messages name `name` by.
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// The text of `name`, if it is held.
    pub fn text(&self, name: &str) -> Option<String> {
        self.files.get(name).map(|b| String::from_utf8_lossy(b).into_owned())
    }
}

impl Folder for InMemory {
    fn read(&self, name: &str) -> Result<(PathBuf, Vec<u8>), String> {
        let key = self.key(name)?;
        Ok((self.root.join(&key), self.files[&key].clone()))
    }

    fn locate(&self, name: &str) -> Result<PathBuf, String> {
        self.key(name).map(|key| self.root.join(key))
    }

    fn yaml_files(&self) -> Vec<String> {
        self.files.keys().filter(|k| k.ends_with(".yaml") || k.ends_with(".yml")).cloned().collect()
    }

    fn parsed(&self) -> &Parsed {
        &self.parsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_inside_the_folder() {
        let m = InMemory::new("/du-lieu").with("phan-bo.yaml", "x").with("ds/hoc-vien.csv", "y");
        assert_eq!(m.read("phan-bo.yaml").unwrap(), (PathBuf::from("/du-lieu/phan-bo.yaml"), b"x".to_vec()));
        assert_eq!(m.read("./ds/hoc-vien.csv").unwrap().1, b"y");
        for bad in ["../phan-bo.yaml", "/etc/passwd", "ds/../../x"] {
            assert!(m.read(bad).unwrap_err().contains("phải nằm trong thư mục"), "{bad}");
        }
        assert!(m.read("khong-co.yaml").unwrap_err().starts_with("không tìm thấy tệp 'khong-co.yaml'"));
        assert_eq!(m.yaml_files(), ["phan-bo.yaml"]);
    }

    #[test]
    fn an_overlay_answers_for_its_files_and_confines_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "tren dia").unwrap();
        std::fs::write(dir.path().join("b.yaml"), "b").unwrap();
        let held = dir.path().join("moi.xlsx");
        let o = Overlay::new(OnDisk::new(dir.path()))
            .with("./a.yaml", held.clone(), b"chua luu".to_vec())
            .unwrap();
        assert_eq!(o.read("a.yaml").unwrap(), (held.clone(), b"chua luu".to_vec()));
        assert_eq!(o.locate("a.yaml").unwrap(), held);
        assert_eq!(o.read("b.yaml").unwrap().1, b"b");
        assert!(o.read("../a.yaml").unwrap_err().contains("phải nằm trong thư mục"));
        assert_eq!(o.yaml_files(), ["a.yaml", "b.yaml"]);
        assert!(Overlay::new(OnDisk::new(dir.path())).with("/etc/passwd", held, Vec::new()).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_made_only_inside_and_never_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("ra-ngoai")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("x.yaml"), dir.path().join("x.yaml")).unwrap();
        let d = OnDisk::new(dir.path());
        let root = dir.path().canonicalize().unwrap();
        assert_eq!(d.resolve_new("moi.yaml").unwrap(), root.join("moi.yaml"));
        let refused = |name: &str| d.resolve_new(name).unwrap_err();
        assert_eq!(
            refused("ra-ngoai/moi.yaml").message,
            "tệp 'ra-ngoai/moi.yaml' trỏ ra ngoài thư mục của văn bản"
        );
        assert_eq!(
            refused("x.yaml").message,
            "tệp 'x.yaml' là liên kết tượng trưng; vanban không ghi qua liên kết"
        );
        assert!(!refused("../moi.yaml").missing);
        assert!(refused("khong-co/moi.yaml").missing);
        assert!(d.resolve_existing("khong-co.yaml").unwrap_err().missing);
        assert!(!d.resolve_existing("ra-ngoai").unwrap_err().missing);
    }

    #[test]
    fn a_file_is_parsed_once_per_folder_and_type() {
        let m = InMemory::new("/du-lieu").with("a.yaml", "x: 1");
        let count = std::sync::atomic::AtomicUsize::new(0);
        let parse = |_: &Path, text: &str| {
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok(text.len())
        };
        let first = parse_once(&m, "a.yaml", parse).unwrap().unwrap();
        let again = parse_once(&m, "./a.yaml", parse).unwrap().unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 1);
        // Another type is another parse; a name outside, no parse at all.
        parse_once(&m, "a.yaml", |_, t| Ok(t.to_owned())).unwrap().unwrap();
        assert!(parse_once(&m, "../a.yaml", parse).unwrap_err().contains("phải nằm trong thư mục"));
        assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 1);
        // Replacing the file forgets what its old text parsed to.
        let m = m.with("a.yaml", "x: 22");
        assert_eq!(*parse_once(&m, "a.yaml", parse).unwrap().unwrap(), 5);
    }
}
