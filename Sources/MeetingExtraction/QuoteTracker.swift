/// Whether a token lies inside a quotation (`“...”`, `"..."`), asked of tokens in increasing order so the text
/// is read once; a quotation ends at the latest with its line.
struct QuoteTracker {
    private let tokens: TokenizedText
    private var next = 0
    private var inside = false

    init(tokens: TokenizedText) { self.tokens = tokens }

    mutating func isQuoted(_ index: Int) -> Bool {
        while next <= index {
            let gap = tokens[next].gap
            if gap.hasNewline || gap.has(.closingQuote) { inside = false }
            if gap.has(.straightQuote) {
                // A straight quote closes against the word before it, after any punctuation (`ẩu"`, `an toàn."`), and
                // opens against the word after it (`"Thành`).
                let start = tokens.gapStart(next), tokenStart = Int(tokens[next].start)
                var position = start
                while position < tokenStart, tokens.scalars[position] != " ", tokens.scalars[position] != "\n" {
                    if tokens.scalars[position] == "\"" { inside = false }
                    position += 1
                }
                if tokenStart > start && tokens.scalars[tokenStart - 1] == "\"" { inside = true }
            }
            if gap.has(.openingQuote) { inside = true }
            next += 1
        }
        return inside
    }
}
