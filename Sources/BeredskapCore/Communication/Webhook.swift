import Crypto
import Foundation

/// What a webhook of the stakeholder matrix receives. Slack's incoming
/// webhooks take `{"text": …}`; other receivers get a JSON document with the
/// incident's number, title, severity and status and the message. Both are
/// signed: `X-Beredskap-Signature: sha256=<hex HMAC-SHA256 of the body>` with
/// the webhook key (`beredskap webhook secret` prints it for the receiver).
public enum Webhook {
  public enum Format: String, CaseIterable, Sendable { case slack, json }

  public static let schema = "beredskap.webhook/1"

  public static func body(
    format: Format, communication c: Communication, incident: Incident, subject: String, text: String, now: Date
  ) -> [UInt8] {
    let value: JSONValue
    switch format {
    case .slack:
      value = .object(["text": .string("*\(subject)*\n\(text)")])
    case .json:
      value = .object([
        "schema": .string(schema), "event": .string(c.trigger.rawValue), "communication": .string(c.key),
        "incident": .object([
          "number": .string("\(incident.number)"), "title": .string(incident.title),
          "severity": .number(Double(incident.severity)), "status": .string(incident.status.rawValue),
        ]),
        "subject": .string(subject), "text": .string(text), "due": .string(Timestamp.utc(c.due)),
        "sent_at": .string(Timestamp.utc(now)),
      ])
    }
    return Array(value.serialized(pretty: false))
  }

  /// `sha256=<hex>`: HMAC-SHA256 of the exact body with the webhook key.
  public static func signature(body: [UInt8], key: SymmetricKey) -> String {
    "sha256=" + Hex.encode(HMAC<SHA256>.authenticationCode(for: body, using: key))
  }
}
