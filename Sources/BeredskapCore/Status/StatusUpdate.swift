import Foundation

/// One update published to the public status page about an incident. Only
/// these fields ever reach `/status` and the feed: never the incident's own
/// title, summary, notes or people.
public struct StatusUpdate: Equatable, Sendable {
  public var id: UUID
  /// The incident's number, for the incident page; never shown publicly.
  public var incident: IncidentNumber
  public var title: String
  public var message: String
  public var status: PublicStatus
  public var components: [String]
  public var at: Date

  public init(
    id: UUID, incident: IncidentNumber, title: String, message: String, status: PublicStatus, components: [String],
    at: Date
  ) {
    self.id = id
    self.incident = incident
    self.title = title
    self.message = message
    self.status = status
    self.components = components
    self.at = at
  }
}

/// A planned maintenance window shown on the status page while upcoming or ongoing.
public struct Maintenance: Equatable, Sendable {
  public var id: UUID
  public var title: String
  public var message: String
  public var components: [String]
  public var startsAt: Date
  public var endsAt: Date

  public init(id: UUID, title: String, message: String, components: [String], startsAt: Date, endsAt: Date) {
    self.id = id
    self.title = title
    self.message = message
    self.components = components
    self.startsAt = startsAt
    self.endsAt = endsAt
  }
}
