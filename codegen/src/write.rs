//! The one file writer of every output (Rust, docs): each file through a
//! temporary file and a rename, so a reader never sees half a file, and
//! files whose content is unchanged left alone, so builds that watch them
//! do not rerun.

use crate::error::{ErrorKind, Result};
use std::path::Path;

/// Writes `files` (`(path relative to dir, content)`, paths may name
/// subdirectories) under `dir`, creating directories as needed.
pub fn write_files<P: AsRef<Path>, C: AsRef<str>>(dir: &Path, files: &[(P, C)]) -> Result<()> {
    for (rel, content) in files {
        let path = dir.join(rel.as_ref());
        let content = content.as_ref();
        let parent = path.parent().unwrap_or(dir);
        std::fs::create_dir_all(parent).map_err(|source| ErrorKind::Write {
            file: parent.to_path_buf(),
            source,
        })?;
        if std::fs::read_to_string(&path).is_ok_and(|old| old == content) {
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = parent.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, content).map_err(|source| ErrorKind::Write {
            file: tmp.clone(),
            source,
        })?;
        std::fs::rename(&tmp, &path).map_err(|source| ErrorKind::Write { file: path, source })?;
    }
    Ok(())
}
