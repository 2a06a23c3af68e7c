// BoringSSL, the library under swift-crypto, called directly for the audit
// verifier's million small hashes: swift-crypto allocates and wipes a heap
// context for every hash and every copy of a keyed HMAC; these keep their
// state on the stack. Same algorithm, same bytes (AuditRawCheckTests compares
// the two paths). `CCryptoBoringSSL` is not a declared product of
// swift-crypto (checked: 3.12.3 and 4.5.2 have it, under this name and with
// `CCryptoBoringSSL_` symbols, `SHA256_TransformBlocks` included);
// Package.swift keeps swift-crypto below 5.0.
// If a release renames it the build fails here, never silently.
import CCryptoBoringSSL

/// SHA-256 of one buffer.
enum FastSHA256 {
  /// Writes the 32-byte digest of `data` to `out`.
  static func hash(_ data: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<UInt8>) {
    _ = CCryptoBoringSSL_SHA256(data.baseAddress?.assumingMemoryBound(to: UInt8.self), data.count, out)
  }
}

/// HMAC-SHA256 with the key's inner and outer block absorbed once: each MAC
/// then costs two compressions and no allocation.
struct FastHMAC: @unchecked Sendable {
  private var inner = SHA256_CTX()
  private var outer = SHA256_CTX()

  /// `key` at most 64 bytes (the audit sub-key is 32).
  init(key: UnsafeRawBufferPointer) {
    var block = [UInt8](repeating: 0, count: 64)
    for i in 0..<min(key.count, 64) { block[i] = key[i] }
    _ = CCryptoBoringSSL_SHA256_Init(&inner)
    _ = CCryptoBoringSSL_SHA256_Init(&outer)
    let ipad = block.map { $0 ^ 0x36 }
    let opad = block.map { $0 ^ 0x5c }
    _ = CCryptoBoringSSL_SHA256_Update(&inner, ipad, 64)
    _ = CCryptoBoringSSL_SHA256_Update(&outer, opad, 64)
  }

  /// HMAC of `message` equals `mac` (32 bytes), compared in constant time.
  func matches(mac: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer) -> Bool {
    guard mac.count == 32 else { return false }
    var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var i = inner
    var o = outer
    return withUnsafeMutableBytes(of: &digest) { d -> Bool in
      let out = d.baseAddress!.assumingMemoryBound(to: UInt8.self)
      _ = CCryptoBoringSSL_SHA256_Update(&i, message.baseAddress, message.count)
      _ = CCryptoBoringSSL_SHA256_Final(out, &i)
      _ = CCryptoBoringSSL_SHA256_Update(&o, out, 32)
      _ = CCryptoBoringSSL_SHA256_Final(out, &o)
      var diff: UInt8 = 0
      for j in 0..<32 { diff |= d[j] ^ mac[j] }
      return diff == 0
    }
  }
}

/// SHA-256 as bare compressions (`SHA256_TransformBlocks`): the caller pads
/// the message in its own buffer, so an entry's hash is its blocks and
/// nothing else (no context to set up, copy into or finish). Same digest as
/// `FastSHA256.hash` (AuditRawCheckTests compares them).
enum SHA256Blocks {
  /// The eight 32-bit words of the state; the digest is them in big-endian order.
  typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

