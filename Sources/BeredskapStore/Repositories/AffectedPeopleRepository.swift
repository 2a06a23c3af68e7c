import BeredskapCore
import FluentKit
import Foundation
import SQLKit

/// One affected person, decrypted, for letters and the report.
public struct AffectedPerson: Sendable, Equatable {
  public var id: UUID
  public var name: String?
  public var email: String?
  /// E.164.
  public var phone: String?
  /// Eleven digits.
  public var nationalID: String?
  public var categories: [DataCategory]
  public var language: Language
}

/// The persons affected by an incident's breach.
///
/// Use from letters and the report:
/// - `people(incidentID:on:keys:)` → every person of the incident, decrypted
///   (id, name, e-mail, phone, national id, categories, language), in the
///   order they were first imported. Needs the data key (`DataKeyring`).
/// - `summary(incidentID:on:)` → counts only (distinct people, per category,
///   without contact route, without e-mail); no key needed.
/// - `importRows(_:incident:figures:actor:now:)` → stores a checked list in
///   one transaction, merging with the people already stored: rows and people
///   that share a keyed hash of an e-mail (case-folded), phone (E.164) or
///   national id are one person, their categories united.
/// - `purgeClosed(retentionDays:now:)` → deletes the people of incidents
///   closed more than N days ago (the scheduler calls it).
///
/// Personal data never appears in errors, audit entries or timeline lines:
/// those carry counts only.
public struct AffectedPeopleRepository: Sendable {
  let db: any Database

  public init(db: any Database) { self.db = db }

  /// The setting that overrides the default retention (days after closing).
  public static let retentionSetting = "retention_days"
  public static let defaultRetentionDays = 30

  static let columns = ["name", "email", "phone", "national_id"]
  static func context(_ column: String) -> String { "\(AffectedPersonRecord.schema).\(column)" }

  public struct ImportResult: Sendable, Equatable {
    /// Valid rows stored.
    public var rows: Int
    /// People that were not stored before.
    public var added: Int
    /// Rows that matched a person already stored for the incident.
    public var merged: Int
    /// The incident's people after the import.
    public var summary: PeopleSummary
  }

  static func keys() throws -> PersonalDataKeys {
    guard let key = DataKeyring.current else { throw DataKeyring.Missing() }
    return PersonalDataKeys(key)
  }

  /// The stored people of the incident, decrypted.
  public static func people(incidentID: UUID, on db: any Database, keys: PersonalDataKeys? = nil) async throws
    -> [AffectedPerson]
  {
    let keys = try keys ?? Self.keys()
    let records = try await AffectedPersonRecord.query(on: db).filter(\.$incident.$id == incidentID)
      .sort(\.$seq).all()
    return try records.compactMap { r in
      guard let id = r.id else { return nil }
      func open(_ value: String?, _ column: String) throws -> String? {
        try value.map { try keys.open($0, column: context(column)) }
      }
      return AffectedPerson(
        id: id, name: try open(r.name, "name"), email: try open(r.email, "email"), phone: try open(r.phone, "phone"),
        nationalID: try open(r.nationalID, "national_id"), categories: DataCategorySet(codes: r.categories).categories,
        language: Language(rawValue: r.language) ?? .nb)
    }
  }

  /// Counts only: people, per category, without contact route, without e-mail.
  public static func summary(incidentID: UUID, on db: any Database) async throws -> PeopleSummary {
    let rows = try await db.sql.select().column("categories").column("has_email").column("has_phone")
      .from(AffectedPersonRecord.schema).where("incident_id", .equal, SQLBind(incidentID)).all()
    var grouping = PeopleGrouping<Int>()
    for row in rows {
      let codes = try row.decode(column: "categories", as: String.self)
      grouping.add(
        keys: [],
        traits: .init(
          categories: DataCategorySet(codes: codes), hasEmail: try row.decode(column: "has_email", as: Bool.self),
          hasPhone: try row.decode(column: "has_phone", as: Bool.self)))
    }
    return grouping.summary()
  }

  /// The summary of an incident by its number; nil if there is no such incident.
  public func summary(_ number: IncidentNumber) async throws -> PeopleSummary? {
    guard let id = try await IncidentRepository(db: db).record(number)?.id else { return nil }
    return try await Self.summary(incidentID: id, on: db)
  }

  /// A person being built from the rows that are one person.
  /// A person being built from the rows that are one person. Values from
  /// rows stay in clear (shared with the rows) until they are written, so
  /// only one batch of sealed values is in memory at a time.
  struct Pending {
    enum Value {
      case sealed(String)
      case clear(String)

