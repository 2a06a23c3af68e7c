/// One valid row of a list of affected persons, normalised.
public struct SubjectRow: Sendable, Equatable {
  /// The line the row starts on in the file.
  public var line: Int
  public var name: String?
  /// As written (trimmed).
  public var email: String?
  /// E.164, e.g. `+4791234567`.
  public var phone: String?
  /// Eleven digits.
  public var nationalID: String?
  public var categories: DataCategorySet
  public var language: Language

  public init(
    line: Int, name: String? = nil, email: String? = nil, phone: String? = nil, nationalID: String? = nil,
    categories: DataCategorySet = [], language: Language = .nb
  ) {
    self.line = line
    self.name = name
    self.email = email
    self.phone = phone
    self.nationalID = nationalID
    self.categories = categories
    self.language = language
  }

  /// The e-mail address case-folded: the same address whatever the case.
  public var emailKey: String? { email?.lowercased() }

  /// The values that identify the person, each tagged with its column, for
  /// keyed hashing and de-duplication.
  public var identityKeys: [String] {
    var keys: [String] = []
    if let e = emailKey { keys.append("email:" + e) }
    if let p = phone { keys.append("phone:" + p) }
    if let n = nationalID { keys.append("national_id:" + n) }
    return keys
  }
}

/// A row that cannot be used, with the line it starts on and why. Never
/// quotes the row: the reason names the field, not its content.
public struct SubjectRowError: Error, Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var reason: String

  public init(line: Int, reason: String) {
    self.line = line
    self.reason = reason
  }

  public var description: String { "linje \(line): \(reason)" }
}

/// A file that cannot be read at all: wrong encoding, no header.
public struct SubjectFileError: Error, Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var reason: String

  public init(line: Int, reason: String) {
    self.line = line
    self.reason = reason
  }

  public var description: String { "linje \(line): \(reason)" }
}
