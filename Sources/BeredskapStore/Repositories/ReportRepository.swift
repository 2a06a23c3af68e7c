import BeredskapCore
import FluentKit
import Foundation

/// The report to the authority: what it is drafted from, the sections people
/// wrote over, and the measures on the timeline it lists.
public struct ReportRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  /// The report as it stands: drafted from the newest facts, with the
  /// sections people wrote over for the phase being prepared.
  public struct Current: Sendable {
    public var report: AuthorityReport
    public var input: ReportInput
    /// The duty that sending this report stops (`authority` or `authority_followup`),
    /// nil when nothing more is due (not required, or already complete).
    public var duty: Deadline.Kind?
    public var due: Date?
    public var sent: [NotificationPhaseRecord]
  }

  /// Drafts the report for the next phase. `delayReason` is the reason typed
  /// on the send form, so a late report carries it in its text.
  public func current(
    _ number: IncidentNumber, plan: Plan, language: Language, now: Date, delayReason: String? = nil,
    people: ReportInput.People? = nil, letters: ReportInput.Letters? = nil
  ) async throws -> Current {
    guard let incident = try await IncidentRepository(db: db).find(number) else {
      throw StoreError.notFound("\(number)")
    }
    let incidentID = incident.id
    let latest = try await AssessmentRecord.query(on: db).filter(\.$incident.$id == incidentID)
      .sort(\.$at, .descending).first()
    let facts = latest.flatMap { try? BreachFacts.parse(json: Data($0.facts.utf8)) }
    let assessment = facts.flatMap { f in latest.map { Self.decision($0, facts: f, plan: plan, language: language) } }
    let phases = try await NotificationPhaseRecord.query(on: db).filter(\.$incident.$id == incidentID)
      .sort(\.$phase).all()
    let duties = try await DutyRecord.query(on: db).filter(\.$incident.$id == incidentID).all()
    let authority = duties.first { Deadline.Kind($0.kind) == .authority }
    let followUp = duties.first { Deadline.Kind($0.kind) == .authorityFollowUp && $0.doneAt == nil }
    var duty: Deadline.Kind?
    var due: Date?
    if let a = authority, a.doneAt == nil, a.required {
      duty = .authority
      due = a.dueAt
    } else if let f = followUp, f.required {
      duty = .authorityFollowUp
      due = f.dueAt
    }
    var people = people
    if people == nil {
      let summary = try await AffectedPeopleRepository.summary(incidentID: incidentID, on: db)
      if summary.people > 0 {
        people = ReportInput.People(
          distinct: summary.people, perCategory: summary.perCategory, withoutContact: summary.withoutContact)
      }
    }
    var letters = letters
    if letters == nil { letters = try await LetterRepository(db: db).progress(incidentID) }
    let input = ReportInput(
      incident: incident, plan: plan, facts: facts, assessment: assessment,
      measures: try await measures(incidentID), people: people, letters: letters,
      sent: phases.map {
        ReportInput.Sent(phase: $0.phase, at: $0.sentAt, reference: $0.reference, complete: $0.complete)
      }, authorityDue: authority?.required == true ? authority?.dueAt : nil, delayReason: delayReason, now: now)
    let phase = phases.count + 1
    var edits: [AuthorityReport.Section: (text: String, by: String, at: Date)] = [:]
    for e in try await ReportSectionRecord.query(on: db).filter(\.$incident.$id == incidentID)
      .filter(\.$phase == phase).all()
    {
      guard let section = AuthorityReport.Section(rawValue: e.section) else { continue }
      edits[section] = (e.text, e.editedBy, e.editedAt)
    }
    let report = AuthorityReportDrafter.draft(input, language: language).applying(edits)
    return Current(report: report, input: input, duty: duty, due: due, sent: phases)
  }

  /// The stored decision, with its reasons in the reader's language: bokmål as
  /// stored; other languages from the same facts assessed again. The decision
  /// itself (risk, who must be told) is always the stored one.
  public static func decision(_ record: AssessmentRecord, facts: BreachFacts, plan: Plan, language: Language)
    -> Assessment
  {
    var a = AssessmentEngine.assess(facts, plan: plan, language: language)
    a.risk = RiskLevel(rawValue: record.risk) ?? a.risk
    a.notifyAuthority = record.notifyAuthority
    a.notifySubjects = record.notifySubjects
    a.notifyController = record.notifyController
    if case .bool(let b)? = record.storedResult?["public_communication"] { a.publicCommunication = b }
    if language == .nb, let reasons = record.storedReasons { a.reasons = reasons }
    return a
  }

  /// The measures on an incident's timeline, oldest first.
  func measures(_ incidentID: UUID) async throws -> [ReportInput.Measure] {
    try await TimelineEventRecord.query(on: db).filter(\.$incident.$id == incidentID)
      .filter(\.$kind == TimelineKind.measure.rawValue).sort(\.$at).all().map { e in
        ReportInput.Measure(at: e.at, text: e.text, planned: e.changes["planned"] == ["true"])
      }
  }

  /// Writes over one section for the phase being prepared, or gives it back to
  /// the draft (`text` nil or blank). The audit trail keeps a hash of the text.
  public func setSection(
    _ number: IncidentNumber, phase: Int, section: AuthorityReport.Section, text: String?, actor: Actor, now: Date
  ) async throws {
    let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    try await db.writeTransaction { tx in
      guard let incident = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = incident.id
      else { throw StoreError.notFound("\(number)") }
      let existing = try await ReportSectionRecord.query(on: tx).filter(\.$incident.$id == incidentID)
        .filter(\.$phase == phase).filter(\.$section == section.rawValue).first()
      if trimmed.isEmpty {
        guard let existing else { return }
        try await existing.delete(on: tx)
        try await AuditLog.append(
          on: tx, actor: actor, action: .reportSectionReset, subject: "incident:\(number)",
          fields: ["phase": String(phase), "section": section.rawValue], now: now)
        return
      }
      let r = existing ?? ReportSectionRecord()
      r.$incident.id = incidentID
      r.phase = phase
      r.section = section.rawValue
      r.text = trimmed
      r.editedBy = actor.name
      r.editedAt = now
      try await r.save(on: tx)
      try await AuditLog.append(
        on: tx, actor: actor, action: .reportSectionEdit, subject: "incident:\(number)",
        fields: ["phase": String(phase), "section": section.rawValue, "text": AuditLog.digest(trimmed)], now: now)
    }
  }

  /// A reply or enquiry from a person affected, on the timeline (Plan C: record
  /// enquiries after the letters). The audit trail keeps its hash only.
  public func addEnquiry(_ number: IncidentNumber, text: String, actor: Actor, now: Date) async throws {
    try await db.writeTransaction { tx in
      guard let r = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = r.id else {
        throw StoreError.notFound("\(number)")
      }
      r.updatedAt = now
      try await r.save(on: tx)
      try await IncidentRepository.timeline(
        on: tx, incidentID, actor: actor, kind: .enquiry, text: text, data: [:], now: now)
      try await AuditLog.append(
        on: tx, actor: actor, action: .incidentEnquiry, subject: "incident:\(number)",
        fields: ["enquiry": AuditLog.digest(text)], now: now)
    }
  }

  /// A measure taken (or planned) on the timeline: the report lists them.
  public func addMeasure(_ number: IncidentNumber, text: String, planned: Bool, actor: Actor, now: Date) async throws {
    try await db.writeTransaction { tx in
      guard let r = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = r.id else {
        throw StoreError.notFound("\(number)")
      }
      r.updatedAt = now
      try await r.save(on: tx)
      try await IncidentRepository.timeline(
        on: tx, incidentID, actor: actor, kind: .measure, text: text, data: ["planned": [String(planned)]], now: now)
      try await AuditLog.append(
        on: tx, actor: actor, action: .incidentMeasure, subject: "incident:\(number)",
        fields: ["measure": AuditLog.digest(text), "planned": String(planned)], now: now)
    }
  }
}
