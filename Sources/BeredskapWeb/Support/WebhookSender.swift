import BeredskapCore
import BeredskapStore
import Fluent
import Foundation
import Vapor

/// Posts the outbox's webhook messages: the stored body, signed with the
/// webhook key, with the same leases, retries and records as e-mail. A 2xx is
/// sent; 408, 429 and 5xx or no answer are retried with growing waits; any
/// other answer is recorded as refused.
struct WebhookSender: Sendable {
  let db: any Database
  let client: any Client
  let claimant = OutboxClaimant.current()
  let policy = RetryPolicy()

  func run(incidentID: UUID?, now: @Sendable () -> Date = { Date() }) async throws -> Int {
    guard let key = DataKeyring.current?.subkey(.webhooks) else { return 0 }
    let outbox = Outbox(db: db)
    var sent = 0
    while true {
      let claimed = try await outbox.claim(
        limit: 20, incidentID: incidentID, kinds: [.webhook], claimant: claimant, now: now())
      if claimed.isEmpty { return sent }
      for message in claimed {
        guard try await outbox.markHandingOver(message.id, claimant: claimant, now: now()) else { continue }
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: "X-Beredskap-Signature", value: Webhook.signature(body: message.message, key: key))
        headers.replaceOrAdd(name: "X-Beredskap-Delivery", value: message.messageID)
        headers.replaceOrAdd(name: .userAgent, value: "Beredskap")
        do {
          let response = try await client.post(URI(string: message.recipient), headers: headers) { req in
            req.body = ByteBuffer(bytes: message.message)
          }
          let reply = "HTTP \(response.status.code)"
          switch response.status.code {
          case 200..<300:
            _ = try await outbox.markSent(message.id, claimant: claimant, at: now(), reply: reply)
            sent += 1
          case 408, 429, 500..<600:
            try await outbox.markFailed(
              message.id, claimant: claimant, reply: reply,
              retryAt: policy.nextAttempt(after: message.attempts, now: now()), handedOver: true)
          default:
            try await outbox.markFailed(message.id, claimant: claimant, reply: reply, retryAt: nil)
          }
        } catch {
          // No answer: it may have arrived; retried, and so recorded.
          try await outbox.markFailed(
            message.id, claimant: claimant, reply: "no answer (\(type(of: error)))",
            retryAt: policy.nextAttempt(after: message.attempts, now: now()), handedOver: true)
        }
      }
    }
  }
}

extension Request {
  /// Posts the incident's queued webhooks in the background.
  func postWebhooksInBackground(incidentID: UUID) {
    let sender = WebhookSender(db: db, client: application.client)
    let logger = logger
    Task.detached {
      do {
        _ = try await sender.run(incidentID: incidentID)
      } catch {
        logger.warning("webhooks stopped; they stay queued", metadata: ["error": "\(type(of: error))"])
      }
    }
  }
}
