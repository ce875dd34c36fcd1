import Foundation
import SharedValues
import Testing
@testable import Shell

/// Our tools against GNU grep, wc, sort, uniq, head, tail and cut (LC_ALL=C) on a generated
/// corpus: identical output and exit status for every supported flag.
@Suite(.serialized, .enabled(if: gnuToolsPresent, "needs GNU grep and coreutils (Linux)"))
struct DifferentialTests {
    static let fixture: CorpusFixture = {
        var generator = SeededGenerator(seed: 42)
        var files: [String: String] = [:]
        let words = ["the", "The", "nation", "station", "action", "foo", "bar", "foo.bar", "abcd", "ab", "cd", "x", "xx",
                     "Magic", "magic", "MAGIC", "tion", "under_score", "42", "1234", "7", "-3", "3.5", "a:b", "q\tz",
                     "tiontion", "Nationtions", "tion_x"]
        for file in 0..<6 {
            var lines: [String] = []
            for _ in 0..<(40 + file * 15) {
                let count = Int(generator.next() % 9)
                if count == 0 { lines.append(""); continue }
                var line = (0..<count).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
                if generator.next() % 5 == 0 { line = "  " + line }
                if generator.next() % 7 == 0 { line += ":" + String(generator.next() % 100) + ":tail" }
                lines.append(line)
                if generator.next() % 6 == 0 { lines.append(line) }
            }
            let name = file < 4 ? "docs/f\(file).txt" : "docs/sub/g\(file).log"
            files[name] = lines.joined(separator: "\n") + (file == 5 ? "" : "\n")
        }
        files[oddFile] = oddText(&generator)
        return try! CorpusFixture(files)
    }()

    static let files = "docs/f0.txt docs/f1.txt docs/f2.txt docs/f3.txt docs/sub/g4.log docs/sub/g5.log"

