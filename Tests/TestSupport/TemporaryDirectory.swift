import Foundation

// Shared by every test target (`@_exported` from each target's Support.swift).

/// A fresh folder under the system temp dir, removed when the value is dropped.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL

    public init(_ label: String = "fsctx-test") {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        // Work trees are made read-only; give write bits back so removal succeeds. Not through
        // `chmod -R` in a `Process`: a fixture released while the test process exits waited
        // forever in `waitUntilExit` (Foundation's run loop threads were gone).
        Self.addWriteBits(url.path)
        try? FileManager.default.removeItem(at: url)
    }

    /// `chmod -R u+w` with POSIX calls (symbolic links are not followed).
    private static func addWriteBits(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFDIR || kind == S_IFREG else { return }
        if info.st_mode & S_IWUSR == 0 { chmod(path, (info.st_mode & 0o7777) | S_IWUSR | (kind == S_IFDIR ? S_IXUSR : 0)) }
        guard kind == S_IFDIR, let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names { addWriteBits(path + "/" + name) }
    }
}

/// Runs a program and returns (status, stdout, stderr).
@discardableResult
public func run(_ executable: String, _ arguments: [String], in directory: URL? = nil, stdin: String? = nil) throws
    -> (status: Int32, stdout: String, stderr: String)
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

/// Runs the git CLI in `directory`.
@discardableResult
public func git(_ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: String, stderr: String) {
    try run("/usr/bin/git", ["-c", "safe.directory=*"] + arguments, in: directory)
}
