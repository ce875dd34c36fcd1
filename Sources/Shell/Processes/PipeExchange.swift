import Foundation

/// Feeds a child's standard input and drains its standard output and error at once (poll),
/// so neither side blocks; stops the child at the deadline or when its output passes the cap.
/// In a pipeline the child's standard input or output may be another process's pipe (descriptor
/// -1 here: nothing to feed or drain), and its output may go on to a `ByteStream` as it arrives.
struct PipeExchange {
    var stdinDescriptor: Int32
    var stdoutDescriptor: Int32
    var stderrDescriptor: Int32
    let input: [UInt8]
    let outputCap: Int
    /// Where standard output goes as it arrives, instead of `stdout`.
    let stream: ByteStream?
    var stdout: [UInt8] = []
    /// Bytes of standard output passed to `stream`.
    var streamed = 0
    var stderr: [UInt8] = []
    /// The most standard error kept.
    static let stderrCap = 64 << 10

    init(stdin: Int32, stdout: Int32, stderr: Int32, input: [UInt8], outputCap: Int, stream: ByteStream? = nil) {
        self.stream = stream
        stdinDescriptor = stdin
        stdoutDescriptor = stdout
        stderrDescriptor = stderr
        self.input = input
        self.outputCap = outputCap
    }

    /// Runs until both outputs close; returns why the child was stopped, if it was.
    mutating func run(deadline: Date, pid: pid_t) -> String? {
        for descriptor in [stdinDescriptor, stdoutDescriptor, stderrDescriptor] where descriptor >= 0 {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        if input.isEmpty && stdinDescriptor >= 0 { close(stdinDescriptor); stdinDescriptor = -1 }
        var written = 0
        var stopped: String?
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while stdoutDescriptor >= 0 || stderrDescriptor >= 0 {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                stopped = "the wall-time limit"
                kill(pid, SIGKILL)
                break
            }
            var polls: [pollfd] = []
            if stdinDescriptor >= 0 { polls.append(pollfd(fd: stdinDescriptor, events: Int16(POLLOUT), revents: 0)) }
            if stdoutDescriptor >= 0 { polls.append(pollfd(fd: stdoutDescriptor, events: Int16(POLLIN), revents: 0)) }
            if stderrDescriptor >= 0 { polls.append(pollfd(fd: stderrDescriptor, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&polls, nfds_t(polls.count), Int32(min(remaining * 1000 + 1, 1000)))
            if ready < 0 && errno != EINTR { break }
            guard ready > 0 else { continue }
            for entry in polls where entry.revents != 0 {
                if entry.fd == stdinDescriptor {
                    let count = input.withUnsafeBufferPointer { write(entry.fd, $0.baseAddress! + written, $0.count - written) }
                    if count > 0 { written += count }
                    if count < 0 && errno != EAGAIN && errno != EINTR || written >= input.count {
                        close(stdinDescriptor)
                        stdinDescriptor = -1
                    }
                    continue
                }
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if entry.fd == stdoutDescriptor, let stream {
                        let kept = min(count, outputCap - streamed)
                        streamed += count
                        if kept > 0 && !stream.append(Array(buffer[0..<kept])) {
                            // The reader is done (`head`): close, so the process's next write fails.
                            close(entry.fd)
                            stdoutDescriptor = -1
                        } else {
                            stream.waitForRoom(until: deadline)
                        }
                    } else if entry.fd == stdoutDescriptor {
                        stdout.append(contentsOf: buffer[0..<count])
                    } else if stderr.count < Self.stderrCap {
                        stderr.append(contentsOf: buffer[0..<min(count, Self.stderrCap - stderr.count)])
                    }
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    close(entry.fd)
                    if entry.fd == stdoutDescriptor { stdoutDescriptor = -1 } else { stderrDescriptor = -1 }
                }
            }
            if stdout.count > outputCap || streamed > outputCap {
                if stdout.count > outputCap { stdout.removeLast(stdout.count - outputCap) }
                stopped = "the output budget (\(outputCap) bytes)"
                kill(pid, SIGKILL)
                break
            }
        }
        for descriptor in [stdinDescriptor, stdoutDescriptor, stderrDescriptor] where descriptor >= 0 { close(descriptor) }
        stream?.finish()
        return stopped
    }
}
