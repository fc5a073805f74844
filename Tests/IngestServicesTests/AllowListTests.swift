import DeliveryRules
import Foundation
import Testing
import TestSupport
import ZeroMQ
@testable import IngestServices

/// The allow-lists as the ZAP handler and every message check read them: each key in with its roles, a name that
/// stands for two keys or a key under two names let in for none of them, and a connection's roles always those its
/// key has now, whatever name another key has taken since.
@Suite("Allow-lists")
struct AllowListTests {
    static func request(_ key: [UInt8]) -> ZAPRequest {
        ZAPRequest(requestID: [1], domain: "ingest", address: "127.0.0.1", routingID: [], mechanism: "CURVE", credentials: [key])
    }

    /// Who a connection with `key` is once the ZAP handler let it in (nil when it was denied).
    static func admitted(_ list: AllowList, _ key: [UInt8]) -> Principal? {
        guard case .allow(let userID) = list.decide(request(key)) else { return nil }
        return list.principal(userID: userID)
    }

    @Test("a key is let in as its name with every role it is listed under; strangers and bad files are not")
    func rolesByKey() throws {
        let directory = try TemporaryDirectory(prefix: "allow-list")
        let keys = KeyFiles(directory: directory.path)
        let both = try CurveKeyPair.generate(), worker = try CurveKeyPair.generate(), stranger = try CurveKeyPair.generate()
        try keys.allow("client", publicZ85: both.publicZ85, role: .producer)
        try keys.allow("client", publicZ85: both.publicZ85, role: .reader)
        try keys.allow("w1", publicZ85: worker.publicZ85, role: .worker)
        try Data("not a key\n".utf8).write(to: URL(fileURLWithPath: keys.allowDirectory(.reader) + "/broken.public"))
        try Data((stranger.publicZ85 + "\n").utf8).write(to: URL(fileURLWithPath: keys.allowDirectory(.producer) + "/x;worker.public"))

        let list = AllowList(keys: keys)
        #expect(Self.admitted(list, both.publicKey) == Principal(name: "client", roles: [.producer, .reader]))
        #expect(Self.admitted(list, worker.publicKey) == Principal(name: "w1", roles: [.worker]))
        #expect(list.decide(Self.request(stranger.publicKey)) == .deny(reason: "key not on any allow-list"))
        #expect(Set(list.skipped.map(\.path)) == [keys.allowDirectory(.reader) + "/broken.public", keys.allowDirectory(.producer) + "/x;worker.public"])
        // A user id this handler did not write names nobody.
        #expect(list.principal(userID: "client;producer,reader") == nil)
        #expect(list.principal(userID: "") == nil)
    }

    @Test("one name given to two different keys in two roles lets neither in, and says so")
    func nameForTwoKeys() throws {
        let directory = try TemporaryDirectory(prefix: "allow-list")
        let keys = KeyFiles(directory: directory.path)
        let reader = try CurveKeyPair.generate(), worker = try CurveKeyPair.generate(), other = try CurveKeyPair.generate()
        try keys.allow("ops", publicZ85: reader.publicZ85, role: .reader)
        try keys.allow("ops", publicZ85: worker.publicZ85, role: .worker)
        try keys.allow("w2", publicZ85: other.publicZ85, role: .worker)

        let list = AllowList(keys: keys)
        #expect(Self.admitted(list, reader.publicKey) == nil)
        #expect(Self.admitted(list, worker.publicKey) == nil)
        #expect(Self.admitted(list, other.publicKey) == Principal(name: "w2", roles: [.worker]))
        #expect(Set(list.skipped.map(\.path)) == [keys.allowDirectory(.reader) + "/ops.public", keys.allowDirectory(.worker) + "/ops.public"])
        #expect(list.skipped.allSatisfy { $0.reason.contains("ops") && $0.reason.contains("2 different keys") })
    }

    @Test("one key listed under two names, even beside a name shared with another key, is let in under neither")
    func keyUnderTwoNames() throws {
        let directory = try TemporaryDirectory(prefix: "allow-list")
        let keys = KeyFiles(directory: directory.path)
        let shared = try CurveKeyPair.generate(), other = try CurveKeyPair.generate()
        try keys.allow("alice", publicZ85: shared.publicZ85, role: .producer)
        try keys.allow("ops", publicZ85: shared.publicZ85, role: .worker)
        try keys.allow("ops", publicZ85: other.publicZ85, role: .reader)

        let list = AllowList(keys: keys)
        #expect(Self.admitted(list, shared.publicKey) == nil)
        #expect(Self.admitted(list, other.publicKey) == nil, "ops names two keys")
        #expect(list.skipped.count == 3)
        #expect(list.skipped.contains { $0.path.hasSuffix("producer/alice.public") && $0.reason.contains("2 names (alice, ops)") })
    }

    @Test("a connection keeps no roles once its key is replaced by another under the same name, in the same role or another")
    func keyReplacedUnderItsName() throws {
        let directory = try TemporaryDirectory(prefix: "allow-list")
        let keys = KeyFiles(directory: directory.path)
        let old = try CurveKeyPair.generate(), new = try CurveKeyPair.generate()
        try keys.allow("ops", publicZ85: old.publicZ85, role: .reader)
        guard case .allow(let oldConnection) = AllowList(keys: keys).decide(Self.request(old.publicKey)) else {
            Issue.record("the listed key was denied")
            return
        }
        // The operator rotates: the old file goes, a new key takes the name, as a worker.
        try FileManager.default.removeItem(atPath: keys.allowDirectory(.reader) + "/ops.public")
        try keys.allow("ops", publicZ85: new.publicZ85, role: .worker)
        let reloaded = AllowList(keys: keys)
        #expect(reloaded.principal(userID: oldConnection) == nil, "the old key's open connection has no roles")
        #expect(Self.admitted(reloaded, new.publicKey) == Principal(name: "ops", roles: [.worker]))
    }
}
