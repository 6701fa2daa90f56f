//! `-o` naming a device or a pipe: written to directly, never replaced by
//! the finished temporary file (which would turn `/dev/null` or a FIFO into
//! a regular file).

use std::fs;
use std::io::Read;
use std::os::unix::fs::FileTypeExt;
use std::process::Command;

use assert_cmd::cargo::cargo_bin_cmd;
use tempfile::TempDir;

fn editions(dir: &TempDir) -> (std::path::PathBuf, std::path::PathBuf) {
    let nb = dir.path().join("a.nb.txt");
    let en = dir.path().join("a.en.txt");
    fs::write(&nb, "Det regner i dag. Vi blir hjemme.\n").unwrap();
    fs::write(&en, "It is raining today. We stay at home.\n").unwrap();
    (nb, en)
}

#[test]
fn a_fifo_receives_the_output_and_stays_a_fifo() {
    let dir = TempDir::new().unwrap();
    let (nb, en) = editions(&dir);
    let fifo = dir.path().join("out.fifo");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo (coreutils)");
    assert!(made.success());
    // The reader blocks until a writer opens the FIFO; if tolk renamed a
    // file over it instead, nobody ever does, so wait with a time limit
    // (then unblock the reader by opening the FIFO ourselves).
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Ok(mut f) = fs::File::open(&fifo) {
                let _ = f.read_to_string(&mut text);
            }
            let _ = tx.send(text);
        });
    }
    cargo_bin_cmd!("tolk")
        .arg("align")
        .arg(&nb)
        .arg(&en)
        .arg("-o")
        .arg(&fifo)
        .assert()
        .success();
    let text = match rx.recv_timeout(std::time::Duration::from_secs(30)) {
        Ok(text) => text,
        Err(_) => {
            let _ = fs::OpenOptions::new().write(true).open(&fifo);
            panic!("nothing was written to the FIFO");
        }
    };
    assert!(text.starts_with("pair,src_ids,tgt_ids"), "{text}");
    assert!(text.contains("It is raining today."), "{text}");
    let kind = fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced: {kind:?}");
    // no temporary file left beside it
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tolk-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn dev_null_stays_a_device() {
    let dir = TempDir::new().unwrap();
    let (nb, en) = editions(&dir);
    cargo_bin_cmd!("tolk")
        .arg("segment")
        .arg(&nb)
        .args(["-o", "/dev/null"])
        .assert()
        .success();
    cargo_bin_cmd!("tolk")
        .arg("align")
        .arg(&nb)
        .arg(&en)
        .args(["-o", "/dev/null"])
        .assert()
        .success();
    let kind = fs::symlink_metadata("/dev/null").unwrap().file_type();
    assert!(kind.is_char_device(), "/dev/null was replaced: {kind:?}");
}
