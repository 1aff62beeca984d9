//! Write to a temporary file beside the target, sync, then rename: an
//! output (a deduplicated corpus, an index) appears whole or not at all.

use crate::error::{Error, Result};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A buffered file that appears at its path only when [`commit`]ted.
///
/// [`commit`]: AtomicFile::commit
pub struct AtomicFile {
    path: PathBuf,
    writer: BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    /// Start writing `path` (created in the same directory as a temporary).
    pub fn create(path: &Path) -> Result<AtomicFile> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".wiretrace-")
            .tempfile_in(&dir)
            .map_err(|e| Error::io(path.display().to_string(), e))?;
        Ok(AtomicFile { path: path.to_path_buf(), writer: BufWriter::with_capacity(1 << 20, tmp) })
    }

    /// The writer.
    pub fn writer(&mut self) -> &mut BufWriter<tempfile::NamedTempFile> {
        &mut self.writer
    }

    /// Flush, sync and rename into place.
    pub fn commit(self) -> Result<()> {
        let name = self.path.display().to_string();
        let tmp = self.writer.into_inner().map_err(|e| Error::io(name.clone(), e.into_error()))?;
        // temporary files are created private (0600); give the output the
        // permissions of the file it replaces, or ordinary ones (0644)
        let perms = match std::fs::metadata(&self.path) {
            Ok(m) => m.permissions(),
            Err(_) => default_permissions(),
        };
        tmp.as_file().set_permissions(perms).map_err(|e| Error::io(name.clone(), e))?;
        tmp.as_file().sync_all().map_err(|e| Error::io(name.clone(), e))?;
        tmp.persist(&self.path).map_err(|e| Error::io(name, e.error))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

#[cfg(unix)]
fn default_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o644)
}

#[cfg(not(unix))]
fn default_permissions() -> std::fs::Permissions {
    tempfile::tempfile().and_then(|f| f.metadata()).map(|m| m.permissions()).expect("a temporary file")
}
