import Foundation
import Testing
@testable import Shell

/// Recursive grep over the packed corpus image prints exactly what the file-by-file walk prints.
@Suite struct CorpusImageTests {
    /// With a NUL byte in one file the image keeps the binary-file check; without any it skips it.
    @Test(arguments: [false, true])
    func imageSearchEqualsWalkSearch(withBinary: Bool) async throws {
        var files: [String: String] = [:]
        for index in 0..<40 {
            let folder = index % 3 == 0 ? "docs/a" : (index % 3 == 1 ? "docs/b/deep" : "notes")
            var text = (0..<(index % 7 + 1)).map { "line \($0) of file \(index)\(index % 5 == 0 ? " magic" : "") The end" }.joined(separator: "\n")
            if index % 4 != 0 { text += "\n" }
            if index == 13 { text = "The start without newline magic" }
            files["\(folder)/f\(String(format: "%02d", index)).txt"] = text
        }
        files["empty.txt"] = ""
        if withBinary { files["docs/a/blob.bin"] = "magic\u{0}bytes\nline magic\n" }
        let corpus = try CorpusFixture(files)
        let programs = ["grep -rn magic", "grep -rn magic .", "grep -r -c magic docs", "grep -rl magic docs notes", "grep -rn '^The' .",
                        "grep -rn -i 'THE END$' docs", "grep -r -C 1 -n magic", "grep -rv -n line notes", "grep -rL magic",
                        "grep -rq magic", "grep -r --include='f1*' -n magic", "grep -r --exclude-dir=deep -n magic docs",
                        "grep -rn -E 'file (1|2)[0-9]' docs/", "grep -rho 'f[a-z]* [0-9]*' .", "grep -rn zzz", "rg -n magic",
                        "grep -rn -w 'of' docs/b", "grep -rm1 -n line .", "grep -r magic docs/a", "grep -rc magic docs/a"]
        let walked = try corpus.session(limits: ShellLimits(imageMinimumFiles: Int.max))
        let imaged = try corpus.session(limits: ShellLimits(imageMinimumFiles: 1))
        for program in programs {
            let expected = await walked.run(program)
            let actual = await imaged.run(program)
            #expect(actual.output == expected.output, "\(program)")
            #expect(actual.exitStatus == expected.exitStatus, "\(program)")
        }
        let images = try FileManager.default.contentsOfDirectory(atPath: corpus.repository.gitDirectory.appendingPathComponent("fsctx/images").path)
        #expect(images.count == 1 && images[0].hasSuffix(".img"))
    }
}
