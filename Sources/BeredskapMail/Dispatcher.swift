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
  /// How many messages are marked `handing_over` together (one commit per
  /// group) and then pipelined to the server as one group. 1: only the very
  /// message being handed over can be sent twice after a crash; more: faster,
  /// and up to this many may be (each so recorded).
  public var handoverGroup: Int
  /// The default group: most of the speed, and after a crash at most this many letters may arrive twice.
  public static let defaultHandoverGroup = 50
  public var clock: @Sendable () -> Date
  public var group: any EventLoopGroup

  public init(
    db: any Database, settings: SMTPSettings, trustRoots: NIOSSLTrustRoots? = nil, heloName: String = "beredskap.local",
    claimant: OutboxClaimant = .current(), policy: RetryPolicy = RetryPolicy(), batchSize: Int = 50,
    lease: TimeInterval = 300, retryWindow: TimeInterval = 120,
    handoverGroup: Int = Dispatcher.defaultHandoverGroup,
    clock: @escaping @Sendable () -> Date = { Date() },
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
    self.handoverGroup = max(1, handoverGroup)
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
    let total = try await pendingCount(incidentID: incidentID, kinds: kinds)
    var done = 0
    var connection: SMTPConnection?
    var remaining: [Outbox.Claimed] = []
    /// Outcomes not yet recorded: written with the next group's handover, in one commit.
    var unsettled: [Outbox.Settlement] = []
    func record(_ message: Outbox.Claimed, _ outcome: Outcome) {
      switch outcome {
      case .sent(let reply):
        unsettled.append(.sent(message.id, reply: reply, at: clock()))
        report.sent += 1
        done += 1
      case .failed(let reply, let temporary, let handedOver, _):
        let retryAt = temporary ? policy.nextAttempt(after: message.attempts, now: clock()) : nil
        unsettled.append(.failed(message.id, reply: reply, retryAt: retryAt, handedOver: handedOver))
        if retryAt == nil {
          report.failedPermanently += 1
          done += 1
        }
      }
    }
    do {
      while true {
        // Over an open connection a claimed group is marked `handing_over` in the claim's own commit, which
        // also records the previous group's outcomes: one commit per group.
        // (A batch larger than a group is claimed as `sending`, and each group marked just before it goes.)
        let ready = connection?.isOpen == true && batchSize <= handoverGroup
        let batch = try await outbox.claim(
          limit: batchSize, incidentID: incidentID, kinds: kinds, claimant: claimant, now: clock(), lease: lease,
          settling: unsettled, handingOver: ready)
        unsettled = []
        if batch.isEmpty {
          guard let next = try await outbox.nextRetry(incidentID: incidentID, kinds: kinds) else { break }
          let wait = next.timeIntervalSince(clock())
          guard wait <= retryWindow else { break }
          if wait > 0 { try await Task.sleep(nanoseconds: UInt64(min(wait, retryWindow) * 1e9) + 1_000_000) }
          continue
        }
        remaining = batch
        var marked = ready ? Set(batch.map(\.id)) : []
        while !remaining.isEmpty {
          if connection == nil || connection?.isOpen == false {
            do {
              connection = try await SMTPConnection.open(
                settings, heloName: heloName, trustRoots: trustRoots, group: group)
              report.connections += 1
            } catch SMTPError.connection(let why) {
              // Unreachable for now: every claimed message waits for its retry.
              for m in remaining { record(m, .failed(reply: why, temporary: true, handedOver: false, drop: true)) }
              remaining = []
              connection = nil
              progress(Progress(done: done, total: total, report: report))
              break
            }
          }
          guard let open = connection else { continue }
          let group = Array(remaining.prefix(handoverGroup))
          remaining.removeFirst(group.count)
          // Every letter of the group is marked `handing_over` (durably) before any of it is written: in the
          // claim's commit, or here (claimed before the connection was open, or tried again after it was lost).
          let ids = group.map(\.id)
          var owned = marked.intersection(ids)
          let unmarked = ids.filter { !marked.contains($0) }
          if !unmarked.isEmpty { owned.formUnion(try await settle(&unsettled, handOver: unmarked, outbox: outbox)) }
          marked.subtract(ids)
          let sending = group.filter { owned.contains($0.id) }
          var drop = false
          var again: [Outbox.Claimed] = []
          for (message, outcome) in zip(sending, await handOver(sending, over: open)) {
            guard let outcome else {
              // The connection went before this one: not handed over, still ours, to try again.
              unsettled.append(.notAttempted(message.id))
              again.append(message)
              continue
            }
            if message.maybeSentTwice { report.maybeSentTwice += 1 }
            record(message, outcome)
            if case .failed(_, _, _, true) = outcome { drop = true }
          }
          remaining.insert(contentsOf: again, at: 0)
          if drop {
            await open.close()
            connection = nil
          }
          progress(Progress(done: done, total: total, report: report))
        }
      }
    } catch {
      // What was handed over is recorded before giving up; the rest goes back to the queue.
      try? await settle(&unsettled, handOver: [], outbox: outbox)
      try? await outbox.release(remaining.map(\.id), claimant: claimant)
      await connection?.close()
      throw error
    }
    await connection?.quit()
    report.retrying = try await outbox.counts(incidentID: incidentID, kinds: kinds)[.failedTemporarily] ?? 0
    return report
  }

  @discardableResult
  func settle(_ unsettled: inout [Outbox.Settlement], handOver next: [UUID], outbox: Outbox) async throws -> Set<UUID> {
    let outcomes = unsettled
    let owned = try await outbox.settle(outcomes, handOver: next, claimant: claimant, now: clock(), lease: lease)
    unsettled = []
    return owned
  }

  enum Outcome {
    case sent(String)
    case failed(reply: String, temporary: Bool, handedOver: Bool, drop: Bool)

    var dropsConnection: Bool {
      if case .failed(_, _, _, true) = self { return true }
      return false
    }
  }

  /// Hands a group over: pipelined when the server offers it, else one
  /// message after the other. Nil: not attempted, the connection went first.
  func handOver(_ group: [Outbox.Claimed], over connection: SMTPConnection) async -> [Outcome?] {
    guard connection.supportsPipelining else {
      var out: [Outcome?] = []
      for message in group {
        guard connection.isOpen, out.last??.dropsConnection != true else {
          out.append(nil)
          continue
        }
        out.append(await deliver(message, over: connection))
      }
      return out
    }
    let envelopes = group.map {
      SMTPConnection.Envelope(from: $0.envelopeFrom, to: $0.recipient, message: $0.message)
    }
    return await connection.sendPipelined(envelopes).map { outcome -> Outcome? in
      switch outcome {
      case .accepted(let reply): .sent(reply)
      case .rejected(_, let reply):
        .failed(reply: reply.line, temporary: reply.isTemporary, handedOver: false, drop: reply.code == 421)
      case .handoverFailed(let why): .failed(reply: why, temporary: true, handedOver: true, drop: true)
      case .notHandedOver(let why): .failed(reply: why, temporary: true, handedOver: false, drop: true)
      case .notAttempted: nil
      }
    }
  }

  func deliver(_ message: Outbox.Claimed, over connection: SMTPConnection) async -> Outcome {
    do {
      let delivery = try await connection.send(
        from: message.envelopeFrom, to: message.recipient, message: message.message
      ) { true }
      switch delivery {
      case .accepted(let reply): return .sent(reply)
      case .notHandedOver: return .failed(reply: "not handed over", temporary: true, handedOver: false, drop: true)
      }
    } catch SMTPError.rejected(_, let reply) {
      return .failed(reply: reply.line, temporary: reply.isTemporary, handedOver: false, drop: reply.code == 421)
    } catch let error as SMTPConnection.HandoverError {
      return .failed(reply: error.underlying, temporary: true, handedOver: true, drop: true)
    } catch {
      return .failed(reply: "\(error)", temporary: true, handedOver: false, drop: true)
    }
  }

  func pendingCount(incidentID: UUID?, kinds: [OutboxKind]) async throws -> Int {
    let counts = try await Outbox(db: db).counts(incidentID: incidentID, kinds: kinds)
    return [OutboxStatus.queued, .failedTemporarily, .sending, .handingOver].reduce(0) { $0 + (counts[$1] ?? 0) }
  }
}
