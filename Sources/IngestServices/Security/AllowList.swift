import DeliveryRules
import Foundation
import IngestStorage
import ZeroMQ

/// The per-role allow-lists read into memory: which public key is whose, with which roles. Answers the ZAP
/// handler: a known key is let in with its principal as the user id, anyone else is denied.
struct AllowList {
    private(set) var principals: [[UInt8]: Principal] = [:]
    private(set) var skipped: [String] = []

    init(keys: KeyFiles) {
        var names: [[UInt8]: String] = [:]
        var roles: [[UInt8]: Set<Role>] = [:]
        for role in Role.allCases {
            let folder = keys.allowDirectory(role)
            let files = (try? Directory.list(folder)) ?? []
            for file in files where file.hasSuffix(".public") {
                let path = folder + "/" + file
                guard let text = try? KeyFiles.readKeyText(path), let key = Z85.decode(text), key.count == CurveKeyPair.keyLength else {
                    skipped.append(path)
                    continue
                }
                names[key] = names[key] ?? String(file.dropLast(".public".count))
                roles[key, default: []].insert(role)
            }
        }
        for (key, name) in names { principals[key] = Principal(name: name, roles: roles[key] ?? []) }
    }

    var count: Int { principals.count }

    func decide(_ request: ZAPRequest) -> ZAPDecision {
        guard let key = request.curvePublicKey, let principal = principals[key] else {
            return .deny(reason: "key not on any allow-list")
        }
        return .allow(userID: principal.userID)
    }
}
