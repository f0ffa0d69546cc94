//! The folder a document may read files from (its allocation, schedule,
//! trainee list, the plan beside it): a folder on disk, or files held in
//! memory, so that a page editing unsaved text prepares exactly as `build`
//! does. Either way a name in the data cannot reach outside the folder.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// The files a document's data may name.
pub trait Folder: Sync {
    /// The file `name` (as the data wrote it, relative to the folder): the
    /// path to name it by in messages, and its bytes; or why not, in
    /// Vietnamese.
    fn read(&self, name: &str) -> Result<(PathBuf, Vec<u8>), String>;

    /// The names of the folder's YAML files, sorted.
    fn yaml_files(&self) -> Vec<String>;
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
}

impl OnDisk {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
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

    fn yaml_files(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.root) else { return Vec::new() };
        let mut files: Vec<String> = entries
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
            .collect();
        files.sort();
        files
    }
}

/// Files held in memory, named relative to a folder that need not exist.
pub struct InMemory {
    root: PathBuf,
    files: BTreeMap<String, Vec<u8>>,
}

impl InMemory {
    /// `root` only names the files in messages.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into(), files: BTreeMap::new() }
    }

    pub fn with(mut self, name: &str, bytes: impl Into<Vec<u8>>) -> Self {
        self.files.insert(name.to_owned(), bytes.into());
        self
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
        let rel = inside(name)?;
        let key = rel.to_string_lossy().trim_start_matches("./").to_owned();
        match self.files.get(&key) {
            Some(bytes) => Ok((self.root.join(&key), bytes.clone())),
            None => Err(format!("không tìm thấy tệp '{name}' trong thư mục '{}'", self.root.display())),
        }
    }

    fn yaml_files(&self) -> Vec<String> {
        self.files.keys().filter(|k| k.ends_with(".yaml") || k.ends_with(".yml")).cloned().collect()
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
}
