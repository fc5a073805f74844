import IngestConfig
import ZeroMQ

#if canImport(Glibc)
import Glibc
#endif

/// Binds a daemon's socket to the endpoint its config names, after ``BindPolicy``'s check, and turns libzmq's
/// refusals (`No such device` for `localhost`, say) into one line naming the endpoint, its key and what to change.
enum DaemonBind {
    /// How long a connection may take to greet (ZMTP, CURVE and ZAP included) before it is dropped: a peer of the
    /// cluster greets within milliseconds, and libzmq's default (30 s) let a stranger's silent connections hold the
    /// daemon's descriptors thirty seconds each. (A `STREAM` socket, the metrics', has no greeting.)
    static let handshakeMilliseconds: Int32 = 10_000

    static func bind(_ socket: Socket, _ endpoint: String, key: String, config: ClusterConfig, plaintextAlways: Bool = false) throws {
        try BindPolicy.check(endpoint, key: key, config: config, plaintextAlways: plaintextAlways)
        try socket.setHandshakeInterval(milliseconds: handshakeMilliseconds)
        do {
            try socket.bind(endpoint)
        } catch {
            throw BindFailure(endpoint: endpoint, key: key, error: error)
        }
    }
}

/// A bind libzmq refused, said as what to change.
struct BindFailure: Error, CustomStringConvertible {
    let endpoint: String
    let key: String
    let error: ZeroMQError

    var description: String {
        let why = switch error.errno {
        case EADDRINUSE: "the port is in use (a cluster already running? Scripts/stop-cluster.sh stops it), or choose another port"
        case ENODEV: "libzmq binds a numeric address (such as 127.0.0.1), an interface name or *, not a host name such as localhost"
        case EADDRNOTAVAIL: "no interface of this machine has that address"
        case EACCES: "a port under 1024 needs privileges; choose a higher one"
        default: "\(error)"
        }
        return "cannot bind \(endpoint) (\(key)): \(why)"
    }
}
