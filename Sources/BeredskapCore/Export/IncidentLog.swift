import Foundation

/// What the source plans' incident logs say about one incident, gathered from
/// the store: the incident, its newest assessment and what was done.
public struct IncidentLogEntry: Sendable {
  public var incident: Incident
  public var severityName: String
  /// The newest assessment; nil when the incident was never assessed.
  public var facts: BreachFacts?
  public var personalDataBreach: Bool?
  public var risk: RiskLevel?
  public var notifyAuthority: Bool?
  public var notifySubjects: Bool?
  /// The assessment's reasons, as decided.
  public var reasons: [String]
  /// When the first notification (phase) was sent to the authority.
  public var authorityNotifiedAt: Date?
  /// When the people affected were told (letters approved or a public communication).
  public var subjectsNotifiedAt: Date?
  public var measures: [String]
  public var plannedMeasures: [String]
  /// Deadlines not met yet, as their titles.
  public var openDuties: [String]

  public init(
    incident: Incident, severityName: String, facts: BreachFacts? = nil, personalDataBreach: Bool? = nil,
    risk: RiskLevel? = nil, notifyAuthority: Bool? = nil, notifySubjects: Bool? = nil, reasons: [String] = [],
    authorityNotifiedAt: Date? = nil, subjectsNotifiedAt: Date? = nil, measures: [String] = [],
    plannedMeasures: [String] = [], openDuties: [String] = []
  ) {
    self.incident = incident
    self.severityName = severityName
    self.facts = facts
    self.personalDataBreach = personalDataBreach
    self.risk = risk
    self.notifyAuthority = notifyAuthority
    self.notifySubjects = notifySubjects
    self.reasons = reasons
    self.authorityNotifiedAt = authorityNotifiedAt
    self.subjectsNotifiedAt = subjectsNotifiedAt
    self.measures = measures
    self.plannedMeasures = plannedMeasures
    self.openDuties = openDuties
  }
}

/// The incident logs in the source plans' own formats, in bokmål as the plans
/// write them. Times in Europe/Oslo.
public enum IncidentLog {
  /// Plan B: `| Incident ID | Date | Type | Affected | Severity | Reported to Datatilsynet | Status |`,
  /// oldest first, with `|` and line breaks in cells escaped.
  public static func markdown(_ entries: [IncidentLogEntry], authority: String = "Datatilsynet") -> String {
    var out = "# Hendelseslogg\n\n"
    out += "| Incident ID | Date | Type | Affected | Severity | Reported to \(cell(authority)) | Status |\n"
    out += "|---|---|---|---|---|---|---|\n"
    for e in entries {
      let cells = [
        e.incident.number.description, date(e.incident.discoveredAt), type(e), affected(e), severity(e), reported(e),
        status(e.incident.status),
      ]
      out += "| " + cells.map(cell).joined(separator: " | ") + " |\n"
    }
    return out
  }

