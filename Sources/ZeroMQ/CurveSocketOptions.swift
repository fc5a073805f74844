import CZeroMQ

/// The CURVE security options (ZMTP-CURVE, RFC 25/26) and the ZAP settings that go with them.
///
/// Every one of them must be set before ``Socket/bind(_:)`` or ``Socket/connect(_:)``: libzmq reads
/// them when a connection starts its handshake, so a change afterwards applies only to later connections.
extension Socket {
    /// Makes this socket the CURVE server side: it accepts only CURVE clients that know its public key
    /// (`ZMQ_CURVE_SERVER` = 1, then `ZMQ_CURVE_SECRETKEY`). Which clients are let in is decided by the
    /// ZAP handler in this socket's context, if one is bound (see ``ZAPHandler``).
    /// Throws `EINVAL` unless `secretKey` is 32 bytes.
    public func makeCurveServer(secretKey: [UInt8]) throws(ZeroMQError) {
        try Self.requireKeyLength(secretKey, "ZMQ_CURVE_SECRETKEY")
        try setOption(ZMQ_CURVE_SERVER, Int32(1), "ZMQ_CURVE_SERVER")
        try setOption(ZMQ_CURVE_SECRETKEY, bytes: secretKey, "ZMQ_CURVE_SECRETKEY")
    }

    /// Makes this socket a CURVE client of the server whose public key is `serverPublicKey`, proving itself
    /// with `keyPair` (`ZMQ_CURVE_SERVERKEY`, `ZMQ_CURVE_PUBLICKEY`, `ZMQ_CURVE_SECRETKEY`).
    /// Throws `EINVAL` unless `serverPublicKey` is 32 bytes.
    public func makeCurveClient(serverPublicKey: [UInt8], keyPair: CurveKeyPair) throws(ZeroMQError) {
        try Self.requireKeyLength(serverPublicKey, "ZMQ_CURVE_SERVERKEY")
        try setOption(ZMQ_CURVE_SERVERKEY, bytes: serverPublicKey, "ZMQ_CURVE_SERVERKEY")
        try setOption(ZMQ_CURVE_PUBLICKEY, bytes: keyPair.publicKey, "ZMQ_CURVE_PUBLICKEY")
        try setOption(ZMQ_CURVE_SECRETKEY, bytes: keyPair.secretKey, "ZMQ_CURVE_SECRETKEY")
    }

    /// The ZAP domain this server socket names in its authentication requests (`ZMQ_ZAP_DOMAIN`), so one
    /// handler can tell apart the sockets it serves. A CURVE server asks the ZAP handler whatever the domain;
    /// a NULL-mechanism socket asks only when a domain is set.
    public func setZAPDomain(_ domain: String) throws(ZeroMQError) {
        try setOption(ZMQ_ZAP_DOMAIN, bytes: Array(domain.utf8), "ZMQ_ZAP_DOMAIN")
    }

    /// How long, in milliseconds, a new connection may take to finish its security handshake, ZAP included,
    /// before libzmq drops it (`ZMQ_HANDSHAKE_IVL`); 0 waits forever. libzmq's default is 30 000.
    public func setHandshakeInterval(milliseconds: Int32) throws(ZeroMQError) {
        try setOption(ZMQ_HANDSHAKE_IVL, milliseconds, "ZMQ_HANDSHAKE_IVL")
    }

    /// libzmq would read a 40-byte value as Z85 text, so a raw key of any length but 32 is refused here.
    private static func requireKeyLength(_ key: [UInt8], _ name: String) throws(ZeroMQError) {
        guard key.count == CurveKeyPair.keyLength else {
            throw ZeroMQError(function: "zmq_setsockopt(\(name))", errno: EINVAL)
        }
    }
}
