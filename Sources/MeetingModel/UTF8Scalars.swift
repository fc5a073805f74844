/// Scalars read from UTF-8 bytes, for the passes of ``NFCComposition`` that work on bytes.
extension NFCComposition {
    /// How many bytes the UTF-8 sequence that `lead` begins takes (1 for a byte that begins none).
    static func sequenceLength(_ lead: UInt8) -> Int {
        lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    }

    /// The scalar whose UTF-8 begins at `position`, or nil where the bytes do not hold a whole one.
    static func scalarValue(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> UInt32? {
        let length = sequenceLength(bytes[position])
        guard length > 1, bytes.count - position >= length else { return nil }
        var value = UInt32(bytes[position]) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            let byte = bytes[position + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return value
    }
}
