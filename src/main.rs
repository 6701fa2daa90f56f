//! The `tolk` binary: parse arguments, call the library, map the result to
//! an exit code.

mod cli;
mod cmd;

use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    if let Some(secs) = cli.timeout {
        tolk::read::pdf::set_timeout(std::time::Duration::from_secs(secs));
    }
    if let Some(label) = &cli.encoding {
        if let Err(e) = tolk::read::set_encoding(label) {
            eprintln!("tolk: error: {e}");
            std::process::exit(tolk::exit::ERROR);
        }
    }
    cmd::process::handle_signals();
    let inputs = input_names(&cli.command);
    quiet_out_of_memory();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        cmd::init_threads(&cli.command).and_then(|()| match cli.command {
            cli::Command::Segment(args) => cmd::segment::run(args),
            cli::Command::Align(args) => cmd::align::run(args),
            cli::Command::Convert(args) => cmd::convert::run(args),
            cli::Command::Extract(args) => cmd::extract::run(args),
            cli::Command::Check(args) => cmd::check::run(args),
            cli::Command::Diff(args) => cmd::diff::run(args),
            cli::Command::Batch(args) => cmd::batch::run(args),
            cli::Command::Learn(args) => cmd::learn::run(args),
            cli::Command::Consistency(args) => cmd::consistency::run(args),
            cli::Command::MergeSummaries(args) => cmd::merge::run(args),
        })
    }));
    // A table that did not fit in memory: an error naming the inputs.
    let result =
        result.unwrap_or_else(|panic| match panic.downcast::<tolk::error::OutOfMemory>() {
            Ok(oom) => Err(anyhow::anyhow!("{inputs}{oom}")),
            Err(panic) => std::panic::resume_unwind(panic),
        });
    let code = match result {
        Ok(code) => code,
        Err(err) if cmd::is_broken_pipe(&err) => tolk::exit::OK,
        Err(err) => {
            // File names and ids in messages are shown escaped (a name
            // cannot recolour or retitle the terminal); lines stay lines.
            let message = format!("{err:#}");
            for (i, line) in message.split('\n').enumerate() {
                let line = tolk::report::write::shown(line);
                if i == 0 {
                    eprintln!("tolk: error: {line}");
                } else {
                    eprintln!("{line}");
                }
            }
            tolk::exit::ERROR
        }
    };
    std::process::exit(code);
}

/// "A and B: " for the commands that align two files, for errors that
/// concern both.
fn input_names(command: &cli::Command) -> String {
    let (a, b) = match command {
        cli::Command::Align(a) => (&a.src, &a.tgt),
        cli::Command::Diff(a) => (&a.old, &a.new),
        cli::Command::Check(cli::CheckArgs {
            src: Some(a),
            tgt: Some(b),
            ..
        }) => (a, b),
        _ => return String::new(),
    };
    format!("{} and {}: ", a.display(), b.display())
}

/// No panic message for [`tolk::error::OutOfMemory`]: it is caught and
/// reported as an error (by `main`, or per pair by `batch`).
fn quiet_out_of_memory() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !info.payload().is::<tolk::error::OutOfMemory>() {
            default(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        super::cli::Cli::command().debug_assert();
    }
}
