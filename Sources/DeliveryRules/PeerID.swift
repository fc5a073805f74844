/// A peer as a ROUTER socket names it: the identity frame libzmq puts before its messages.
public struct PeerID: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var description: String {
        let digits: [Character] = Array("0123456789abcdef")
        return String(bytes.prefix(16).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] })
    }
}
