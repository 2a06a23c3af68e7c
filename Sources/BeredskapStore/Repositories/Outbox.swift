import BeredskapCore
import Crypto
import FluentKit
import Foundation
import SQLKit

/// The outbox: messages are enqueued inside the caller's transaction and
/// handed out to dispatchers under leases, so that each is sent once even
/// with several instances on one PostgreSQL, and none is lost after a crash.
public struct Outbox: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  /// A claimed message, opened for sending.
  public struct Claimed: Sendable {
    public var id: UUID
    public var kind: OutboxKind
    public var envelopeFrom: String
    public var recipient: String
    public var message: [UInt8]
    public var messageID: String
    /// Attempts including this one.
    public var attempts: Int
    public var maybeSentTwice: Bool
  }

  /// Stores the messages as queued; on the caller's `db`, so an enclosing
  /// transaction (e.g. approving a batch of letters) commits them or none.
  @discardableResult
  public func enqueue(_ drafts: [OutboxDraft], now: Date) async throws -> [UUID] {
    guard !drafts.isEmpty else { return [] }
    let key = try Self.requireKey()
    var ids: [UUID] = []
    ids.reserveCapacity(drafts.count)
    var records: [OutboxMessageRecord] = []
    for (offset, draft) in drafts.enumerated() {
      let id = UUID()
      let bytes = draft.bytes
      let text = String(decoding: bytes, as: UTF8.self)
      let r = OutboxMessageRecord()
      r.id = id
      r.kind = draft.kind.rawValue
      r.incidentID = draft.incidentID
      r.personID = draft.personID
      r.batchID = draft.batchID
      r.envelopeFrom = draft.envelopeFrom
      r.recipient = key.seal(draft.recipient, context: Self.context("recipient", id))
      r.message = key.seal(text, context: Self.context("message", id))
      r.messageSHA256 = Hex.encode(SHA256.hash(data: bytes))
      r.messageID = draft.messageID
      r.status = OutboxStatus.queued.rawValue
      r.attempts = 0
      r.maybeSentTwice = false
      // Microseconds apart keep the enqueue order for the dispatcher.
      r.createdAt = now.addingTimeInterval(Double(offset) * 1e-6)
      records.append(r)
      ids.append(id)
    }
    // Chunks keep each INSERT under the databases' bind limits.
    var start = 0
    while start < records.count {
      let end = min(start + 500, records.count)
      try await records[start..<end].create(on: db)
      start = end
    }
    return ids
  }

  /// Claims up to `limit` messages that are due: queued ones, temporary
  /// failures whose time has come, and ones whose claimant's lease ran out or
  /// whose claimant on this host is dead. A message taken over while it was
  /// being handed over is marked "may have been sent twice". Atomic: on
  /// PostgreSQL with `FOR UPDATE SKIP LOCKED`, on SQLite under its one writer.
  ///
  /// `settling` records earlier outcomes in the same commit. With
  /// `handingOver` the claimed messages are marked `handing_over` at once,
  /// for a dispatcher that writes them to the server right away: one commit
  /// and one row update less per group.
  public func claim(
    limit: Int, incidentID: UUID?, kinds: [OutboxKind], claimant: OutboxClaimant, now: Date,
    lease: TimeInterval = 300, settling outcomes: [Settlement] = [], handingOver: Bool = false
  ) async throws -> [Claimed] {
    guard limit > 0, !kinds.isEmpty else {
      _ = try await settle(outcomes, handOver: [], claimant: claimant, now: now, lease: lease)
      return []
    }
    let dead = try await deadClaimants(now: now, host: claimant.host)
    let postgres = db.sql.dialect.name != "sqlite"
    let until = now.addingTimeInterval(lease)
    let me = claimant.description
    let status = handingOver ? OutboxStatus.handingOver : .sending
    let rows = try await db.writeTransaction { tx in
      try await Outbox(db: tx).record(outcomes, claimant: claimant)
      let incidentFilter: SQLQueryString = incidentID.map { "incident_id = \(bind: $0) AND " } ?? ""
      let deadFilter: SQLQueryString = dead.isEmpty ? "" : " OR claimed_by IN (\(binds: dead))"
      let due: [SQLQueryString] = [
        "status = 'queued'",
        "status = 'failed_temporarily' AND next_attempt_at <= \(bind: now)",
        "status IN ('sending', 'handing_over') AND (lease_until < \(bind: now)\(deadFilter))",
      ]
      let kindFilter: SQLQueryString = "kind IN (\(binds: kinds.map(\.rawValue)))"
      let candidates: SQLQueryString
      if postgres {
        // Rows another instance is claiming right now are skipped, and the search goes on past them.
        let anyDue = due.map { "(\($0))" as SQLQueryString }.joined(separator: " OR ")
        candidates = """
          SELECT id FROM outbox_messages WHERE \(incidentFilter)\(kindFilter) AND (\(anyDue))
          ORDER BY created_at, id LIMIT \(bind: limit) FOR UPDATE SKIP LOCKED
          """
      } else {
        // One writer, no locks. Each kind of due message is read from the index in order, up to
        // the limit, instead of the whole outbox being read and sorted for every batch.
        let arms = due.map { (status: SQLQueryString) -> SQLQueryString in
          """
          SELECT * FROM (SELECT id, created_at FROM outbox_messages WHERE \(incidentFilter)\(status) AND \(kindFilter)
          ORDER BY created_at, id LIMIT \(bind: limit))
          """
        }
        candidates = """
          SELECT id FROM (\(arms.joined(separator: " UNION ALL "))) ORDER BY created_at, id LIMIT \(bind: limit)
          """
      }
      let query: SQLQueryString = """
        UPDATE outbox_messages SET
          maybe_sent_twice = CASE WHEN status = 'handing_over' THEN \(bind: true) ELSE maybe_sent_twice END,
          status = \(bind: status.rawValue), claimed_by = \(bind: me), claimed_at = \(bind: now), lease_until = \(bind: until),
          attempts = attempts + 1
        WHERE id IN (\(candidates))
        RETURNING id
        """
      let ids = try await tx.sql.raw(query).all().map { try $0.decode(column: "id", as: UUID.self) }
      guard !ids.isEmpty else { return [ClaimedRow]() }
      // Only the columns sending needs, read directly (no model decoding: this runs for every letter).
      return try await tx.sql.raw(
        """
        SELECT id, kind, envelope_from, recipient, message, message_id, attempts, maybe_sent_twice
        FROM outbox_messages WHERE id IN (\(binds: ids)) ORDER BY created_at, id
        """
      ).all().map { row in
        ClaimedRow(
          id: try row.decode(column: "id", as: UUID.self), kind: try row.decode(column: "kind", as: String.self),
          envelopeFrom: try row.decode(column: "envelope_from", as: String.self),
          recipient: try row.decode(column: "recipient", as: String.self),
          message: try row.decode(column: "message", as: String.self),
          messageID: try row.decode(column: "message_id", as: String.self),
          attempts: try row.decode(column: "attempts", as: Int.self),
          maybeSentTwice: try row.decode(column: "maybe_sent_twice", as: Bool.self))
      }
    }
    let key = try Self.requireKey()
    return try rows.map { r in
      Claimed(
        id: r.id, kind: OutboxKind(rawValue: r.kind) ?? .letter, envelopeFrom: r.envelopeFrom,
        recipient: try key.open(r.recipient, context: Self.context("recipient", r.id)),
        message: Array(try key.open(r.message, context: Self.context("message", r.id)).utf8), messageID: r.messageID,
        attempts: r.attempts, maybeSentTwice: r.maybeSentTwice)
    }
  }

  /// A claimed message as stored (sealed).
  struct ClaimedRow: Sendable {
    var id: UUID
    var kind: String
    var envelopeFrom: String
    var recipient: String
    var message: String
    var messageID: String
    var attempts: Int
    var maybeSentTwice: Bool
  }

  /// Claimants holding live leases whose process on this host is gone.
  func deadClaimants(now: Date, host: String) async throws -> [String] {
    let rows = try await db.sql.raw(
      """
      SELECT DISTINCT claimed_by FROM outbox_messages
      WHERE status IN ('sending', 'handing_over') AND lease_until >= \(bind: now)
      """
    ).all()
    return try rows.compactMap { row in
      guard let text = try row.decode(column: "claimed_by", as: String?.self),
        let claimant = OutboxClaimant.parse(text), claimant.isKnownDead(onHost: host)
      else { return nil }
      return text
    }
  }

  /// Marks the message as being handed to the server, and renews the lease.
  /// False when this claimant no longer holds it (its lease was taken over):
  /// then it must not be sent.
  public func markHandingOver(_ id: UUID, claimant: OutboxClaimant, now: Date, lease: TimeInterval = 300)
    async throws -> Bool
  {
    try await updateOwned(
      id, claimant: claimant,
      set: "status = 'handing_over', lease_until = \(bind: now.addingTimeInterval(lease))", from: ["sending"])
  }

  /// The server accepted it: the time, and the server's reply line.
  @discardableResult
  public func markSent(_ id: UUID, claimant: OutboxClaimant, at: Date, reply: String) async throws -> Bool {
    try await updateOwned(
      id, claimant: claimant,
      set: """
        status = 'sent', sent_at = \(bind: at), reply = \(bind: Self.clip(reply)), \
        claimed_by = NULL, lease_until = NULL, next_attempt_at = NULL
        """, from: ["sending", "handing_over"])
  }

  /// Many accepted at once, in one statement: each its own time and reply line.
  func markSent(_ sent: [(id: UUID, reply: String, at: Date)], claimant: OutboxClaimant) async throws {
    guard !sent.isEmpty else { return }
    let rows = sent.map { "(\(bind: $0.id), \(bind: Self.clip($0.reply)), \(bind: $0.at))" as SQLQueryString }
    try await db.sql.raw(
      """
      WITH done (id, reply, sent_at) AS (VALUES \(rows.joined(separator: ", ")))
      UPDATE outbox_messages SET status = 'sent',
        sent_at = (SELECT done.sent_at FROM done WHERE done.id = outbox_messages.id),
        reply = (SELECT done.reply FROM done WHERE done.id = outbox_messages.id),
        claimed_by = NULL, lease_until = NULL, next_attempt_at = NULL
      WHERE id IN (SELECT done.id FROM done) AND claimed_by = \(bind: claimant.description)
        AND status IN ('sending', 'handing_over')
      """
    ).run()
  }

  /// A failure: temporary ones are retried at `retryAt` (nil = give up, permanent).
  /// `handedOver` says the message may have reached the server (the reply was lost).
  @discardableResult
  public func markFailed(
    _ id: UUID, claimant: OutboxClaimant, reply: String, retryAt: Date?, handedOver: Bool = false
  ) async throws -> Bool {
    let status: OutboxStatus = retryAt == nil ? .failedPermanently : .failedTemporarily
    let twice: SQLQueryString = handedOver ? ", maybe_sent_twice = \(bind: true)" : ""
    return try await updateOwned(
      id, claimant: claimant,
      set: """
        status = \(bind: status.rawValue), reply = \(bind: Self.clip(reply)), next_attempt_at = \(bind: retryAt), \
        claimed_by = NULL, lease_until = NULL\(twice)
        """, from: ["sending", "handing_over"])
  }

  /// The outcome of one message, recorded by `settle`.
  public enum Settlement: Sendable {
    case sent(UUID, reply: String, at: Date)
    /// `retryAt` nil = permanent; `handedOver`: it may have reached the server.
    case failed(UUID, reply: String, retryAt: Date?, handedOver: Bool)
    /// Marked for handover but not attempted (the connection went first): still ours, to try again.
    case notAttempted(UUID)
  }

  /// Records the outcomes of the messages just handed over and marks the
  /// next ones `handing_over`, in one transaction (one commit per group of
  /// messages instead of two per message). Returns the ids of `next` this
  /// claimant still holds: only those may be sent.
  public func settle(
    _ outcomes: [Settlement], handOver next: [UUID], claimant: OutboxClaimant, now: Date, lease: TimeInterval = 300
  ) async throws -> Set<UUID> {
    guard !outcomes.isEmpty || !next.isEmpty else { return [] }
    let me = claimant.description
    return try await db.writeTransaction { tx in
      try await Outbox(db: tx).record(outcomes, claimant: claimant)
      guard !next.isEmpty else { return [] }
      let rows = try await tx.sql.raw(
        """
        UPDATE outbox_messages SET status = 'handing_over', lease_until = \(bind: now.addingTimeInterval(lease))
        WHERE id IN (\(binds: next)) AND claimed_by = \(bind: me) AND status = 'sending'
        RETURNING id
        """
      ).all()
      return Set(try rows.map { try $0.decode(column: "id", as: UUID.self) })
    }
  }

  /// Records outcomes; on the caller's `db` (a transaction).
  func record(_ outcomes: [Settlement], claimant: OutboxClaimant) async throws {
    try await markSent(
      outcomes.compactMap { if case .sent(let id, let reply, let at) = $0 { (id, reply, at) } else { nil } },
      claimant: claimant)
    for outcome in outcomes {
      switch outcome {
      case .sent: continue
      case .failed(let id, let reply, let retryAt, let handedOver):
        try await markFailed(id, claimant: claimant, reply: reply, retryAt: retryAt, handedOver: handedOver)
      case .notAttempted(let id):
        _ = try await updateOwned(id, claimant: claimant, set: "status = 'sending'", from: ["handing_over"])
      }
    }
  }

  /// Gives claimed messages back untouched (e.g. the dispatcher stops): only
  /// ones not written to the server, also when already marked for handover.
  public func release(_ ids: [UUID], claimant: OutboxClaimant) async throws {
    guard !ids.isEmpty else { return }
    try await db.sql.raw(
      """
      UPDATE outbox_messages SET status = 'queued', attempts = attempts - 1, claimed_by = NULL, lease_until = NULL
      WHERE id IN (\(binds: ids)) AND claimed_by = \(bind: claimant.description)
        AND status IN ('sending', 'handing_over')
      """
    ).run()
  }

  func updateOwned(_ id: UUID, claimant: OutboxClaimant, set: SQLQueryString, from: [String]) async throws -> Bool {
    let rows = try await db.sql.raw(
      """
      UPDATE outbox_messages SET \(set)
      WHERE id = \(bind: id) AND claimed_by = \(bind: claimant.description) AND status IN (\(binds: from))
      RETURNING id
      """
    ).all()
    return !rows.isEmpty
  }

  // MARK: Reading

  /// The earliest time a temporarily failed message is due again.
  public func nextRetry(incidentID: UUID?, kinds: [OutboxKind]) async throws -> Date? {
    var query = OutboxMessageRecord.query(on: db).filter(\.$status == OutboxStatus.failedTemporarily.rawValue)
      .filter(\.$kind ~~ kinds.map(\.rawValue))
    if let incidentID { query = query.filter(\.$incidentID == incidentID) }
    return try await query.sort(\.$nextAttemptAt).first()?.nextAttemptAt
  }

  /// How many messages of an incident are in each status (absent = none).
  /// All incidents' when `incidentID` is nil.
  public func counts(incidentID: UUID?, kinds: [OutboxKind] = OutboxKind.allCases) async throws -> [OutboxStatus: Int] {
    let incidentFilter: SQLQueryString = incidentID.map { "incident_id = \(bind: $0) AND " } ?? ""
    let rows = try await db.sql.raw(
      """
      SELECT status, COUNT(*) AS n FROM outbox_messages
      WHERE \(incidentFilter)kind IN (\(binds: kinds.map(\.rawValue))) GROUP BY status
      """
    ).all()
    var out: [OutboxStatus: Int] = [:]
    for row in rows {
      guard let status = OutboxStatus(rawValue: try row.decode(column: "status", as: String.self)) else { continue }
      out[status, default: 0] += try row.decode(column: "n", as: Int.self)
    }
    return out
  }

  /// Every message of an incident, oldest first, without address or content.
  public func entries(incidentID: UUID) async throws -> [OutboxEntry] {
    try await OutboxMessageRecord.query(on: db).filter(\.$incidentID == incidentID).sort(\.$createdAt)
      .sort(\.$id).all().map(Self.entry)
  }

  public func entry(_ id: UUID) async throws -> OutboxEntry? {
    try await OutboxMessageRecord.find(id, on: db).map(Self.entry)
  }

  /// The copy of what was sent (or will be), checked against its hash.
  public func copy(_ id: UUID) async throws -> (recipient: String, message: [UInt8])? {
    // Nil too once the retention period has emptied it: only the proof is kept.
    guard let r = try await OutboxMessageRecord.find(id, on: db), !r.message.isEmpty else { return nil }
    let key = try Self.requireKey()
    let bytes = Array(try key.open(r.message, context: Self.context("message", id)).utf8)
    guard Hex.encode(SHA256.hash(data: bytes)) == r.messageSHA256 else {
      throw Altered()
    }
    return (try key.open(r.recipient, context: Self.context("recipient", id)), bytes)
  }

  public struct Altered: Error, CustomStringConvertible {
    public var description: String { "the stored copy of a message does not match its hash (altered)" }
  }

  static func entry(_ r: OutboxMessageRecord) -> OutboxEntry {
    OutboxEntry(
      id: r.id ?? UUID(), kind: OutboxKind(rawValue: r.kind) ?? .letter, personID: r.personID, batchID: r.batchID,
      status: OutboxStatus(rawValue: r.status) ?? .queued, attempts: r.attempts, createdAt: r.createdAt,
      sentAt: r.sentAt, nextAttemptAt: r.nextAttemptAt, messageID: r.messageID, reply: r.reply,
      maybeSentTwice: r.maybeSentTwice, sha256: r.messageSHA256)
  }

  static func context(_ column: String, _ id: UUID) -> String { "outbox_messages.\(column):\(id.uuidString)" }

  static func requireKey() throws -> DataKey {
    guard let key = DataKeyring.current else { throw DataKeyring.Missing() }
    return key
  }

  /// Server replies are short; a long one is cut so a hostile server cannot fill the table.
  static func clip(_ reply: String) -> String { String(reply.prefix(500)) }
}
