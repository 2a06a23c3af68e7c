/// An e-mail address with an optional display name, checked so that nothing
/// in it can end a header or an SMTP command line (no header injection).
public struct MailAddress: Sendable, Equatable, Hashable {
  /// `local@domain`, as given (trimmed).
  public let address: String
  /// The display name, e.g. «Kari Nordmann».
  public let name: String?

  /// `field` names the input in the error (e.g. `to`, `BEREDSKAP_MAIL_FROM`).
  /// The error never quotes the address, which is personal data.
  public init(_ address: String, name: String? = nil, field: String) throws {
    let trimmed = address.trimmingCharacters(in: .whitespaces)
    func refuse(_ reason: String) -> MailMessage.Invalid { MailMessage.Invalid(field: field, reason: reason) }
    guard !trimmed.isEmpty else { throw refuse("an e-mail address is missing") }
    guard trimmed.utf8.count <= 254 else { throw refuse("the e-mail address is longer than 254 bytes") }
    guard !trimmed.unicodeScalars.contains(where: Self.isForbidden) else {
      throw refuse("the e-mail address contains a line break, a space or another character not allowed there")
    }
    guard let at = trimmed.lastIndex(of: "@") else { throw refuse("the e-mail address has no @") }
    let local = trimmed[..<at]
    let domain = trimmed[trimmed.index(after: at)...]
    guard !local.isEmpty, !domain.isEmpty, !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..")
    else { throw refuse("the e-mail address is not of the form name@domain") }
    if let name, name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      throw MailMessage.Invalid(field: field, reason: "the name contains a line break or another control character")
    }
    self.address = trimmed
    self.name = name.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
  }

  /// Anything but plain ASCII in the address needs the server's SMTPUTF8.
  public var needsSMTPUTF8: Bool { !address.unicodeScalars.allSatisfy(\.isASCII) }

  /// The domain part, used for our Message-IDs.
  public var domain: Substring {
    guard let at = address.lastIndex(of: "@") else { return "" }
    return address[address.index(after: at)...]
  }

  static func isForbidden(_ s: Unicode.Scalar) -> Bool {
    s.properties.generalCategory == .control || s == " " || s == "<" || s == ">" || s == "," || s == "\""
      || s == "(" || s == ")" || s == ";" || s == "\\" || s == "\u{2028}" || s == "\u{2029}"
  }
}
