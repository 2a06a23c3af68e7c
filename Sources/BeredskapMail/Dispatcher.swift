import BeredskapCore
import BeredskapStore
import FluentKit
import Foundation
import Logging
import NIOCore
import NIOSSL

/// Empties the outbox through one SMTP connection, reused for message after
/// message. Each message is claimed under a lease, marked `handing_over`
/// just before its end is written, and marked sent or failed from the
/// server's reply; temporary failures come back with exponential backoff.
public struct Dispatcher: Sendable {
  public var db: any Database
  public var settings: SMTPSettings
  public var trustRoots: NIOSSLTrustRoots?
  public var heloName: String
  public var claimant: OutboxClaimant
  public var policy: RetryPolicy
  /// How many messages are claimed at a time.
  public var batchSize: Int
  public var lease: TimeInterval
  /// Wait for retries due within this many seconds of the last send; later ones are left for the next run.
  public var retryWindow: TimeInterval
  public var clock: @Sendable () -> Date
  public var group: any EventLoopGroup

  public init(
    db: any Database, settings: SMTPSettings, trustRoots: NIOSSLTrustRoots? = nil, heloName: String = "beredskap.local",
    claimant: OutboxClaimant = .current(), policy: RetryPolicy = RetryPolicy(), batchSize: Int = 50,
    lease: TimeInterval = 300, retryWindow: TimeInterval = 120, clock: @escaping @Sendable () -> Date = { Date() },
    group: any EventLoopGroup
  ) {
    self.db = db
    self.settings = settings
    self.trustRoots = trustRoots
    self.heloName = heloName
    self.claimant = claimant
    self.policy = policy
    self.batchSize = max(1, batchSize)
    self.lease = lease
    self.retryWindow = retryWindow
    self.clock = clock
    self.group = group
  }

  /// What one run did.
  public struct Report: Sendable, Equatable {
    public var sent = 0
    public var failedPermanently = 0
    /// Failed for now; waiting for a later retry.
    public var retrying = 0
    /// Sent again after a crash during their handover.
    public var maybeSentTwice = 0
    public var connections = 0
    public init() {}
  }

  /// One step of progress: a message has its outcome.
  public struct Progress: Sendable {
    public var done: Int
    public var total: Int
    public var report: Report
  }

  /// Sends every due message of `kinds` (of one incident, or all) until none
  /// is left, waiting for retries due within `retryWindow`. Throws
  /// `SMTPError.configuration` when the settings cannot work; the messages
  /// stay queued then.
  public func run(
    incidentID: UUID?, kinds: [OutboxKind], progress: @Sendable (Progress) -> Void = { _ in }
  ) async throws -> Report {
    let outbox = Outbox(db: db)
    var report = Report()
    var total = try await pendingCount(incidentID: incidentID, kinds: kinds)
    var done = 0
    var connection: SMTPConnection?
    var remaining: [Outbox.Claimed] = []
    do {
      while true {
        let batch = try await outbox.claim(
          limit: batchSize, incidentID: incidentID, kinds: kinds, claimant: claimant, now: clock(), lease: lease)
        if batch.isEmpty {
          guard let next = try await outbox.nextRetry(incidentID: incidentID, kinds: kinds) else { break }
          let wait = next.timeIntervalSince(clock())
          guard wait <= retryWindow else { break }
          if wait > 0 { try await Task.sleep(nanoseconds: UInt64(min(wait, retryWindow) * 1e9) + 1_000_000) }
          continue
        }
        total = max(total, done + batch.count)
        remaining = batch
        while let message = remaining.first {
          if connection == nil || connection?.isOpen == false {
            do {
              connection = try await SMTPConnection.open(
                settings, heloName: heloName, trustRoots: trustRoots, group: group)
              report.connections += 1
            } catch SMTPError.connection(let why) {
              // Unreachable for now: every claimed message waits for its retry.
              for m in remaining {
                if try await fail(m, reply: why, temporary: true, handedOver: false, outbox: outbox, report: &report) {
                  done += 1
                }
              }
              remaining = []
              connection = nil
              progress(Progress(done: done, total: total, report: report))
              break
            }
          }
          remaining.removeFirst()
          guard let open = connection else { continue }
          if message.maybeSentTwice { report.maybeSentTwice += 1 }
          let outcome = await deliver(message, over: open, outbox: outbox)
          switch outcome {
          case .sent(let reply):
            try await outbox.markSent(message.id, claimant: claimant, at: clock(), reply: reply)
            report.sent += 1
          case .lost:
            connection = nil
            total -= 1
            continue
          case .failed(let reply, let temporary, let handedOver, let dropConnection):
            let final = try await fail(
              message, reply: reply, temporary: temporary, handedOver: handedOver, outbox: outbox, report: &report)
            if dropConnection {
              await open.close()
              connection = nil
            }
            if !final { continue }
          }
          done += 1
          progress(Progress(done: done, total: total, report: report))
        }
      }
    } catch {
      try? await outbox.release(remaining.map(\.id), claimant: claimant)
      await connection?.close()
      throw error
    }
    await connection?.quit()
    report.retrying = try await outbox.counts(incidentID: incidentID, kinds: kinds)[.failedTemporarily] ?? 0
    return report
  }

  enum Outcome {
    case sent(String)
    case failed(reply: String, temporary: Bool, handedOver: Bool, dropConnection: Bool)
    /// Another dispatcher holds it now.
    case lost
  }

  func deliver(_ message: Outbox.Claimed, over connection: SMTPConnection, outbox: Outbox) async -> Outcome {
    let claimant = self.claimant
    let clock = self.clock
    let lease = self.lease
    do {
      let delivery = try await connection.send(
        from: message.envelopeFrom, to: message.recipient, message: message.message
      ) {
        try await outbox.markHandingOver(message.id, claimant: claimant, now: clock(), lease: lease)
      }
      switch delivery {
      case .accepted(let reply): return .sent(reply)
      case .notHandedOver: return .lost
      }
    } catch SMTPError.rejected(_, let reply) {
      return .failed(
        reply: reply.line, temporary: reply.isTemporary, handedOver: false, dropConnection: reply.code == 421)
    } catch let error as SMTPConnection.HandoverError {
      return .failed(reply: error.underlying, temporary: true, handedOver: true, dropConnection: true)
    } catch {
      return .failed(reply: "\(error)", temporary: true, handedOver: false, dropConnection: true)
    }
  }

  /// Records a failure; true when it is final (no retry left).
  func fail(
    _ message: Outbox.Claimed, reply: String, temporary: Bool, handedOver: Bool, outbox: Outbox, report: inout Report
  ) async throws -> Bool {
    let retryAt = temporary ? policy.nextAttempt(after: message.attempts, now: clock()) : nil
    try await outbox.markFailed(
      message.id, claimant: claimant, reply: reply, retryAt: retryAt, handedOver: handedOver)
    if retryAt == nil { report.failedPermanently += 1 }
    return retryAt == nil
  }

  func pendingCount(incidentID: UUID?, kinds: [OutboxKind]) async throws -> Int {
    let counts = try await Outbox(db: db).counts(incidentID: incidentID, kinds: kinds)
    return [OutboxStatus.queued, .failedTemporarily, .sending, .handingOver].reduce(0) { $0 + (counts[$1] ?? 0) }
  }
}
