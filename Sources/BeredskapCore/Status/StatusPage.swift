import Foundation

/// What the public status page shows: incidents someone published, while
/// ongoing and for `recentDays` after they were resolved, and maintenance
/// that is upcoming or ongoing. Built only from status updates, so nothing
/// internal to an incident can reach it.
public struct StatusPage: Equatable, Sendable {
  /// A resolved incident stays on the page this long after its last update.
  public static let recentDays = 14

  public struct PublicIncident: Equatable, Sendable {
    /// The first update's id: stable, and says nothing about the incident.
    public var id: UUID
    /// The newest update's title and status.
    public var title: String
    public var status: PublicStatus
    /// The components named by any update, in the order first named.
    public var components: [String]
    public var startedAt: Date
    public var updatedAt: Date
    /// Newest first.
    public var updates: [StatusUpdate]
  }

  public var incidents: [PublicIncident]
  public var maintenance: [Maintenance]

  public init(updates: [StatusUpdate], maintenance: [Maintenance], now: Date) {
    let cutoff = now.addingTimeInterval(-Double(Self.recentDays) * 86_400)
    var groups: [IncidentNumber: [StatusUpdate]] = [:]
    for u in updates where u.at <= now { groups[u.incident, default: []].append(u) }
    incidents = groups.values.compactMap { list -> PublicIncident? in
      let sorted = list.sorted { ($0.at, $0.id.uuidString) > ($1.at, $1.id.uuidString) }
      guard let newest = sorted.first, let first = sorted.last else { return nil }
      if newest.status == .resolved, newest.at < cutoff { return nil }
      var components: [String] = []
      for u in sorted.reversed() { for c in u.components where !components.contains(c) { components.append(c) } }
      return PublicIncident(
        id: first.id, title: newest.title, status: newest.status, components: components, startedAt: first.at,
        updatedAt: newest.at, updates: sorted)
    }
    // Ongoing first, then newest update first.
    .sorted { a, b in
      let (ao, bo) = (a.status != .resolved, b.status != .resolved)
      if ao != bo { return ao }
      return (a.updatedAt, a.id.uuidString) > (b.updatedAt, b.id.uuidString)
    }
    self.maintenance = maintenance.filter { $0.endsAt > now }.sorted {
      ($0.startsAt, $0.id.uuidString) < ($1.startsAt, $1.id.uuidString)
    }
  }

  /// True while nothing published is ongoing and no maintenance is under way.
  public func allWell(now: Date) -> Bool {
    !incidents.contains { $0.status != .resolved } && !maintenance.contains { $0.startsAt <= now }
  }
}
