import ArgumentParser
import BeredskapCore
import BeredskapMail
import BeredskapStore
import Foundation
import NIOPosix

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct LettersCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "letters", abstract: "Letters to the affected persons.", subcommands: [Send.self])

  struct Send: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Send the incident's approved, unsent letters and notices to controllers (resumable; exit 1 if some failed).")
    @Option(help: "The incident, e.g. INC-2026-001.") var incident: String
    @OptionGroup var db: DatabaseOption

    func run() async throws {
      guard let number = IncidentNumber(incident) else {
        throw Failure(message: "--incident: not an incident number such as INC-2026-001")
      }
      let mail: MailSettings
      do {
        mail = try MailSettings.from(environment: ProcessInfo.processInfo.environment)
      } catch {
        throw Failure(message: "\(error)")
      }
      let store = try await openStore(db)
      let report: Dispatcher.Report
      do {
        guard let found = try await IncidentRepository(db: store.db).find(number) else {
          await store.shutdown()
          throw Failure(message: "--incident: there is no incident \(number)")
        }
        let bar = ProgressLine(interactive: isatty(2) == 1)
        let dispatcher = Dispatcher(
          db: store.db, settings: mail.smtp, trustRoots: mail.trustRoots, handoverGroup: mail.handoverGroup,
          group: MultiThreadedEventLoopGroup.singleton)
        report = try await dispatcher.run(incidentID: found.id, kinds: [.letter, .controllerNotice]) { progress in
          bar.show(progress)
        }
        bar.finish()
        await store.shutdown()
      } catch let failure as Failure {
        throw failure
      } catch let error as SMTPError {
        await store.shutdown()
        throw Failure(message: "\(error). The letters stay queued; run the command again when this is fixed.", code: 1)
      } catch {
        await store.shutdown()
        throw Failure(message: "sending stopped: \(error). The letters stay queued; run the command again.", code: 1)
      }
      print(Self.summary(report))
      if report.failedPermanently > 0 || report.retrying > 0 { throw ExitCode(1) }
    }

    static func summary(_ r: Dispatcher.Report) -> String {
      var parts = ["sent: \(r.sent)"]
      if r.failedPermanently > 0 { parts.append("failed permanently: \(r.failedPermanently) (see the incident page)") }
      if r.retrying > 0 { parts.append("to retry later: \(r.retrying) (run the command again)") }
      if r.maybeSentTwice > 0 {
        parts.append("possibly sent twice after an interruption: \(r.maybeSentTwice) (recorded on each letter)")
      }
      return parts.joined(separator: "; ")
    }
  }
}

/// A progress bar on a terminal (stderr), plain lines every 10 % otherwise.
final class ProgressLine: @unchecked Sendable {
  let interactive: Bool
  let lock = NSLock()
  var lastTenth = -1

  init(interactive: Bool) { self.interactive = interactive }

  func show(_ p: Dispatcher.Progress) {
    lock.lock()
    defer { lock.unlock() }
    let total = max(p.total, p.done, 1)
    if interactive {
      let width = 30
      let filled = width * p.done / total
      let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
      FileHandle.standardError.write(Data("\r[\(bar)] \(p.done)/\(total)".utf8))
    } else {
      let tenth = 10 * p.done / total
      guard tenth != lastTenth else { return }
      lastTenth = tenth
      FileHandle.standardError.write(Data("\(p.done) of \(total) done\n".utf8))
    }
  }

  func finish() {
    if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