      init?(sealed: String?) {
        guard let sealed else { return nil }
        self = .sealed(sealed)
      }

      func stored(_ column: String, _ keys: PersonalDataKeys) -> String {
        switch self {
        case .sealed(let s): s
        case .clear(let s): keys.seal(s, column: context(column))
        }
      }
    }

    var id: UUID
    var name: Value?
    var email: Value?
    var phone: Value?
    var nationalID: Value?
    var language: Language
    var existing: AffectedPersonRecord?

    init(id: UUID, language: Language) {
      self.id = id
      self.language = language
    }

    init(_ r: AffectedPersonRecord) {
      id = r.id ?? UUID()
      name = Value(sealed: r.name)
      email = Value(sealed: r.email)
      phone = Value(sealed: r.phone)
      nationalID = Value(sealed: r.nationalID)
      language = Language(rawValue: r.language) ?? .nb
      existing = r
    }

    mutating func fill(_ row: SubjectRow) {
      if name == nil, let v = row.name { name = .clear(v) }
      if email == nil, let v = row.email { email = .clear(v) }
      if phone == nil, let v = row.phone { phone = .clear(v) }
      if nationalID == nil, let v = row.nationalID { nationalID = .clear(v) }
    }

    mutating func fill(_ other: AffectedPersonRecord) {
      if name == nil { name = Value(sealed: other.name) }
      if email == nil { email = Value(sealed: other.email) }
      if phone == nil { phone = Value(sealed: other.phone) }
      if nationalID == nil { nationalID = Value(sealed: other.nationalID) }
    }
  }

