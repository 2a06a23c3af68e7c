import BeredskapCore
import Foundation

/// Builds facts in tests: an awareness time that never matters unless set.
func facts(
  _ nature: Set<BreachFacts.Nature>, _ categories: Set<DataCategory>, _ edit: (inout BreachFacts) -> Void = { _ in }
) -> BreachFacts {
  var f = BreachFacts(
    becameAwareAt: Timestamp.parse("2026-06-01T10:00:00+02:00")!, nature: nature, dataCategories: categories)
  edit(&f)
  return f
}
