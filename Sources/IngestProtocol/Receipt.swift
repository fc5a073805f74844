/// The aggregator's proof that it stored a document's record: an HMAC-SHA-256 of the id under the
/// cluster's key, sent with STORED and passed on by the worker with DONE. The broker finishes a job only
/// with a receipt that checks, so a peer that never sent a record cannot mark a document done. 32 bytes.
public struct Receipt: Equatable, Sendable {
    public static let length = 32
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) throws(ProtocolError) {
        guard bytes.count == Self.length else { throw .invalidTicket(bytes: bytes.count) }
        self.bytes = bytes
    }

    /// A receipt from 32 bytes computed locally; other lengths are cut or padded (and will not check).
    public init(code: some Collection<UInt8>) {
        let prefix = Array(code.prefix(Self.length))
        bytes = prefix + [UInt8](repeating: 0, count: Self.length - prefix.count)
    }
}
