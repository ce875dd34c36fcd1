import Foundation
import SharedValues
import Testing
@testable import Models

/// The direct JSON writer must give `JSONEncoder`'s bytes exactly: tool schemas' text enters
/// replay fingerprints and step records are compared across versions.
@Suite struct JSONValueWritingTests {
    static func encoderText(_ value: JSONValue, pretty: Bool) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func randomString(_ random: inout SeededGenerator) -> String {
        let pieces = ["a", "Z", "_", "-", "/", "\\", "\"", "\n", "\t", "\r", "\u{8}", "\u{c}", "\u{0}", "\u{1f}", "\u{7f}", "é", "😀",
                      "\u{2028}", " ", "10", "2", "see git show 1a2b3c4", "{}", "[", ":", ","]
        return (0..<random.below(8)).map { _ in random.pick(pieces) }.joined()
    }

    static func randomValue(_ random: inout SeededGenerator, depth: Int = 0) -> JSONValue {
        switch random.below(depth > 3 ? 4 : 6) {
        case 0: return .null
        case 1: return .bool(random.below(2) == 0)
        case 2:
            let numbers: [Double] = [0, -0.0, 1, -5, 0.7, 1e-5, 1e15, 1e21, 123456.789, 0.1 + 0.2, 999_999_999_999_999, -2.5, 3e300]
            return .number(random.pick(numbers))
        case 3: return .string(randomString(&random))
        case 4: return .array((0..<random.below(4)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            var object: [String: JSONValue] = [:]
            for _ in 0..<random.below(5) { object[randomString(&random)] = randomValue(&random, depth: depth + 1) }
            return .object(object)
        }
    }

    @Test func writesWhatJSONEncoderWrites() {
        var random = SeededGenerator(seed: 11)
        for _ in 0..<2000 {
            let value = Self.randomValue(&random)
            #expect(value.writtenText() == Self.encoderText(value, pretty: false), "\(value)")
            #expect(value.writtenText(pretty: true) == Self.encoderText(value, pretty: true), "\(value)")
        }
        #expect(JSONValue.array([.number(.infinity)]).writtenText() == nil)
        #expect(JSONValue.array([.number(.nan)]).jsonText == "null")
    }

    @Test func commitMarkerScan() {
        #expect(ModelRequest.containsMarker("[step 3: grep x → 2 lines, see git show 1a2b3c4]"))
        #expect(!ModelRequest.containsMarker("see git sho"))
        #expect(!ModelRequest.containsMarker("ssee git showe"))
        #expect(ModelRequest.containsMarker("ssee git show "))
        #expect(ModelRequest.withoutCommitIDs("a, see git show 1a2b3c4] b") == "a, see git show <commit>] b")
    }
}

/// The direct parser must accept what `JSONDecoder` accepts and give the same values.
@Suite struct JSONValueParsingTests {
    static func decoderValue(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test func roundTripsWhatTheWriterWrites() {
        var random = SeededGenerator(seed: 12)
        for _ in 0..<2000 {
            let value = JSONValueWritingTests.randomValue(&random)
            #expect(JSONValue(parsing: value.jsonText) == value, "\(value.jsonText)")
            #expect(JSONValue(parsing: value.writtenText(pretty: true)!) == value)
        }
    }

    @Test func agreesWithJSONDecoder() {
        let texts = [
            #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#, " [ 1 , 2 ] ", "5", "-0", "1.5e-3", "2E+10", #""\u00e9\ud83d\ude00\/\b\f\n\r\t""#,
            #"{"a":1,"a":2}"#, "[]", "{}", #"{"k": "v" }"#, "1e400", "01", "1.", ".5", "+1", "-", "[1,]", "{,}", #"{"a":}"#, "[1 2]",
            #""\ud800""#, #""\udc00x""#, #""\x""#, "\"a\nb\"", "\"unterminated", "tru", "nul", "[1]x", "", "   ", "NaN", "[", "{\"a\":1",
            #"{"choices":[{"delta":{"content":"Hi"},"finish_reason":null}],"model":"m"}"#, "123456789012345678901234567890", "-1.25E-7",
            #"{"a":1,}"#, "[1,,]", "[,]", "[1, ]",
        ]
        for text in texts {
            #expect(JSONValue(parsing: text) == Self.decoderValue(text), "\(text)")
        }
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(JSONValue(parsing: deep) == nil)
    }
}
