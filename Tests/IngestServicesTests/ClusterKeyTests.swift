import Crypto
import Foundation
import IngestProtocol
import MeetingModel
import Testing
import TestSupport
@testable import IngestServices

/// Tickets and receipts: HMAC-SHA256 under the cluster key, checked against swift-crypto's one-shot form, and refused
/// for any other document, worker, time, key or flipped bit.
@Suite("Cluster key")
struct ClusterKeyTests {
    static let key = ClusterKey(secret: Array(0..<32))
    static let id = DocumentID(String(repeating: "ab", count: 32))!
    static let other = DocumentID(String(repeating: "cd", count: 32))!

    @Test("a ticket is the HMAC of id, worker and expiry; it holds for that document and worker until it expires")
    func tickets() {
        let now: UInt64 = 1_700_000_000
        let ticket = Self.key.ticket(for: Self.id, worker: "w1", now: now)
        let expiry = Array(ticket.bytes.prefix(8))
        let reference = HMAC<SHA256>.authenticationCode(
            for: Array(Self.id.rawValue.utf8) + [0] + Array("w1".utf8) + [0] + expiry, using: SymmetricKey(data: Array(0..<32) as [UInt8]))
        #expect(Array(ticket.code) == Array(reference))
        #expect(ticket.expiresAt == now + ClusterKey.ticketLifetime)

        #expect(Self.key.isValid(ticket, for: Self.id, worker: "w1", now: now))
        #expect(Self.key.isValid(ticket, for: Self.id, worker: "w1", now: ticket.expiresAt))
        #expect(!Self.key.isValid(ticket, for: Self.id, worker: "w1", now: ticket.expiresAt + 1))
        #expect(!Self.key.isValid(ticket, for: Self.other, worker: "w1", now: now))
        #expect(!Self.key.isValid(ticket, for: Self.id, worker: "w2", now: now))
        #expect(!ClusterKey(secret: Array(1..<33)).isValid(ticket, for: Self.id, worker: "w1", now: now))
        var flipped = ticket.bytes
        flipped[flipped.count - 1] ^= 1
        #expect(!Self.key.isValid(Ticket(expiresAt: ticket.expiresAt, code: Array(flipped.dropFirst(8))), for: Self.id, worker: "w1", now: now))
    }

    @Test("a receipt holds for its document under its key only; the same inputs give the same codes every time")
    func receipts() {
        let receipt = Self.key.receipt(for: Self.id)
        let reference = HMAC<SHA256>.authenticationCode(for: Array("stored".utf8) + [0] + Array(Self.id.rawValue.utf8),
                                                        using: SymmetricKey(data: Array(0..<32) as [UInt8]))
        #expect(receipt.bytes == Array(reference))
        #expect(Self.key.receipt(for: Self.id) == receipt)
        #expect(Self.key.isValidReceipt(receipt, for: Self.id))
        #expect(!Self.key.isValidReceipt(receipt, for: Self.other))
        #expect(!ClusterKey(secret: Array(1..<33)).isValidReceipt(receipt, for: Self.id))
        #expect(!Self.key.isValidReceipt(Receipt(code: receipt.bytes.map { $0 ^ 0x80 }), for: Self.id))
    }

    @Test("the key file is made once and read back the same; a file that is not a key is refused by name")
    func keyFile() throws {
        let directory = try TemporaryDirectory(prefix: "cluster-key")
        let first = try ClusterKey.loadOrCreate(dataDirectory: directory.path)
        let second = try ClusterKey.loadOrCreate(dataDirectory: directory.path)
        #expect(first.secret == second.secret && first.secret.count == 32)
        #expect(second.isValidReceipt(first.receipt(for: Self.id), for: Self.id))

        let broken = try TemporaryDirectory(prefix: "cluster-key")
        try Data("not a key\n".utf8).write(to: URL(fileURLWithPath: broken.path + "/cluster.key"))
        #expect(throws: ClusterKey.KeyError.self) { try ClusterKey.loadOrCreate(dataDirectory: broken.path) }
    }

    @Test("daemons starting together on a new data directory all read the one key the first made, and leave no temporary file")
    func keyMadeByOneOfMany() async throws {
        for _ in 0..<50 {
            let directory = try TemporaryDirectory(prefix: "cluster-key-race")
            let secrets = try await withThrowingTaskGroup(of: [UInt8].self) { group in
                for _ in 0..<8 {
                    group.addTask { try ClusterKey.loadOrCreate(dataDirectory: directory.path).secret }
                }
                return try await group.reduce(into: [[UInt8]]()) { $0.append($1) }
            }
            #expect(secrets.count == 8 && Set(secrets).count == 1)
            let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(left == ["cluster.key"], "\(left)")
        }
    }
}
