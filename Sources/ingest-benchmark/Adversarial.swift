import Foundation
import MeetingExtraction
import TestSupport

/// `--adversarial`: for each hostile shape, the extraction time at 128 KiB, 256 KiB, 512 KiB and 1 MiB and the
/// ratio of the largest to the smallest. Work linear in size gives about 8 over the four sizes; quadratic, 64.
/// `--max-kib N` stops at N KiB (for code slow enough that 1 MiB would take minutes); `--shape NAME` runs one shape.
enum AdversarialBenchmark {
    static func run(extractor: MeetingExtractor, maxKiB: Int, shape only: String?) {
        let sizes = [128, 256, 512, 1024].filter { $0 <= maxKiB }
        guard let smallest = sizes.first, let largest = sizes.last else { return }
        print("shape".padding(toLength: 22, withPad: " ", startingAt: 0)
              + sizes.map { pad("\($0) KiB", 10) }.joined() + pad("ratio", 8) + pad("record", 10))
        let clock = ContinuousClock()
        for shape in AdversarialDocuments.all where only == nil || shape.name == only {
            var times: [Double] = []
            var recordBytes = 0
            for size in sizes {
                let bytes = Array(shape.document(bytes: size * 1024).utf8)
                // The best of three runs (of one, for code slow enough to take seconds): the machine is shared.
                var best = Double.infinity
                var spent = 0.0
                for _ in 0..<3 where spent < 2 {
                    let start = clock.now
                    let record = try? extractor.extract(bytes: bytes)
                    let elapsed = seconds(clock.now - start)
                    best = min(best, elapsed)
                    spent += elapsed
                    if size == largest { recordBytes = (try? JSONEncoder().encode(record)).map(\.count) ?? 0 }
                }
                times.append(best)
            }
            let ratio = times[times.count - 1] / max(times[0], 1e-9)
            print(shape.name.padding(toLength: 22, withPad: " ", startingAt: 0)
                  + times.map { pad(String(format: "%.3f s", $0), 10) }.joined()
                  + pad(String(format: "%.1f", ratio), 8) + pad("\(recordBytes / 1024) KiB", 10))
        }
        print("ratio: time at \(largest) KiB over time at \(smallest) KiB (linear \(largest / smallest), quadratic \((largest / smallest) * (largest / smallest)))")
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
