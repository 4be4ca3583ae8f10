//! Finding and reading input files.
//!
//! Paths named on the command line are read whatever their extension; folders contribute
//! the `*.txt` files found under them (recursively, in a stable order, symlink loops
//! detected). Anything that cannot be read becomes a [`Problem`] naming the file, and the
//! rest of the batch goes on.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::decode::{decode, DecodeError};
use crate::pipeline::Source;

/// A file that was not built, and why.
#[derive(Debug)]
pub struct Problem {
    /// The file.
    pub path: PathBuf,
    /// What went wrong (or why it was skipped), in a few words.
    pub reason: String,
    /// A skipped file (not a text file in a folder) is a note, not a failure.
    pub skipped: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

/// Extensions of files taken from folders.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text"];

/// Expand paths into the list of files to read, plus the problems met on the way.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                problems.push(Problem {
                    path: p.clone(),
                    reason: if e.kind() == std::io::ErrorKind::NotFound {
                        if p.symlink_metadata().is_ok() {
                            "broken symbolic link (its target does not exist)".into()
                        } else {
                            "no such file or folder".into()
                        }
                    } else if is_loop_error(&e) {
                        "symbolic link loop".into()
                    } else {
                        e.to_string()
                    },
                    skipped: false,
                });
                continue;
            }
        };
        if meta.is_file() {
            files.push(p.clone());
            continue;
        }
        if !meta.is_dir() {
            problems.push(Problem {
                path: p.clone(),
                reason: "not a regular file or folder".into(),
                skipped: false,
            });
            continue;
        }
        let walker = walkdir::WalkDir::new(p)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    if has_text_extension(e.path()) {
                        files.push(e.into_path());
                    } else {
                        problems.push(Problem {
                            path: e.into_path(),
                            reason: "skipped: not a .txt file (name it explicitly to read it)".into(),
                            skipped: true,
                        });
                    }
                }
                Ok(e) if !e.file_type().is_dir() => problems.push(Problem {
                    path: e.into_path(),
                    reason: "skipped: not a regular file (a pipe, socket or device)".into(),
                    skipped: true,
                }),
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| p.clone());
                    let io = e.io_error();
                    let is_link = path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink());
                    let reason = if e.loop_ancestor().is_some() || io.is_some_and(is_loop_error) {
                        "skipped: symbolic link loop".to_string()
                    } else if is_link && io.is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) {
                        if has_text_extension(&path) {
                            "broken symbolic link (its target does not exist)".to_string()
                        } else {
                            "skipped: broken symbolic link".to_string()
                        }
                    } else {
                        io.map(|io| io.to_string()).unwrap_or_else(|| e.to_string())
                    };
                    problems.push(Problem {
                        skipped: reason.starts_with("skipped"),
                        path,
                        reason,
                    });
                }
            }
        }
    }
    (files, problems)
}

fn has_text_extension(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|x| x.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    TEXT_EXTENSIONS.contains(&ext.as_str())
}

/// "Too many levels of symbolic links" (ELOOP): a link that points, in the end, at itself.
fn is_loop_error(e: &std::io::Error) -> bool {
    cfg!(target_os = "linux") && e.raw_os_error() == Some(40)
}

/// The name a document is known by: its file name.
pub fn document_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Read and decode one file.
pub fn read(path: &Path, max_bytes: u64) -> Result<Source, Problem> {
    let fail = |reason: String| Problem {
        path: path.to_path_buf(),
        reason,
        skipped: false,
    };
    let size = std::fs::metadata(path).map_err(|e| fail(e.to_string()))?.len();
    if size > max_bytes {
        return Err(fail(
            DecodeError::TooLarge {
                size,
                limit: max_bytes,
            }
            .to_string(),
        ));
    }
    // Read at most one byte past the limit: a file that grows while we read it (or a
    // device posing as one) cannot make us hold more than that.
    let mut bytes = Vec::with_capacity(size.min(max_bytes) as usize + 1);
    std::fs::File::open(path)
        .and_then(|f| f.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(|e| fail(e.to_string()))?;
    let decoded = decode(&bytes, max_bytes).map_err(|e| fail(e.to_string()))?;
    Ok(Source {
        name: document_name(path),
        path: Some(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())),
        decoded,
    })
}
