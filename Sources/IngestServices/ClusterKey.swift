import Crypto
import Foundation
import IngestProtocol
import IngestStorage
import MeetingModel

/// The secret the broker and the aggregator share, to issue and check tickets. Kept in
/// `<data dir>/cluster.key`, made by whichever of the two starts first (a broker and an aggregator on
/// different machines need a copy of the same file); workers never need it.
struct ClusterKey: Sendable {
    /// The secret's bytes; a `SymmetricKey` is made from them per use (swift-crypto's type is not `Sendable`).
    let secret: [UInt8]
    var key: SymmetricKey { SymmetricKey(data: secret) }

    static func loadOrCreate(dataDirectory: String) throws -> ClusterKey {
        try Directory.create(dataDirectory, mode: 0o700)
        let path = dataDirectory + "/cluster.key"
        if !FileManager.default.fileExists(atPath: path) {
            let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            let temporary = path + ".new-\(ProcessInfo.processInfo.processIdentifier)"
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
    func ticket(for id: DocumentID, worker: String, now: UInt64) -> Ticket {
        let expiresAt = now &+ Self.ticketLifetime
        let unsigned = Ticket(expiresAt: expiresAt, code: [])
        let mac = HMAC<SHA256>.authenticationCode(for: Self.signed(id, worker, Array(unsigned.bytes.prefix(8))), using: key)
        return Ticket(expiresAt: expiresAt, code: Array(mac))
    }

    /// True when `ticket` was issued for `id` to the worker `worker` and has not expired at `now`.
    func isValid(_ ticket: Ticket, for id: DocumentID, worker: String, now: UInt64) -> Bool {
        guard ticket.expiresAt >= now else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(Array(ticket.code), authenticating: Self.signed(id, worker, Array(ticket.bytes.prefix(8))), using: key)
    }

    private static func signed(_ id: DocumentID, _ worker: String, _ expiry: [UInt8]) -> [UInt8] {
        Array(id.rawValue.utf8) + [0] + Array(worker.utf8) + [0] + expiry
    }

    /// The aggregator's receipt that it stored `id`'s record.
    func receipt(for id: DocumentID) -> Receipt {
        Receipt(code: Array(HMAC<SHA256>.authenticationCode(for: Self.receiptMessage(id), using: key)))
    }

    func isValidReceipt(_ receipt: Receipt, for id: DocumentID) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(receipt.bytes, authenticating: Self.receiptMessage(id), using: key)
    }

    private static func receiptMessage(_ id: DocumentID) -> [UInt8] { Array("stored".utf8) + [0] + Array(id.rawValue.utf8) }

    /// Seconds since 1970, for tickets.
    static func unixNow() -> UInt64 { UInt64(max(0, Date().timeIntervalSince1970)) }

    struct KeyError: Error, CustomStringConvertible {
        let path: String
        var description: String { "\(path) is not a cluster key (hex, at least 16 bytes)" }
    }
}
