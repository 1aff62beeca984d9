//! Write to a temporary file beside the target, sync, then rename: an
//! output (a deduplicated corpus, an index) appears whole or not at all.
//!
//! Only regular files are replaced that way. A symlink is followed, so the
//! temporary is made and renamed in the directory of its target and the
//! link itself stays; an existing device node, FIFO or socket (`/dev/null`,
//! `/dev/stdout`, a named pipe) is written through in place, never
//! replaced; a directory is refused.
//!
//! Every temporary the crate makes (these, spooled standard input, and the
//! stage directory of an out-of-core run) is
//! tracked while it lives, so that a program interrupted by a signal can
//! remove them all ([`remove_temporaries`]) instead of leaving hidden files
//! of hundreds of megabytes behind; the command line does so on SIGINT,
//! SIGTERM and SIGHUP.

use crate::error::{Error, Result};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary files alive now.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Note a temporary file that must not outlive an interrupted run.
pub fn track_temporary(path: &Path) {
    live().push(path.to_path_buf());
}

/// The temporary at `path` was renamed into place (or removed).
pub fn untrack_temporary(path: &Path) {
    live().retain(|p| p != path);
}

/// Remove every tracked temporary file (or directory, with what is in
/// it), for a signal handler to call just before the program exits. Files
/// already gone are ignored.
pub fn remove_temporaries() {
    for path in live().drain(..) {
        if path.is_dir() {
            let _ = std::fs::remove_dir_all(path);
        } else {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A buffered file that appears at its path only when [`commit`]ted.
///
/// [`commit`]: AtomicFile::commit
pub struct AtomicFile {
    path: PathBuf,
    writer: BufWriter<Sink>,
}

/// Where the bytes go: a temporary to rename, or a non-regular file.
pub enum Sink {
    /// A temporary file beside the (symlink-resolved) target.
    Temp(tempfile::NamedTempFile),
    /// A device, FIFO or socket, written in place.
    Direct(std::fs::File),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Temp(t) => t.write(buf),
            Sink::Direct(f) => f.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Temp(t) => t.flush(),
            Sink::Direct(f) => f.flush(),
        }
    }
}

/// Follow symlinks (also dangling ones, whose target is yet to be made)
/// to the path that is really written.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

impl AtomicFile {
    /// Start writing `path` (created in the same directory as a temporary).
    pub fn create(path: &Path) -> Result<AtomicFile> {
        let name = path.display().to_string();
        let real = resolve(path).map_err(|e| Error::io(name.clone(), e))?;
        if let Ok(meta) = std::fs::metadata(&real) {
            if meta.is_dir() {
                return Err(Error::input(path, "is a directory, not a file to write"));
            }
            if !meta.is_file() {
                let file =
                    std::fs::OpenOptions::new().write(true).open(&real).map_err(|e| Error::io(name.clone(), e))?;
                return Ok(AtomicFile { path: real, writer: BufWriter::with_capacity(1 << 20, Sink::Direct(file)) });
            }
        }
        let dir = match real.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let tmp =
            tempfile::Builder::new().prefix(".wiretrace-").tempfile_in(&dir).map_err(|e| Error::io(name.clone(), e))?;
        track_temporary(tmp.path());
        Ok(AtomicFile { path: real, writer: BufWriter::with_capacity(1 << 20, Sink::Temp(tmp)) })
    }

    /// The writer.
    pub fn writer(&mut self) -> &mut BufWriter<Sink> {
        &mut self.writer
    }

    /// Flush, sync and rename into place (a non-regular target: flush).
    pub fn commit(self) -> Result<()> {
        let name = self.path.display().to_string();
        let tmp = match self.writer.into_inner().map_err(|e| Error::io(name.clone(), e.into_error()))? {
            Sink::Direct(_) => return Ok(()),
            Sink::Temp(tmp) => tmp,
        };
        // temporary files are created private (0600); give the output the
        // permissions of the file it replaces, or ordinary ones (0644)
        let perms = match std::fs::metadata(&self.path) {
            Ok(m) => m.permissions(),
            Err(_) => default_permissions(),
        };
        tmp.as_file().set_permissions(perms).map_err(|e| Error::io(name.clone(), e))?;
        tmp.as_file().sync_all().map_err(|e| Error::io(name.clone(), e))?;
        let temp_path = tmp.path().to_path_buf();
        let persisted = tmp.persist(&self.path).map_err(|e| Error::io(name, e.error));
        untrack_temporary(&temp_path);
        persisted.map(drop)
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        let mut f = AtomicFile::create(path).unwrap();
        f.write_all(text.as_bytes()).unwrap();
        f.commit().unwrap();
    }

    #[test]
    fn a_symlink_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(sub.join("real.txt"), "old").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink("sub/real.txt", &link).unwrap();
        write(&link, "new");
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(sub.join("real.txt")).unwrap(), "new");
        // no temporary left beside the link or the target
        assert_eq!(std::fs::read_dir(&sub).unwrap().count(), 1);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_dangling_symlink_creates_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(dir.path().join("made.txt"), &link).unwrap();
        write(&link, "x");
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(dir.path().join("made.txt")).unwrap(), "x");
    }

    #[test]
    fn a_device_is_written_through_not_replaced() {
        // a null device node of our own (needs root, as CI is), so that a
        // regression replaces a file in a temporary directory, never the
        // machine's /dev/null; without root, /dev/null is the device
        let dir = tempfile::tempdir().unwrap();
        let own = dir.path().join("null");
        let made = std::process::Command::new("mknod").arg(&own).args(["c", "1", "3"]).status();
        let device = if made.is_ok_and(|s| s.success()) { own } else { Path::new("/dev/null").to_path_buf() };
        write(&device, "discarded");
        let meta = std::fs::metadata(&device).unwrap();
        assert!(!meta.is_file(), "{} must stay a device", device.display());
    }

    #[test]
    fn a_fifo_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(status.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        write(&fifo, "through the pipe");
        assert_eq!(reader.join().unwrap(), "through the pipe");
        assert!(!std::fs::metadata(&fifo).unwrap().is_file());
    }

    #[test]
    fn a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = AtomicFile::create(dir.path()).err().expect("an error");
        assert!(err.to_string().contains("is a directory"), "{err}");
    }
}
