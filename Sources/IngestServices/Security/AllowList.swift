import DeliveryRules
import Foundation
import IngestStorage
import ZeroMQ

/// The per-role allow-lists read into memory: which public key is whose, with which roles. Answers the ZAP
/// handler: a known key is let in with a user id naming the key (and, for logs, its name), anyone else is denied;
/// every message is then checked against the key's roles in the lists as they are now, so a key removed or
/// replaced under the same name has none on a connection made before.
struct AllowList {
    private(set) var principals: [[UInt8]: Principal] = [:]
    /// Allow-list files not used, each with why.
    private(set) var skipped: [(path: String, reason: String)] = []

    private struct Entry {
        let path: String
        let name: String
        let key: [UInt8]
        let role: Role
    }

    init(keys: KeyFiles) {
        var entries: [Entry] = []
        for role in Role.allCases {
            let folder = keys.allowDirectory(role)
            let files = (try? Directory.list(folder)) ?? []
            for file in files where file.hasSuffix(".public") {
                let path = folder + "/" + file
                let name = String(file.dropLast(".public".count))
                // Names are logged and bound into tickets: only plain ones.
                guard KeyFiles.isValidName(name) else {
                    skipped.append((path, "not a plain name (letters, digits, '.', '_', '-')"))
                    continue
                }
                guard let text = try? KeyFiles.readKeyText(path), let key = Z85.decode(text), key.count == CurveKeyPair.keyLength else {
                    skipped.append((path, "holds no public key"))
                    continue
                }
                entries.append(Entry(path: path, name: name, key: key, role: role))
            }
        }
        // A name stands for one key and a key for one name, across every role: tickets are bound to the name, and a
        // key under two names (or a name over two keys) would make which roles a connection has depend on the order
        // the files are read in. Such keys are let in under none of them.
        let keysByName = Dictionary(grouping: entries, by: \.name).mapValues { Set($0.map(\.key)) }
        let namesByKey = Dictionary(grouping: entries, by: \.key).mapValues { Set($0.map(\.name)) }
        var roles: [[UInt8]: Set<Role>] = [:]
        var names: [[UInt8]: String] = [:]
        for entry in entries {
            if let keys = keysByName[entry.name], keys.count > 1 {
                skipped.append((entry.path, "the name \(entry.name) is given to \(keys.count) different keys; none of them is let in"))
            } else if let keyNames = namesByKey[entry.key], keyNames.count > 1 {
                skipped.append((entry.path, "its key is listed under \(keyNames.count) names (\(keyNames.sorted().joined(separator: ", "))); it is let in under none"))
            } else {
                roles[entry.key, default: []].insert(entry.role)
                names[entry.key] = entry.name
            }
        }
        for (key, name) in names { principals[key] = Principal(name: name, roles: roles[key] ?? []) }
    }

    var count: Int { principals.count }

    func decide(_ request: ZAPRequest) -> ZAPDecision {
        guard let key = request.curvePublicKey, let principal = principals[key], let userID = Self.userID(key: key, name: principal.name) else {
            return .deny(reason: "key not on any allow-list")
        }
        return .allow(userID: userID)
    }

    /// The principal a connection's user id names, with the roles its key has in the lists now: nil for a key they
    /// no longer hold, whatever name another key has taken since.
    func principal(userID: String) -> Principal? {
        guard let separator = userID.firstIndex(of: ";"), let key = Z85.decode(String(userID[..<separator])) else { return nil }
        return principals[key]
    }

    /// `KEY;NAME`: the public key in Z85 (which has no `;`), then the name, for logs.
    static func userID(key: [UInt8], name: String) -> String? {
        Z85.encode(key).map { $0 + ";" + name }
    }
}
