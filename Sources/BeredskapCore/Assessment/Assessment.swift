import Foundation

/// The decision, `beredskap.assessment/1`.
public struct Assessment: Equatable, Sendable {
  public static let schema = "beredskap.assessment/1"

  public var personalDataBreach: Bool
  public var risk: RiskLevel
  public var severity: EnisaSeverity?
  public var recordInternally: Bool
  public var notifyAuthority: Bool
  public var notifySubjects: Bool
  public var notifyController: Bool
  public var publicCommunication: Bool
  public var deadlines: [Deadline]
  public var reasons: [Reason]
  public var language: Language

  public init(
    personalDataBreach: Bool, risk: RiskLevel, severity: EnisaSeverity?, recordInternally: Bool,
    notifyAuthority: Bool, notifySubjects: Bool, notifyController: Bool, publicCommunication: Bool,
    deadlines: [Deadline], reasons: [Reason], language: Language
  ) {
    self.personalDataBreach = personalDataBreach
    self.risk = risk
    self.severity = severity
    self.recordInternally = recordInternally
    self.notifyAuthority = notifyAuthority
    self.notifySubjects = notifySubjects
    self.notifyController = notifyController
    self.publicCommunication = publicCommunication
    self.deadlines = deadlines
    self.reasons = reasons
    self.language = language
  }

  /// The interchange JSON, keys sorted so the same facts give the same bytes.
  public func json(pretty: Bool = true) -> Data {
    var object: [String: JSONValue] = [
      "schema": .string(Self.schema),
      "personal_data_breach": .bool(personalDataBreach),
      "risk": .string(risk.rawValue),
      "score": severity.map { .number($0.score) } ?? .null,
      "record_internally": .bool(recordInternally),
      "notify_authority": .bool(notifyAuthority),
      "notify_subjects": .bool(notifySubjects),
      "notify_controller": .bool(notifyController),
      "public_communication": .bool(publicCommunication),
      "language": .string(language.rawValue),
    ]
    object["score_parts"] =
      severity.map {
        .object(["dpc": .number($0.dpc), "ei": .number($0.ei), "cb": .number($0.cb)])
      } ?? .null
    object["deadlines"] = .array(
      deadlines.map {
        .object([
          "kind": .string($0.kind.description), "due": .string(Timestamp.utc($0.due)),
          "basis": .string($0.basis), "article": .string($0.article),
        ])
      })
    object["reasons"] = .array(
      reasons.map { .object(["code": .string($0.code), "article": .string($0.article), "text": .string($0.text)]) })
    return JSONValue.object(object).serialized(pretty: pretty)
  }
}
