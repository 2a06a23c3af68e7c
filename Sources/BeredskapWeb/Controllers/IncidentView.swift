import BeredskapCore
import BeredskapStore
import Foundation

/// An incident as the pages show it: Oslo times, words for codes.
struct IncidentView: Encodable {
  var number: String
  var title: String
  var summary: String
  var severity: Int
  var severityName: String
  var severityDescription: String
  var status: String
  var statusName: String
  var isOpen: Bool
  var discoveredAt: String
  var discoveredBy: String
  var occurredAt: String?
  var systems: [String]
  var attackVector: String?
  var owner: String?
  var age: String
  var createdAt: String
  var updatedAt: String

  init(_ i: Incident, plan: Plan, language: Language, now: Date) {
    number = i.number.description
    title = i.title
    summary = i.summary
    severity = i.severity
    let level = plan.severity(i.severity)
    severityName = "\(i.severity) – \(level?.name ?? "")"
    severityDescription = level?.description ?? ""
    status = i.status.rawValue
    statusName = Strings.text("status.\(i.status.rawValue)", language)
    isOpen = i.status.isOpen
    discoveredAt = Timestamp.oslo(i.discoveredAt, language: language)
    discoveredBy = i.discoveredBy
    occurredAt = i.occurredAt.map { Timestamp.oslo($0, language: language) }
    systems = i.systemsAffected
    attackVector = i.attackVector
    owner = i.ownerName
    age = Self.duration(now.timeIntervalSince(i.discoveredAt), language)
    createdAt = Timestamp.oslo(i.createdAt, language: language)
    updatedAt = Timestamp.oslo(i.updatedAt, language: language)
  }

  /// "2 d 3 t", "3 t 20 min", "12 min".
  static func duration(_ seconds: TimeInterval, _ language: Language) -> String {
    // Clamped before converting: a duration from stored data never traps.
    let minutes = Int(min(max(0, seconds.isFinite ? seconds / 60 : 0), 1e9).rounded(.down))
    let h = language == .nb ? "t" : "h"
    let d = "d"
    if minutes >= 48 * 60 { return "\(minutes / 1440) \(d) \((minutes % 1440) / 60) \(h)" }
    if minutes >= 60 { return "\(minutes / 60) \(h) \(minutes % 60) min" }
    return "\(minutes) min"
  }
}

/// The values of the incident form, as typed, so a rejected form keeps them.
struct IncidentFormValues: Encodable {
  var title = ""
  var summary = ""
  var severity = ""
  var status = "ongoing"
  var discoveredAt = ""
  var discoveredBy = ""
  var occurredAt = ""
  var systems = ""
  var attackVector = ""
  var owner = ""
  var closeReason = ""
  /// Legal duties still owed when closing was refused, in words.
  var unmetDuties = ""

  init() {}

  init(_ d: IncidentDraft) {
    title = d.title ?? ""
    summary = d.summary ?? ""
    severity = d.severity ?? ""
    status = d.status ?? "ongoing"
    discoveredAt = d.discoveredAt ?? ""
    discoveredBy = d.discoveredBy ?? ""
    occurredAt = d.occurredAt ?? ""
    systems = d.systemsAffected ?? ""
    attackVector = d.attackVector ?? ""
    owner = d.owner ?? ""
  }

  init(_ i: Incident) {
    title = i.title
    summary = i.summary
    severity = String(i.severity)
    status = i.status.rawValue
    discoveredAt = Timestamp.localInput(i.discoveredAt)
    discoveredBy = i.discoveredBy
    occurredAt = i.occurredAt.map(Timestamp.localInput) ?? ""
    systems = i.systemsAffected.joined(separator: ", ")
    attackVector = i.attackVector ?? ""
    owner = i.ownerID?.uuidString ?? ""
  }
}

struct Choice: Encodable {
  var value: String
  var label: String
  var hint: String
  var selected: Bool
}
