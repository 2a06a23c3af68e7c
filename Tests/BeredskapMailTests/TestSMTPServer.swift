import Foundation

/// `scripts/test-smtp-server.py` (aiosmtpd) on a free loopback port, for one test.
final class TestSMTPServer: @unchecked Sendable {
  let process = Process()
  let dir: URL
  let port: Int

  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("scripts/test-smtp-server.py")

  init(_ options: [String] = []) throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("beredskap-smtp-\(UUID().uuidString)")
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Self.script.path, "--out", dir.path] + options
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = out.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard text.hasPrefix("port "), let port = Int(text.dropFirst(5)) else {
      process.terminate()
      throw Failed(description: "the test SMTP server did not start (is aiosmtpd installed?)")
    }
    self.port = port
  }

  struct Failed: Error, CustomStringConvertible { var description: String }

  var certificate: String { dir.appendingPathComponent("cert.pem").path }

  /// Messages received, in order, as the bytes the server stored.
  func messages() throws -> [[UInt8]] {
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".eml") }.sorted()
    return try names.map { Array(try Data(contentsOf: dir.appendingPathComponent($0))) }
  }

  var connections: Int {
    (try? String(contentsOf: dir.appendingPathComponent("connections"), encoding: .utf8)).flatMap {
      Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
    } ?? 0
  }

  func stop() {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    try? FileManager.default.removeItem(at: dir)
  }
}
