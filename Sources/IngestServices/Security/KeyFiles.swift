import DeliveryRules
import Foundation
import IngestStorage
import ZeroMQ

/// The cluster's CURVE keys on disk, in one folder:
///
///     server.key, server.public        the broker's and the aggregator's key pair
///     NAME.key, NAME.public            a client's or a worker's key pair (`ingest keys new`)
///     allow/<role>/NAME.public         the allow-lists: the public keys that may act in each role
///
/// `.key` files hold a secret key as 40 Z85 characters and are created 0600; `.public` files hold a
/// public key the same way.
public struct KeyFiles: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public var serverKeyPath: String { directory + "/server.key" }
    public var serverPublicPath: String { directory + "/server.public" }
    public func keyPath(_ name: String) -> String { directory + "/" + name + ".key" }
    public func allowDirectory(_ role: Role) -> String { directory + "/allow/" + role.rawValue }

    /// A new key pair written as `NAME.key` (0600 from its creation) and `NAME.public`; refuses to replace one.
    @discardableResult
    public func createKeyPair(named name: String) throws -> CurveKeyPair {
        guard Self.isValidName(name) else {
            throw KeyError("key name \(name.debugDescription) must be 1-64 characters of a-z A-Z 0-9 . _ -, not starting with a dot")
        }
        try Directory.create(directory, mode: 0o700)
        let secretPath = keyPath(name)
        guard !FileManager.default.fileExists(atPath: secretPath) else { throw KeyError("\(secretPath) exists already; remove it first to make a new one") }
        // A name still on an allow-list holds the old key there: the daemons would let neither key in (one name, two
        // keys), so the new key would get nothing while this said it had its roles.
        let listed = Role.allCases.map { allowDirectory($0) + "/" + name + ".public" }.filter { FileManager.default.fileExists(atPath: $0) }
        guard listed.isEmpty else {
            throw KeyError("the name \(name) is still on the allow-lists for its old key (\(listed.joined(separator: ", "))): remove those files and "
                + "send SIGHUP to revoke it, then make the new key, or choose another name")
        }
        let pair = try CurveKeyPair.generate()
        try AtomicFile.write(Array((pair.secretZ85 + "\n").utf8), to: secretPath, permissions: 0o600)
        try AtomicFile.write(Array((pair.publicZ85 + "\n").utf8), to: directory + "/" + name + ".public", permissions: 0o644)
        return pair
    }

    /// Puts `name`'s public key on `role`'s allow-list.
    public func allow(_ name: String, publicZ85: String, role: Role) throws {
        try Directory.create(allowDirectory(role), mode: 0o750)
        try AtomicFile.write(Array((publicZ85 + "\n").utf8), to: allowDirectory(role) + "/" + name + ".public", permissions: 0o644)
    }

    /// Reads a key pair from its secret key file, deriving the public key.
    public func loadKeyPair(path: String) throws -> CurveKeyPair {
        let secret = try Self.readKeyText(path)
        do {
            let publicKey = try CurveKeyPair.publicKey(fromSecretZ85: secret)
            guard let publicZ85 = Z85.encode(publicKey) else { throw KeyError("\(path) does not hold a CURVE secret key") }
            return try CurveKeyPair(publicZ85: publicZ85, secretZ85: secret)
        } catch let error as KeyError {
            throw error
        } catch {
            throw KeyError("\(path) does not hold a CURVE secret key (40 Z85 characters)")
        }
    }

    /// Writes `server.public` again from `pair` (the server's, from `server.key`) when it is missing or holds another
    /// key; true when it did. The public half is derived from the secret, so nothing is lost with it.
    public func restoreServerPublic(from pair: CurveKeyPair) throws -> Bool {
        guard (try? Self.readKeyText(serverPublicPath)) != pair.publicZ85 else { return false }
        try AtomicFile.write(Array((pair.publicZ85 + "\n").utf8), to: serverPublicPath, permissions: 0o644)
        return true
    }

    /// The server's public key, which every client needs.
    public func serverPublicKey() throws -> [UInt8] {
        guard let key = Z85.decode(try Self.readKeyText(serverPublicPath)), key.count == CurveKeyPair.keyLength else {
            throw KeyError("\(serverPublicPath) does not hold a CURVE public key (40 Z85 characters)")
        }
        return key
    }

    /// What to tell the owner when the secret key at `path` can be read or written by anyone but its owner (a key
    /// copied with `cp` or unpacked from an archive keeps the mode it had there); nil when it is private or
    /// cannot be looked at (reading it says why).
    public static func exposure(ofSecretKey path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let others = status.st_mode & 0o077
        guard others != 0 else { return nil }
        return "\(path) can be read or written by others (mode \(String(status.st_mode & 0o777, radix: 8))); anyone who copies "
            + "it can act as its owner: chmod 600 \(path)"
    }

    static func readKeyText(_ path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            let command = path.hasSuffix("/server.key") || path.hasSuffix("/server.public") ? "ingest keys server" : "ingest keys new"
            throw KeyError("\(path) is missing; make keys with `\(command)` or `Scripts/start-cluster.sh --secure`")
        }
        return String(decoding: try AtomicFile.read(path), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func isValidName(_ name: String) -> Bool {
        // Not starting with a dot: `.` and `..` made hidden files (`..key`) that `ls` and `rm allow/*/*.public` pass over.
        !name.isEmpty && name.utf8.count <= 64 && name.utf8.first != UInt8(ascii: ".") && name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}

/// A problem with key files, said in one line.
public struct KeyError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
