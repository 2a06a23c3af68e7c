import Crypto
import Foundation

/// The status page as an Atom feed (RFC 4287): one entry per status update and
/// per maintenance notice, ids `urn:uuid:` that never change, every text escaped.
public enum StatusFeed {
  public struct Labels: Sendable {
    public var feedTitle: String
    public var status: [PublicStatus: String]
    public var components: String
    public var maintenance: String
    public var from: String
    public var to: String
    public init(
      feedTitle: String, status: [PublicStatus: String], components: String, maintenance: String, from: String,
      to: String
    ) {
      self.feedTitle = feedTitle
      self.status = status
      self.components = components
      self.maintenance = maintenance
      self.from = from
      self.to = to
    }
  }

  public static func atom(
    _ page: StatusPage, organisation: String, pageURL: String, selfURL: String, labels: Labels, language: Language,
    now: Date
  ) -> String {
    struct Entry {
      var id: UUID
      var title: String
      var updated: Date
      var text: String
    }
    var entries: [Entry] = []
    for incident in page.incidents {
      for u in incident.updates {
        var text = u.message
        if !u.components.isEmpty { text += "\n\n\(labels.components): " + u.components.joined(separator: ", ") }
        entries.append(
          Entry(
            id: u.id, title: "\(labels.status[u.status] ?? u.status.rawValue): \(u.title)", updated: u.at, text: text))
      }
    }
    for m in page.maintenance {
      var text = m.message
      text += "\n\n\(labels.from): \(Timestamp.oslo(m.startsAt, language: language))"
      text += "\n\(labels.to): \(Timestamp.oslo(m.endsAt, language: language))"
      if !m.components.isEmpty { text += "\n\(labels.components): " + m.components.joined(separator: ", ") }
      entries.append(Entry(id: m.id, title: "\(labels.maintenance): \(m.title)", updated: m.startsAt, text: text))
    }
    entries.sort { ($0.updated, $0.id.uuidString) > ($1.updated, $1.id.uuidString) }
    let updated = entries.map(\.updated).max() ?? Self.epoch
    var out = """
      <?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(language.rawValue)">
        <id>\(feedID(organisation))</id>
        <title>\(escape(labels.feedTitle))</title>
        <updated>\(Timestamp.utc(updated))</updated>
        <author><name>\(escape(organisation))</name></author>
        <link rel="alternate" type="text/html" href="\(escape(pageURL))"/>
        <link rel="self" type="application/atom+xml" href="\(escape(selfURL))"/>

      """
    for e in entries {
      out += """
          <entry>
            <id>urn:uuid:\(e.id.uuidString.lowercased())</id>
            <title>\(escape(e.title))</title>
            <updated>\(Timestamp.utc(e.updated))</updated>
            <link rel="alternate" type="text/html" href="\(escape(pageURL))"/>
            <content type="text">\(escape(e.text))</content>
          </entry>

        """
    }
    out += "</feed>\n"
    return out
  }

  /// An empty feed's `updated`: fixed, so the feed does not change while nothing happens.
  static let epoch = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

  /// The organisation's feed id: a name-based `urn:uuid`, the same on every instance.
  static func feedID(_ organisation: String) -> String {
    var bytes = Array(SHA256.hash(data: Data("beredskap-status:\(organisation)".utf8)).prefix(16))
    bytes[6] = (bytes[6] & 0x0F) | 0x50
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    let hex = bytes.map { String(format: "%02x", $0) }.joined()
    let parts = [
      hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4),
      hex.dropFirst(20),
    ]
    return "urn:uuid:" + parts.joined(separator: "-")
  }

  /// XML text and attribute escaping; characters XML 1.0 forbids are dropped.
  public static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        let v = scalar.value
        if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
