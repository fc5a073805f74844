import Foundation

/// NFC by Foundation, a piece at a time: its normaliser takes time growing with the square of the text's length (a
/// 1 MiB report in NFD held the broker 1.6 s for its id, and a worker as long again to extract it). A piece ends
/// before the first ASCII character past `pieceBytes`: ASCII characters are starters that compose with nothing before
/// them (no canonical composition ends in one), so the NFC of the pieces, one after another, is the NFC of the whole.
public enum NFCComposition {
    /// The NFC form of `bytes`, which must be valid UTF-8.
    public static func composed(_ bytes: UnsafeBufferPointer<UInt8>, pieceBytes: Int = 4096) -> [UInt8] {
        var composed: [UInt8] = []
        composed.reserveCapacity(bytes.count)
        var start = 0
        while start < bytes.count {
            var end = min(start + max(1, pieceBytes), bytes.count)
            while end < bytes.count && bytes[end] >= 0x80 { end += 1 }
            var piece = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).precomposedStringWithCanonicalMapping
            piece.withUTF8 { composed.append(contentsOf: $0) }
            start = end
        }
        return composed
    }
}
