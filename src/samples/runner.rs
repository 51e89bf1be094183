//! Running one sample binary. Samples are untrusted code: each runs in its own
//! process group with a cleared environment, a timeout that kills the whole
//! group (grandchildren included), and capped output.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Output kept per stream; the rest is read and dropped.
pub const OUTPUT_CAP: usize = 1 << 20;

pub struct RunSpec<'a> {
    pub exe: &'a Path,
    pub args: &'a [String],
    pub cwd: &'a Path,
    pub stdin: Option<Vec<u8>>,
    pub timeout: Duration,
}

#[derive(Debug)]
pub struct RunOutput {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// `None` when the run was killed at its timeout.
    pub status: Option<ExitStatus>,
    pub truncated: bool,
    pub elapsed: Duration,
}

pub fn run(spec: &RunSpec<'_>) -> std::io::Result<RunOutput> {
    let mut cmd = Command::new(spec.exe);
    cmd.args(spec.args)
        .current_dir(spec.cwd)
        .env_clear()
        .stdin(if spec.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    // Only what a program needs to start and to find system tools.
    for key in ["PATH", "LANG", "LC_ALL", "TZ"] {
        if let Some(v) = std::env::var_os(key) {
            cmd.env(key, v);
        }
    }
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    let group = child.id() as libc::pid_t;
    if let (Some(input), Some(mut pipe)) = (spec.stdin.clone(), child.stdin.take()) {
        // A sample that never reads its input must not block us.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
    }
    let stdout = child.stdout.take().map(capped_reader);
    let stderr = child.stderr.take().map(capped_reader);

    let deadline = start + spec.timeout;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if Instant::now() >= deadline {
            kill_group(group);
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    // Whatever the sample left running in its group goes too, so no stray
    // process keeps the pipes (and this build) waiting.
    kill_group(group);
    let elapsed = start.elapsed();
    let (stdout, t1) = stdout
        .map(|h| h.join().unwrap_or_default())
        .unwrap_or_default();
    let (stderr, t2) = stderr
        .map(|h| h.join().unwrap_or_default())
        .unwrap_or_default();
    Ok(RunOutput {
        stdout,
        stderr,
        status,
        truncated: t1 || t2,
        elapsed,
    })
}

fn kill_group(group: libc::pid_t) {
    // SAFETY: kill(2) with a negative pid signals the process group we created
    // for the sample (process_group(0) made the child its leader); it touches
    // no memory of ours.
    unsafe {
        libc::kill(-group, libc::SIGKILL);
    }
}

type Captured = std::thread::JoinHandle<(Vec<u8>, bool)>;

fn capped_reader(mut pipe: impl Read + Send + 'static) -> Captured {
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut truncated = false;
        let mut buf = [0u8; 8192];
        loop {
            match pipe.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let room = OUTPUT_CAP.saturating_sub(kept.len());
                    kept.extend_from_slice(&buf[..n.min(room)]);
                    truncated |= n > room;
                }
            }
        }
        (kept, truncated)
    })
}

/// The path of a sample's input or expected-output file, refusing names that
/// leave the sample's folder.
pub fn file_in(dir: &Path, name: &str) -> Option<PathBuf> {
    let rel = Path::new(name);
    rel.components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
        .then(|| dir.join(rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str, timeout_ms: u64) -> RunOutput {
        let args = vec!["-c".to_string(), script.to_string()];
        run(&RunSpec {
            exe: Path::new("/bin/sh"),
            args: &args,
            cwd: Path::new("/"),
            stdin: None,
            timeout: Duration::from_millis(timeout_ms),
        })
        .unwrap()
    }

    #[test]
    fn captures_output_and_status() {
        let out = sh("echo out; echo err >&2; exit 3", 5_000);
        assert_eq!(out.stdout, b"out\n");
        assert_eq!(out.stderr, b"err\n");
        assert_eq!(out.status.and_then(|s| s.code()), Some(3));
    }

    #[test]
    fn environment_is_cleared() {
        // SAFETY: set before the child is spawned; tests in this module do not
        // read the variable concurrently.
        unsafe { std::env::set_var("INTERDOC_SECRET_FOR_TEST", "x") };
        let out = sh("echo \"[$INTERDOC_SECRET_FOR_TEST]\"", 5_000);
        assert_eq!(out.stdout, b"[]\n");
    }

    #[test]
    fn a_timeout_kills_the_whole_group() {
        // The grandchild would keep stdout open forever if it survived.
        let out = sh("sleep 30 & sleep 30", 300);
        assert!(out.status.is_none());
        assert!(out.elapsed < Duration::from_secs(10), "{:?}", out.elapsed);
    }

    #[test]
    fn output_is_capped() {
        let out = sh("head -c 3000000 /dev/zero", 10_000);
        assert_eq!(out.stdout.len(), OUTPUT_CAP);
        assert!(out.truncated);
    }

    #[test]
    fn files_stay_in_the_sample() {
        assert!(file_in(Path::new("/s"), "expected.txt").is_some());
        assert!(file_in(Path::new("/s"), "../x").is_none());
        assert!(file_in(Path::new("/s"), "/etc/passwd").is_none());
    }
}
