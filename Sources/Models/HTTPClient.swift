import CCurl
import Foundation

/// A small HTTP client over libcurl: JSON POST, server-sent-event streaming, connect / total /
/// idle timeouts, cancellation from Swift tasks, and retries with exponential backoff and
/// jitter that honour `Retry-After` on 429 and 503. 400/401/403/404/422 are not retried and
/// turn into a `ModelError` that says what to check (`401 from api.openai.com: check
/// OPENAI_API_KEY`). Secrets in the request are redacted from every message.
public struct HTTPClient: Sendable {
    /// Timeouts of each attempt.
    public var timeouts: HTTPTimeouts
    /// Retry policy.
    public var retry: RetryPolicy

    /// Creates a client.
    public init(timeouts: HTTPTimeouts = HTTPTimeouts(), retry: RetryPolicy = RetryPolicy()) {
        self.timeouts = timeouts
        self.retry = retry
    }

    /// Sends `request`, retrying retryable failures; `validate` turns a 2xx reply into the
    /// caller's result (throwing a retryable `ModelError` — e.g. a cut stream — retries too).
    public func send<Result: Sendable>(_ request: HTTPRequest,
                                       validate: @Sendable (HTTPResponse) throws -> Result) async throws -> Result {
        var attempt = 1
        while true {
            try checkCancelled()
            let retryAfter: Double?
            let failure: ModelError
            do {
                let response = try await sendOnce(request)
                if (200..<300).contains(response.status) {
                    do { return try validate(response) } catch let error as ModelError where error.isRetryable {
                        failure = error
                        retryAfter = nil
                    }
                } else {
                    failure = statusError(response, request: request)
                    let honours = response.status == 429 || response.status == 503
                    retryAfter = honours ? response.retryAfterSeconds : nil
                }
            } catch let error as ModelError where error.isRetryable {
                failure = error
                retryAfter = nil
            }
            guard failure.isRetryable, attempt < retry.maxAttempts else {
                throw attempt > 1 ? ModelError(failure.code, failure.message + " (after \(attempt) attempts)",
                                               httpStatus: failure.httpStatus, curlCode: failure.curlCode) : failure
            }
            let delay = retry.delay(beforeRetry: attempt, retryAfterSeconds: retryAfter)
            do { try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000)) } catch {
                throw ModelError(.cancelled, "request to \(request.host) cancelled")
            }
            attempt += 1
        }
    }

    /// One attempt, no retries: the reply whatever its status, or a transport `ModelError`.
    public func sendOnce(_ request: HTTPRequest) async throws -> HTTPResponse {
        let transfer = CurlTransfer(idleLimit: timeouts.idle, streaming: request.streaming)
        let timeouts = self.timeouts
        let (code, reason, response, sent) = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<(CURLcode, CurlTransfer.AbortReason?, HTTPResponse, Bool), Never>) in
                let thread = Thread { continuation.resume(returning: transfer.perform(request, timeouts: timeouts)) }
                thread.stackSize = 1 << 20
                thread.start()
            }
        } onCancel: {
            transfer.cancel()
        }
        if code == CURLE_OK { return response }
        throw transportError(code, reason: reason, request: request, sentWholeRequest: sent)
    }

    private func checkCancelled() throws {
        if Task.isCancelled { throw ModelError(.cancelled, "request cancelled") }
    }

    /// A timeout after the server got the whole request of a non-streamed call is not retried:
    /// the server may still be generating the abandoned reply, and a one-slot server (llama.cpp)
    /// would queue the retry behind it. A cut stream is retried: servers stop generating when
    /// a streaming client goes away.
    private func transportError(_ code: CURLcode, reason: CurlTransfer.AbortReason?, request: HTTPRequest,
                                sentWholeRequest: Bool) -> ModelError {
        let curl = Int(code.rawValue)
        let detail = String(cString: curl_easy_strerror(code))
        switch (reason, code) {
        case (.cancelled?, _):
            return ModelError(.cancelled, "request to \(request.host) cancelled", curlCode: curl)
        case (.idle?, _):
            return ModelError(.timeout, "no data from \(request.host) for \(format(timeouts.idle)) s (idle timeout); the server stalled — retry or raise the idle timeout", curlCode: curl)
        case (nil, CURLE_OPERATION_TIMEDOUT) where sentWholeRequest && !request.streaming:
            return ModelError(.timeout, "\(request.host) did not answer within \(format(timeouts.total)) s (total timeout); not retried, as the server may still be working on it — raise --model-timeout, lower the reply's max tokens, or use --stream", curlCode: curl, retryable: false)
        case (nil, CURLE_OPERATION_TIMEDOUT):
            return ModelError(.timeout, "\(request.host) timed out (connect \(format(timeouts.connect)) s, total \(format(timeouts.total)) s): \(detail)", curlCode: curl)
        default:
            return ModelError(.network, request.redact("cannot talk to \(request.host): \(detail) (curl \(curl)); check the base URL and that the server is running"), curlCode: curl)
        }
    }

    private func statusError(_ response: HTTPResponse, request: HTTPRequest) -> ModelError {
        let status = response.status
        let serverSays = request.redact(Self.errorSummary(response.text))
        let tail = serverSays.isEmpty ? "" : ": \(serverSays)"
        switch status {
        case 401, 403:
            return ModelError(.unauthorized, "\(status) from \(request.host): check \(request.credentialHint)\(tail)", httpStatus: status)
        case 408:
            return ModelError(.timeout, "408 from \(request.host): the server timed out waiting for the request\(tail)", httpStatus: status)
        case 429:
            return ModelError(.rateLimited, "429 from \(request.host): rate limited\(tail)", httpStatus: status)
        case 500...599:
            return ModelError(.serverError, "\(status) from \(request.host): server error\(tail)", httpStatus: status)
        case 404:
            return ModelError(.badRequest, "404 from \(request.host): check the base URL (it should end before /chat/completions or /messages) and the model name\(tail)", httpStatus: status)
        default:
            return ModelError(.badRequest, "\(status) from \(request.host): request rejected\(tail)", httpStatus: status)
        }
    }

    /// The provider's error message from a JSON error body (`error.message`), else the body's first line, shortened.
    static func errorSummary(_ body: String) -> String {
        let message = JSONDecoderHelpers.errorMessage(in: body)
            ?? body.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return message.count > 200 ? String(message.prefix(200)) + "…" : message
    }

    private func format(_ seconds: Double) -> String { String(format: "%g", seconds) }
}

/// Small JSON helpers shared by the wire formats.
enum JSONDecoderHelpers {
    /// `error.message` (OpenAI/Anthropic) or `error` (string) from a JSON body.
    static func errorMessage(in body: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else { return nil }
        if let error = object["error"] as? [String: Any], let message = error["message"] as? String { return message }
        if let error = object["error"] as? String { return error }
        return object["message"] as? String
    }
}
