import BeredskapCore
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the data key comes from: `BEREDSKAP_DATA_KEY`, else the key file
/// `beredskap.key` in the data folder (the SQLite file's folder, or
/// `BEREDSKAP_DATA_DIR` / `./beredskap-data` for PostgreSQL), created 0600 on
/// first start. The key is never written to the database.
public enum DataKeySource {
  public static let environmentVariable = "BEREDSKAP_DATA_KEY"
  public static let fileName = "beredskap.key"

  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  public static func dataFolder(for location: DatabaseLocation, environment: [String: String]) -> URL {
    switch location {
    case .sqlite(let path): return URL(fileURLWithPath: path).deletingLastPathComponent()
    case .postgres:
      let dir = environment["BEREDSKAP_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "beredskap-data"
      return URL(fileURLWithPath: dir, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        .standardizedFileURL
    }
  }

  /// Reads the key from the environment, or loads (creating if needed) the key file.
  public static func load(for location: DatabaseLocation, environment: [String: String]) throws -> DataKey {
    if let text = environment[environmentVariable], !text.isEmpty {
      do {
        return try DataKey.parse(text)
      } catch {
        throw Failure(description: "\(environmentVariable): \(error)")
      }
    }
    return try loadOrCreateFile(in: dataFolder(for: location, environment: environment))
  }

  /// The key file in `folder`; a new key is written with O_EXCL and mode
  /// 0600, so two instances starting together end up with the same key.
  public static func loadOrCreateFile(in folder: URL) throws -> DataKey {
    try FilePermissions.secureFolder(folder)
    let path = folder.appendingPathComponent(fileName).path
    if !FileManager.default.fileExists(atPath: path) {
      let key = DataKey.generate()
      let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
      if fd >= 0 {
        let text = Array((key.encoded + "\n").utf8)
        let written = text.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == text.count else { throw Failure(description: "\(path): cannot write the data key file") }
        return key
      }
      guard errno == EEXIST else { throw Failure(description: "\(path): cannot create the data key file") }
    }
    chmod(path, 0o600)
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw Failure(description: "\(path): cannot read the data key file")
    }
    do {
      return try DataKey.parse(text)
    } catch {
      throw Failure(description: "\(path): \(error)")
    }
  }
}

/// The data folder is 0700 and the SQLite files 0600, also when they existed
/// before with looser modes (fixed at every start).
public enum FilePermissions {
  public static func secureFolder(_ folder: URL) throws {
    do {
      try FileManager.default.createDirectory(
        at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw DataKeySource.Failure(description: "\(folder.path): cannot create the data folder")
    }
    chmod(folder.path, 0o700)
  }

  /// Creates the database file 0600 if missing (SQLite gives its -wal and
  /// -shm files the database file's mode) and tightens existing ones.
  public static func secureSQLite(path: String) throws {
    try secureFolder(URL(fileURLWithPath: path).deletingLastPathComponent())
    if !FileManager.default.fileExists(atPath: path) {
      let fd = open(path, O_WRONLY | O_CREAT, 0o600)
      if fd >= 0 { close(fd) }
    }
    for file in [path, path + "-wal", path + "-shm", path + "-journal"]
    where FileManager.default.fileExists(atPath: file) {
      chmod(file, 0o600)
    }
  }
}
