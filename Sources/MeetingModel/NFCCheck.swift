/// Whether UTF-8 text is surely in NFC, told from its bytes without normalizing it: text with no scalar that may
/// compose is NFC as it is. Document ids (the canonical form is NFC) and the aggregator's snapshots (two keys equal
/// as Strings must have the same bytes) both ask, for every document and every name.
public enum NFCCheck {
    /// Whether some scalar may compose (``mayCompose(lead:length:second:third:)``). Only leads from 0xCC up can:
    /// ASCII, continuation bytes (0x80–0xBF) and the leads of U+0080–U+02FF (0xC2–0xCB) never do.
    public static func mayNeedComposition(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
        count < blockThreshold ? mayNeedCompositionByScalars(base, count: count) : mayNeedCompositionByBlocks(base, count: count)
    }

    /// Words of eight bytes without a byte from 0xCC up passed over whole, then each such lead on its own: short texts,
    /// and the tail of long ones.
    static func mayNeedCompositionByScalars(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while count - offset >= 8 {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            // Bit 7 of each byte of 0xCC or more: its low seven bits plus 0x34 reach 0x80 (no carry leaves a byte).
            var leads = ((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x3434_3434_3434_3434) & word & 0x8080_8080_8080_8080
            while leads != 0 {
                if leadMayCompose(base, at: offset + leads.trailingZeroBitCount / 8, count: count) { return true }
                leads &= leads &- 1
            }
            offset += 8
        }
        while offset < count {
            if base[offset] >= 0xCC, leadMayCompose(base, at: offset, count: count) { return true }
            offset += 1
        }
        return false
    }

    @inlinable
    static func leadMayCompose(_ base: UnsafePointer<UInt8>, at position: Int, count: Int) -> Bool {
        let lead = base[position]
        return mayCompose(lead: lead, length: lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2,
                          second: position + 1 < count ? base[position + 1] : 0, third: position + 2 < count ? base[position + 2] : 0)
    }

    /// True unless the scalar is one the fast path knows to be NFC in any context: U+0080–U+02FF, U+1E00–U+1EFF
    /// (Vietnamese letters with their marks, precomposed) and U+2010–U+205E.
    @inlinable
    public static func mayCompose(lead: UInt8, length: Int, second: UInt8, third: UInt8) -> Bool {
        switch length {
        // U+0080–U+02FF: leads C2–CB.
        case 2: return lead > 0xCB
        // U+1E00–U+1EFF: E1 B8–BB; U+2010–U+205E: E2 80 90–BF and E2 81 80–9E.
        case 3:
            return !((lead == 0xE1 && (0xB8...0xBB).contains(second))
                || (lead == 0xE2 && ((second == 0x80 && third >= 0x90) || (second == 0x81 && third <= 0x9E))))
        default: return true
        }
    }
}
