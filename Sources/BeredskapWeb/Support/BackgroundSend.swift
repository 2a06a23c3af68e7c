import BeredskapCore
import BeredskapMail
import Foundation
import Vapor

extension Request {
  /// Starts emptying the outbox of one incident's messages of `kinds` in the
  /// background, as `beredskap letters send` does. False when e-mail is not
  /// set up: the messages then wait safely in the outbox.
  func sendInBackground(incidentID: UUID, kinds: [OutboxKind]) -> Bool {
    guard let mail = try? MailSettings.from(environment: ProcessInfo.processInfo.environment) else { return false }
    let dispatcher = Dispatcher(
      db: db, settings: mail.smtp, trustRoots: mail.trustRoots, handoverGroup: mail.handoverGroup,
      group: application.eventLoopGroup)
    let logger = logger
    Task.detached {
      do {
        let report = try await dispatcher.run(incidentID: incidentID, kinds: kinds)
        logger.info("sent", metadata: ["sent": "\(report.sent)", "failed": "\(report.failedPermanently)"])
      } catch {
        // The type only: an SMTP reply may quote an address.
        logger.warning("sending stopped; the messages stay queued", metadata: ["error": "\(type(of: error))"])
      }
    }
    return true
  }
}
