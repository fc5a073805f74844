import MeetingModel
import Testing

@Suite("Bytes appended through a pointer")
struct ByteOutputTests {
    @Test("bytes, runs and literals come out in the order written, across every growth of the buffer")
    func keepsOrderAcrossGrowth() {
        var output = ByteOutput(capacity: 1)
        var expected: [UInt8] = []
        for round in 0..<300 {
            let run = [UInt8](repeating: UInt8(truncatingIfNeeded: round), count: round % 37)
            run.withUnsafeBufferPointer { output.append($0) }
            output.append(UInt8(truncatingIfNeeded: round &* 7))
            output.append("ab")
            expected += run + [UInt8(truncatingIfNeeded: round &* 7)] + Array("ab".utf8)
        }
        #expect(output.count == expected.count)
        #expect(output.bytes == expected)
    }

    @Test("decimals: zero, signs and the extremes of Int and UInt64")
    func decimals() {
        for value in [0, 7, -7, 10, -1_000_000, Int.max, Int.min] {
            var output = ByteOutput()
            JSONText.appendDecimal(value, to: &output)
            #expect(output.bytes == Array(String(value).utf8))
        }
        var output = ByteOutput()
        JSONText.appendDecimal(UInt64.max, to: &output)
        #expect(output.bytes == Array(String(UInt64.max).utf8))
    }
}
