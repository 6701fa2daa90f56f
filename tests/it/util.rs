//! Helpers shared by the test modules: the binary under test, the
//! repository's folders, and files written into a temporary folder.

use std::path::{Path, PathBuf};

/// The `tolk` binary of this build, ready for arguments.
pub fn tolk() -> assert_cmd::Command {
    assert_cmd::cargo::cargo_bin_cmd!("tolk")
}

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The bundled sample corpus, `corpora/`.
pub fn corpora() -> PathBuf {
    root().join("corpora")
}

/// Writes `bytes` to `dir/name` and returns its path.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The JSON values of a JSON Lines output.
pub fn jsonl(stdout: &[u8]) -> Vec<serde_json::Value> {
    std::str::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}
