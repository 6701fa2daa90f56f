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
    let result = cmd::init_threads(&cli.command).and_then(|()| match cli.command {
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
    });
    let code = match result {
        Ok(code) => code,
        Err(err) if cmd::is_broken_pipe(&err) => tolk::exit::OK,
        Err(err) => {
            eprintln!("tolk: error: {err:#}");
            tolk::exit::ERROR
        }
    };
    std::process::exit(code);
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        super::cli::Cli::command().debug_assert();
    }
}
