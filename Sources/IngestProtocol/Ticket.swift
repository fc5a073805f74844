/// The broker's proof that it accepted a document and gave it to one worker: when it expires (8 bytes, big
/// endian Unix seconds) and an HMAC-SHA-256, under the cluster's key, of the document id, the name of the
/// worker's key and that expiry. The worker carries it from JOB to RESULT; the aggregator applies a record
/// only when its ticket checks for the worker that sent it and has not expired, so neither a stranger nor
/// another worker can store a record under a document's id. 40 bytes.
public struct Ticket: Equatable, Sendable {
    public static let length = 40
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) throws(ProtocolError) {
        guard bytes.count == Self.length else { throw .invalidTicket(bytes: bytes.count) }
        self.bytes = bytes
    }

    /// A ticket from its parts; a code of other than 32 bytes is cut or padded with zeros (so it will not check).
    public init(expiresAt: UInt64, code: some Collection<UInt8>) {
        let codeBytes = Array(code.prefix(Self.length - 8))
        bytes = (0..<8).map { UInt8(truncatingIfNeeded: expiresAt >> (56 - 8 * UInt64($0))) }
            + codeBytes + [UInt8](repeating: 0, count: Self.length - 8 - codeBytes.count)
    }

    /// When the ticket stops being valid, in Unix seconds.
    public var expiresAt: UInt64 { bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) } }

    /// The HMAC part.
    public var code: ArraySlice<UInt8> { bytes.dropFirst(8) }
}
