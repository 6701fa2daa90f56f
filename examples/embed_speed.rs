//! Sentences per second of tolk's encoder, for `scripts/bench-encoder`.
//!
//! Usage: `embed_speed [--repeat N] FILE…` (one sentence a line). Prints one
//! JSON line: load time, sentence and token counts, best and median wall time
//! per pass, sentences per second (from the best pass) and sentences per
//! second of process CPU time (from the pass that used least; on a shared
//! machine this is the steadier figure). Threads: rayon's pool (set
//! `RAYON_NUM_THREADS`).

use std::time::Instant;

use tolk::encode::{model_path, Encoder};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut repeat = 5;
    if args.first().map(String::as_str) == Some("--repeat") {
        repeat = args[1].parse()?;
        args.drain(..2);
    }
    let mut sentences = Vec::new();
    for f in &args {
        let text = std::fs::read_to_string(f)?;
        sentences.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string),
        );
    }
    let texts: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let t = Instant::now();
    let enc = Encoder::open(&model_path(None))?;
    let load = t.elapsed().as_secs_f64();
    let tokens: usize = texts.iter().map(|s| enc.token_ids(s).len()).sum();
    enc.embed(&texts); // warm-up
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..repeat {
        let (t, c) = (Instant::now(), cpu_seconds());
        std::hint::black_box(enc.embed(&texts));
        times.push(t.elapsed().as_secs_f64());
        cpu.push(cpu_seconds() - c);
    }
    times.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    println!(
        "{{\"load_s\": {load:.4}, \"sentences\": {}, \"tokens\": {tokens}, \"best_s\": {:.4}, \"median_s\": {:.4}, \"sentences_per_s\": {:.1}, \"cpu_s\": {:.3}, \"sentences_per_cpu_s\": {:.1}}}",
        texts.len(),
        times[0],
        times[times.len() / 2],
        texts.len() as f64 / times[0],
        cpu[0],
        texts.len() as f64 / cpu[0]
    );
    Ok(())
}

/// User + system CPU time of this process, from /proc/self/stat (Linux; 0
/// elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name in parentheses; utime and stime are the
    // 14th and 15th fields of the line, in clock ticks (100 a second).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|v| v.parse().unwrap_or(0.0))
        .collect();
    (f.get(11).unwrap_or(&0.0) + f.get(12).unwrap_or(&0.0)) / 100.0
}
