import Foundation
import Yams

extension PlanReader {
  /// Ids that end up in forms and addresses: short, lower case, no spaces.
  static func isPlainID(_ id: String) -> Bool {
    id.count <= 64 && !id.isEmpty
      && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
  }

  /// `runbooks: [{id, title, when, steps: [text | {text, role, minutes}]}]`; replaces the defaults.
  mutating func runbooks(_ node: Node?) -> [Plan.Runbook] {
    var out: [Plan.Runbook] = []
    var seen: Set<String> = []
    for (i, item) in list(node, "runbooks").enumerated() {
      let path = "runbooks[\(i)]"
      let f = fields(item, path, allowed: ["id", "title", "when", "steps"])
      guard let id = text(f["id"], "\(path).id", required: true),
        let title = text(f["title"], "\(path).title", required: true)
      else {
        if f["id"] == nil || f["title"] == nil { error(item, "\(path) needs an id, a title and steps") }
        continue
      }
      if !Self.isPlainID(id) {
        error(f["id"], "\(path).id \"\(id)\" may only use a–z, 0–9, _ and - (at most 64)")
      }
      if !seen.insert(id).inserted { error(f["id"], "\(path).id \"\(id)\" is used twice") }
      var steps: [Plan.Runbook.Step] = []
      for (j, s) in list(f["steps"], "\(path).steps").enumerated() {
        let sp = "\(path).steps[\(j)]"
        if s.scalar != nil {
          if let t = text(s, sp) { steps.append(.init(t)) }
          continue
        }
        let sf = fields(s, sp, allowed: ["text", "role", "minutes"])
        guard let t = text(sf["text"], "\(sp).text", required: true) else {
          if sf["text"] == nil { error(s, "\(sp).text is required") }
          continue
        }
        var step = Plan.Runbook.Step(t, role: text(sf["role"], "\(sp).role"))
        if let m = sf["minutes"] {
          if let v = m.int, (1...Exercise.maxMinutes).contains(v) {
            step.minutes = v
          } else {
            error(m, "\(sp).minutes must be a whole number of minutes from 1 to \(Exercise.maxMinutes)")
          }
        }
        steps.append(step)
      }
      if steps.isEmpty { error(f["steps"] ?? item, "\(path).steps must list at least one step") }
      if steps.count > 200 { error(f["steps"], "\(path).steps has \(steps.count) steps; at most 200") }
      out.append(Plan.Runbook(id: id, title: title, when: text(f["when"], "\(path).when") ?? "", steps: steps))
    }
    return out
  }

  /// `exercises: {restore_test: 3, failover_test: none, tabletop: 12}`: months between tests.
  mutating func exercises(_ node: Node, into plan: inout Plan) {
    let f = fields(node, "exercises", allowed: Exercise.Kind.allCases.map(\.rawValue))
    for kind in Exercise.Kind.allCases {
      guard let v = f[kind.rawValue] else { continue }
      if v.scalar?.string == "none" {
        plan.exerciseMonths[kind] = nil
      } else if let m = v.int, (1...60).contains(m) {
        plan.exerciseMonths[kind] = m
      } else {
        error(v, "exercises.\(kind.rawValue) must be a number of months from 1 to 60, or none")
      }
    }
  }
}
