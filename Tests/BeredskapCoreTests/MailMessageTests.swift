import Foundation
import Testing

@testable import BeredskapCore

@Suite("E-mail messages and SMTP settings")
struct MailMessageTests {
  let from = try! MailAddress("personvern@example.no", name: "Beredskap AS", field: "from")

  @Test("no header injection: a line break in the subject, an address or a name is refused, naming the field")
  func refusesLineBreaks() throws {
    let to = try MailAddress("kari@example.no", field: "to")
    #expect(throws: MailMessage.Invalid.self) {
      try MailMessage(from: from, to: to, subject: "Hei\r\nBcc: alle@example.no", body: "", date: Date())
    }
    for bad in ["kari@example.no\r\nBcc: x@y.no", "kari@example.no>", "kari", "ka ri@example.no", "kari@", "@no"] {
      #expect(throws: MailMessage.Invalid.self) { try MailAddress(bad, field: "e-post") }
    }
    do {
      _ = try MailAddress("kari@example.no", name: "Kari\nBcc: x@y.no", field: "navn")
      Issue.record("a name with a line break was accepted")
    } catch let error as MailMessage.Invalid {
      #expect(error.field == "navn")
      #expect(!error.description.contains("kari@example.no"))
    }
  }

  @Test("headers: RFC 2047 words for UTF-8, lines within 78 characters, CRLF only, our own Message-ID")
  func rendersHeaders() throws {
    let to = try MailAddress("ase@example.no", name: "Åse Ødegård", field: "to")
    let subject = String(repeating: "Brudd på personopplysningssikkerheten – «viktig» ", count: 3)
    let m = try MailMessage(
      from: from, to: to, subject: subject, body: "Hei\n", date: Date(timeIntervalSince1970: 1_795_000_000))
    let text = String(decoding: m.rendered(), as: UTF8.self)
    #expect(text.hasPrefix("Date: Wed, 18 Nov 2026 11:06:40 +0000"))
    #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
    #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    #expect(text.contains("Subject: =?UTF-8?B?"))
    #expect(text.contains("To: =?UTF-8?B?"))
    #expect(m.messageID.hasPrefix("<") && m.messageID.hasSuffix("@example.no>"))
    #expect(text.contains("Message-ID: \(m.messageID)\r\n"))
    #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
  }

  @Test("body: quoted-printable, 76-character lines, trailing blanks kept, any line ending becomes CRLF")
  func quotedPrintable() throws {
    let to = try MailAddress("ase@example.no", field: "to")
    let body = "Linje med blank på slutten \r\nMac\rUnix\n" + String(repeating: "æ", count: 100) + "\n=\n"
    let m = try MailMessage(from: from, to: to, subject: "Hei", body: body, date: Date())
    let text = String(decoding: m.rendered(), as: UTF8.self)
    let encoded = try #require(text.components(separatedBy: "\r\n\r\n").dropFirst().first)
    #expect(encoded.hasPrefix("Linje med blank p=C3=A5 slutten=20\r\nMac\r\nUnix\r\n=C3=A6"))
    #expect(encoded.hasSuffix("=3D\r\n"))
    #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
  }

  @Test("BEREDSKAP_SMTP_URL: modes, default ports, and never the password in a message")
  func smtpSettings() throws {
    let s = try SMTPSettings.parse("smtp://bruker:hemmelig%40pass@mail.example.no?starttls=opportunistic")
    #expect(s.port == 587)
    #expect(s.security == .starttlsOpportunistic)
    #expect(s.password == "hemmelig@pass")
    #expect(!"\(s)".contains("hemmelig"))
    #expect(try SMTPSettings.parse("smtp://mail.example.no").security == .starttlsRequired)
    let implicit = try SMTPSettings.parse("smtps://u:p@mail.example.no")
    #expect(implicit.security == .implicitTLS && implicit.port == 465)
    for bad in [
      "http://u:hemmelig@x", "smtp://u:hemmelig@x?starttls=maybe", "smtps://u:hemmelig@x?starttls=none",
      "smtp://u:hemmelig@x:99999", "smtp://:hemmelig@x", "smtp://u:hemmelig@x?timeout=0",
    ] {
      do {
        _ = try SMTPSettings.parse(bad)
        Issue.record("accepted \(bad)")
      } catch let error as SMTPSettings.Invalid {
        #expect(!error.description.contains("hemmelig"))
        #expect(error.description.hasPrefix("BEREDSKAP_SMTP_URL"))
      }
    }
  }

  @Test("retries: doubling delays, bounded, and a last attempt")
  func backoff() {
    let p = RetryPolicy(firstDelay: 30, maxDelay: 100, maxAttempts: 4)
    let now = Date(timeIntervalSince1970: 0)
    #expect(p.nextAttempt(after: 1, now: now) == now.addingTimeInterval(30))
    #expect(p.nextAttempt(after: 2, now: now) == now.addingTimeInterval(60))
    #expect(p.nextAttempt(after: 3, now: now) == now.addingTimeInterval(100))
    #expect(p.nextAttempt(after: 4, now: now) == nil)
  }
}
