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
        // Work trees are made read-only; give write bits back so removal succeeds.
        _ = try? run("/bin/chmod", ["-R", "u+w", url.path])
        try? FileManager.default.removeItem(at: url)
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
