import BeredskapCore
import BeredskapStore
import Fluent
import Vapor

/// The audit trail for a data protection officer or an auditor: people by
/// name and role, actions in words, filters by person, incident and period,
/// pages newest first (keyset by entry number), the last check instead of a
/// re-check on every view, and the raw entries as a download.
enum AuditPageController {
  static let pageSize = 50

  static func register(admin: any RoutesBuilder, adminForms: any RoutesBuilder) {
    admin.get("admin", "audit", use: page)
    admin.get("admin", "audit", "export", use: export)
    adminForms.post("admin", "audit", "verify", use: verify)
  }

  // MARK: Filter

  struct Query: Content {
    var person: String?
    var incident: String?
    var from: String?
    var to: String?
    var before: String?
    var format: String?
  }

  struct Filter {
    var person: UUID?
    var incident: IncidentNumber?
    var from: Date?
    var to: Date?
    var before: Int64?
    /// As typed, for the form and the links.
    var query: Query
  }

  static let oslo = TimeZone(identifier: "Europe/Oslo") ?? .gmt

  static func day(_ text: String) -> Date? {
    guard text.count == 10 else { return nil }
    return Timestamp.parseLocal(text + "T00:00", timeZone: oslo)
  }

  static func filter(_ req: Request) -> (Filter, FieldErrors) {
    let q = (try? req.query.decode(Query.self)) ?? Query()
    var errors = FieldErrors()
    var f = Filter(query: q)
    f.person = q.person.flatMap { UUID(uuidString: $0) }
    if let text = q.incident?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
      f.incident = IncidentNumber(text)
      if f.incident == nil { errors.add("incident", "audit.bad_incident") }
    }
    if let text = q.from, !text.isEmpty {
      f.from = day(text)
      if f.from == nil { errors.add("from", "audit.bad_date") }
    }
    if let text = q.to, !text.isEmpty {
      // "To" includes the whole day.
      f.to = day(text).map { $0.addingTimeInterval(36 * 3600) }.flatMap {
        day(Timestamp.localInput($0).prefix(10) + "")
      }
      if f.to == nil { errors.add("to", "audit.bad_date") }
    }
    f.before = q.before.flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil }
    return (f, errors)
  }

  static func query(_ db: any Database, _ f: Filter) async throws -> QueryBuilder<AuditEntryRecord> {
    let q = AuditEntryRecord.query(on: db)
    if let person = f.person {
      let tokens = try await APITokenRecord.query(on: db).filter(\.$user.$id == person).all().compactMap(\.id)
      let id = "user:\(person)"
      q.group(.or) {
        $0.filter(\.$actor == id).filter(\.$subject == id)
        if !tokens.isEmpty { $0.filter(\.$actor ~~ tokens.map { "token:\($0)" }) }
      }
    }
    if let incident = f.incident { q.filter(\.$subject == "incident:\(incident)") }
    if let from = f.from { q.filter(\.$at >= from) }
    if let to = f.to { q.filter(\.$at < to) }
    return q
  }

  // MARK: Page

  struct Item: Encodable {
    var seq: Int64
    var at: String
    var who: String
    var what: String
    var about: String
    var details: [String]
  }

  struct Check: Encodable {
    var text: String
    var ok: Bool
  }

  struct Body: Encodable {
    var entries: [Item]
    var checkText: String
    var checkOK: Bool
    var people: [Choice]
    var incident: String
    var from: String
    var to: String
    var olderLink: String?
    var newestLink: String?
    var exportQuery: String
  }

  @Sendable static func page(req: Request) async throws -> Response {
    let (f, errors) = filter(req)
    var records: [AuditEntryRecord] = []
    if errors.isEmpty {
      let q = try await query(req.db, f)
      if let before = f.before { q.filter(\.$id < before) }
      records = try await q.sort(\.$id, .descending).limit(pageSize + 1).all()
    }
    let more = records.count > pageSize
    records = Array(records.prefix(pageSize))
    let names = try await Names.load(req.db, records)
    let counts = try await FailedLogins.counts(
      on: req.db, entries: records.filter { $0.action == AuditAction.loginFailed.rawValue }.compactMap(\.id))
    let items = records.map { r in
      Item(
        seq: r.id ?? 0, at: Timestamp.oslo(r.at, language: req.language), who: names.describe(r.actor, req),
        what: describeAction(r, count: r.id.flatMap { counts[$0] }, req), about: names.describe(r.subject, req),
        details: describeFields(r.fields, names: names, req))
    }
    let users = try await req.users.all()
    let people =
      [Choice(value: "", label: req.t("audit.everyone"), hint: "", selected: f.person == nil)]
      + users.map {
        Choice(
          value: $0.id?.uuidString ?? "", label: "\($0.name) (\(req.t("role.\($0.role)")))", hint: "",
          selected: $0.id == f.person)
      }
    var base = f.query
    base.before = nil
    base.format = nil
    let baseQuery = encode(base)
    let olderLink = more ? "/admin/audit?" + encode(base, before: records.last?.id) : nil
    let check = try await lastCheck(req)
    let body = Body(
      entries: items, checkText: check?.text ?? req.t("audit.never_checked"), checkOK: check?.ok ?? true,
      people: people, incident: f.query.incident ?? "",
      from: f.query.from ?? "", to: f.query.to ?? "", olderLink: olderLink,
      newestLink: f.before == nil ? nil : "/admin/audit" + (baseQuery.isEmpty ? "" : "?" + baseQuery),
      exportQuery: baseQuery.isEmpty ? "" : "&" + baseQuery)
    return try await req.page(
      "audit", title: req.t("audit.title"), body, errors: errors,
      status: errors.isEmpty ? .ok : .unprocessableEntity)
  }

  static func encode(_ q: Query, before: Int64? = nil) -> String {
    let pairs: [(String, String?)] = [
      ("person", q.person), ("incident", q.incident), ("from", q.from), ("to", q.to),
      ("before", before.map(String.init)),
    ]
    return pairs.compactMap { key, value in
      guard let value, !value.isEmpty else { return nil }
      return key + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }.joined(separator: "&")
  }

  static func lastCheck(_ req: Request) async throws -> Check? {
    // Of two checks at the same instant, the one that found a problem is shown.
    guard
      let last = try await AuditVerificationRecord.query(on: req.db).sort(\.$at, .descending).sort(\.$ok, .ascending)
        .first()
    else {
      return nil
    }
    let verdict =
      last.finding.map { req.t("audit.verify_failed").replacingOccurrences(of: "{finding}", with: $0) }
      ?? req.t("audit.verify_ok").replacingOccurrences(of: "{count}", with: String(last.entries))
    return Check(
      text: req.t("audit.last_check").replacingOccurrences(
        of: "{at}", with: Timestamp.oslo(last.at, language: req.language)
      ).replacingOccurrences(of: "{verdict}", with: verdict), ok: last.ok)
  }

  /// Runs the whole check on request and keeps its result for the page.
  @Sendable static func verify(req: Request) async throws -> Response {
    let me = try req.requireUser()
    let result = try await AuditLog.verify(on: req.db)
    let record = AuditVerificationRecord()
    record.at = req.now
    record.ok = result.finding == nil
    record.entries = Int64(result.count)
    record.finding = result.finding?.description
    record.actor = me.actor.id
    try await record.create(on: req.db)
    return req.redirect(to: "/admin/audit", flash: req.t("audit.checked"))
  }

  // MARK: Words

  static func describeAction(_ r: AuditEntryRecord, count: Int?, _ req: Request) -> String {
    let key = "audit.action.\(r.action)"
    let text = req.t(key)
    let words = text == key ? r.action : text
    guard let count, count > 1 else { return words }
    return words + ": " + req.t("audit.failed_count").replacingOccurrences(of: "{count}", with: String(count))
  }

  static func describeFields(_ text: String, names: Names, _ req: Request) -> [String] {
    guard let fields = AuditRecordBytes.parseFields(text) else { return [text] }
    return CanonicalJSON.sortedKeys(fields).compactMap { key in
      guard let value = fields[key] else { return nil }
      if key == "window_minutes" { return nil }  // said by the failed-attempts text
      let labelKey = "audit.field.\(key)"
      let label = req.t(labelKey) == labelKey ? key : req.t(labelKey)
      return label + ": " + describeValue(key, value, names: names, req)
    }
  }

  static func describeValue(_ key: String, _ value: String, names: Names, _ req: Request) -> String {
    if value.hasPrefix("sha256:") { return req.t("audit.changed_checksum") }
    switch value {
    case "<set>": return req.t("audit.set")
    case "<changed>", "<added>": return req.t("audit.changed")
    case "true": return req.t("common.yes")
    case "false": return req.t("common.no")
    default: break
    }
    if key == "role", Role(rawValue: value) != nil { return req.t("role.\(value)") }
    if key == "user", let id = UUID(uuidString: value) { return names.describe("user:\(id)", req) }
    return value
  }

  // MARK: Export

  /// The raw entries, exactly as stored and hashed, for an auditor's own tools.
  @Sendable static func export(req: Request) async throws -> Response {
    var (f, errors) = filter(req)
    guard errors.isEmpty else { throw Abort(.unprocessableEntity, reason: "invalid filter") }
    f.before = nil
    let csv = f.query.format == "csv"
    let db = req.db
    let filter = f
    var headers = HTTPHeaders()
    headers.contentType = csv ? HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"]) : .json
    headers.replaceOrAdd(
      name: .contentDisposition, value: "attachment; filename=\"beredskap-audit.\(csv ? "csv" : "json")\"")
    let body = Response.Body(asyncStream: { writer in
      do {
        try await writer.write(.buffer(ByteBuffer(string: csv ? Export.csvHeader : "[\n")))
        var after: Int64 = 0
        var first = true
        while true {
          let q = try await query(db, filter)
          let page = try await q.filter(\.$id > after).sort(\.$id).limit(1000).all()
          var chunk = ""
          for r in page {
            chunk += csv ? Export.csvLine(r) : (first ? "" : ",\n") + Export.jsonObject(r)
            first = false
          }
          if !chunk.isEmpty { try await writer.write(.buffer(ByteBuffer(string: chunk))) }
          guard page.count == 1000, let last = page.last?.id else { break }
          after = last
        }
        if !csv { try await writer.write(.buffer(ByteBuffer(string: "\n]\n"))) }
        try await writer.write(.end)
      } catch {
        try await writer.write(.error(error))
      }
    })
    return Response(status: .ok, headers: headers, body: body)
  }

  enum Export {
    static let columns = [
      "seq", "at", "actor", "action", "subject", "fields", "version", "previous_hash", "hash", "mac",
    ]
    static let csvHeader = columns.joined(separator: ",") + "\r\n"

    static func values(_ r: AuditEntryRecord) -> [String] {
      [
        String(r.id ?? 0), Timestamp.utc(r.at) + " (" + AuditEntry.canonicalTime(r.at) + " ms)", r.actor, r.action,
        r.subject, r.fields, String(r.version), r.previousHash, r.hash, r.mac ?? "",
      ]
    }

    static func csvLine(_ r: AuditEntryRecord) -> String {
      values(r).map { v in
        // Quoted, and never read as a formula by a spreadsheet.
        let safe = ["=", "+", "-", "@"].contains { v.hasPrefix($0) } ? "'" + v : v
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      }.joined(separator: ",") + "\r\n"
    }

    static func jsonObject(_ r: AuditEntryRecord) -> String {
      let v = values(r)
      return CanonicalJSON.encode(
        Dictionary(zip(columns, v).map { ($0.0, CanonicalJSON.Value.string($0.1)) }) { a, _ in a })
    }
  }
}

