import Foundation

/// What a person or a tool submits to register or edit an incident, before
/// validation. Text fields arrive as typed, so errors can quote nothing and
/// still name the field.
public struct IncidentDraft: Equatable, Sendable {
  public var title: String?
  public var summary: String?
  public var severity: String?
  public var status: String?
  public var discoveredAt: String?
  public var discoveredBy: String?
  public var occurredAt: String?
  public var systemsAffected: String?
  public var attackVector: String?
  public var owner: String?

  public init() {}

  /// The checked values.
  public struct Valid: Equatable, Sendable {
    public var title: String
    public var summary: String
    public var severity: Int
    public var status: IncidentStatus
    public var discoveredAt: Date
    public var discoveredBy: String
    public var occurredAt: Date?
    public var systemsAffected: [String]
    public var attackVector: String?
  }

  /// Validates every field; the errors name the field with a message key.
  /// `now` rejects discovery times in the future (a typo in the year).
  public func validate(now: Date, timeZone: TimeZone = Timestamp.oslo) -> Result<Valid, FieldErrors> {
    var errors = FieldErrors()
    let title = (self.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    if title.isEmpty { errors.add("title", "error.title.required") }
    if title.count > 200 { errors.add("title", "error.title.too_long") }
    let summary = (self.summary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    if summary.count > 20_000 { errors.add("summary", "error.summary.too_long") }
    var severity = 0
    switch self.severity.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
    case let s? where (1...4).contains(s): severity = s
    case _ where (self.severity ?? "").isEmpty: errors.add("severity", "error.severity.required")
    default: errors.add("severity", "error.severity.range")
    }
    var status = IncidentStatus.ongoing
    if let s = self.status, !s.isEmpty {
      if let parsed = IncidentStatus(rawValue: s) {
        status = parsed
      } else {
        errors.add("status", "error.status.invalid")
      }
    }
    let discoveredAt = Self.time(
      self.discoveredAt, field: "discovered_at", required: true, now: now, tz: timeZone, &errors)
    let occurredAt = Self.time(self.occurredAt, field: "occurred_at", required: false, now: now, tz: timeZone, &errors)
    if let o = occurredAt, let d = discoveredAt, o > d {
      errors.add("occurred_at", "error.occurred_at.after_discovery")
    }
    let discoveredBy = (self.discoveredBy ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    if discoveredBy.isEmpty { errors.add("discovered_by", "error.discovered_by.required") }
    if discoveredBy.count > 200 { errors.add("discovered_by", "error.text.too_long") }
    let systems = (systemsAffected ?? "").split(whereSeparator: { $0 == "," || $0 == "\n" })
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    if systems.count > 50 { errors.add("systems_affected", "error.systems.too_many") }
    let vector = (attackVector ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    if vector.count > 200 { errors.add("attack_vector", "error.text.too_long") }
    guard errors.isEmpty, let discoveredAt else { return .failure(errors) }
    return .success(
      Valid(
        title: title, summary: summary, severity: severity, status: status, discoveredAt: discoveredAt,
        discoveredBy: discoveredBy, occurredAt: occurredAt, systemsAffected: systems,
        attackVector: vector.isEmpty ? nil : vector))
  }

  /// 2000-01-01T00:00:00Z.
  public static let earliest = Date(timeIntervalSince1970: 946_684_800)

  /// RFC 3339 from tools; `YYYY-MM-DDTHH:MM` (an HTML datetime-local) from forms, read as Oslo time.
  public static func time(
    _ text: String?, field: String, required: Bool, now: Date, tz: TimeZone, _ errors: inout FieldErrors
  ) -> Date? {
    let t = (text ?? "").trimmingCharacters(in: .whitespaces)
    if t.isEmpty {
      if required { errors.add(field, "error.\(field).required") }
      return nil
    }
    guard let date = Timestamp.parse(t) ?? Timestamp.parseLocal(t, timeZone: tz) else {
      errors.add(field, "error.time.invalid")
      return nil
    }
    if date > now.addingTimeInterval(300) { errors.add(field, "error.time.future") }
    // Incidents are recent; a year like 0597 or 1926 is a typo.
    if date < earliest { errors.add(field, "error.time.too_old") }
    return date
  }
}

/// Field-level validation errors: the field's name and a message key in the
/// string catalogue.
public struct FieldErrors: Error, Equatable, Sendable {
  public var items: [(field: String, key: String)] = []
  public init() {}
  public var isEmpty: Bool { items.isEmpty }
  public mutating func add(_ field: String, _ key: String) { items.append((field, key)) }
  public func first(_ field: String) -> String? { items.first { $0.field == field }?.key }
  public static func == (a: Self, b: Self) -> Bool {
    a.items.map { "\($0.field)=\($0.key)" } == b.items.map { "\($0.field)=\($0.key)" }
  }
}
