import SharedValues
import Testing
@testable import Shell

/// `ShellWords` (the shared quote/split pair the offline model and the tool catalog use) must read
/// simple commands exactly as the Shell's own parser does.
@Suite struct ShellWordsTests {
    /// The words of the first simple command of `program`, as the Shell parser reads them.
    static func parserWords(_ program: String) -> [String]? {
        guard case .success(let node) = ShellParser.parse(program) else { return nil }
        var first = node
        while true {
            switch first {
            case .sequence(let items): first = items[0]
            case .pipeline(let stages, _): first = stages[0]
            case .and(let left, _), .or(let left, _): first = left
            case .simple(let command):
                return command.words.map { word in
                    word.parts.map { part in if case .literal(let text, _) = part { text } else { "<expansion>" } }.joined()
                }
            default: return nil
            }
        }
    }

    @Test("quote → split and quote → the Shell parser give the text back", arguments: [
        "plain", "two words", "it's", "a'b'c", "\"double\"", "back\\slash", "tab\there", "semi;colon|pipe&amp", "", "'", "$HOME `x`",
    ])
    func roundTrip(_ text: String) {
        let program = "grep -rn -i -F -e \(ShellWords.quote(text)) . | head -40"
        #expect(ShellWords.split(program) == ["grep", "-rn", "-i", "-F", "-e", text, "."])
        #expect(Self.parserWords(program) == ["grep", "-rn", "-i", "-F", "-e", text, "."])
    }

    @Test("split agrees with the Shell parser on simple commands", arguments: [
        "read 'parts/0001.txt' 10 40", "answer --confidence 80 -- 'the answer'", "ls docs", "grep -e \"a b\" x",
        "echo a\\ b 'c'\"d\" e; ls", "cat 'x y'|wc -l", "find . -name '*.txt' && ls",
    ])
    func agreesWithParser(_ program: String) {
        #expect(ShellWords.split(program) == Self.parserWords(program), "\(program)")
    }
}
