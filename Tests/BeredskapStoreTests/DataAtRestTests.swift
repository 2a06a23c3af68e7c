import BeredskapCore
import BeredskapStore
import FluentKit
import Foundation
import SQLKit
import Testing

/// The data folder, the database files and the secrets in them are closed to
/// anyone but the service's own user and the holder of the data key.
@Suite(.serialized) struct DataAtRestTests {
  let now = Timestamp.parse("2026-11-23T10:00:00Z")!

  func mode(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
  }

  @Test func anExistingLooseFolderAndDatabaseAreClosedOnStart() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beredskap-perm-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(
      at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    let path = dir.appendingPathComponent("beredskap.sqlite").path
    for file in [path, path + "-wal", path + "-shm"] {
      #expect(FileManager.default.createFile(atPath: file, contents: nil, attributes: [.posixPermissions: 0o644]))
    }
    try FileManager.default.removeItem(atPath: path + "-wal")
    try FileManager.default.removeItem(atPath: path + "-shm")
    let store = try StoreRuntime(location: .sqlite(path: path), dataKey: testDataKey)
    try await store.migrate()
    try await AuditLog.record(on: store.db, actor: testActor, action: .settingsUpdate, subject: "x", now: now)
    #expect(try mode(dir.path) == 0o700)
    for file in [path, path + "-wal", path + "-shm"] {
      #expect(FileManager.default.fileExists(atPath: file), "\(file)")
      #expect(try mode(file) == 0o600, "\(file)")
    }
    await store.shutdown()
  }

