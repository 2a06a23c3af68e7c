import BeredskapCore
import FluentKit
import Foundation

/// One assessment of an incident: the facts as given and the decision, kept
/// forever so every re-assessment can be compared with the one before.
public final class AssessmentRecord: Model, @unchecked Sendable {
  public static let schema = "assessments"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "incident_id") public var incident: IncidentRecord
  @Field(key: "at") public var at: Date
  @Field(key: "actor") public var actor: String
  /// The `beredskap.breach-facts/1` document.
  @Field(key: "facts") public var facts: String
  /// The `beredskap.assessment/1` document (bokmål reasons).
  @Field(key: "result") public var result: String
  @Field(key: "risk") public var risk: String
  @Field(key: "notify_authority") public var notifyAuthority: Bool
  @Field(key: "notify_subjects") public var notifySubjects: Bool
  @Field(key: "notify_controller") public var notifyController: Bool

  public init() {}

  /// The stored `beredskap.assessment/1` read back; nil when unreadable.
  public var storedResult: [String: JSONValue]? {
    guard case .object(let o)? = try? JSONValue.parse(Data(result.utf8)) else { return nil }
    return o
  }

  /// The stored reasons (bokmål, as decided), or nil when unreadable.
  public var storedReasons: [Reason]? {
    guard case .array(let items)? = storedResult?["reasons"] else { return nil }
    return items.compactMap { item in
      guard case .object(let r) = item, case .string(let code)? = r["code"], case .string(let article)? = r["article"],
        case .string(let text)? = r["text"]
      else { return nil }
      return Reason(code: code, article: article, text: text)
    }
  }
}
