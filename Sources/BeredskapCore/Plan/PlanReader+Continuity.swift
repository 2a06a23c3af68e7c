import Foundation
import Yams

/// `stages:` (the response clock per severity) and `objectives:` (RTO, RPO,
/// MTTR, MTBF). Every number is bounded: larger is a typo, never a plan.
extension PlanReader {
  static let continuityKeys = ["stages", "objectives"]
  /// A stage ends at most a week after the incident's start.
  static let maxStageMinutes: Double = 10080
  static let maxStagesPerLevel = 10

  mutating func continuity(_ f: [String: Node], into plan: inout Plan) {
    if let s = f["stages"] { plan.stages = stages(s) }
    if let o = f["objectives"] { plan.objectives = objectives(o) }
  }

  /// `stages: {1: [{id, title, until_minutes, done_when}], 2: […]}`; a level
  /// not listed runs no stage clock.
  mutating func stages(_ node: Node) -> [Int: [Plan.Stage]] {
    guard let mapping = node.mapping else {
      error(node, "stages must be a mapping from severity (1 to 4) to a list of stages")
      return [:]
    }
    var out: [Int: [Plan.Stage]] = [:]
    for (key, value) in mapping {
      guard let level = key.int, (1...4).contains(level) else {
        error(key, "stages: \"\(key.string ?? "?")\" is not a severity from 1 to 4")
        continue
      }
      if out[level] != nil { error(key, "stages.\(level) is given twice") }
      out[level] = stageList(value, "stages.\(level)")
    }
    return out
  }

  mutating func stageList(_ node: Node, _ path: String) -> [Plan.Stage] {
    let items = list(node, path)
    if items.count > Self.maxStagesPerLevel {
      error(node, "\(path) has \(items.count) stages; at most \(Self.maxStagesPerLevel)")
      return []
    }
    var out: [Plan.Stage] = []
    for (i, item) in items.enumerated() {
      let p = "\(path)[\(i)]"
      let f = fields(item, p, allowed: ["id", "title", "until_minutes", "done_when"])
      guard let id = text(f["id"], p + ".id", required: true),
        let title = text(f["title"], p + ".title", required: true)
      else {
        if f["id"] == nil || f["title"] == nil { error(item, p + " needs an id, a title and until_minutes") }
        continue
      }
      if id.count > 40 || !id.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }) {
        error(f["id"], "\(p).id must be at most 40 characters a-z, 0-9 and _")
        continue
      }
      guard let n = f["until_minutes"], let m = n.float ?? n.int.map(Double.init), m.isFinite, m > 0,
        m <= Self.maxStageMinutes
      else {
        error(
          f["until_minutes"] ?? item,
          "\(p).until_minutes must be a number of minutes greater than 0 and at most \(Int(Self.maxStageMinutes))")
        continue
      }
      var doneWhen = Plan.Stage.DoneWhen.marked
      if let w = text(f["done_when"], p + ".done_when") {
        guard let parsed = Plan.Stage.DoneWhen(rawValue: w) else {
          let allowed = Plan.Stage.DoneWhen.allCases.map(\.rawValue).joined(separator: ", ")
          error(f["done_when"], "\(p).done_when must be one of \(allowed)")
          continue
        }
        doneWhen = parsed
      }
      if out.contains(where: { $0.id == id }) { error(f["id"], "\(p).id \"\(id)\" is used twice") }
      if let previous = out.last, m <= previous.untilMinutes {
        error(
          n, "\(p).until_minutes must be later than the stage before it (\(Deadline.hoursText(previous.untilMinutes)))")
      }
      if doneWhen != .marked, out.contains(where: { $0.doneWhen == doneWhen }) {
        error(f["done_when"], "\(p).done_when \(doneWhen.rawValue) is given to two stages")
      }
      out.append(Plan.Stage(id: id, title: title, untilMinutes: m, doneWhen: doneWhen))
    }
    return out
  }

  /// `objectives: {rto_hours, rpo_hours, mttr_hours, mtbf_days}`.
  mutating func objectives(_ node: Node) -> Plan.Objectives {
    let f = fields(node, "objectives", allowed: ["rto_hours", "rpo_hours", "mttr_hours", "mtbf_days"])
    var o = Plan.Objectives()
    if let v = bounded(f["rto_hours"], "objectives.rto_hours", max: 720, unit: "hours") { o.rtoHours = v }
    if let v = bounded(f["rpo_hours"], "objectives.rpo_hours", max: 8760, unit: "hours") { o.rpoHours = v }
    if let v = bounded(f["mttr_hours"], "objectives.mttr_hours", max: 720, unit: "hours") { o.mttrHours = v }
    if let v = bounded(f["mtbf_days"], "objectives.mtbf_days", max: 3650, unit: "days") { o.mtbfDays = v }
    if o.mttrHours > o.rtoHours {
      warn(
        f["mttr_hours"] ?? node,
        "objectives.mttr_hours (\(Deadline.hoursText(o.mttrHours))) is above rto_hours (\(Deadline.hoursText(o.rtoHours))): the mean restore time cannot meet its target while every incident meets the RTO"
      )
    }
    return o
  }

  /// A number greater than 0 and at most `max`, or an error naming the field.
  mutating func bounded(_ node: Node?, _ path: String, max: Double, unit: String) -> Double? {
    guard let node else { return nil }
    guard let v = node.float ?? node.int.map(Double.init), v.isFinite, v > 0, v <= max else {
      error(node, "\(path) must be a number of \(unit) greater than 0 and at most \(Int(max))")
      return nil
    }
    return v
  }
}
