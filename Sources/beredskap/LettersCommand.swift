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
    commandName: "letters", abstract: "Letters to the affected persons.", subcommands: [Approve.self, Send.self])

  struct Approve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Approve the incident's letters: one per imported person not yet in an approved batch, put in the outbox (nothing is sent yet)."
    )
    @Option(help: "The incident, e.g. INC-2026-001.") var incident: String
    @Option(help: "A plan file (YAML); default: $BEREDSKAP_PLAN, else the built-in plan.") var plan: String?
    @OptionGroup var db: DatabaseOption

    func run() async throws {
      guard let number = IncidentNumber(incident) else {
        throw Failure(message: "--incident: not an incident number such as INC-2026-001")
      }
      let env = ProcessInfo.processInfo.environment
      let loaded = try (plan ?? env["BEREDSKAP_PLAN"]).map(loadPlan) ?? .builtIn
      let from: MailAddress
      do {
        from = try MailSettings.sender(environment: env, plan: loaded)
      } catch {
        throw Failure(message: "\(error)")
      }
      let store = try await openStore(db)
      let approval: LetterRepository.Approval
      do {
        guard try await IncidentRepository(db: store.db).find(number) != nil else {
          throw Failure(message: "--incident: there is no incident \(number)")
        }
        approval = try await LetterRepository(db: store.db).approve(
          number, plan: loaded, from: from, actor: .cli, now: Date())
        await store.shutdown()
      } catch LetterRepository.LetterError.nothingToApprove {
        await store.shutdown()
        throw Failure(
          message:
            "nothing to approve: import the affected persons first (beredskap subjects import), or everyone is already in an approved batch"
        )
      } catch {
        await store.shutdown()
        throw error
      }
      var line = "approved: \(approval.letters) letters queued"
      if approval.otherChannel > 0 {
        line += "; \(approval.otherChannel) without e-mail, to be told another way (see the letters page)"
      }
      if approval.alreadyIncluded > 0 { line += "; \(approval.alreadyIncluded) already in an earlier batch" }
      print(line + ". Send them with: beredskap letters send --incident \(number)")
    }
  }

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
        report = try await dispatcher.run(incidentID: found.id, kinds: [.letter, .controllerNotice, .stakeholder]) {
          progress in
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
