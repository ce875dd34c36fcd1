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
        return try! CorpusFixture(files)
    }()

    static let files = "docs/f0.txt docs/f1.txt docs/f2.txt docs/f3.txt docs/sub/g4.log docs/sub/g5.log"

    func compare(_ tool: String, _ arguments: String, sortLines: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let program = "\(tool) \(arguments)"
        let ours = try await Self.fixture.run(program, limits: ShellLimits(maxOutputBytes: 1 << 24))
        let theirs = try run("/usr/bin/env", ["LC_ALL=C", "bash", "-c", program], in: Self.fixture.root)
        let normalize = { (text: String) in sortLines ? text.split(separator: "\n").sorted().joined(separator: "\n") : text }
        #expect(normalize(ours.output) == normalize(theirs.stdout), "\(program)", sourceLocation: sourceLocation)
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
}

/// Whether `grep` here is GNU grep (the differential tests compare against GNU behaviour).
let gnuToolsPresent: Bool = ((try? run("/usr/bin/env", ["grep", "--version"]))?.stdout.contains("GNU grep")) ?? false
