import ArgumentParser
import BeredskapCore
import Foundation

/// The `beredskap` command. Exit codes: 0 success, 1 a check failed, 2 bad usage or bad input.
@main
struct Beredskap: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "beredskap",
    abstract: "Incident response and personal-data-breach handling.",
    subcommands: [
      Serve.self, UserCommand.self, TokenCommand.self, Assess.self, AuditCommand.self, PlanCommand.self,
      SubjectsCommand.self,
      LettersCommand.self,
      WebhookCommand.self,
      BackupCommand.self,
      ExportCommand.self,
    ]
  )

  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let code as ExitCode {
      Foundation.exit(code.rawValue)
    } catch let failure as Failure {
      FileHandle.standardError.write(Data((failure.message + "\n").utf8))
      Foundation.exit(failure.code)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        Foundation.exit(0)
      }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(2)
    }
  }
}

/// A failure with its message for stderr and its exit code.
struct Failure: Error {
  var message: String
  var code: Int32 = 2
}

/// `--database URL` for every command that touches data.
struct DatabaseOption: ParsableArguments {
  @Option(
    name: .long,
    help:
      "sqlite:///path/file.sqlite or postgres://user:pass@host:port/db (default: $DATABASE_URL, else ./beredskap-data/beredskap.sqlite)"
  )
  var database: String?
}
