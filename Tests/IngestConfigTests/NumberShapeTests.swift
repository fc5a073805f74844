@testable import IngestConfig
import Testing

/// The numbers the configuration reads: TOML's shapes, told without a regular expression.
@Suite struct NumberShapeTests {
    @Test("whole numbers, floats and everything else, as TOML writes them", arguments: [
        ("0", NumberShape.integer), ("7", .integer), ("+12", .integer), ("-300", .integer), ("9223372036854775808", .integer),
        ("0.5", .float), ("-1.25", .float), ("1e3", .float), ("2E-7", .float), ("6.02e+23", .float), ("0e0", .float),
        ("", .neither), ("+", .neither), ("01", .neither), ("-007", .neither), (".5", .neither), ("5.", .neither),
        ("1e", .neither), ("1e+", .neither), ("1.e5", .neither), ("0x10", .neither), ("1 2", .neither), ("1.2.3", .neither),
        ("١٢", .neither), ("12a", .neither), ("++1", .neither), ("inf", .neither), ("nan", .neither),
    ])
    func shape(text: String, expected: NumberShape) {
        #expect(NumberShape(text) == expected, "\(text.debugDescription)")
    }
}
