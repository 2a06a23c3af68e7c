import BeredskapCore

/// The affected persons of an incident as the incident page shows them: counts only.
struct PeopleView: Encodable {
  struct Category: Encodable {
    var name: String
    var count: Int
  }

  var people: Int
  var withoutContact: Int
  var withoutEmail: Int
  var categories: [Category]

  init?(_ summary: PeopleSummary, language: Language) {
    guard summary.people > 0 else { return nil }
    people = summary.people
    withoutContact = summary.withoutContact
    withoutEmail = summary.withoutEmail
    categories = DataCategory.allCases.compactMap { c in
      summary.perCategory[c].map { Category(name: c.name(language), count: $0) }
    }
  }
}
