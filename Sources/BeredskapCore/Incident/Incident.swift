import Foundation

/// An incident as the plans describe it: from discovery to closure.
public struct Incident: Equatable, Sendable {
  public var id: UUID
  public var number: IncidentNumber
  public var title: String
  public var summary: String
  public var severity: Int
  public var status: IncidentStatus
  public var discoveredAt: Date
  /// A person's name, or "monitoring" for an automatic alert.
  public var discoveredBy: String
  public var occurredAt: Date?
  public var systemsAffected: [String]
  public var attackVector: String?
  public var ownerID: UUID?
  public var ownerName: String?
  public var createdAt: Date
  public var updatedAt: Date

  public init(
    id: UUID, number: IncidentNumber, title: String, summary: String, severity: Int, status: IncidentStatus,
    discoveredAt: Date, discoveredBy: String, occurredAt: Date?, systemsAffected: [String], attackVector: String?,
    ownerID: UUID?, ownerName: String?, createdAt: Date, updatedAt: Date
  ) {
    self.id = id
    self.number = number
    self.title = title
    self.summary = summary
    self.severity = severity
    self.status = status
    self.discoveredAt = discoveredAt
    self.discoveredBy = discoveredBy
    self.occurredAt = occurredAt
    self.systemsAffected = systemsAffected
    self.attackVector = attackVector
    self.ownerID = ownerID
    self.ownerName = ownerName
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }
}