  /// Stores checked rows for the incident in one transaction (all or
  /// nothing), merged with the people already stored. Writes one audit entry
  /// and one timeline line with counts only.
  public func importRows(
    _ rows: [SubjectRow], incident number: IncidentNumber, figures: SubjectFigures, actor: Actor, now: Date,
    keys given: PersonalDataKeys? = nil
  ) async throws -> ImportResult {
    let keys = try given ?? Self.keys()
    // Keyed hashes outside the transaction: the slow part holds no lock.
    let rowKeys = rows.map { $0.identityKeys.map(keys.keyedDigest) }
    return try await db.writeTransaction { tx in
      guard let incident = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = incident.id
      else { throw StoreError.notFound("\(number): no such incident") }
      let existing = try await AffectedPersonRecord.query(on: tx).filter(\.$incident.$id == incidentID)
        .sort(\.$seq).all()
      let storedKeys = try await tx.sql.select().column("person_id").column("key_hash")
        .from(AffectedPersonKeyRecord.schema).where("incident_id", .equal, SQLBind(incidentID)).all()
      var keysByPerson: [UUID: [KeyDigest]] = [:]
      var keyOwner: [KeyDigest: UUID] = [:]
      for row in storedKeys {
        let person = try row.decode(column: "person_id", as: UUID.self)
        guard let hash = KeyDigest(hex: try row.decode(column: "key_hash", as: String.self)) else {
          throw StoreError.corrupt("a keyed hash of an affected person is not 64 hex digits")
        }
        keysByPerson[person, default: []].append(hash)
        keyOwner[hash] = person
      }
      var grouping = PeopleGrouping<KeyDigest>(expectedKeys: keyOwner.count + rows.count * 2)
      for p in existing {
        grouping.add(
          keys: p.id.flatMap { keysByPerson[$0] } ?? [],
          traits: .init(categories: DataCategorySet(codes: p.categories), hasEmail: p.hasEmail, hasPhone: p.hasPhone))
      }
      let n0 = existing.count
      var pending: [Int: Pending] = [:]
      var order: [Int] = []
      var merged = 0
      for (j, row) in rows.enumerated() {
        grouping.add(
          keys: rowKeys[j],
          traits: .init(categories: row.categories, hasEmail: row.email != nil, hasPhone: row.phone != nil))
      }
      for (j, row) in rows.enumerated() {
        let root = grouping.find(n0 + j)
        if pending[root] == nil {
          order.append(root)
          if root < n0 {
            pending[root] = Pending(existing[root])
          } else {
            pending[root] = Pending(id: UUID(), language: row.language)
          }
        }
        if root < n0 { merged += 1 }
        pending[root]?.fill(row)
      }
      // Stored people that a new row linked to another stored person: folded into it.
      var folded: [(from: UUID, into: Int)] = []
      for i in 0..<n0 {
        let root = grouping.find(i)
        guard root != i, let from = existing[i].id else { continue }
        folded.append((from, root))
        if pending[root] == nil {
          order.append(root)
          pending[root] = Pending(existing[root])
        }
        pending[root]?.fill(existing[i])
      }
      // Write: stored people updated, new people inserted in batches, keys added.
      var inserts: [(Pending, PeopleGrouping<KeyDigest>.Traits)] = []
      for root in order {
        guard let p = pending[root] else { continue }
        let t = grouping.traits(ofRoot: root)
        if let r = p.existing {
          r.name = p.name?.stored("name", keys)
          r.email = p.email?.stored("email", keys)
          r.phone = p.phone?.stored("phone", keys)
          r.nationalID = p.nationalID?.stored("national_id", keys)
          r.categories = t.categories.codes
          r.hasEmail = t.hasEmail
          r.hasPhone = t.hasPhone
          r.updatedAt = now
          try await r.save(on: tx)
        } else {
          inserts.append((p, t))
        }
      }
      for f in folded {
        guard let into = pending[f.into]?.id else { continue }
        try await tx.sql.update(AffectedPersonKeyRecord.schema).set("person_id", to: SQLBind(into))
          .where("person_id", .equal, SQLBind(f.from)).run()
        try await tx.sql.delete(from: AffectedPersonRecord.schema).where("id", .equal, SQLBind(f.from)).run()
      }
      var seq = (existing.map(\.seq).max() ?? 0) + 1
      for chunk in Self.chunks(inserts.count) {
        let insert = tx.sql.insert(into: AffectedPersonRecord.schema).columns(
          "id", "incident_id", "seq", "name", "email", "phone", "national_id", "categories", "language", "has_email",
          "has_phone", "created_at", "updated_at")
        for (p, t) in inserts[chunk] {
          insert.values(Self.values(p, incidentID: incidentID, seq: seq, traits: t, now: now, keys: keys))
          seq += 1
        }
        try await insert.run()
      }
      // Each new key once, owned by its person's representative.
      var newKeys: [(KeyDigest, UUID)] = []
      for (j, hashes) in rowKeys.enumerated() {
        guard let person = pending[grouping.find(n0 + j)]?.id else { continue }
        for hash in hashes where keyOwner[hash] == nil {
          keyOwner[hash] = person
          newKeys.append((hash, person))
        }
      }
      for chunk in Self.chunks(newKeys.count) {
        let insert = tx.sql.insert(into: AffectedPersonKeyRecord.schema).columns(
          "id", "incident_id", "person_id", "key_hash")
        for (hash, person) in newKeys[chunk] {
          insert.values(
            [SQLBind(UUID()), SQLBind(incidentID), SQLBind(person), SQLBind(hash.hex)] as [any SQLExpression])
        }
        try await insert.run()
      }
      let summary = grouping.summary()
      let counts: [String: String] = [
        "rows": String(rows.count), "skipped_rows": String(figures.invalidRows), "people_added": String(inserts.count),
        "people_merged": String(merged), "people_total": String(summary.people),
      ]
      try await IncidentRepository.timeline(
        on: tx, incidentID, actor: actor, kind: .subjects, text: "",
        data: counts.mapValues { [$0] }, now: now)
      try await AuditLog.append(
        on: tx, actor: actor, action: .incidentSubjectsImport, subject: "incident:\(number)", fields: counts, now: now)
      return ImportResult(rows: rows.count, added: inserts.count, merged: merged, summary: summary)
    }
  }

  /// Ranges of at most 400: one INSERT of 400 rows stays under every driver's parameter limit.
  static func chunks(_ count: Int) -> [Range<Int>] {
    stride(from: 0, to: count, by: 400).map { $0..<min(count, $0 + 400) }
  }

  static func values(
    _ p: Pending, incidentID: UUID, seq: Int64, traits: PeopleGrouping<KeyDigest>.Traits, now: Date,
    keys: PersonalDataKeys
  ) -> [any SQLExpression] {
    func opt(_ v: Pending.Value?, _ column: String) -> any SQLExpression {
      v.map { SQLBind($0.stored(column, keys)) } ?? SQLLiteral.null
    }
    return [
      SQLBind(p.id), SQLBind(incidentID), SQLBind(seq), opt(p.name, "name"), opt(p.email, "email"),
      opt(p.phone, "phone"), opt(p.nationalID, "national_id"),
      SQLBind(traits.categories.codes), SQLBind(p.language.rawValue), SQLBind(traits.hasEmail),
      SQLBind(traits.hasPhone), SQLBind(now), SQLBind(now),
    ]
  }
}
