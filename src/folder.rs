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
fn inside(name: &str) -> Result<&Path, String> {
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

    /// The checked full path of `name`.
    pub fn resolve(&self, name: &str) -> Result<PathBuf, String> {
        let rel = inside(name)?;
        let root = self
            .root
            .canonicalize()
            .map_err(|e| format!("không mở được thư mục '{}': {e}", self.root.display()))?;
        let canon = root
            .join(rel)
            .canonicalize()
            .map_err(|_| format!("không tìm thấy tệp '{name}' trong thư mục '{}'", self.root.display()))?;
        if !canon.starts_with(&root) {
            return Err(format!("tệp '{name}' trỏ ra ngoài thư mục của văn bản"));
        }
        Ok(canon)
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
