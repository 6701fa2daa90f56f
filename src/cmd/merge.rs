//! `tolk merge-summaries MANIFEST DIR`: the shard summaries of one
//! `--out-dir` become `summary.csv`, in manifest order.

use anyhow::{bail, Context as _, Result};

use crate::cli::MergeSummariesArgs;
use crate::cmd::Output;

/// Run `tolk merge-summaries`.
pub fn run(args: MergeSummariesArgs) -> Result<i32> {
    let pairs = crate::cmd::batch::read_manifest(&args.manifest)?;
    let dir = &args.dir;
    let entries = std::fs::read_dir(dir).with_context(|| {
        format!(
            "{}: cannot read the directory; give the --out-dir the shards wrote to",
            dir.display()
        )
    })?;
    let mut shards = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("{}: cannot read", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_shard_summary(&name) {
            let bytes = tolk::read::read_bytes(&entry.path())?;
            shards.push((entry.path().display().to_string(), bytes));
        }
    }
    shards.sort();
    if shards.is_empty() {
        bail!(
            "{}: no shard summaries (summary.K-of-N.csv); run `tolk batch MANIFEST --out-dir {} --shard K/N` first",
            dir.display(),
            dir.display()
        );
    }
    let ids: Vec<&str> = pairs.iter().map(|p| p.id.as_str()).collect();
    let merged = tolk::batch::merge_summaries(&ids, &shards)?;
    let Some(summary) = merged.summary else {
        for id in &merged.missing {
            eprintln!("tolk: merge-summaries: missing: `{id}` is in no shard summary");
        }
        for (id, files) in &merged.duplicated {
            eprintln!(
                "tolk: merge-summaries: repeated: `{id}` is in {}",
                files.join(" and ")
            );
        }
        for (id, file) in &merged.unknown {
            eprintln!("tolk: merge-summaries: unknown: `{id}` (in {file}) is not in the manifest");
        }
        eprintln!(
            "tolk: merge-summaries: {} missing, {} repeated, {} unknown of {} pairs; nothing was written (rerun the shards, or remove summaries of an older run)",
            merged.missing.len(),
            merged.duplicated.len(),
            merged.unknown.len(),
            ids.len()
        );
        return Ok(tolk::exit::FINDINGS);
    };
    let target = dir.join("summary.csv");
    let mut out = Output::open(Some(&target), &[args.manifest.as_path()])?;
    out.writer().write_all(&summary)?;
    out.finish()?;
    Ok(tolk::exit::OK)
}

/// `summary.K-of-N.csv`, as `tolk batch --shard K/N` names its summary.
fn is_shard_summary(name: &str) -> bool {
    let Some(mid) = name
        .strip_prefix("summary.")
        .and_then(|n| n.strip_suffix(".csv"))
    else {
        return false;
    };
    let Some((k, n)) = mid.split_once("-of-") else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(k) && digits(n)
}

#[cfg(test)]
mod tests {
    use super::is_shard_summary;

    #[test]
    fn only_shard_summaries_are_merged() {
        assert!(is_shard_summary("summary.1-of-3.csv"));
        assert!(is_shard_summary("summary.12-of-16.csv"));
        for name in [
            "summary.csv",
            "timings.1-of-3.csv",
            "summary.1-of-.csv",
            "summary.a-of-3.csv",
            "summary.1-of-3.csv.tmp",
        ] {
            assert!(!is_shard_summary(name), "{name}");
        }
    }
}
