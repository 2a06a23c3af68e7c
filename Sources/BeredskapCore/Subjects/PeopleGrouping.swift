/// Rows linked by any shared key (e-mail, phone, national id) are one
/// person: a union-find over rows, with each person's categories and
/// contact routes united. `Key` is whatever identifies a value exactly
/// enough: 64-bit numbers for `subjects analyze`, keyed hashes in the store.
public struct PeopleGrouping<Key: Hashable>: Sendable where Key: Sendable {
  /// What a node carries; united over a person.
  public struct Traits: Sendable, Equatable {
    public var categories: DataCategorySet
    public var hasEmail: Bool
    public var hasPhone: Bool

    public init(categories: DataCategorySet = [], hasEmail: Bool = false, hasPhone: Bool = false) {
      self.categories = categories
      self.hasEmail = hasEmail
      self.hasPhone = hasPhone
    }

    mutating func unite(_ other: Traits) {
      categories.formUnion(other.categories)
      hasEmail = hasEmail || other.hasEmail
      hasPhone = hasPhone || other.hasPhone
    }
  }

  var parent: [Int32] = []
  var traits: [Traits] = []
  var owner: [Key: Int32] = [:]

  public init(expectedKeys: Int = 0) {
    owner.reserveCapacity(max(0, expectedKeys))
  }

  public var nodeCount: Int { parent.count }

  /// Adds a row (or a person already stored) and links it to every earlier
  /// node sharing one of its keys. Returns the node's index.
  @discardableResult
  public mutating func add(keys: some Sequence<Key>, traits: Traits) -> Int {
    let node = Int32(truncatingIfNeeded: parent.count)
    parent.append(node)
    self.traits.append(traits)
    for key in keys {
      if let other = owner[key] {
        union(node, other)
      } else {
        owner[key] = node
      }
    }
    return Int(node)
  }

  /// The representative node of `node`'s person (path halving).
  public mutating func find(_ node: Int) -> Int {
    guard node >= 0, node < parent.count else { return node }
    var x = Int32(truncatingIfNeeded: node)
    while parent[Int(x)] != x {
      let grand = parent[Int(parent[Int(x)])]
      parent[Int(x)] = grand
      x = grand
    }
    return Int(x)
  }

  mutating func union(_ a: Int32, _ b: Int32) {
    let ra = Int32(truncatingIfNeeded: find(Int(a)))
    let rb = Int32(truncatingIfNeeded: find(Int(b)))
    guard ra != rb else { return }
    // The earlier node stays the representative: a stored person keeps its id.
    let (root, child) = ra < rb ? (ra, rb) : (rb, ra)
    parent[Int(child)] = root
    traits[Int(root)].unite(traits[Int(child)])
  }

  /// Is `node` the representative of its person?
  public func isRoot(_ node: Int) -> Bool { node >= 0 && node < parent.count && parent[node] == Int32(node) }

  /// The united traits of the person whose representative is `root`.
  public func traits(ofRoot root: Int) -> Traits {
    root >= 0 && root < traits.count ? traits[root] : Traits()
  }

  /// The counts over all people.
  public func summary() -> PeopleSummary {
    var s = PeopleSummary()
    var perCategory = [Int](repeating: 0, count: DataCategory.allCases.count)
    for i in 0..<parent.count where parent[i] == Int32(i) {
      let t = traits[i]
      s.people += 1
      if !t.hasEmail && !t.hasPhone { s.withoutContact += 1 }
      if !t.hasEmail { s.withoutEmail += 1 }
      if t.categories.rawValue != 0 {
        for (j, c) in DataCategory.allCases.enumerated() where t.categories.contains(c) { perCategory[j] += 1 }
      }
    }
    for (j, c) in DataCategory.allCases.enumerated() where perCategory[j] > 0 { s.perCategory[c] = perCategory[j] }
    return s
  }
}

/// How many people, per category, and how many cannot be reached.
public struct PeopleSummary: Sendable, Equatable {
  public var people = 0
  public var perCategory: [DataCategory: Int] = [:]
  /// Neither e-mail nor phone: they need a letter by post or a public notice.
  public var withoutContact = 0
  public var withoutEmail = 0

  public init(people: Int = 0, perCategory: [DataCategory: Int] = [:], withoutContact: Int = 0, withoutEmail: Int = 0) {
    self.people = people
    self.perCategory = perCategory
    self.withoutContact = withoutContact
    self.withoutEmail = withoutEmail
  }
}
