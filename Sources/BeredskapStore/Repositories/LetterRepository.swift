import BeredskapCore
import FluentKit
import Foundation

/// Letters to the people affected: the shared texts being drafted, approved
/// batches, and a public communication where letters would take
/// disproportionate effort (Art. 34(3)(c)).
public struct LetterRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  public struct Batch: Sendable {
    public var id: UUID?
    public var texts: [Language: LetterTexts]
    public var approvedAt: Date?
    public var approvedBy: String?
    public var letters: Int
    public var otherChannel: Int
    public var publicChannel: String?
    public var publicJustification: String?
    public var publicAt: Date?

    public func texts(_ language: Language) -> LetterTexts {
      texts[language] ?? texts[.nb] ?? LetterTexts(whatHappened: "", whatWeDid: "")
    }
  }

  public enum LetterError: Error, Equatable {
    case empty(String)
    case tooLong(String)
    case inFuture
    case nothingToApprove
  }

  static func encode(_ texts: [Language: LetterTexts]) -> String {
    var o: [String: JSONValue] = [:]
    for (language, t) in texts {
      o[language.rawValue] = .object([
        "what_happened": .string(t.whatHappened), "what_we_did": .string(t.whatWeDid),
        "more_advice": .string(t.moreAdvice),
      ])
    }
    return String(decoding: JSONValue.object(o).serialized(pretty: false), as: UTF8.self)
  }

  static func decode(_ text: String) -> [Language: LetterTexts] {
    guard case .object(let o)? = try? JSONValue.parse(Data(text.utf8)) else { return [:] }
    var out: [Language: LetterTexts] = [:]
    for language in Language.allCases {
      guard case .object(let t)? = o[language.rawValue] else { continue }
      func s(_ k: String) -> String { if case .string(let v)? = t[k] { v } else { "" } }
      out[language] = LetterTexts(
        whatHappened: s("what_happened"), whatWeDid: s("what_we_did"), moreAdvice: s("more_advice"))
    }
    return out
  }

  static func batch(_ r: LetterBatchRecord) -> Batch {
    Batch(
      id: r.id, texts: decode(r.texts), approvedAt: r.approvedAt, approvedBy: r.approvedBy, letters: r.letters,
      otherChannel: r.otherChannel, publicChannel: r.publicChannel, publicJustification: r.publicJustification,
      publicAt: r.publicAt)
  }

  /// The draft texts for the next batch: saved ones, else those last
  /// approved, else drafted from the incident and the measures on its
  /// timeline (not stored until edited).
  public func draft(_ number: IncidentNumber) async throws -> Batch {
    guard let incident = try await IncidentRepository(db: db).find(number) else {
      throw StoreError.notFound("\(number)")
    }
    let incidentID = incident.id
    if let r = try await LetterBatchRecord.query(on: db).filter(\.$incident.$id == incidentID)
      .filter(\.$approvedAt == nil).first()
    {
      var b = Self.batch(r)
      for language in Language.allCases where b.texts[language] == nil {
        b.texts[language] = try await defaultTexts(incident, incidentID: incidentID, language: language)
      }
      return b
    }
    // A later batch (people imported since) starts from the texts last approved.
    let last = try await LetterBatchRecord.query(on: db).filter(\.$incident.$id == incidentID)
      .filter(\.$approvedAt != nil).sort(\.$approvedAt, .descending).first()
    var texts = last.map { Self.decode($0.texts) } ?? [:]
    for language in Language.allCases where texts[language] == nil {
      texts[language] = try await defaultTexts(incident, incidentID: incidentID, language: language)
    }
    return Batch(id: nil, texts: texts, letters: 0, otherChannel: 0)
  }

  func defaultTexts(_ incident: Incident, incidentID: UUID, language: Language) async throws -> LetterTexts {
    let measures = try await ReportRepository(db: db).measures(incidentID)
    return LetterTexts.draft(incident: incident, measures: measures, language: language)
  }

  /// How far telling the people has come, for the report: approved letters,
  /// those sent, people to be told another way, a public communication.
  /// Nil when no batch was approved.
  public func progress(_ incidentID: UUID) async throws -> ReportInput.Letters? {
    let batches = try await LetterBatchRecord.query(on: db).filter(\.$incident.$id == incidentID)
      .filter(\.$approvedAt != nil).sort(\.$approvedAt).all()
    guard !batches.isEmpty else { return nil }
    var l = ReportInput.Letters()
    l.approvedAt = batches.compactMap(\.approvedAt).first
    l.total = batches.reduce(0) { $0 + $1.letters }
    l.otherChannel = batches.reduce(0) { $0 + $1.otherChannel }
    if let p = batches.last(where: { $0.publicChannel != nil }) {
      l.publicChannel = p.publicChannel
      l.publicAt = p.publicAt
    }
    let sent = try await sentLetters(incidentID)
    l.sent = sent.count
    l.lastSentAt = sent.last
    return l
  }

  /// Approved batches, oldest first.
  public func approved(_ number: IncidentNumber) async throws -> [Batch] {
    guard let incidentID = try await IncidentRepository(db: db).record(number)?.id else {
      throw StoreError.notFound("\(number)")
    }
    return try await LetterBatchRecord.query(on: db).filter(\.$incident.$id == incidentID)
      .filter(\.$approvedAt != nil).sort(\.$approvedAt).all().map(Self.batch)
  }

  /// Saves the shared texts of the draft batch in one language.
  public func saveTexts(
    _ number: IncidentNumber, language: Language, texts: LetterTexts, actor: Actor, now: Date
  ) async throws {
    let happened = texts.whatHappened.trimmingCharacters(in: .whitespacesAndNewlines)
    if happened.isEmpty { throw LetterError.empty("what_happened") }
    for (field, value) in [
      ("what_happened", texts.whatHappened), ("what_we_did", texts.whatWeDid), ("more_advice", texts.moreAdvice),
    ] where value.count > 10_000 {
      throw LetterError.tooLong(field)
    }
    let current = try await draft(number)
    try await db.writeTransaction { tx in
      guard let incident = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = incident.id
      else { throw StoreError.notFound("\(number)") }
      let r =
        try await LetterBatchRecord.query(on: tx).filter(\.$incident.$id == incidentID)
        .filter(\.$approvedAt == nil).first() ?? Self.newRecord(incidentID, now: now)
      var all = current.texts
      all[language] = LetterTexts(
        whatHappened: happened, whatWeDid: texts.whatWeDid.trimmingCharacters(in: .whitespacesAndNewlines),
        moreAdvice: texts.moreAdvice.trimmingCharacters(in: .whitespacesAndNewlines))
      r.texts = Self.encode(all)
      r.updatedAt = now
      try await r.save(on: tx)
      try await AuditLog.append(
        on: tx, actor: actor, action: .lettersTexts, subject: "incident:\(number)",
        fields: ["language": language.rawValue, "texts": AuditLog.digest(r.texts)], now: now)
    }
  }

  /// When each letter of the incident was sent, oldest first (the outbox's record).
  func sentLetters(_ incidentID: UUID) async throws -> [Date] {
    try await Outbox(db: db).entries(incidentID: incidentID).filter { $0.kind == .letter }.compactMap(\.sentAt)
      .sorted()
  }

  /// Everyone in an approved batch of the incident.
  public func recipients(_ incidentID: UUID) async throws -> [LetterRecipientRecord] {
    try await LetterRecipientRecord.query(on: db).filter(\.$incidentID == incidentID).all()
  }

  public struct OutboxCounts: Sendable, Equatable {
    public var queued = 0
    public var sent = 0
    public var failed = 0
  }

  /// Letters of the incident in the outbox, by state.
  public func outboxCounts(_ incidentID: UUID) async throws -> OutboxCounts {
    let c = try await Outbox(db: db).counts(incidentID: incidentID, kinds: [.letter])
    var out = OutboxCounts()
    for (status, n) in c {
      switch status {
      case .sent: out.sent += n
      case .failedPermanently: out.failed += n
      default: out.queued += n
      }
    }
    return out
  }

  /// Records that a person without e-mail was told another way. False when
  /// the recipient is not one of this incident's.
  public func markTold(_ number: IncidentNumber, recipient: UUID, actor: Actor, now: Date) async throws -> Bool {
    try await db.writeTransaction { tx in
      guard let incident = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = incident.id
      else { throw StoreError.notFound("\(number)") }
      guard
        let r = try await LetterRecipientRecord.query(on: tx).filter(\.$id == recipient)
          .filter(\.$incidentID == incidentID).filter(\.$channel == "other").first()
      else { return false }
      guard r.toldAt == nil else { return true }
      r.toldAt = now
      r.toldBy = actor.name
      try await r.save(on: tx)
      let left = try await LetterRecipientRecord.query(on: tx).filter(\.$incidentID == incidentID)
        .filter(\.$channel == "other").filter(\.$toldAt == nil).count()
      try await IncidentRepository.timeline(
        on: tx, incidentID, actor: actor, kind: .letters, text: "",
        data: ["told_other_way": ["1"], "left": [String(left)]], now: now)
      try await AuditLog.append(
        on: tx, actor: actor, action: .lettersTold, subject: "incident:\(number)",
        fields: ["recipient": recipient.uuidString, "left": String(left)], now: now)
      return true
    }
  }

  static func newRecord(_ incidentID: UUID, now: Date) -> LetterBatchRecord {
    let r = LetterBatchRecord()
    r.$incident.id = incidentID
    r.texts = "{}"
    r.letters = 0
    r.otherChannel = 0
    r.createdAt = now
    r.updatedAt = now
    return r
  }

  /// Records a public communication instead of letters (Art. 34(3)(c)): where,
  /// why telling each person would take disproportionate effort, and when.
  public func recordPublic(
    _ number: IncidentNumber, channel: String, justification: String, at: Date, actor: Actor, now: Date
  ) async throws {
    let channel = channel.trimmingCharacters(in: .whitespacesAndNewlines)
    let justification = justification.trimmingCharacters(in: .whitespacesAndNewlines)
    if channel.isEmpty { throw LetterError.empty("public_channel") }
    if justification.isEmpty { throw LetterError.empty("public_justification") }
    if channel.count > 2000 { throw LetterError.tooLong("public_channel") }
    if justification.count > 10_000 { throw LetterError.tooLong("public_justification") }
    guard at <= now.addingTimeInterval(300) else { throw LetterError.inFuture }
    let current = try await draft(number)
    try await db.writeTransaction { tx in
      guard let incident = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = incident.id
      else { throw StoreError.notFound("\(number)") }
      let r = Self.newRecord(incidentID, now: now)
      r.texts = Self.encode(current.texts)
      r.approvedAt = now
      r.approvedBy = actor.name
      r.publicChannel = channel
      r.publicJustification = justification
      r.publicAt = at
      try await r.create(on: tx)
      try await IncidentRepository.timeline(
        on: tx, incidentID, actor: actor, kind: .letters, text: channel,
        data: ["public_at": [Timestamp.utc(at)]], now: now)
      try await AuditLog.append(
        on: tx, actor: actor, action: .lettersPublic, subject: "incident:\(number)",
        fields: [
          "channel": AuditLog.digest(channel), "justification": AuditLog.digest(justification),
          "at": Timestamp.utc(at),
        ], now: now)
      // Telling the public in place of each person meets the subjects' duty.
      if let duty = try await DutyRecord.query(on: tx).filter(\.$incident.$id == incidentID)
        .filter(\.$kind == Deadline.Kind.subjects.description).first(), duty.doneAt == nil
      {
        duty.doneAt = at
        duty.doneBy = actor.name
        duty.reference = channel
        try await duty.save(on: tx)
      }
    }
  }
}
