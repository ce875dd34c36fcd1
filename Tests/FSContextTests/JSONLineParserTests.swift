import Foundation
import Testing
@testable import FSContext

@Suite("JSONLineParser")
struct JSONLineParserTests {
    func parse(_ line: String, _ fields: [String] = ["text", "title", "id"]) -> JSONLineParser.Outcome {
        Array(line.utf8).withUnsafeBytes { JSONLineParser(fields: fields).parse($0) }
    }

    @Test("decodes strings exactly as Foundation does, across escapes and 8-byte boundaries")
    func decodesLikeFoundation() throws {
        let texts = ["", "a", "plain ascii text that runs past several eight byte words",
                     "quote \" backslash \\ slash / tab \t newline \n end", "é😀 mixed \u{1} control", "12345678\"12345678\\x"]
        for text in texts {
            let line = String(decoding: try JSONSerialization.data(withJSONObject: ["text": text, "n": [1, 2.5, -3e2, true, NSNull()]]), as: UTF8.self)
            guard case .object(let found) = parse(line) else { Issue.record("rejected \(line)"); continue }
            #expect(found["text"].map { String(decoding: $0, as: UTF8.self) } == text)
        }
        guard case .object(let found) = parse(#"{"id": 42, "title":"\u00e9\ud83d\ude00"}"#) else { Issue.record("rejected"); return }
        #expect(found["id"] == Array("42".utf8))
        #expect(found["title"] == Array("é😀".utf8))
        #expect(found["text"] == nil)
        guard case .object(let bom) = parse("\u{FEFF}{\"text\":\"x\"}\r\n") else { Issue.record("BOM line rejected"); return }
        #expect(bom["text"] == [0x78])
    }

    @Test("malformed lines give a reason")
    func malformed() {
        for line in ["", "[1,2]", "{", #"{"a":1,}"#, #"{"a" 1}"#, #"{"a":tru}"#, #"{"a":"x"} extra"#, "{\"a\":\"\u{1}\"}", #"{"a":"\x"}"#] {
            guard case .malformed(let reason) = parse(line) else { Issue.record("accepted \(line)"); continue }
            #expect(!reason.isEmpty)
        }
    }
}
