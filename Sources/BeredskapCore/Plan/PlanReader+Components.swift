import Yams

extension PlanReader {
  /// `components: [web app, API, SMS, push]`: what the public status page may
  /// name as affected. Names are shown to the public as written.
  mutating func components(_ node: Node?) -> [String] {
    var out: [String] = []
    for (i, item) in list(node, "components").enumerated() {
      guard let name = text(item, "components[\(i)]", required: true) else { continue }
      if name.count > StatusUpdateDraft.maxComponentLength {
        error(item, "components[\(i)] is longer than \(StatusUpdateDraft.maxComponentLength) characters")
      } else if out.contains(name) {
        error(item, "components[\(i)] \(name) is listed twice")
      } else {
        out.append(name)
      }
    }
    return out
  }
}
