/// The columns of a list of affected persons, recognised in bokmål or
/// English, whatever the case, spaces, hyphens or underscores.
public enum SubjectColumn: String, CaseIterable, Sendable {
  case name, email, phone
  case nationalID = "national_id"
  case categories, language

  /// What the column is called in messages to the user.
  public func label(_ language: Language) -> String {
    switch (self, language) {
    case (.name, .nb): "navn"
    case (.email, .nb): "e-post"
    case (.phone, .nb): "telefon"
    case (.nationalID, .nb): "fødselsnummer"
    case (.categories, .nb): "kategorier"
    case (.language, .nb): "språk"
    case (.name, .en): "name"
    case (.email, .en): "email"
    case (.phone, .en): "phone"
    case (.nationalID, .en): "national_id"
    case (.categories, .en): "categories"
    case (.language, .en): "language"
    }
  }

  static let spellings: [String: SubjectColumn] = [
    "navn": .name, "name": .name, "fulltnavn": .name, "fullname": .name,
    "epost": .email, "email": .email, "mail": .email, "epostadresse": .email, "emailaddress": .email,
    "telefon": .phone, "mobil": .phone, "phone": .phone, "mobile": .phone, "tlf": .phone,
    "telefonnummer": .phone, "mobilnummer": .phone, "phonenumber": .phone, "mobilenumber": .phone,
    "fødselsnummer": .nationalID, "fodselsnummer": .nationalID, "nationalid": .nationalID, "fnr": .nationalID,
    "personnummer": .nationalID,
    "kategorier": .categories, "kategori": .categories, "categories": .categories, "category": .categories,
    "språk": .language, "sprak": .language, "language": .language, "lang": .language, "målform": .language,
  ]

  /// The column a header cell names, or nil.
  public static func recognise(_ header: String) -> SubjectColumn? {
    let key = header.lowercased().filter { !" \t-_.".contains($0) }
    return spellings[key]
  }
}

/// Which field of a row holds each recognised column.
public struct SubjectHeader: Sendable, Equatable {
  public var positions: [SubjectColumn: Int]
  /// Header cells that were not recognised, as written (trimmed, at most 60 characters each).
  public var ignored: [String]
  public var fieldCount: Int

  public func position(_ column: SubjectColumn) -> Int? { positions[column] }
}
