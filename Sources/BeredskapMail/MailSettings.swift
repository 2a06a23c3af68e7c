import BeredskapCore
import Foundation
import NIOSSL

/// The mail settings read once from the environment:
/// `BEREDSKAP_SMTP_URL` (server, login, TLS mode), `BEREDSKAP_MAIL_FROM`
/// (our sender address, «Navn <adresse>» or a bare address) and
/// `BEREDSKAP_SMTP_CA_FILE` (a PEM file of CAs to trust instead of the
/// system's, for a server with a private certificate).
public struct MailSettings: Sendable {
  public var smtp: SMTPSettings
  public var from: MailAddress?
  public var trustRoots: NIOSSLTrustRoots?
  /// `BEREDSKAP_MAIL_HANDOVER_GROUP` (1-1000, default 50): messages marked
  /// `handing_over` per commit and pipelined together. After a crash at most
  /// this many letters can arrive twice, each recorded so; 1 makes it only the
  /// letter being handed over, at a fifth of the speed or less.
  public var handoverGroup = Dispatcher.defaultHandoverGroup

  public struct Missing: Error, CustomStringConvertible {
    public var description: String {
      "BEREDSKAP_SMTP_URL is not set: nothing can be sent. Set it to the mail server, e.g. "
        + "smtp://user:password@mail.example.no:587?starttls=required (see README, «E-mail»)"
    }
  }

  public static func from(environment env: [String: String]) throws -> MailSettings {
    guard let url = env[SMTPSettings.environmentVariable], !url.isEmpty else { throw Missing() }
    let smtp = try SMTPSettings.parse(url)
    var from: MailAddress?
    if let text = env["BEREDSKAP_MAIL_FROM"], !text.isEmpty { from = try parseFrom(text) }
    var trust: NIOSSLTrustRoots?
    if let ca = env["BEREDSKAP_SMTP_CA_FILE"], !ca.isEmpty {
      guard FileManager.default.isReadableFile(atPath: ca) else {
        throw SMTPSettings.Invalid(description: "BEREDSKAP_SMTP_CA_FILE: cannot read \(ca)")
      }
      trust = .file(ca)
    }
    var settings = MailSettings(smtp: smtp, from: from, trustRoots: trust)
    if let text = env["BEREDSKAP_MAIL_HANDOVER_GROUP"], !text.isEmpty {
      guard let group = Int(text), (1...1000).contains(group) else {
        throw SMTPSettings.Invalid(description: "BEREDSKAP_MAIL_HANDOVER_GROUP must be a whole number from 1 to 1000")
      }
      settings.handoverGroup = group
    }
    return settings
  }

  public struct NoSender: Error, CustomStringConvertible {
    public var description: String {
      "no sender address: set BEREDSKAP_MAIL_FROM (e.g. \"Bedriften AS <personvern@example.no>\"), "
        + "or give the plan's organisation.dpo or organisation.contact an e-mail address"
    }
  }

  /// The address letters come from (and replies go to): `BEREDSKAP_MAIL_FROM`,
  /// else the plan's data protection officer's or contact's e-mail under the
  /// organisation's name. Letters are approved with it, so it is known before
  /// anything is sent.
  public static func sender(environment env: [String: String], plan: Plan) throws -> MailAddress {
    if let text = env["BEREDSKAP_MAIL_FROM"], !text.isEmpty { return try parseFrom(text) }
    for person in [plan.organisation.dpo, plan.organisation.contact].compactMap({ $0 }) {
      if let email = person.email, let address = try? MailAddress(email, name: plan.organisation.name, field: "from") {
        return address
      }
    }
    throw NoSender()
  }

  /// `Beredskap AS <personvern@example.no>` or `personvern@example.no`.
  public static func parseFrom(_ text: String) throws -> MailAddress {
    let field = "BEREDSKAP_MAIL_FROM"
    if let open = text.lastIndex(of: "<"), text.hasSuffix(">") {
      let name = text[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(
        in: CharacterSet(charactersIn: "\""))
      let address = text[text.index(after: open)..<text.index(before: text.endIndex)]
      return try MailAddress(String(address), name: name.isEmpty ? nil : name, field: field)
    }
    return try MailAddress(text, field: field)
  }
}