  static let initial: State = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
  )

  /// Bytes needed after a message to pad it to whole blocks (at most 72).
  static let paddingBound = 72

  /// Pads the `count` bytes at `base` as SHA-256 does (0x80, zeros, the
  /// length in bits, big-endian), given `prefix` bytes absorbed before them;
  /// `base` has room for `count + paddingBound`. Returns the padded length,
  /// a multiple of 64.
  static func pad(_ base: UnsafeMutableRawPointer, count: Int, prefix: Int = 0) -> Int {
    let padded = (count + 9 + 63) & ~63
    base.storeBytes(of: 0x80, toByteOffset: count, as: UInt8.self)
    (base + count + 1).initializeMemory(as: UInt8.self, repeating: 0, count: padded - count - 9)
    let bits = UInt64(truncatingIfNeeded: prefix + count) &<< 3
    base.storeBytes(of: bits.bigEndian, toByteOffset: padded - 8, as: UInt64.self)
    return padded
  }

  /// Absorbs `count` bytes (a multiple of 64) into `state`.
  static func absorb(_ state: inout State, _ blocks: UnsafeRawPointer, count: Int) {
    withUnsafeMutablePointer(to: &state) { s in
      s.withMemoryRebound(to: UInt32.self, capacity: 8) { words in
        CCryptoBoringSSL_SHA256_TransformBlocks(words, blocks.assumingMemoryBound(to: UInt8.self), count / 64)
      }
    }
  }

  /// The digest's 32 bytes written at `out`.
  static func store(_ state: State, to out: UnsafeMutableRawPointer) {
    out.storeBytes(of: state.0.bigEndian, toByteOffset: 0, as: UInt32.self)
    out.storeBytes(of: state.1.bigEndian, toByteOffset: 4, as: UInt32.self)
    out.storeBytes(of: state.2.bigEndian, toByteOffset: 8, as: UInt32.self)
    out.storeBytes(of: state.3.bigEndian, toByteOffset: 12, as: UInt32.self)
    out.storeBytes(of: state.4.bigEndian, toByteOffset: 16, as: UInt32.self)
    out.storeBytes(of: state.5.bigEndian, toByteOffset: 20, as: UInt32.self)
    out.storeBytes(of: state.6.bigEndian, toByteOffset: 24, as: UInt32.self)
    out.storeBytes(of: state.7.bigEndian, toByteOffset: 28, as: UInt32.self)
  }

  /// The digest in lower-case hex equals the 64 bytes at `text`: each word
  /// compared as eight characters at once, all words always compared
  /// (constant time). Anything else, upper-case hex included, is not equal.
  static func equalsLowerHex(_ state: State, _ text: UnsafeRawPointer) -> Bool {
    func word(_ w: UInt32, _ k: Int) -> UInt64 {
      UInt64(littleEndian: text.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self)) ^ lowerHex(w)
    }
    let diff =
      word(state.0, 0) | word(state.1, 1) | word(state.2, 2) | word(state.3, 3) | word(state.4, 4)
      | word(state.5, 5) | word(state.6, 6) | word(state.7, 7)
    return diff == 0
  }

  /// The eight lower-case hex characters of `w` (most significant first),
  /// the first in the lowest byte: what a little-endian load of them gives.
  @inline(__always) static func lowerHex(_ w: UInt32) -> UInt64 {
    // Byte j of w (most significant first) to byte 2j.
    var x = UInt64(w.byteSwapped)
    x = (x | x &<< 16) & 0x0000_FFFF_0000_FFFF
    x = (x | x &<< 8) & 0x00FF_00FF_00FF_00FF
    // Its high nibble stays at 2j, the low one goes to 2j + 1.
    let n = (x &>> 4) & 0x000F_000F_000F_000F | (x & 0x000F_000F_000F_000F) &<< 8
    // 0-9 to "0"-"9", 10-15 to "a"-"f" (each byte at most 0x85: no carries).
    let letters = ((n &+ 0x7676_7676_7676_7676) &>> 7) & 0x0101_0101_0101_0101
    return n &+ 0x3030_3030_3030_3030 &+ letters &* 39
  }
}

/// HMAC-SHA256 of a 32-byte message (an entry's hash) as two compressions
/// from the key's inner and outer states, absorbed once.
struct HMAC32: Sendable {
  let inner: SHA256Blocks.State
  let outer: SHA256Blocks.State

  /// `key` at most 64 bytes (the audit sub-key is 32).
  init(key: UnsafeRawBufferPointer) {
    var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    func state(_ pad: UInt8) -> SHA256Blocks.State {
      withUnsafeMutableBytes(of: &block) { b in
        for i in 0..<64 { b[i] = (i < key.count ? key[i] : 0) ^ pad }
        var s = SHA256Blocks.initial
        SHA256Blocks.absorb(&s, UnsafeRawPointer(b.baseAddress!), count: 64)
        return s
      }
    }
    inner = state(0x36)
    outer = state(0x5c)
  }

  /// The MAC of the 32 bytes at `message`, as a state (`SHA256Blocks.store`
  /// writes its bytes).
  func mac(_ message: UnsafeRawPointer) -> SHA256Blocks.State {
    // One block: the 32 bytes, then the padding for 64 + 32 bytes.
    var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    return withUnsafeMutableBytes(of: &block) { b -> SHA256Blocks.State in
      let base = b.baseAddress!
      base.copyMemory(from: message, byteCount: 32)
      _ = SHA256Blocks.pad(base, count: 32, prefix: 64)
      var i = inner
      SHA256Blocks.absorb(&i, base, count: 64)
      SHA256Blocks.store(i, to: base)  // the padding after it stays as it was
      var o = outer
      SHA256Blocks.absorb(&o, base, count: 64)
      return o
    }
  }
}
