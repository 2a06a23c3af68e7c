import BeredskapCore
import FluentKit
import Foundation

/// Gathers what the source plans' incident logs say about every incident,
/// oldest first: the newest assessment, the notifications and the measures.
public struct IncidentLogReader: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  public func entries(plan: Plan) async throws -> [IncidentLogEntry] {
    let records = try await IncidentRecord.query(on: db).sort(\.$year).sort(\.$seq).all()
    let incidents = try await IncidentRepository(db: db).withOwnerNames(records)
    var out: [IncidentLogEntry] = []
    for incident in incidents {
      let id = incident.id
      var e = IncidentLogEntry(
        incident: incident, severityName: plan.severity(incident.severity)?.name ?? "")
      if let latest = try await AssessmentRecord.query(on: db).filter(\.$incident.$id == id)
        .sort(\.$at, .descending).first()
      {
        if case .bool(let b)? = latest.storedResult?["personal_data_breach"] { e.personalDataBreach = b }
        e.facts = try? BreachFacts.parse(json: Data(latest.facts.utf8))
        e.risk = RiskLevel(rawValue: latest.risk)
        e.notifyAuthority = latest.notifyAuthority
        e.notifySubjects = latest.notifySubjects
        e.reasons = (latest.storedReasons ?? []).map(\.text)
      }
      e.authorityNotifiedAt = try await NotificationPhaseRecord.query(on: db).filter(\.$incident.$id == id)
        .sort(\.$sentAt).first()?.sentAt
      let duties = try await DutyRecord.query(on: db).filter(\.$incident.$id == id).sort(\.$dueAt).all()
      e.subjectsNotifiedAt = duties.first { $0.kind == Deadline.Kind.subjects.description }?.doneAt
      e.openDuties = duties.filter { $0.required && $0.doneAt == nil }.map(\.title)
      let measures = try await TimelineEventRecord.query(on: db).filter(\.$incident.$id == id)
        .filter(\.$kind == TimelineKind.measure.rawValue).sort(\.$at).all()
      for m in measures {
        if m.changes["planned"] == ["true"] { e.plannedMeasures.append(m.text) } else { e.measures.append(m.text) }
      }
      out.append(e)
    }
    return out
  }
}
