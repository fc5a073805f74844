import DeliveryRules
import Foundation
import Testing
import TestSupport
import ZeroMQ
@testable import IngestServices

/// The allow-lists as the ZAP handler reads them: each key in with its roles, and a name that stands for two keys
/// (which would let one act with the other's roles, as messages are checked by name) let in for neither.
@Suite("Allow-lists")
struct AllowListTests {
    static func request(_ key: [UInt8]) -> ZAPRequest {
        ZAPRequest(requestID: [1], domain: "ingest", address: "127.0.0.1", routingID: [], mechanism: "CURVE", credentials: [key])
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
        #expect(list.decide(Self.request(both.publicKey)) == .allow(userID: Principal(name: "client", roles: [.producer, .reader]).userID))
        #expect(list.decide(Self.request(worker.publicKey)) == .allow(userID: Principal(name: "w1", roles: [.worker]).userID))
        #expect(list.decide(Self.request(stranger.publicKey)) == .deny(reason: "key not on any allow-list"))
        #expect(list.byName["client"]?.roles == [.producer, .reader])
        #expect(Set(list.skipped.map(\.path)) == [keys.allowDirectory(.reader) + "/broken.public", keys.allowDirectory(.producer) + "/x;worker.public"])
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
        #expect(list.decide(Self.request(reader.publicKey)) == .deny(reason: "key not on any allow-list"))
        #expect(list.decide(Self.request(worker.publicKey)) == .deny(reason: "key not on any allow-list"))
        #expect(list.byName["ops"] == nil)
        #expect(list.decide(Self.request(other.publicKey)) == .allow(userID: Principal(name: "w2", roles: [.worker]).userID))
        #expect(Set(list.skipped.map(\.path)) == [keys.allowDirectory(.reader) + "/ops.public", keys.allowDirectory(.worker) + "/ops.public"])
        #expect(list.skipped.allSatisfy { $0.reason.contains("ops") && $0.reason.contains("2 different keys") })
    }
}
