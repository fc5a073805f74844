import CZeroMQ

/// Typed socket options. Each names the `ZMQ_*` option it sets through `zmq_setsockopt`.
extension Socket {
    func setOption(_ option: Int32, _ value: Int32, _ name: String) throws(ZeroMQError) {
        var value = value
        try zmqCall("zmq_setsockopt(\(name))") {
            zmq_setsockopt(liveHandle, option, &value, MemoryLayout<Int32>.size)
        }
    }

    func setOption(_ option: Int32, _ value: Int64, _ name: String) throws(ZeroMQError) {
        var value = value
        try zmqCall("zmq_setsockopt(\(name))") {
            zmq_setsockopt(liveHandle, option, &value, MemoryLayout<Int64>.size)
        }
    }

    func setOption(_ option: Int32, bytes: [UInt8], _ name: String) throws(ZeroMQError) {
        try zmqCall("zmq_setsockopt(\(name))") {
            bytes.withUnsafeBytes { zmq_setsockopt(liveHandle, option, $0.baseAddress, $0.count) }
        }
    }

    /// How long, in milliseconds, unsent messages wait at close (`ZMQ_LINGER`); -1 waits forever.
    public func setLinger(milliseconds: Int32) throws(ZeroMQError) {
        try setOption(ZMQ_LINGER, milliseconds, "ZMQ_LINGER")
    }

    /// The outbound queue limit in messages (`ZMQ_SNDHWM`); 0 means no limit.
    public func setSendHighWaterMark(_ messages: Int32) throws(ZeroMQError) {
        try setOption(ZMQ_SNDHWM, messages, "ZMQ_SNDHWM")
    }

    /// The inbound queue limit in messages (`ZMQ_RCVHWM`); 0 means no limit.
    public func setReceiveHighWaterMark(_ messages: Int32) throws(ZeroMQError) {
        try setOption(ZMQ_RCVHWM, messages, "ZMQ_RCVHWM")
    }

    /// The largest inbound message, in bytes, before libzmq drops the peer (`ZMQ_MAXMSGSIZE`); -1 means no limit.
    /// Set it on every socket a stranger can reach.
    public func setMaxMessageSize(bytes: Int64) throws(ZeroMQError) {
        try setOption(ZMQ_MAXMSGSIZE, bytes, "ZMQ_MAXMSGSIZE")
    }

    /// Makes a ROUTER fail with `EHOSTUNREACH` instead of silently dropping a message to an unknown peer (`ZMQ_ROUTER_MANDATORY`).
    public func setRouterMandatory(_ on: Bool) throws(ZeroMQError) {
        try setOption(ZMQ_ROUTER_MANDATORY, Int32(on ? 1 : 0), "ZMQ_ROUTER_MANDATORY")
    }

    /// Lets a ROUTER hand a routing id over to a new connection that claims it (`ZMQ_ROUTER_HANDOVER`): a client that
    /// reconnects under the id it chose gets its replies on the new connection, while the old one may still look open.
    public func setRouterHandover(_ on: Bool) throws(ZeroMQError) {
        try setOption(ZMQ_ROUTER_HANDOVER, Int32(on ? 1 : 0), "ZMQ_ROUTER_HANDOVER")
    }

    /// ZMTP heartbeats (`ZMQ_HEARTBEAT_IVL`, `ZMQ_HEARTBEAT_TTL`, `ZMQ_HEARTBEAT_TIMEOUT`), in milliseconds.
    public func setHeartbeat(interval: Int32, timeToLive: Int32, timeout: Int32) throws(ZeroMQError) {
        try setOption(ZMQ_HEARTBEAT_IVL, interval, "ZMQ_HEARTBEAT_IVL")
        try setOption(ZMQ_HEARTBEAT_TTL, timeToLive, "ZMQ_HEARTBEAT_TTL")
        try setOption(ZMQ_HEARTBEAT_TIMEOUT, timeout, "ZMQ_HEARTBEAT_TIMEOUT")
    }

    /// Queues messages only to completed connections (`ZMQ_IMMEDIATE`), so nothing waits on a peer that is not there.
    public func setImmediate(_ on: Bool) throws(ZeroMQError) {
        try setOption(ZMQ_IMMEDIATE, Int32(on ? 1 : 0), "ZMQ_IMMEDIATE")
    }

    /// How long a blocking receive waits, in milliseconds (`ZMQ_RCVTIMEO`); -1 waits forever.
    public func setReceiveTimeout(milliseconds: Int32) throws(ZeroMQError) {
        try setOption(ZMQ_RCVTIMEO, milliseconds, "ZMQ_RCVTIMEO")
    }

    /// How long a blocking send waits, in milliseconds (`ZMQ_SNDTIMEO`); -1 waits forever.
    public func setSendTimeout(milliseconds: Int32) throws(ZeroMQError) {
        try setOption(ZMQ_SNDTIMEO, milliseconds, "ZMQ_SNDTIMEO")
    }

    /// The identity a ROUTER peer sees for this socket (`ZMQ_ROUTING_ID`), 1 to 255 bytes.
    public func setRoutingID(_ id: [UInt8]) throws(ZeroMQError) {
        try setOption(ZMQ_ROUTING_ID, bytes: id, "ZMQ_ROUTING_ID")
    }

    /// How long, in milliseconds, to wait before reconnecting, and the most it backs off to (`ZMQ_RECONNECT_IVL`, `ZMQ_RECONNECT_IVL_MAX`).
    public func setReconnectInterval(milliseconds: Int32, max: Int32) throws(ZeroMQError) {
        try setOption(ZMQ_RECONNECT_IVL, milliseconds, "ZMQ_RECONNECT_IVL")
        try setOption(ZMQ_RECONNECT_IVL_MAX, max, "ZMQ_RECONNECT_IVL_MAX")
    }
}
