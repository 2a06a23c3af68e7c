import NIOCore

/// One reply from the server: its three-digit code and its text lines
/// (several for a multi-line reply such as EHLO's).
public struct SMTPReply: Sendable, Equatable {
  public var code: Int
  public var lines: [String]

  /// The last line as the server sent it, e.g. `250 2.0.0 Ok: queued as 4F2`.
  public var line: String { "\(code) \(lines.last ?? "")" }
  public var isPositive: Bool { (200..<400).contains(code) }
  /// 4xx: try again later.
  public var isTemporary: Bool { (400..<500).contains(code) }
}

/// Reads replies line by line: `250-…` continues, `250 …` ends. Lines and
/// replies are bounded, so a hostile server cannot make us buffer without end.
struct SMTPReplyDecoder: ByteToMessageDecoder {
  typealias InboundOut = SMTPReply
  static let maxLine = 4096
  static let maxLines = 200

  var pending: [String] = []

  struct Malformed: Error, CustomStringConvertible {
    var description: String
  }

  mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
    guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
      if buffer.readableBytes > Self.maxLine { throw Malformed(description: "a reply line longer than 4096 bytes") }
      return .needMoreData
    }
    let length = newline - buffer.readerIndex + 1
    guard var bytes = buffer.readBytes(length: length) else { return .needMoreData }
    bytes.removeLast()
    if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
    guard bytes.count >= 3, bytes.count <= Self.maxLine,
      bytes[0..<3].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    else { throw Malformed(description: "a reply that does not start with a three-digit code") }
    let code = bytes[0..<3].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    let more = bytes.count > 3 && bytes[3] == UInt8(ascii: "-")
    let text = bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : ""
    pending.append(text)
    if more {
      if pending.count > Self.maxLines { throw Malformed(description: "a reply of more than 200 lines") }
      return .continue
    }
    context.fireChannelRead(wrapInboundOut(SMTPReply(code: code, lines: pending)))
    pending = []
    return .continue
  }

  mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
    -> DecodingState
  {
    while try decode(context: context, buffer: &buffer) == .continue {}
    return .needMoreData
  }
}

/// Hands replies to whoever waits for them, in order. All state is touched
/// on the channel's event loop only.
final class SMTPReplyHandler: ChannelInboundHandler, @unchecked Sendable {
  typealias InboundIn = SMTPReply

  var waiting = CircularBuffer<EventLoopPromise<SMTPReply>>()
  var buffered = CircularBuffer<SMTPReply>()
  var failure: (any Error)?

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let reply = unwrapInboundIn(data)
    if let promise = waiting.popFirst() {
      promise.succeed(reply)
    } else {
      buffered.append(reply)
    }
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    fail(error)
    context.close(promise: nil)
  }

  func channelInactive(context: ChannelHandlerContext) {
    fail(SMTPError.connection("the server closed the connection"))
    context.fireChannelInactive()
  }

  func fail(_ error: any Error) {
    if failure == nil { failure = error }
    while let promise = waiting.popFirst() { promise.fail(error) }
  }

  /// The next reply; call on the event loop.
  func next(on loop: any EventLoop) -> EventLoopFuture<SMTPReply> {
    if let reply = buffered.popFirst() { return loop.makeSucceededFuture(reply) }
    if let failure { return loop.makeFailedFuture(failure) }
    let promise = loop.makePromise(of: SMTPReply.self)
    waiting.append(promise)
    return promise.futureResult
  }
}
