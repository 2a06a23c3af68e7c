import Foundation

/// What a re-assessment changed: in the facts (field names) and in the
/// decision (old → new), for the timeline.
public struct AssessmentChange: Equatable, Sendable {
  public var factFields: [String]
  public var decision: [String: [String]]

  /// `previous` is nil for the first assessment.
  public init(previousFacts: [String: JSONValue]?, facts: [String: JSONValue], previous: Assessment?, now: Assessment) {
    if let previousFacts {
      let keys = Set(previousFacts.keys).union(facts.keys)
      factFields = keys.filter { previousFacts[$0] != facts[$0] }.sorted()
    } else {
      factFields = []
    }
    var d: [String: [String]] = [:]
    func note(_ key: String, _ a: String?, _ b: String) {
      if a != b { d[key] = [a ?? "", b] }
    }
    note("risk", previous?.risk.rawValue, now.risk.rawValue)
    note("notify_authority", previous.map { String($0.notifyAuthority) }, String(now.notifyAuthority))
    note("notify_subjects", previous.map { String($0.notifySubjects) }, String(now.notifySubjects))
    note("notify_controller", previous.map { String($0.notifyController) }, String(now.notifyController))
    decision = d
  }
}
