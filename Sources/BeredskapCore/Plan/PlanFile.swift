import Foundation
import Yams

/// Reads a plan from YAML. Every problem names its line; a plan with errors
/// is never used. Warnings name rules that are laxer than the law: the engine
/// follows the law regardless.
public enum PlanFile {
  public struct Result: Sendable {
    public var plan: Plan?
    public var issues: [PlanIssue]
    public var errors: [PlanIssue] { issues.filter { $0.kind == .error } }
    public var warnings: [PlanIssue] { issues.filter { $0.kind == .warning } }
  }

  public static func load(yaml: String) -> Result {
    var reader = PlanReader()
    let node: Node?
    do {
      node = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      return Result(plan: nil, issues: [PlanIssue(kind: .error, line: yamlLine(error), message: yamlMessage(error))])
    } catch {
      return Result(plan: nil, issues: [PlanIssue(kind: .error, line: 1, message: "is not valid YAML")])
    }
    guard let root = node, root.mapping != nil else {
      return Result(plan: nil, issues: [PlanIssue(kind: .error, line: 1, message: "the plan must be a YAML mapping")])
    }
    let plan = reader.plan(root)
    let issues = reader.issues.sorted { ($0.line, $0.kind == .error ? 0 : 1) < ($1.line, $1.kind == .error ? 0 : 1) }
    return Result(plan: reader.issues.contains { $0.kind == .error } ? nil : plan, issues: issues)
  }

  static func yamlLine(_ error: YamlError) -> Int {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
    default: return 1
    }
  }

  static func yamlMessage(_ error: YamlError) -> String {
    switch error {
    case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
      return "not valid YAML: \(problem)"
    default: return "not valid YAML"
    }
  }
}
