//! What the binary needs from the operating system beyond `std`: file
//! locks.

use std::fs::File;
use std::io;

/// Take an exclusive lock on `file` without waiting: `Ok(false)` when
/// another process holds it. The lock is released when the file is closed
/// or the process ends, however it ends.
#[cfg(unix)]
pub fn try_lock(file: &File) -> io::Result<bool> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: flock on a file descriptor we own; no memory is passed.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc == 0 {
        return Ok(true);
    }
    let err = io::Error::last_os_error();
    if err.raw_os_error() == Some(libc::EWOULDBLOCK) {
        Ok(false)
    } else {
        Err(err)
    }
}

/// Without flock, every lock succeeds.
#[cfg(not(unix))]
pub fn try_lock(_file: &File) -> io::Result<bool> {
    Ok(true)
}

/// The temporary files being written now: what a signal removes.
static TEMPORARIES: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Note a temporary file that must not outlive an interrupted run.
pub fn register_temporary(path: &std::path::Path) {
    if let Ok(mut list) = TEMPORARIES.lock() {
        list.push(path.to_path_buf());
    }
}

/// The temporary file was renamed into place or removed.
pub fn unregister_temporary(path: &std::path::Path) {
    if let Ok(mut list) = TEMPORARIES.lock() {
        list.retain(|p| p != path);
    }
}

/// On SIGINT, SIGTERM or SIGHUP: remove the temporary files being written,
/// then die of the same signal (so the shell and the engine see it). Must
/// be called before any other thread starts: the signals are blocked in
/// every thread and taken by one thread that waits for them. Child
/// processes (pdftotext) start with no signal blocked and die with tolk
/// (see `tolk::read::pdf`).
#[cfg(unix)]
pub fn handle_signals() {
    // SAFETY: plain libc signal-set calls on local, initialised sets.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            libc::sigaddset(&mut set, sig);
        }
        if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
            return;
        }
        let spawned = std::thread::Builder::new()
            .name("tolk-signals".into())
            .spawn(move || {
                let mut sig: libc::c_int = 0;
                if libc::sigwait(&set, &mut sig) != 0 {
                    return;
                }
                if let Ok(list) = TEMPORARIES.lock() {
                    for path in list.iter() {
                        let _ = std::fs::remove_file(path);
                    }
                }
                libc::signal(sig, libc::SIG_DFL);
                libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
                libc::raise(sig);
                // Not reached: the default action ends the process.
                libc::_exit(128 + sig);
            });
        if spawned.is_err() {
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        }
    }
}

/// Without POSIX signals, nothing to set up.
#[cfg(not(unix))]
pub fn handle_signals() {}
