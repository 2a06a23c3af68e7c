import BeredskapCore
import Foundation

/// Assessments per second: the engine must be cheap enough to re-assess live
/// while a responder edits the facts. Run with `make bench` (release build).
@main
struct AssessBench {
  static func main() {
    let seconds = Double(CommandLine.arguments.dropFirst().first ?? "") ?? 3
    var variants: [BreachFacts] = []
    let aware = Date(timeIntervalSince1970: 1_790_000_000)
    for (i, categories) in [
      [DataCategory.identity, .contact], [.identity, .nationalID, .documents], [.special, .identity],
      [.technical], [.financial, .credentials, .identity],
    ].enumerated() {
      var f = BreachFacts(
        becameAwareAt: aware, nature: [.confidentiality, .availability], dataCategories: Set(categories))
      f.dataSubjects = 10 * (i + 1) * (i + 1)
      f.recipients = [.unknown, .public, .known, .trusted, .none][i]
      f.cause = i % 2 == 0 ? .malicious : .accidental
      f.backupAvailable = i % 2 == 0
      variants.append(f)
    }
    var count = 0
    var notify = 0
    let start = Date()
    while Date().timeIntervalSince(start) < seconds {
      for f in variants {
        let a = AssessmentEngine.assess(f)
        if a.notifyAuthority { notify += 1 }
        count += 1
      }
    }
    let elapsed = Date().timeIntervalSince(start)
    var jsonCount = 0
    let jsonStart = Date()
    while Date().timeIntervalSince(jsonStart) < seconds / 3 {
      _ = AssessmentEngine.assess(variants[jsonCount % variants.count]).json()
      jsonCount += 1
    }
    let jsonElapsed = Date().timeIntervalSince(jsonStart)
    print(
      String(
        format: "assess: %.0f assessments/s (%d in %.2f s, %d notify)", Double(count) / elapsed, count, elapsed, notify)
    )
    print(String(format: "assess+json: %.0f assessments/s", Double(jsonCount) / jsonElapsed))
  }
}
