import Foundation

/// What ``KnownScriptComposition`` needs of Unicode, asked of Foundation and the stdlib once, on first use (about 1,500
/// look-ups): each covered starter's canonical decomposition, each pair of a starter and a mark that compose into
/// one character, and the marks' combining classes. Indexed by the starter's place in the covered ranges, so that a
/// look-up is an array's, not a hash's.
final class KnownScriptCompositionTables: Sendable {
    static let shared = KnownScriptCompositionTables()

    struct Decomposition {
        let base: UInt32
        let marks: [UInt32]
    }

    /// By ``slot(_:)``.
    private let decompositions: [Decomposition?]
    /// By ``slot(_:)``: the marks the starter composes with, and what each makes.
    private let compositions: [[(mark: UInt32, composed: UInt32)]]
    /// The combining classes of U+0300–U+036F and of U+302A–U+302F (ideographic and Hangul tone marks), by offset.
    private let markClasses: [UInt8]
    private let ideographicMarkClasses: [UInt8]

    /// Starters that compose or decompose: U+0000–U+02FF and U+1E00–U+1EFF.
    private static func slot(_ value: UInt32) -> Int? {
        switch value {
        case 0...0x2FF: Int(value)
        case 0x1E00...0x1EFF: Int(value - 0x1E00) + 0x300
        default: nil
        }
    }

    private static let slotCount = 0x300 + 0x100

    func decomposition(of starter: UInt32) -> Decomposition? {
        Self.slot(starter).flatMap { decompositions[$0] }
    }

    func composition(_ starter: UInt32, _ mark: UInt32) -> UInt32? {
        guard let slot = Self.slot(starter) else { return nil }
        return compositions[slot].first { $0.mark == mark }?.composed
    }

    func combiningClass(_ value: UInt32) -> UInt8 {
        switch value {
        case 0x300...0x36F: markClasses[Int(value - 0x300)]
        case 0x302A...0x302F: ideographicMarkClasses[Int(value - 0x302A)]
        default: 0
        }
    }

    /// Characters made of a covered starter and a mark: the Latin ranges, and the few elsewhere that ASCII or Latin-1
    /// characters compose into (`≠ ≮ ≯` from `= < >` and U+0338; Greek's `΅ ῁ ῭` from U+00A8).
    static let compositeRanges: [ClosedRange<UInt32>] = [
        0xC0...0x24F, 0x1E00...0x1EFF, 0x385...0x385, 0x1FC1...0x1FC1, 0x1FED...0x1FED, 0x2260...0x2260, 0x226E...0x226F,
    ]

    private init() {
        func classes(_ range: ClosedRange<UInt32>) -> [UInt8] {
            range.map { Unicode.Scalar($0).map { $0.properties.canonicalCombiningClass.rawValue } ?? 0 }
        }
        markClasses = classes(0x300...0x36F)
        ideographicMarkClasses = classes(0x302A...0x302F)
        var decompositions = [Decomposition?](repeating: nil, count: Self.slotCount)
        var compositions = [[(mark: UInt32, composed: UInt32)]](repeating: [], count: Self.slotCount)
        func nfc(_ values: [UInt32]) -> [UInt32] {
            String(String.UnicodeScalarView(values.compactMap(Unicode.Scalar.init))).precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
        }
        for range in Self.compositeRanges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let decomposed = String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
                guard decomposed != [value], let base = decomposed.first else { continue }
                if let slot = Self.slot(value) { decompositions[slot] = Decomposition(base: base, marks: Array(decomposed.dropFirst())) }
                // The pair it is composed from: all but its last mark, composed, and that mark; kept when Foundation
                // composes the two back into it (characters NFC never makes are left out so).
                guard decomposed.count >= 2, let last = decomposed.last, nfc([value]) == [value] else { continue }
                let first = nfc(Array(decomposed.dropLast()))
                guard first.count == 1, nfc([first[0], last]) == [value], let slot = Self.slot(first[0]) else { continue }
                compositions[slot].append((last, value))
            }
        }
        self.decompositions = decompositions
        self.compositions = compositions
    }
}
