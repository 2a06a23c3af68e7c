import BeredskapCore
import Foundation

/// The process's data key, installed once at start by `beredskap serve` and
/// every CLI command that opens the database (tests install a fixed one).
/// Records and the audit log read it here, so code that stores a secret or
/// appends an entry never handles the key itself.
public enum DataKeyring {
  final class Box: @unchecked Sendable {
    let lock = NSLock()
    var key: DataKey?
    var audit: AuditKey?
  }
  static let box = Box()

  public static func install(_ key: DataKey) {
    box.lock.lock()
    defer { box.lock.unlock() }
    box.key = key
    box.audit = AuditKey(key)
  }

  public static var current: DataKey? {
    box.lock.lock()
    defer { box.lock.unlock() }
    return box.key
  }

  public static var auditKey: AuditKey? {
    box.lock.lock()
    defer { box.lock.unlock() }
    return box.audit
  }

  public struct Missing: Error, CustomStringConvertible {
    public var description: String { "no data key is loaded (set BEREDSKAP_DATA_KEY or keep the key file)" }
  }

  static func requireAuditKey() throws -> AuditKey {
    guard let key = auditKey else { throw Missing() }
    return key
  }
}
