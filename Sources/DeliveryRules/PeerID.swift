/// A peer as a ROUTER socket names it: the identity frame libzmq puts before its messages.
public struct PeerID: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The peer set this id itself (`ZMQ_ROUTING_ID`, as `submit` does): libzmq's own ids start with a zero byte and
    /// name one connection only, so they mean nothing after a reconnect or a restart.
    public var isChosenByPeer: Bool { bytes.first.map { $0 != 0 } ?? false }

    public var description: String {
        let digits: [Character] = Array("0123456789abcdef")
        return String(bytes.prefix(16).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] })
    }
}