  @Test func theKeyFileIsCreatedOnceWithMode0600() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beredskap-key-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let first = try DataKeySource.load(
      for: .sqlite(path: dir.appendingPathComponent("db.sqlite").path), environment: [:])
    let file = dir.appendingPathComponent(DataKeySource.fileName).path
    #expect(try mode(file) == 0o600)
    #expect(try mode(dir.path) == 0o700)
    let second = try DataKeySource.loadOrCreateFile(in: dir)
    #expect(first.fingerprint == second.fingerprint)
    // The environment wins over the file; a bad value is named, not quoted.
    let env = try DataKeySource.load(
      for: .sqlite(path: dir.appendingPathComponent("db.sqlite").path),
      environment: ["BEREDSKAP_DATA_KEY": testDataKey.encoded])
    #expect(env.fingerprint == testDataKey.fingerprint)
    #expect {
      try DataKeySource.load(for: .sqlite(path: file), environment: ["BEREDSKAP_DATA_KEY": "hemmelig-men-kort"])
    } throws: { "\($0)".hasPrefix("BEREDSKAP_DATA_KEY:") && !"\($0)".contains("hemmelig") }
  }

  func storedSecret(_ store: StoreRuntime, _ id: UUID) async throws -> String? {
    let row = try await (store.db as! any SQLDatabase).raw(
      "SELECT totp_secret FROM users WHERE id = \(bind: id)"
    ).first()
    return try row?.decode(column: "totp_secret", as: String?.self)
  }

  @Test func totpSecretsAreStoredSealed() async throws {
    try await withStore { store in
      let user = try await UserRepository(db: store.db).create(
        email: "a@example.invalid", name: "A", role: .viewer, passwordHash: nil, actor: testActor, now: now)
      try await UserRepository(db: store.db).update(
        user.id!, action: .userTOTPStart, actor: testActor, now: now, fields: [:]
      ) {
        $0.totpSecret = "JBSWY3DPEHPK3PXP"
      }
      let stored = try await storedSecret(store, user.id!)
      #expect(stored?.hasPrefix("enc:v1:") == true)
      #expect(stored?.contains("JBSWY3DPEHPK3PXP") == false)
      #expect(try await UserRepository(db: store.db).find(id: user.id!)?.totpSecret == "JBSWY3DPEHPK3PXP")
    }
  }

  @Test func plainSecretsFromEarlierVersionsAreSealedOnStart() async throws {
    try await withStore { store in
      let user = try await UserRepository(db: store.db).create(
        email: "b@example.invalid", name: "B", role: .viewer, passwordHash: nil, actor: testActor, now: now)
      try await (store.db as! any SQLDatabase).raw(
        "UPDATE users SET totp_secret = 'JBSWY3DPEHPK3PXP' WHERE id = \(bind: user.id!)"
      ).run()
      let report = try await DataUpgrade.run(on: store.db, key: testDataKey)
      #expect(report.encryptedSecrets == 1)
      #expect(try await storedSecret(store, user.id!)?.hasPrefix("enc:v1:") == true)
      #expect(try await UserRepository(db: store.db).find(id: user.id!)?.totpSecret == "JBSWY3DPEHPK3PXP")
      #expect(try await DataUpgrade.run(on: store.db, key: testDataKey).encryptedSecrets == 0)
    }
  }

  @Test func aDifferentKeyIsRefusedAtStart() async throws {
    try await withStore { store in
      await #expect(throws: DataUpgrade.WrongKey.self) {
        try await DataUpgrade.run(on: store.db, key: DataKey.generate())
      }
    }
  }

  /// Entries written before MACs existed (format 1, no MAC) verify after the
  /// first start with a key seals them.
  @Test func entriesOfTheFirstFormatAreSealedAndStillVerify() async throws {
    try await withStore { store in
      let sql = store.db as! any SQLDatabase
      // A database from before data keys: no fingerprint stored yet.
      try await sql.raw("DELETE FROM settings WHERE key = \(bind: DataUpgrade.fingerprintSetting)").run()
      var previous = AuditEntry.genesisHash
      for i in 1...3 {
        let e = AuditEntry(
          seq: Int64(i), at: now, actor: "user:x", action: "incident.create", subject: "incident:INC-2026-00\(i)",
          fields: ["title": "<set>"], previousHash: previous, version: 1)
        try await sql.raw(
          """
          INSERT INTO audit_entries (seq, at, actor, action, subject, fields, previous_hash, hash)
          VALUES (\(bind: e.seq), \(bind: now), 'user:x', 'incident.create', \(bind: e.subject), '{"title":"<set>"}', \(bind: previous), \(bind: e.hash))
          """
        ).run()
        previous = e.hash
      }
      try await sql.raw("UPDATE audit_head SET seq = 3, hash = \(bind: previous) WHERE id = 1").run()
      #expect(try await AuditLog.verify(on: store.db).finding == .unauthenticated(seq: 1))
      #expect(try await DataUpgrade.run(on: store.db, key: testDataKey).sealedEntries == 3)
      try await AuditLog.record(on: store.db, actor: testActor, action: .settingsUpdate, subject: "x", now: now)
      let v = try await AuditLog.verify(on: store.db)
      #expect(v.finding == nil && v.count == 4)
    }
  }

  /// Someone who can write the database but lacks the key strips every MAC
  /// and rewrites the trail: restarts never seal that, and verify names it.
  @Test func strippedMACsAreNeverSealedAgain() async throws {
    try await withStore { store in
      for i in 1...3 {
        try await AuditLog.record(
          on: store.db, actor: testActor, action: .settingsUpdate, subject: "n:\(i)", now: now)
      }
      let sql = store.db as! any SQLDatabase
      try await sql.raw("UPDATE audit_entries SET mac = NULL").run()
      try await DataUpgrade.run(on: store.db, key: testDataKey)
      #expect(try await AuditLog.verify(on: store.db).finding != nil)
      // Even with the fingerprint deleted too: entries of the current format are never sealed at start.
      try await sql.raw("DELETE FROM settings WHERE key = \(bind: DataUpgrade.fingerprintSetting)").run()
      let report = try await DataUpgrade.run(on: store.db, key: testDataKey)
      #expect(report.sealedEntries == 0)
      #expect(try await AuditLog.verify(on: store.db).finding != nil)
    }
  }
}
