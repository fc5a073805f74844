import DeliveryRules
import Foundation
import IngestConfig
import Logging
import Synchronization
import ZeroMQ

/// A daemon's side of CURVE: its key pair on the sockets it binds, and the ZAP handler, on a thread of its own
/// (``ZAPThread``), that lets in only the keys on the allow-lists, re-read when ``ReloadSignal`` says so (SIGHUP).
/// Nil when CURVE is off.
final class ServerSecurity {
    let keyPair: CurveKeyPair
    private let allowList: LiveAllowList
    private let zap: ZAPThread
    /// The allow-lists' reload count the loop last saw (``reloadIfAsked()``).
    private var reloadsSeen = 0

    static let domain = "report-ingest"

    /// Reads the server key and the allow-lists and starts the ZAP handler in `context`, or returns nil when
    /// CURVE is off.
    static func make(config: ClusterConfig, context: ZeroMQContext, logger: Logger) throws -> ServerSecurity? {
        guard config.curve else { return nil }
        let keys = KeyFiles(directory: config.keysDirectory)
        let keyPair = try keys.loadKeyPair(path: keys.serverKeyPath)
        if let exposure = KeyFiles.exposure(ofSecretKey: keys.serverKeyPath) { logger.warning("\(exposure)") }
        return try ServerSecurity(keyPair: keyPair, keys: keys, context: context, logger: logger)
    }

    private init(keyPair: CurveKeyPair, keys: KeyFiles, context: ZeroMQContext, logger: Logger) throws {
        self.keyPair = keyPair
        allowList = LiveAllowList(keys: keys, logger: logger)
        zap = try ZAPThread(context: context, allowList: allowList, logger: logger)
    }

    deinit { zap.stop() }

    /// Makes `socket` a CURVE server checked by this handler; call before `bind`.
    func secure(_ socket: Socket) throws {
        try socket.makeCurveServer(secretKey: keyPair.secretKey)
        try socket.setZAPDomain(Self.domain)
    }

    /// Stops answering handshakes (they wait unanswered from then on): the daemon's loop is done. The endpoint is freed
    /// when this is released, after the daemon's sockets, which its owner declares first.
    func stop() { zap.stop() }

    /// Whether the allow-lists were read again since the loop last asked (reading them first if a SIGHUP came).
    @discardableResult
    func reloadIfAsked() -> Bool {
        let reloads = allowList.reloadCount()
        defer { reloadsSeen = reloads }
        return reloads != reloadsSeen
    }

    /// The principal of the key a connection authenticated with (a message's ZAP user id), as the lists say now.
    func principal(userID: String) -> Principal? { allowList.withCurrent { $0.principal(userID: userID) } }

    /// Who sent a message: the principal of the key its connection authenticated with, with the roles the
    /// allow-lists give that key now (a key removed since the handshake has none, even if another key has taken
    /// its name), or nobody for a message without one.
    func principal(of message: ReceivedMessage) -> Principal? {
        message.userID.flatMap(principal(userID:))
    }

    /// The principal of a message on a daemon with CURVE (`security`) or without (everyone).
    static func principal(of message: ReceivedMessage, security: ServerSecurity?) -> Principal? {
        guard let security else { return .anyone }
        return security.principal(of: message)
    }
}

/// A client's side of CURVE: its own key pair and the server's public key on every socket it connects.
struct ClientSecurity {
    let keyPair: CurveKeyPair
    let serverPublicKey: [UInt8]

    /// Nil when CURVE is off. `defaultName` is the key file used when `INGEST_KEY` names none: `worker` or `client`.
    /// `warn` hears, once per key file in a process (`status --watch` makes a client a second), that the key file
    /// is open to others.
    static func make(config: ClusterConfig, defaultName: String, warn: (String) -> Void) throws -> ClientSecurity? {
        guard config.curve else { return nil }
        let keys = KeyFiles(directory: config.keysDirectory)
        let path = config.clientKeyPath ?? keys.keyPath(defaultName)
        let security = ClientSecurity(keyPair: try keys.loadKeyPair(path: path), serverPublicKey: try keys.serverPublicKey())
        if let exposure = KeyFiles.exposure(ofSecretKey: path), warnedKeyFiles.withLock({ $0.insert(path).inserted }) { warn(exposure) }
        return security
    }

    private static let warnedKeyFiles = Mutex<Set<String>>([])

    /// Makes `socket` a CURVE client of the cluster's servers; call before `connect`.
    func secure(_ socket: Socket) throws {
        try socket.makeCurveClient(serverPublicKey: serverPublicKey, keyPair: keyPair)
    }
}

/// Counts SIGHUPs, so daemons re-read their allow-lists without a restart.
final class ReloadSignal: Sendable {
    static let shared = ReloadSignal()
    private let counter = Atomic<Int>(0)

    var generation: Int { counter.load(ordering: .acquiring) }
    func raise() { counter.add(1, ordering: .releasing) }
}

/// Which endpoints a daemon may bind without CURVE: loopback, and local transports.
enum BindPolicy {
    /// Throws, naming the endpoint and what to set, when `endpoint` leaves this machine unencrypted: CURVE off,
    /// or a socket CURVE does not cover (`plaintextAlways`, the metrics' HTTP).
    static func check(_ endpoint: String, key: String, config: ClusterConfig, plaintextAlways: Bool = false) throws {
        guard !config.curve || plaintextAlways, !config.allowPlaintext, !isLocal(endpoint) else { return }
        if plaintextAlways {
            throw KeyError("refusing to bind \(endpoint) (\(key)) beyond loopback: it serves plain HTTP, which CURVE does not cover; bind it to 127.0.0.1, or set [security] allow_plaintext = true to accept that")
        }
        throw KeyError("refusing to bind \(endpoint) (\(key)) without CURVE: anyone who reaches it could submit, take jobs or read; set [security] curve = true (Scripts/start-cluster.sh --secure), or allow_plaintext = true to accept that")
    }

    static func isLocal(_ endpoint: String) -> Bool {
        if endpoint.hasPrefix("ipc://") || endpoint.hasPrefix("inproc://") { return true }
        guard endpoint.hasPrefix("tcp://") else { return false }
        // `tcp://SOURCE;HOST:PORT`: libzmq binds the address after the `;`, so every address named must be local
        // (reading only the first would let `tcp://127.0.0.1:0;0.0.0.0:5570` bind every interface).
        return endpoint.dropFirst("tcp://".count).split(separator: ";", omittingEmptySubsequences: false).allSatisfy(isLoopback)
    }

    /// `HOST`, `HOST:PORT` or `[HOST]:PORT` on a loopback address.
    private static func isLoopback(_ address: Substring) -> Bool {
        let host: Substring
        if address.hasPrefix("[") {
            host = address.dropFirst().prefix { $0 != "]" }
        } else {
            host = address.prefix { $0 != ":" }
        }
        if host == "localhost" || host == "::1" { return true }
        // 127.0.0.0/8 written as an address (four numbers), not a name that merely starts with "127.".
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber } && (Int(part).map { $0 <= 255 } ?? false)
        }
    }
}

/// SIGHUP makes every daemon re-read its allow-lists; keep the returned source alive while the daemon runs.
public func reloadAllowListsOnHangup() -> any DispatchSourceSignal {
    signal(SIGHUP, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
    source.setEventHandler { ReloadSignal.shared.raise() }
    source.resume()
    return source
}
