import DeliveryRules
import Foundation
import IngestStorage
import ZeroMQ

/// The per-role allow-lists read into memory: which public key is whose, with which roles. Answers the ZAP
/// handler: a known key is let in with its principal as the user id, anyone else is denied.
struct AllowList {
    private(set) var principals: [[UInt8]: Principal] = [:]
    /// The same principals by name, to check a connection made before a reload against the lists as they are now.
    private(set) var byName: [String: Principal] = [:]
    /// Allow-list files not used, each with why.
    private(set) var skipped: [(path: String, reason: String)] = []

    init(keys: KeyFiles) {
        var names: [[UInt8]: String] = [:]
        var roles: [[UInt8]: Set<Role>] = [:]
        var paths: [String: [String]] = [:]
        for role in Role.allCases {
            let folder = keys.allowDirectory(role)
            let files = (try? Directory.list(folder)) ?? []
            for file in files where file.hasSuffix(".public") {
                let path = folder + "/" + file
                // The name travels in the ZAP user id as `name;roles`: only plain names may, or a file name could forge roles.
                guard KeyFiles.isValidName(String(file.dropLast(".public".count))) else {
                    skipped.append((path, "not a plain name (letters, digits, '.', '_', '-')"))
                    continue
                }
                guard let text = try? KeyFiles.readKeyText(path), let key = Z85.decode(text), key.count == CurveKeyPair.keyLength else {
                    skipped.append((path, "holds no public key"))
                    continue
                }
                names[key] = names[key] ?? String(file.dropLast(".public".count))
                roles[key, default: []].insert(role)
                paths[String(file.dropLast(".public".count)), default: []].append(path)
            }
        }
        // Messages are checked by the name their connection authenticated as, so a name must stand for one key: a
        // name given to two keys (a reader's and a worker's, say) would let either act with the other's roles.
        var keysByName: [String: Set<[UInt8]>] = [:]
        for (key, name) in names { keysByName[name, default: []].insert(key) }
        for (key, name) in names {
            guard keysByName[name]?.count == 1 else { continue }
            let principal = Principal(name: name, roles: roles[key] ?? [])
            principals[key] = principal
            byName[name] = principal
        }
        for (name, keys) in keysByName where keys.count > 1 {
            for path in (paths[name] ?? []).sorted() { skipped.append((path, "the name \(name) is given to \(keys.count) different keys; none of them is let in")) }
        }
    }

    var count: Int { principals.count }

    func decide(_ request: ZAPRequest) -> ZAPDecision {
        guard let key = request.curvePublicKey, let principal = principals[key] else {
            return .deny(reason: "key not on any allow-list")
        }
        return .allow(userID: principal.userID)
    }
}