/// People, tokens and settings by name, for one page of entries.
struct Names {
  var users: [UUID: (name: String, role: String)] = [:]
  var tokens: [UUID: (label: String, owner: UUID)] = [:]

  static func load(_ db: any Database, _ records: [AuditEntryRecord]) async throws -> Names {
    var names = Names()
    for u in try await UserRecord.query(on: db).all() {
      if let id = u.id { names.users[id] = (u.name, u.role) }
    }
    let tokenIDs = Set(records.flatMap { [$0.actor, $0.subject] }.compactMap { id($0, "token:") })
    if !tokenIDs.isEmpty {
      for t in try await APITokenRecord.query(on: db).filter(\.$id ~~ Array(tokenIDs)).all() {
        if let id = t.id { names.tokens[id] = (t.name, t.$user.id) }
      }
    }
    return names
  }

  static func id(_ ref: String, _ prefix: String) -> UUID? {
    ref.hasPrefix(prefix) ? UUID(uuidString: String(ref.dropFirst(prefix.count))) : nil
  }

  func person(_ id: UUID, _ req: Request) -> String {
    guard let u = users[id] else { return req.t("audit.deleted_user") }
    return "\(u.name) (\(req.t("role.\(u.role)")))"
  }

  /// `user:…`, `token:…`, `incident:…`, `system`, `cli` and the rest in words.
  func describe(_ ref: String, _ req: Request) -> String {
    switch ref {
    case "system": return req.t("audit.system")
    case "cli": return req.t("audit.cli")
    case "anonymous": return req.t("audit.not_signed_in")
    case "user:unknown": return req.t("audit.unknown_user")
    default: break
    }
    if let id = Self.id(ref, "user:") { return person(id, req) }
    if let id = Self.id(ref, "token:") {
      guard let t = tokens[id] else { return ref }
      return req.t("audit.token_of").replacingOccurrences(of: "{label}", with: t.label)
        .replacingOccurrences(of: "{owner}", with: person(t.owner, req))
    }
    if ref.hasPrefix("setting:") {
      let key = "audit.field.\(ref.dropFirst("setting:".count))"
      return req.t(key) == key ? ref : req.t(key)
    }
    if ref.hasPrefix("incident:") { return String(ref.dropFirst("incident:".count)) }
    return ref
  }
}
