/// One message of a conversation.
///
/// Assistant messages may carry `toolCalls`; a tool result is a `.tool` message whose
/// `toolCallID` names the call it answers.
public struct ChatMessage: Sendable, Codable, Hashable {
    /// Who speaks.
    public enum Role: String, Sendable, Codable, Hashable {
        /// Instructions for the model.
        case system
        /// The user (or the harness speaking for the user, e.g. observations in fenced mode).
        case user
        /// The model.
        case assistant
        /// The result of a tool call.
        case tool
    }

    /// Who speaks.
    public var role: Role
    /// The text of the message (may be empty for an assistant message that only calls tools).
    public var content: String
    /// Tool calls made by the assistant in this message.
    public var toolCalls: [ToolCall]
    /// For a `.tool` message: the id of the call this result answers.
    public var toolCallID: String?

    /// Creates a message.
    public init(role: Role, content: String, toolCalls: [ToolCall] = [], toolCallID: String? = nil) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
    }

    /// A system message.
    public static func system(_ content: String) -> ChatMessage { ChatMessage(role: .system, content: content) }
    /// A user message.
    public static func user(_ content: String) -> ChatMessage { ChatMessage(role: .user, content: content) }
    /// An assistant message, optionally with tool calls.
    public static func assistant(_ content: String, toolCalls: [ToolCall] = []) -> ChatMessage {
        ChatMessage(role: .assistant, content: content, toolCalls: toolCalls)
    }
    /// A tool result answering the call with id `callID`.
    public static func tool(callID: String, content: String) -> ChatMessage {
        ChatMessage(role: .tool, content: content, toolCallID: callID)
    }
}