    /// Real text's odd bytes: C1 controls (U+0097 as a dash, U+0085), NBSP, tabs and CRs, alone
    /// between spaces and inside words, next to plain words.
    static let oddFile = "docs/odd/h6.txt"
    static func oddText(_ generator: inout SeededGenerator) -> String {
        let words = ["word", "\u{97}", "a\u{97}b", "\u{A0}", "x\u{A0}y", "\u{85}", "\t", "tab\tbed", "end\r", "\r", "magic", "MAGIC",
                     "under_score", "42", "foo.bar", "\u{97}\u{97}", "\u{A0}magic", "magic\u{97}", "a:b", "\u{1}", "\u{7F}", "x"]
        var lines: [String] = []
        for _ in 0..<120 {
            let count = Int(generator.next() % 8)
            let separators = [" ", " ", " ", "\t", "  ", "\u{A0}"]
            var line = ""
            for index in 0..<count {
                if index > 0 { line += separators[Int(generator.next() % UInt64(separators.count))] }
                line += words[Int(generator.next() % UInt64(words.count))]
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs `tool arguments` here and in bash with GNU tools under `locale` (C: bytes, as our
    /// tools work, save `wc -m`, which counts UTF-8 characters as GNU does under C.UTF-8).
    func compare(_ tool: String, _ arguments: String, sortLines: Bool = false, locale: String = "C",
                 sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let program = "\(tool) \(arguments)"
        let ours = try await Self.fixture.run(program, limits: ShellLimits(maxOutputBytes: 1 << 24))
        let theirs = try run("/usr/bin/env", ["LC_ALL=\(locale)", "bash", "-c", program], in: Self.fixture.root)
        // Lines split on "\n" alone (a Swift Character joins "\r\n"); our output's one notice
        // for invalid UTF-8 (cut -c inside a character) is ours only: GNU prints the bytes.
        let normalize = { (text: String) in
            sortLines ? text.utf8.split(separator: 10).map { String(decoding: $0, as: UTF8.self) }.sorted().joined(separator: "\n") : text
        }
        let shown = ours.output.replacingOccurrences(of: #"\[fsctx: [0-9]+ invalid UTF-8 sequences? shown as U\+FFFD\]\n"#, with: "",
                                                     options: .regularExpression)
        #expect(normalize(shown) == normalize(theirs.stdout), "\(program)", sourceLocation: sourceLocation)
        #expect(ours.exitStatus == theirs.status, "\(program): status", sourceLocation: sourceLocation)
    }

    static let grepFlags = ["", "-n", "-i", "-w", "-x", "-v", "-c", "-l", "-L", "-o", "-h", "-H", "-m 2", "-q", "-s", "-A 1",
                            "-B 2", "-C 1", "-n -C 2", "-c -v", "-o -i", "-n -m1 -A2", "-v -n -B1", "-in", "-wc", "-ohn",
                            "-m 3 -c", "-l -v", "-L -i", "-n -A 3 -B 1", "-x -v -c", "--max-count=1 -n", "-nH -C 0"]
    static let grepPatterns = ["magic", "'tion\\b'", "'^The'", "'[0-9]\\{2,\\}'", "'\\(ab\\|cd\\)'", "-E '(ab|cd)+'",
                               "-E 'foo\\.bar|station'", "-F 'foo.bar'", "-P '\\w+tion\\b'", "'x*'", "'\\<the\\>'",
                               "-E '[[:upper:]][a-z]+'", "-e foo -e 7", "'a:b'", "-i 'MAGIC'", "'end$'", "'q.z'", "zzzz", "-E 'ab|abcd'", "'station\\|nation'", "-F -e foo -e bar", "-E '\\w+tion\\b'", "'\\w*a'", "-P '\\w+o'", "-P '\\w*bar\\b'", "-i -E '\\w+ation'",
                               "-E '\\w+tion[a-z]*'", "-E '\\w+tion\\B'", "'\\w\\+ation\\b'", "-i -E '\\w+TION\\b'"]

    @Test(arguments: grepFlags)
    func grepMatchesGNU(flags: String) async throws {
        for pattern in Self.grepPatterns {
            try await compare("grep", "\(flags) \(pattern) \(Self.files)")
        }
        try await compare("grep", "\(flags) magic docs/f0.txt")
    }

    @Test func grepRecursiveMatchesGNU() async throws {
        for arguments in ["-rn magic", "-rn magic .", "-r -i the docs", "-rc tion docs", "-rl foo docs", "-r --include='*.log' -n bar docs",
                          "-r --exclude='*.log' -c bar docs", "-r --exclude-dir=sub -l magic .", "-rh -o 'x\\+' docs", "-rL zzz docs"] {
            try await compare("grep", arguments, sortLines: true)
        }
        for arguments in ["-n magic docs", "-n 'bad\\(' docs/f0.txt", "-E 'a{1' docs/f0.txt", "magic nope.txt", "-s magic nope.txt"] {
            let ours = try await Self.fixture.run("grep \(arguments)")
            let theirs = try run("/usr/bin/env", ["LC_ALL=C", "bash", "-c", "grep \(arguments)"], in: Self.fixture.root)
            #expect(ours.exitStatus == theirs.status, "grep \(arguments)")
            #expect(ours.output.isEmpty == (theirs.stderr.isEmpty && theirs.stdout.isEmpty), "grep \(arguments): \(ours.output)")
        }
    }

    @Test func textToolsMatchGNU() async throws {
        for (tool, variants) in [
            ("wc", ["", "-l", "-w", "-c", "-lw", "-m", "-l docs/f0.txt", "docs/f0.txt", "-c docs/f0.txt docs/f1.txt"]),
            ("head", ["", "-n 3", "-3", "-n -5", "-c 20", "-n 2 docs/f1.txt docs/f2.txt", "-q -n1 docs/f1.txt docs/f2.txt"]),
            ("tail", ["", "-n 3", "-n +4", "-c 15", "-n 2 docs/f1.txt docs/f2.txt"]),
            ("sort", ["", "-r", "-n", "-u", "-n -r", "-k2", "-k2,2", "-k 2,2 -n", "-t: -k2,2n", "-f", "-u -f", "-rn -k3", "-k2,2 -u"]),
            ("uniq", ["", "-c", "-d", "-u", "-i", "-ci"]),
            ("cut", ["-d' ' -f1", "-d' ' -f2-3", "-d: -f2", "-d: -f1,3 -s", "-c1-5", "-f2", "-d' ' -f-2", "-c3-"]),
        ] {
            for flags in variants {
                let input = flags.contains("docs/") ? "" : (tool == "uniq" || tool == "sort" ? " docs/f2.txt" : " docs/f3.txt")
                try await compare(tool, flags + input)
                if tool == "wc" && !flags.contains("docs/") { try await compare("cat docs/f1.txt |", "wc \(flags)") }
            }
        }
        try await compare("sort docs/f1.txt | uniq -c | sort -rn | head -5", "")
    }

    /// wc, grep -w, cut and sort on lines with C1 controls, NBSP, tabs and CRs (issue 15: GNU
    /// wc counts no word for a lone non-printable sequence between spaces).
    @Test func oddBytesMatchGNU() async throws {
        let file = Self.oddFile
        for flags in ["", "-w", "-l", "-c", "-lwc"] {
            try await compare("wc", "\(flags) \(file)")
            try await compare("cat \(file) |", "wc \(flags)")
        }
        try await compare("wc", "-m \(file)", locale: "C.UTF-8")
        for pattern in ["magic", "word", "a", "b", "x", "y", "end", "bed", "tab", "'[a-z]*'", "-E 'a.b'", "-i magic", "-F -e x -e y"] {
            for flags in ["-w", "-wn", "-wc", "-wo", "-w -v -c", "-n", "-o"] {
                try await compare("grep", "\(flags) \(pattern) \(file)")
            }
        }
        for flags in ["-f1", "-f2", "-f2-", "-d' ' -f1", "-d' ' -f2-3", "-d' ' -f2 -s", "-c1-3", "-c2-", "-b1-4"] {
            try await compare("cut", "\(flags) \(file)")
        }
        for flags in ["", "-r", "-u", "-f", "-k2", "-k2,2", "-t' ' -k2,2", "-n", "-b -k2"] {
            try await compare("sort", "\(flags) \(file)")
        }
        try await compare("sort \(file) | uniq -c | sort -rn | head -8", "")
    }
}

/// Whether `grep` here is GNU grep (the differential tests compare against GNU behaviour).
let gnuToolsPresent: Bool = ((try? run("/usr/bin/env", ["grep", "--version"]))?.stdout.contains("GNU grep")) ?? false
