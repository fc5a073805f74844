/// Size limits that decoding enforces on every field, so that no peer can make a daemon hold more than it should.
public struct WireLimits: Sendable, Equatable {
    /// The largest document body, in bytes (default 1 MiB).
    public var maxDocumentBytes: Int
    /// The largest metadata, record or status payload, in bytes.
    public var maxPayloadBytes: Int
    /// The most document ids in one APPLIED? question.
    public var maxIDsPerMessage: Int

    public init(maxDocumentBytes: Int = 1 << 20, maxPayloadBytes: Int = 4 << 20, maxIDsPerMessage: Int = 10_000) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxPayloadBytes = maxPayloadBytes
        self.maxIDsPerMessage = maxIDsPerMessage
    }

    public static let standard = WireLimits()

    /// The `ZMQ_MAXMSGSIZE` a socket should get so that any valid message fits and nothing much bigger does.
    public var socketMessageLimit: Int64 { Int64(maxDocumentBytes + maxPayloadBytes + 64 * 1024) }
}
