/// The broker's proof that it accepted a document: an HMAC of the id under the cluster's key, carried
/// by the worker from JOB to RESULT, so that the aggregator applies records only for accepted documents
/// and a stranger's well-formed RESULT changes nothing. 32 bytes.
public struct Ticket: Equatable, Sendable {
    public static let length = 32
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) throws(ProtocolError) {
        guard bytes.count == Self.length else { throw .invalidTicket(bytes: bytes.count) }
        self.bytes = bytes
    }
}
