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

/// Runs `tolk batch MANIFEST ARGS… --out-dir OUT` and returns its outcome
/// to assert on.
pub fn batch_into(manifest: &Path, args: &[&str], out: &Path) -> assert_cmd::assert::Assert {
    tolk()
        .arg("batch")
        .arg(manifest)
        .args(args)
        .arg("--out-dir")
        .arg(out)
        .assert()
}

/// Starts `tolk batch MANIFEST ARGS… --out-dir OUT` without waiting for it.
pub fn spawn_batch(manifest: &Path, args: &[&str], out: &Path) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin!("tolk"))
        .arg("batch")
        .arg(manifest)
        .args(args)
        .arg("--out-dir")
        .arg(out)
        .spawn()
        .unwrap()
}

/// Makes a named pipe at `path`: a reader blocks on it until the test
/// writes to it.
pub fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "mkfifo (coreutils) failed; this test needs it");
}

/// Runs `tolk learn ARGS… -o OUT` and returns its outcome to assert on.
pub fn learn_into(args: &[&str], out: &Path) -> assert_cmd::assert::Assert {
    tolk().arg("learn").args(args).arg("-o").arg(out).assert()
}

/// Runs `tolk align SRC TGT --src-lang nb --tgt-lang en ARGS…` and returns
/// its outcome to assert on.
pub fn align_nb_en(src: &str, tgt: &str, args: &[&str]) -> assert_cmd::assert::Assert {
    tolk()
        .args(["align", src, tgt, "--src-lang", "nb", "--tgt-lang", "en"])
        .args(args)
        .assert()
}
