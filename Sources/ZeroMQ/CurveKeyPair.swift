import CZeroMQ

/// A CURVE (Curve25519) key pair: a public key to hand out and a secret key to keep.
///
/// Each key is 32 raw bytes; ``publicZ85`` and ``secretZ85`` are their 40-character Z85 text forms,
/// the form key files and configuration hold. `description`, `debugDescription` and the mirror `dump`
/// uses show the public key and a redacted secret, so a key pair can be logged without leaking it.
/// The corresponding C functions are `zmq_curve_keypair` and `zmq_curve_public`.
public struct CurveKeyPair: Sendable {
    /// The size of a raw CURVE key, in bytes.
    public static let keyLength = 32
    /// The length of a key's Z85 text.
    public static let z85Length = 40

    /// The 32-byte public key.
    public let publicKey: [UInt8]
    /// The 32-byte secret key. Keep it out of logs.
    public let secretKey: [UInt8]

    /// A fresh key pair from libsodium's random source.
    /// The corresponding C function is `zmq_curve_keypair`.
    public static func generate() throws(ZeroMQError) -> CurveKeyPair {
        var publicText = [CChar](repeating: 0, count: z85Length + 1)
        var secretText = [CChar](repeating: 0, count: z85Length + 1)
        defer { wipe(&secretText) }
        try zmqCall("zmq_curve_keypair") { zmq_curve_keypair(&publicText, &secretText) }
        // libzmq wrote valid Z85 of the right length, so these decode; a failure is still reported, not trapped.
        guard let publicKey = Z85.decode(string(publicText)), let secretKey = Z85.decode(string(secretText)) else {
            throw ZeroMQError(function: "zmq_curve_keypair", errno: EPROTO)
        }
        return CurveKeyPair(publicKey: publicKey, secretKey: secretKey)
    }

    /// The key pair whose Z85 texts are given. Throws `EINVAL` (as libzmq does for a bad key) unless both
    /// are 40 Z85 characters and `publicZ85` is the public key of `secretZ85`.
    public init(publicZ85: String, secretZ85: String) throws(ZeroMQError) {
        guard let publicKey = Self.decodeKey(publicZ85), let secretKey = Self.decodeKey(secretZ85) else {
            throw ZeroMQError(function: "CurveKeyPair(publicZ85:secretZ85:)", errno: EINVAL)
        }
        guard try Self.publicKey(fromSecretZ85: secretZ85) == publicKey else {
            throw ZeroMQError(function: "CurveKeyPair(publicZ85:secretZ85:)", errno: EINVAL)
        }
        self.init(publicKey: publicKey, secretKey: secretKey)
    }

    private init(publicKey: [UInt8], secretKey: [UInt8]) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// The 32-byte public key belonging to the secret key `secretZ85`; throws `EINVAL` unless it is 40 Z85 characters.
    /// The corresponding C function is `zmq_curve_public`.
    public static func publicKey(fromSecretZ85 secretZ85: String) throws(ZeroMQError) -> [UInt8] {
        guard decodeKey(secretZ85) != nil else {
            throw ZeroMQError(function: "zmq_curve_public", errno: EINVAL)
        }
        var secretText = secretZ85.utf8.map { CChar(bitPattern: $0) } + [0]
        defer { wipe(&secretText) }
        var publicText = [CChar](repeating: 0, count: z85Length + 1)
        try zmqCall("zmq_curve_public") { zmq_curve_public(&publicText, secretText) }
        guard let publicKey = decodeKey(string(publicText)) else {
            throw ZeroMQError(function: "zmq_curve_public", errno: EPROTO)
        }
        return publicKey
    }

    /// The public key as 40 Z85 characters.
    public var publicZ85: String { Z85.encode(publicKey) ?? "" }
    /// The secret key as 40 Z85 characters. Keep it out of logs.
    public var secretZ85: String { Z85.encode(secretKey) ?? "" }

    /// The raw key `text` encodes when it is exactly 40 Z85 characters.
    static func decodeKey(_ text: String) -> [UInt8]? {
        guard text.utf8.count == z85Length, let key = Z85.decode(text), key.count == keyLength else { return nil }
        return key
    }

    private static func string(_ text: [CChar]) -> String {
        String(decoding: text.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Overwrites a buffer that held secret text. Best effort: Swift may have copied it elsewhere.
    private static func wipe(_ buffer: inout [CChar]) {
        for index in buffer.indices { buffer[index] = 0 }
    }
}

extension CurveKeyPair: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "CurveKeyPair(public: \(publicZ85), secret: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["publicZ85": publicZ85, "secretKey": "<redacted>"], displayStyle: .struct)
    }
}
