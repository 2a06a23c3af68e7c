import Foundation

extension Plan {
  /// A stage of the response clock of an operational incident (Plan A's
  /// severity-1 clock: detect, verify, start work and tell customers,
  /// resolve). Each stage runs from the end of the one before it to
  /// `untilMinutes` after the incident's start (occurred at, else discovered at).
  public struct Stage: Equatable, Sendable {
    /// What, besides a responder's button, marks a stage done.
    public enum DoneWhen: String, Equatable, Sendable, CaseIterable {
      /// Only a responder's button.
      case marked
      /// The customers' communication of the stakeholder matrix is recorded.
      case customersTold = "customers_told"
      /// The service is restored: the end of the restore time (RTO). Also set
      /// when the incident's status goes to resolved.
      case serviceRestored = "service_restored"
    }

    public var id: String
    public var title: String
    /// Target: minutes after the incident's start.
    public var untilMinutes: Double
    public var doneWhen: DoneWhen

    public init(id: String, title: String, untilMinutes: Double, doneWhen: DoneWhen = .marked) {
      self.id = id
      self.title = title
      self.untilMinutes = untilMinutes
      self.doneWhen = doneWhen
    }
  }

  /// The continuity objectives (Plan A: RTO 4 h, RPO 24 h, MTTR 2 h, MTBF 30 days).
  public struct Objectives: Equatable, Sendable {
    /// Recovery time objective: incident start → service restored, per incident.
    public var rtoHours: Double = 4
    /// Recovery point objective: the most data, in time, an incident may lose.
    public var rpoHours: Double = 24
    /// Mean time to restore, over a window.
    public var mttrHours: Double = 2
    /// Mean time between the starts of service-affecting incidents, over a window.
    public var mtbfDays: Double = 30

    public init() {}
  }

  /// Plan A's severity-1 clock. Severity 2 (a core function down) gets the
  /// same stages at twice the time; severity 3 and 4 (degradation, cosmetic)
  /// run no stage clock by default: they are handled in working hours.
  public static let defaultStages: [Int: [Stage]] = [
    1: severityOneStages,
    2: severityOneStages.map {
      Stage(id: $0.id, title: $0.title, untilMinutes: $0.untilMinutes * 2, doneWhen: $0.doneWhen)
    },
  ]

  static let severityOneStages = [
    Stage(id: "detect", title: "Oppdag (varsel fra overvåking eller kunde)", untilMinutes: 15),
    Stage(id: "verify", title: "Bekreft (helse, logger, siste endringer)", untilMinutes: 30),
    Stage(id: "respond", title: "Start arbeidet og si fra til kundene", untilMinutes: 60, doneWhen: .customersTold),
    Stage(id: "resolve", title: "Løs eller finn en midlertidig løsning", untilMinutes: 240, doneWhen: .serviceRestored),
  ]

  /// The stages of an incident of this severity, earliest first.
  public func responseStages(severity: Int) -> [Stage] { stages[severity] ?? [] }
}
