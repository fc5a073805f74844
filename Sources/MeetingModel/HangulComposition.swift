/// Hangul's canonical composition, which is by rule, not by table: an initial (U+1100–U+1112) and a vowel
/// (U+1161–U+1175) make a syllable, and a syllable of those two and a final (U+11A8–U+11C2) a syllable with it.
/// Done here because Foundation composes one past each range too (an old initial or vowel such as U+11A7, an old
/// final), making other text or dropping a character.
enum Hangul {
    /// The jamo: U+1100–U+11FF, and the extended ones, U+A960–U+A97F and U+D7B0–U+D7FF.
    static func isJamo(_ value: UInt32) -> Bool {
        (0x1100...0x11FF).contains(value) || (0xA960...0xA97F).contains(value) || (0xD7B0...0xD7FF).contains(value)
    }

    /// The jamo and the syllables' block, U+AC00–U+D7AF.
    static func isHangul(_ value: UInt32) -> Bool {
        isJamo(value) || (0xAC00...0xD7AF).contains(value)
    }

    static func composed(_ first: UInt32, _ second: UInt32) -> UInt32? {
        if (0x1100...0x1112).contains(first) && (0x1161...0x1175).contains(second) {
            return 0xAC00 + ((first - 0x1100) * 21 + (second - 0x1161)) * 28
        }
        if (0xAC00...0xD7A3).contains(first) && (first - 0xAC00) % 28 == 0 && (0x11A8...0x11C2).contains(second) {
            return first + (second - 0x11A7)
        }
        return nil
    }
}
