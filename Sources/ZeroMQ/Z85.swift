import CZeroMQ

/// Z85 (ZeroMQ RFC 32), the printable form of CURVE keys: every 4 bytes become 5 characters.
///
/// Both directions check their input before libzmq sees it and answer `nil` rather than trap, so
/// they are safe on text from files, configuration or the network.
/// The corresponding C functions are `zmq_z85_encode` and `zmq_z85_decode`.
public enum Z85 {
    /// The 85 characters Z85 uses, in value order.
    static let alphabet = Array(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".utf8)

    private static let isAlphabetByte: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in alphabet { table[Int(byte)] = true }
        return table
    }()

    /// The Z85 text of `bytes`, or `nil` when their count is not a multiple of 4.
    /// The corresponding C function is `zmq_z85_encode`.
    public static func encode(_ bytes: [UInt8]) -> String? {
        guard bytes.count % 4 == 0 else { return nil }
        if bytes.isEmpty { return "" }
        var text = [CChar](repeating: 0, count: bytes.count / 4 * 5 + 1)
        let encoded = bytes.withUnsafeBufferPointer { source in
            zmq_z85_encode(&text, source.baseAddress, source.count)
        }
        guard encoded != nil else { return nil }
        return String(decoding: text.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The bytes `text` encodes, or `nil` when its length is not a multiple of 5, a character is outside
    /// the Z85 alphabet, or a 5-character group stands for more than 32 bits.
    /// The corresponding C function is `zmq_z85_decode`.
    public static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 5 == 0 else { return nil }
        if characters.isEmpty { return [] }
        // Checked here as well as in libzmq: an embedded NUL would make the C string shorter than the buffer we size.
        guard characters.allSatisfy({ isAlphabetByte[Int($0)] }) else { return nil }
        var bytes = [UInt8](repeating: 0, count: characters.count / 5 * 4)
        let cString = characters.map { CChar(bitPattern: $0) } + [0]
        let decoded = zmq_z85_decode(&bytes, cString)
        guard decoded != nil else { return nil }
        return bytes
    }
}