  /// Plan C: a block per personal data breach, oldest first.
  public static func databruddLog(_ entries: [IncidentLogEntry]) -> String {
    let breaches = entries.filter { $0.personalDataBreach == true }
    var out = ""
    for e in breaches {
      let i = e.incident
      let facts = e.facts
      let categories = (facts?.dataCategories.sorted() ?? []).map { $0.name(.nb) }
      var lines = [
        "=== \(i.number) ===",
        "Logget: \(time(i.createdAt))",
        "Type: \(type(e))",
        "Oppdaget: \(time(i.discoveredAt))",
        "Oppdaget av: \(i.discoveredBy)",
      ]
      if let aware = facts?.becameAwareAt { lines.append("Kjent for oss (72-timersfristen løper fra): \(time(aware))") }
      lines += [
        "Omfang:",
        "  Antall berørte: \(facts?.dataSubjects.map(String.init) ?? "ukjent")",
        "  Opplysninger: \(categories.isEmpty ? "ukjent" : categories.joined(separator: ", "))",
        "Risiko:",
        "  Vurdering: \(e.risk.map(riskName) ?? "ikke vurdert")",
        "  Begrunnelse: \(e.reasons.isEmpty ? "–" : e.reasons.joined(separator: " "))",
        "Tiltak:",
        "  Umiddelbare: \(e.measures.isEmpty ? "–" : e.measures.joined(separator: "; "))",
        "  Langsiktige: \(e.plannedMeasures.isEmpty ? "–" : e.plannedMeasures.joined(separator: "; "))",
        "Varsling:",
        "  Datatilsynet varslet: \(yesNo(e.authorityNotifiedAt, required: e.notifyAuthority))",
        "  Berørte varslet: \(yesNo(e.subjectsNotifiedAt, required: e.notifySubjects))",
        "Oppfølging: \(e.openDuties.isEmpty ? "Ingen åpne frister. Status: \(status(i.status))" : "Åpne frister: " + e.openDuties.joined(separator: "; ") + ". Status: \(status(i.status))")",
      ]
      out += lines.map(oneLine).joined(separator: "\n") + "\n\n"
    }
    return out.isEmpty ? "Ingen personvernbrudd er logget.\n" : out
  }

  static func type(_ e: IncidentLogEntry) -> String {
    guard e.personalDataBreach == true, let facts = e.facts else {
      return e.personalDataBreach == false ? "Driftshendelse (ikke personvernbrudd)" : "Hendelse (ikke vurdert)"
    }
    var kinds: [String] = []
    if facts.nature.contains(.confidentiality) { kinds.append("uautorisert tilgang eller utlevering") }
    if facts.nature.contains(.integrity) { kinds.append("endring") }
    if facts.nature.contains(.availability) { kinds.append("tap eller sletting") }
    var text = "Personvernbrudd: " + kinds.joined(separator: ", ")
    if let vector = e.incident.attackVector, !vector.isEmpty { text += " (\(vector))" }
    return text
  }

  static func affected(_ e: IncidentLogEntry) -> String {
    guard e.personalDataBreach == true else { return "–" }
    return e.facts?.dataSubjects.map(String.init) ?? "ukjent"
  }

  static func severity(_ e: IncidentLogEntry) -> String {
    var text = "\(e.incident.severity) \(e.severityName)"
    if let risk = e.risk, e.personalDataBreach == true { text += ", \(riskName(risk))" }
    return text
  }

  static func reported(_ e: IncidentLogEntry) -> String {
    if let at = e.authorityNotifiedAt { return "Ja, \(time(at))" }
    if e.personalDataBreach == false { return "Ikke påkrevd: ikke et personvernbrudd" }
    if e.notifyAuthority == false {
      return "Ikke påkrevd" + (e.reasons.first.map { ": \($0)" } ?? "")
    }
    return "Nei"
  }

  static func riskName(_ r: RiskLevel) -> String {
    switch r {
    case .none: "ingen risiko"
    case .low: "lav risiko"
    case .medium: "middels risiko"
    case .high: "høy risiko"
    case .critical: "kritisk risiko"
    }
  }

  static func status(_ s: IncidentStatus) -> String {
    switch s {
    case .ongoing: "Pågår"
    case .contained: "Isolert"
    case .resolved: "Løst"
    case .closed: "Lukket"
    }
  }

  static func yesNo(_ at: Date?, required: Bool?) -> String {
    if let at { return "ja, \(time(at))" }
    return required == false ? "nei (ikke påkrevd)" : "nei"
  }

  static func date(_ d: Date) -> String { String(Timestamp.oslo(d, language: .nb).prefix(10)) }
  static func time(_ d: Date) -> String { Timestamp.oslo(d, language: .nb) }

  /// A table cell: `|` escaped, line breaks as spaces.
  static func cell(_ s: String) -> String {
    oneLine(s).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
  }

  static func oneLine(_ s: String) -> String {
    s.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).joined(separator: " ")
  }
}
