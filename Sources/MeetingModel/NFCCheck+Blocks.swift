extension NFCCheck {
    /// Texts this long or longer are looked through sixteen bytes at a time.
    static let blockThreshold = 32

    private typealias Block = SIMD16<UInt8>

    /// ``mayCompose(lead:length:second:third:)`` asked of sixteen bytes at once, with the one and two bytes after each
    /// loaded again: a byte from 0xCC up (a lead: continuation bytes are below) may compose unless it starts U+1E00–U+1EFF
    /// (E1 B8–BB) or U+2010–U+205E (E2 80 90–BF, E2 81 80–9E). Vietnamese has such a lead every few letters (`ệ`, `ố`),
    /// each of which the eight-byte loop checked on its own. The last bytes, with fewer than two after them, go through
    /// that loop.
    static func mayNeedCompositionByBlocks(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while count - offset >= 18 {
            let block = raw.loadUnaligned(fromByteOffset: offset, as: Block.self)
            let leads = block .>= Block(repeating: 0xCC)
            if any(leads) {
                let next = raw.loadUnaligned(fromByteOffset: offset + 1, as: Block.self)
                let after = raw.loadUnaligned(fromByteOffset: offset + 2, as: Block.self)
                let vietnamese = (block .== Block(repeating: 0xE1)) .& (next .>= Block(repeating: 0xB8)) .& (next .<= Block(repeating: 0xBB))
                let punctuation = (block .== Block(repeating: 0xE2))
                    .& (((next .== Block(repeating: 0x80)) .& (after .>= Block(repeating: 0x90))) .| ((next .== Block(repeating: 0x81)) .& (after .<= Block(repeating: 0x9E))))
                if any(leads .& .!(vietnamese .| punctuation)) { return true }
            }
            offset += 16
        }
        // A lead in the blocks read its next bytes past them already; those bytes, below 0xCC, are nothing on their own.
        return mayNeedCompositionByScalars(base + offset, count: count - offset)
    }
}
