import Foundation
import Yams

extension PlanReader {
  /// `backups: [{id, what, where, every_hours, at, grace_hours, retention_days, encrypted, restore_roles, owner}]`.
  /// Beredskap's own job (`beredskap`) is added unless the plan defines it.
  mutating func backups(_ node: Node?, roles: [Plan.Role]) -> [BackupJob] {
    var out: [BackupJob] = []
    var seen: Set<String> = []
    let roleIDs = Set(roles.map(\.id))
    let known = roles.isEmpty ? "the plan has no roles" : "roles: \(roles.map(\.id).joined(separator: ", "))"
    for (i, item) in list(node, "backups").enumerated() {
      let path = "backups[\(i)]"
      let f = fields(
        item, path,
        allowed: [
          "id", "what", "where", "every_hours", "at", "grace_hours", "retention_days", "encrypted", "restore_roles",
          "owner",
        ])
      guard let id = text(f["id"], path + ".id", required: true),
        let what = text(f["what"], path + ".what", required: true)
      else {
        if f["id"] == nil || f["what"] == nil { error(item, path + " needs an id and what it copies (what)") }
        continue
      }
      if !Self.isJobID(id) {
        error(f["id"], "\(path).id \"\(id)\" may hold only a-z, 0-9, - and _ (at most 64), as it is used in addresses")
      }
      if !seen.insert(id).inserted { error(f["id"], "\(path).id \"\(id)\" is used twice") }
      let base = id == BackupJob.ownID ? BackupJob.beredskap : nil
      var job = BackupJob(
        id: id, what: what, location: text(f["where"], path + ".where") ?? base?.location ?? "",
        everyHours: base?.everyHours ?? 24, atMinute: base?.atMinute, graceHours: base?.graceHours ?? 2,
        retentionDays: base?.retentionDays ?? 7, encrypted: base?.encrypted ?? false)
      if f["where"] == nil, base == nil { error(item, "\(path).where is required: where the copies are kept") }
      if f["every_hours"] != nil {
        if let h = hours(f["every_hours"], path + ".every_hours") { job.everyHours = h }
      } else if base == nil {
        error(item, "\(path).every_hours is required: how often the job runs (24 for daily)")
      }
      if let at = text(f["at"], path + ".at") {
        if let minute = Self.timeOfDay(at) {
          job.atMinute = minute
        } else {
          error(f["at"], "\(path).at must be a time of day such as \"03:00\" (Europe/Oslo), got \"\(at)\"")
        }
      } else if f["every_hours"] != nil, base != nil {
        job.atMinute = nil
      }
      if job.atMinute != nil, job.everyHours < 24 || job.everyHours.truncatingRemainder(dividingBy: 24) != 0 {
        error(f["at"] ?? f["every_hours"] ?? item, "\(path).at needs every_hours to be whole days (24, 48, 168 …)")
      }
      if let g = f["grace_hours"] {
        if let h = g.float ?? g.int.map(Double.init), h.isFinite, h >= 0, h <= 168 {
          job.graceHours = h
        } else {
          error(g, "\(path).grace_hours must be a number of hours from 0 to 168")
        }
      }
      if let r = f["retention_days"] {
        if let days = r.int, (1...3650).contains(days) {
          job.retentionDays = days
        } else {
          error(r, "\(path).retention_days must be a whole number of days from 1 to 3650")
        }
      }
      if let e = f["encrypted"] {
        if let b = e.bool { job.encrypted = b } else { error(e, "\(path).encrypted must be true or false") }
      }
      for r in list(f["restore_roles"], path + ".restore_roles") {
        guard let role = text(r, path + ".restore_roles") else { continue }
        if !roleIDs.contains(role) {
          error(r, "\(path).restore_roles: \"\(role)\" is not one of the plan's roles (\(known))")
        } else if !job.restoreRoles.contains(role) {
          job.restoreRoles.append(role)
        }
      }
      if let owner = text(f["owner"], path + ".owner") {
        if !roleIDs.contains(owner) {
          error(f["owner"], "\(path).owner \"\(owner)\" is not one of the plan's roles (\(known))")
        }
        job.owner = owner
      }
      out.append(job)
    }
    if !seen.contains(BackupJob.ownID) { out.insert(.beredskap, at: 0) }
    return out
  }

  static func isJobID(_ id: String) -> Bool {
    id.count <= 64
      && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
  }

  /// "03:00" or "3:00" → minutes after midnight.
  static func timeOfDay(_ text: String) -> Int? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].count == 2, (1...2).contains(parts[0].count),
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m)
    else { return nil }
    return h * 60 + m
  }
}
