import Foundation
import MeetingModel

/// A dictionary key of text hashed and compared by its UTF-8 bytes. String's own hashing normalises every
/// non-ASCII string it hashes (a Unicode property lookup per scalar), which made a fifth of applying a record;
/// the reducer's text is NFC already (the extractor's normaliser), so its bytes are the text.
///
/// The bytes are hashed once, when the key is made: a record's topics are counted in every province it names, in
/// both views, so one key is looked up a dozen times, and two keys of different hashes are told apart without
/// comparing their bytes (a lookup passes several occupied buckets before its own).
struct TextKey: Hashable, Sendable {
    let text: String
    private let bytesHash: Int

    init(_ text: String) {
        self.text = text
        var hasher = Hasher()
        let hashed = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil { for byte in text.utf8 { hasher.combine(byte) } }
        bytesHash = hasher.finalize()
    }

    func hash(into hasher: inout Hasher) { hasher.combine(bytesHash) }

    static func == (lhs: TextKey, rhs: TextKey) -> Bool {
        lhs.bytesHash == rhs.bytesHash && sameBytes(lhs.text, rhs.text)
    }

    /// Whether two texts have the same UTF-8 bytes (String's == normalises two different non-ASCII texts before it
    /// can say they differ): lengths first (stored for native strings), then one memcmp rather than byte by byte.
    static func sameBytes(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        let equal = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in
                guard let a = left.baseAddress, let b = right.baseAddress else { return left.count == right.count }
                return memcmp(a, b, left.count) == 0
            }
        }
        return equal.flatMap { $0 } ?? lhs.utf8.elementsEqual(rhs.utf8)
    }
}

extension Dictionary where Key == TextKey {
    /// The same entries keyed by String, for readers and snapshots. Two keys whose bytes differ can still be
    /// equal Strings (NFC and NFD spellings of a name a worker sent): `combine` merges them, never a trap, and the
    /// spelling that names the entry is the same whatever order the dictionary keeps: a surely-NFC one, else the
    /// first by bytes (taken in the dictionary's own order, it changed from one state to the next).
    func byText(combining combine: (Value, Value) -> Value) -> [String: Value] {
        guard !keys.allSatisfy(\.isSurelyNFC) else {
            // Distinct bytes in NFC are distinct Strings: nothing meets, so no order to fix.
            return Dictionary<String, Value>(map { ($0.key.text, $0.value) }, uniquingKeysWith: combine)
        }
        let ordered = map { (key: $0.key.text, value: $0.value, nfc: $0.key.isSurelyNFC) }
            .sorted { $0.nfc != $1.nfc ? $0.nfc : TextKey.precedes($0.key, $1.key) }
        return Dictionary<String, Value>(ordered.map { ($0.key, $0.value) }, uniquingKeysWith: combine)
    }

    /// ``byText(combining:)``'s entries sorted by their UTF-8 bytes, for snapshots. When every key is surely NFC
    /// (as the extractor writes names), distinct bytes are distinct Strings, so the String-keyed dictionary (a
    /// third of a snapshot's cost: every name hashed in NFC) is not built.
    func sortedByText(combining combine: (Value, Value) -> Value) -> [(key: String, value: Value)] {
        let entries: [(key: String, value: Value)] = keys.allSatisfy(\.isSurelyNFC)
            ? map { (key: $0.key.text, value: $0.value) }
            : byText(combining: combine).map { (key: $0.key, value: $0.value) }
        return entries.sorted { TextKey.precedes($0.key, $1.key) }
    }
}

extension TextKey {
    /// No scalar in the text may compose (``NFCCheck``), so it is its own NFC form.
    var isSurelyNFC: Bool {
        let surely = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { !NFCCheck.mayNeedComposition($0, count: bytes.count) } ?? true
        }
        return surely ?? false
    }

    /// Whether `a`'s UTF-8 bytes sort before `b`'s (the order snapshots list names in): one `memcmp` for native
    /// strings, which every key the state holds is.
    static func precedes(_ a: String, _ b: String) -> Bool {
        let order = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right -> Bool in
                let common = min(left.count, right.count)
                if common > 0, let l = left.baseAddress, let r = right.baseAddress {
                    let compared = memcmp(l, r, common)
                    if compared != 0 { return compared < 0 }
                }
                return left.count < right.count
            }
        }
        return order.flatMap { $0 } ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

extension Dictionary where Key == String {
    /// Distinct Strings always have distinct bytes, so no two entries meet.
    var byKey: [TextKey: Value] { Dictionary<TextKey, Value>(map { (TextKey($0.key), $0.value) }, uniquingKeysWith: { first, _ in first }) }
}
