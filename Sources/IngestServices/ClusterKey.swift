import Crypto
import Foundation
import IngestProtocol
import IngestStorage
import MeetingModel

/// The secret the broker and the aggregator share, to issue and check tickets. Kept in
/// `<data dir>/cluster.key`, made by whichever of the two starts first (a broker and an aggregator on
/// different machines need a copy of the same file); workers never need it.
public struct ClusterKey: Sendable {
    /// The secret's bytes.
    let secret: [UInt8]
    /// HMAC-SHA256 keyed with the secret once: every ticket and receipt (two per document in the broker and two in
    /// the aggregator) starts from a copy, instead of making a key and hashing it again per message.
    private let keyed: KeyedMAC

    init(secret: [UInt8]) {
        self.secret = secret
        keyed = KeyedMAC(template: HMAC<SHA256>(key: SymmetricKey(data: secret)))
    }

    private func code(_ message: [UInt8]) -> HMAC<SHA256>.MAC {
        var mac = keyed.template
        mac.update(data: message)
        return mac.finalize()
    }

    public static func loadOrCreate(dataDirectory: String) throws -> ClusterKey {
        try Directory.create(dataDirectory, mode: 0o700)
        let path = dataDirectory + "/cluster.key"
        if !FileManager.default.fileExists(atPath: path) {
            let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            // Its own name per call: the broker and the aggregator start together (start-cluster.sh, systemd), and the
            // loser of the race must not write over, or remove, the winner's file before its link.
            let temporary = path + ".new-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))"
            try AtomicFile.write(Array(fresh.map { String(format: "%02x", $0) }.joined().utf8), to: temporary, permissions: 0o600)
            // link() creates the key only if no other daemon made one meanwhile.
            _ = link(temporary, path)
            unlink(temporary)
        }
        let text = String(decoding: try AtomicFile.read(path), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex, let next = text.index(index, offsetBy: 2, limitedBy: text.endIndex), let byte = UInt8(text[index..<next], radix: 16) {
            bytes.append(byte)
            index = next
        }
        guard bytes.count >= 16, index == text.endIndex else { throw KeyError(path: path) }
        return ClusterKey(secret: bytes)
    }

    /// How long a ticket stays valid: long enough for a record to wait out an aggregator's outage.
    static let ticketLifetime: UInt64 = 6 * 3600

    /// The ticket for `id` given to the worker whose key is `worker` ("" without CURVE), valid from `now` (Unix seconds).
    public func ticket(for id: DocumentID, worker: String, now: UInt64) -> Ticket {
        let expiresAt = now &+ Self.ticketLifetime
        let unsigned = Ticket(expiresAt: expiresAt, code: [])
        return Ticket(expiresAt: expiresAt, code: Array(code(Self.signed(id, worker, Array(unsigned.bytes.prefix(8))))))
    }

    /// True when `ticket` was issued for `id` to the worker `worker` and has not expired at `now`.
    func isValid(_ ticket: Ticket, for id: DocumentID, worker: String, now: UInt64) -> Bool {
        guard ticket.expiresAt >= now else { return false }
        // `==` against bytes is swift-crypto's constant-time comparison.
        return code(Self.signed(id, worker, Array(ticket.bytes.prefix(8)))) == Array(ticket.code)
    }

    private static func signed(_ id: DocumentID, _ worker: String, _ expiry: [UInt8]) -> [UInt8] {
        Array(id.rawValue.utf8) + [0] + Array(worker.utf8) + [0] + expiry
    }

    /// The aggregator's receipt that it stored `id`'s record.
    func receipt(for id: DocumentID) -> Receipt {
        Receipt(code: Array(code(Self.receiptMessage(id))))
    }

    func isValidReceipt(_ receipt: Receipt, for id: DocumentID) -> Bool {
        code(Self.receiptMessage(id)) == receipt.bytes
    }

    private static func receiptMessage(_ id: DocumentID) -> [UInt8] { Array("stored".utf8) + [0] + Array(id.rawValue.utf8) }

    /// Seconds since 1970, for tickets.
    public static func unixNow() -> UInt64 { UInt64(max(0, Date().timeIntervalSince1970)) }

    struct KeyError: Error, CustomStringConvertible {
        let path: String
        var description: String { "\(path) is not a cluster key (hex, at least 16 bytes)" }
    }
}

/// A keyed HMAC to copy from.
// @unchecked Sendable: `template` is never mutated after init (each use copies it), and swift-crypto's types are not
// marked Sendable only because they hold key bytes in a class.
private final class KeyedMAC: @unchecked Sendable {
    let template: HMAC<SHA256>
    init(template: HMAC<SHA256>) { self.template = template }
}
