import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Who holds a lease on outbox messages: host, process id and the process's
/// start time. On the same host a claimant whose process is gone (or whose
/// pid now belongs to a later process) is known dead at once, so a run after
/// `kill -9` takes its messages over without waiting for the lease to end.
public struct OutboxClaimant: Sendable, Equatable, CustomStringConvertible {
  public var host: String
  public var pid: Int32
  /// Clock ticks since boot (Linux `/proc/PID/stat` field 22); 0 when unknown.
  public var start: UInt64

  public init(host: String, pid: Int32, start: UInt64) {
    self.host = host
    self.pid = pid
    self.start = start
  }

  /// This process.
  public static func current() -> OutboxClaimant {
    let pid = getpid()
    return OutboxClaimant(host: hostName(), pid: pid, start: startTime(of: pid) ?? 0)
  }

  public var description: String { "\(host):\(pid):\(start)" }

  public static func parse(_ text: String) -> OutboxClaimant? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count >= 3, let pid = Int32(parts[parts.count - 2]), let start = UInt64(parts[parts.count - 1])
    else { return nil }
    return OutboxClaimant(host: parts.dropLast(2).joined(separator: ":"), pid: pid, start: start)
  }

  /// True only when we can tell for sure: same host, and that process is gone
  /// or is another one. Claimants on other hosts wait for their lease.
  public func isKnownDead(onHost here: String) -> Bool {
    guard host == here, pid > 0 else { return false }
    guard let now = Self.startTime(of: pid) else {
      // No such process (or no /proc to ask): dead only if kill(0) says so.
      return kill(pid, 0) != 0 && errno == ESRCH
    }
    return start != 0 && now != start
  }

  static func hostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
    let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return name.isEmpty ? "localhost" : name.replacingOccurrences(of: ":", with: "_")
  }

  /// The process's start time from `/proc/PID/stat`, or nil when there is no such process.
  static func startTime(of pid: Int32) -> UInt64? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = text.lastIndex(of: ")")
    else { return nil }
    // After the command name: field 3 (state) onwards; the start time is field 22.
    let fields = text[text.index(after: close)...].split(separator: " ")
    guard fields.count > 19 else { return nil }
    return UInt64(fields[19])
  }
}
