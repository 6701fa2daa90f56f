//! The README's worked example stays true: every `$ tolk … | head -N` in
//! its console block is run on the bundled sample, and the lines the README
//! shows must be the first N lines of the output, in order (a `…` line in
//! the README stands for lines left out).

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;

/// (arguments, line count, the lines the README shows) per command.
fn examples(readme: &str) -> Vec<(Vec<String>, usize, Vec<String>)> {
    let block = readme
        .split("```console\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the README has a ```console block");
    let mut out: Vec<(Vec<String>, usize, Vec<String>)> = Vec::new();
    for line in block.lines() {
        if let Some(cmd) = line.strip_prefix("$ tolk ") {
            let (args, head) = cmd
                .split_once(" | head -")
                .expect("every command ends in | head -N");
            let args = args.split_whitespace().map(String::from).collect();
            out.push((args, head.trim().parse().expect("a line count"), Vec::new()));
        } else if let Some(last) = out.last_mut() {
            last.2.push(line.to_string());
        }
    }
    for (_, _, shown) in &mut out {
        while shown.last().is_some_and(|l| l.is_empty()) {
            shown.pop();
        }
    }
    out
}

#[test]
fn the_worked_example_shows_what_tolk_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let examples = examples(&readme);
    assert_eq!(examples.len(), 3, "align, check and diff");
    for (args, head, shown) in examples {
        let output = cargo_bin_cmd!("tolk")
            .current_dir(root)
            .args(&args)
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap().replace('\r', "");
        let printed: Vec<&str> = text.lines().take(head).collect();
        let elided = shown.iter().any(|l| l == "…");
        let shown: Vec<&str> = shown
            .iter()
            .map(String::as_str)
            .filter(|l| *l != "…")
            .collect();
        if elided {
            // In order, with gaps where the README has `…`.
            let mut rest = printed.iter();
            for line in &shown {
                assert!(
                    rest.any(|p| p == line),
                    "tolk {}: README line not printed (in order): {line}\nprinted:\n{}",
                    args.join(" "),
                    printed.join("\n")
                );
            }
        } else {
            assert_eq!(printed, shown, "tolk {}", args.join(" "));
        }
    }
}
