/// Appends the compact binary form's primitives to a byte buffer: LEB128 varints, zigzag integers,
/// length-prefixed UTF-8, presence-prefixed optionals, little-endian doubles. Records, metadata and the
/// broker's journal entries are written with it.
public struct BinaryWriter {
    public private(set) var bytes: [UInt8]

    public init(header: [UInt8], capacity: Int) {
        bytes = header
        bytes.reserveCapacity(capacity)
    }

    public mutating func byte(_ value: UInt8) { bytes.append(value) }

    public mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    public mutating func count(_ value: Int) { varint(UInt64(max(0, value))) }

    public mutating func int(_ value: Int) {
        let wide = Int64(value)
        varint(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
    }

    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func double(_ value: Double) {
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Bytes known to be UTF-8, written as ``string(_:)`` writes a string's.
    public mutating func utf8(_ value: [UInt8]) {
        count(value.count)
        bytes.append(contentsOf: value)
    }

    /// Bytes of no particular encoding (a peer's routing id), length-prefixed as a string is.
    public mutating func opaque(_ value: [UInt8]) {
        count(value.count)
        bytes.append(contentsOf: value)
    }

    /// 0 for nil, else 1 and the string.
    public mutating func string(_ value: String?) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        string(value)
    }

    public mutating func strings(_ values: [String]) {
        count(values.count)
        for value in values { string(value) }
    }
}
