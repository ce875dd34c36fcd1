import Foundation
import Testing

/// The `fsctx` binary that `swift build` / `swift test` put next to the test bundle.
enum CLI {
    static var binary: String {
        get throws {
            let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            let candidates = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("fsctx").path }
            return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
                                "fsctx binary not found next to the tests (\(candidates)); run `swift build` first")
        }
    }

    /// The repository root (for Benchmarks/run/fake_openai_server.py and corpora/).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `fsctx arguments…` to completion.
    @discardableResult
    static func fsctx(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let process = try start(arguments, in: directory, environment: environment)
        let out = process.standardOutput as! Pipe, err = process.standardError as! Pipe
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// Starts `fsctx arguments…` with piped output.
    static func start(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Starts the scripted loopback OpenAI-compatible server; returns it and its port.
    static func fakeModel(_ arguments: [String]) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("Benchmarks/run/fake_openai_server.py").path, "--lifetime", "60"]
            + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        var line = Data()
        while let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line.append(byte) }
        return (process, Int(String(decoding: line, as: UTF8.self).split(separator: " ").last ?? "") ?? 0)
    }
}
