import BeredskapCore
import FluentKit
import Foundation
import SQLKit

/// What needs the data key at start, in one transaction: check that the key
/// is the one this database was set up with, seal audit entries written
/// before entries had MACs, and encrypt TOTP secrets stored in clear.
public enum DataUpgrade {
  public static let fingerprintSetting = "data_key_fingerprint"

  public struct WrongKey: Error, CustomStringConvertible {
    public var stored: String
    public var given: String
    public var description: String {
      "the data key (fingerprint \(given)) is not the one this database was set up with (fingerprint \(stored)): "
        + "set BEREDSKAP_DATA_KEY to the right key or restore the key file"
    }
  }

  public struct Report: Equatable, Sendable {
    public var sealedEntries = 0
    public var encryptedSecrets = 0
    /// Entries without a MAC that were left unsealed because their chain is broken.
    public var unsealedBecauseBroken = false
  }

  @discardableResult
  public static func run(on db: any Database, key: DataKey) async throws -> Report {
    try await db.writeTransaction { tx in
      try await tx.sql.raw("UPDATE audit_head SET id = id WHERE id = 1").run()
      var report = Report()
      if let stored = try await SettingRecord.find(fingerprintSetting, on: tx) {
        guard stored.value == key.fingerprint else { throw WrongKey(stored: stored.value, given: key.fingerprint) }
      } else {
        // The first start with a key, and only then: seal what was written
        // before entries had MACs. Later, an entry without a MAC is a
        // finding for `audit verify`, never something to seal.
        try await SettingRecord(key: fingerprintSetting, value: key.fingerprint).create(on: tx)
        try await sealLegacyEntries(on: tx, key: AuditKey(key), report: &report)
      }
      report.encryptedSecrets = try await encryptTOTPSecrets(on: tx, key: key)
      return report
    }
  }

  /// The first start with a key seals the entries written before MACs existed,
  /// once, and only if every entry is of that earlier format and their hash
  /// chain is intact: a trail that was already tampered with is left for
  /// `audit verify` to report, not blessed.
  static func sealLegacyEntries(on db: any Database, key: AuditKey, report: inout Report) async throws {
    let unsealed = try await AuditEntryRecord.query(on: db).filter(\.$mac == nil).count()
    guard unsealed > 0 else { return }
    let sealed = try await AuditEntryRecord.query(on: db).filter(\.$mac != nil).count()
    guard sealed == 0 else { return }
    let newFormat = try await AuditEntryRecord.query(on: db).filter(\.$version != 1).count()
    guard newFormat == 0 else {
      report.unsealedBecauseBroken = true
      return
    }
    let check = try await AuditLog.verify(on: db, key: nil, keyless: true)
    guard check.finding == nil else {
      report.unsealedBecauseBroken = true
      return
    }
    var after: Int64 = 0
    while true {
      let page = try await AuditEntryRecord.query(on: db).filter(\.$id > after).sort(\.$id).limit(1000).all()
      for r in page {
        try await db.sql.raw("UPDATE audit_entries SET mac = \(bind: key.mac(hash: r.hash)) WHERE seq = \(bind: r.id!)")
          .run()
      }
      report.sealedEntries += page.count
      guard page.count == 1000, let last = page.last?.id else { break }
      after = last
    }
  }

  static func encryptTOTPSecrets(on db: any Database, key: DataKey) async throws -> Int {
    let users = try await UserRecord.query(on: db).filter(\.$sealedTOTPSecret != nil).all()
    var count = 0
    for user in users {
      guard let stored = user.sealedTOTPSecret, !DataKey.isSealed(stored) else { continue }
      user.sealedTOTPSecret = key.seal(stored, context: UserRecord.totpContext)
      try await user.save(on: db)
      count += 1
    }
    return count
  }
}
