/// One ZAP 1.0 authentication request (RFC 27), as libzmq sends it to the ZAP handler of its context
/// when a peer finishes the security handshake with a server socket.
///
/// Decoding checks every frame and throws ``ZAPDecodingError`` on anything malformed; it never traps,
/// so it is safe on whatever reaches `inproc://zeromq.zap.01`.
public struct ZAPRequest: Sendable, Equatable {
    /// The protocol version; always `"1.0"` once decoded.
    public let version: String
    /// An opaque id the reply must echo.
    public let requestID: [UInt8]
    /// The server socket's ``Socket/setZAPDomain(_:)``, or empty.
    public let domain: String
    /// The peer's address as libzmq reports it, e.g. `"127.0.0.1"`.
    public let address: String
    /// The peer's routing id (`ZMQ_ROUTING_ID`), possibly empty.
    public let routingID: [UInt8]
    /// The security mechanism: `"NULL"`, `"PLAIN"`, `"CURVE"` or `"GSSAPI"`.
    public let mechanism: String
    /// The mechanism's credentials: none for NULL, user name and password for PLAIN,
    /// the client's 32-byte public key for CURVE, the principal for GSSAPI.
    public let credentials: [[UInt8]]

    /// The client's 32-byte public key when the mechanism is CURVE; `nil` otherwise.
    public var curvePublicKey: [UInt8]? {
        guard mechanism == "CURVE", credentials.count == 1, credentials[0].count == CurveKeyPair.keyLength else {
            return nil
        }
        return credentials[0]
    }

    public init(
        requestID: [UInt8], domain: String, address: String, routingID: [UInt8],
        mechanism: String, credentials: [[UInt8]]
    ) {
        self.version = "1.0"
        self.requestID = requestID
        self.domain = domain
        self.address = address
        self.routingID = routingID
        self.mechanism = mechanism
        self.credentials = credentials
    }

    /// Decodes the frames a REP socket receives (a ROUTER's, after ``splitEnvelope(_:)``):
    /// version, request id, domain, address, routing id, mechanism, then the credentials.
    public init(frames: [[UInt8]]) throws(ZAPDecodingError) {
        guard frames.count >= 6 else { throw .missingFrames(count: frames.count) }
        guard frames[0] == Array("1.0".utf8) else { throw .unsupportedVersion(frames[0]) }
        let domain = try Self.text(frames[2], field: "domain")
        let address = try Self.text(frames[3], field: "address")
        let mechanism = try Self.text(frames[5], field: "mechanism")
        let credentials = Array(frames.dropFirst(6))
        switch mechanism {
        case "NULL":
            guard credentials.isEmpty else { throw .credentialCount(mechanism: mechanism, count: credentials.count) }
        case "PLAIN":
            guard credentials.count == 2 else { throw .credentialCount(mechanism: mechanism, count: credentials.count) }
        case "CURVE":
            guard credentials.count == 1 else { throw .credentialCount(mechanism: mechanism, count: credentials.count) }
            guard credentials[0].count == CurveKeyPair.keyLength else { throw .curveKeyLength(credentials[0].count) }
        case "GSSAPI":
            guard credentials.count == 1 else { throw .credentialCount(mechanism: mechanism, count: credentials.count) }
        default:
            throw .unknownMechanism(mechanism)
        }
        self.init(
            requestID: frames[1], domain: domain, address: address, routingID: frames[4],
            mechanism: mechanism, credentials: credentials)
    }

    /// Splits what a ROUTER bound to the ZAP endpoint receives into its envelope (the frames up to and
    /// including the first empty one; send them back before the reply) and the request's own frames.
    public static func splitEnvelope(_ frames: [[UInt8]]) throws(ZAPDecodingError) -> (envelope: [[UInt8]], body: [[UInt8]]) {
        guard let delimiter = frames.firstIndex(where: \.isEmpty) else { throw .missingDelimiter }
        return (Array(frames[...delimiter]), Array(frames[(delimiter + 1)...]))
    }

    private static func text(_ bytes: [UInt8], field: String) throws(ZAPDecodingError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .invalidText(field: field) }
        return text
    }
}

/// Why frames are not a ZAP 1.0 request.
public enum ZAPDecodingError: Error, Equatable, Sendable {
    /// Fewer than the six frames every request has.
    case missingFrames(count: Int)
    /// A version other than `"1.0"`.
    case unsupportedVersion([UInt8])
    /// A text field (domain, address, mechanism) that is not UTF-8.
    case invalidText(field: String)
    /// A mechanism RFC 27 does not define.
    case unknownMechanism(String)
    /// The wrong number of credential frames for the mechanism.
    case credentialCount(mechanism: String, count: Int)
    /// A CURVE credential that is not a 32-byte key.
    case curveKeyLength(Int)
    /// ROUTER frames without the empty frame that ends the envelope.
    case missingDelimiter
}
