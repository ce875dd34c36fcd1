/// Notices an agent that goes round in circles: the same action with the same observation
/// `repeats` times in a row, or `turnsWithoutAction` model turns in a row with no tool call
/// and no program. The agent then ends with stop reason `stuck` instead of burning its budget.
struct StuckDetector {
    let repeats: Int
    let turnsWithoutAction: Int
    private var last: String?
    private var sameInARow = 0
    private var idleTurns = 0

    init(repeats: Int, turnsWithoutAction: Int) {
        self.repeats = max(2, repeats)
        self.turnsWithoutAction = max(1, turnsWithoutAction)
    }

    /// Notes an action and what it printed; true when it is the `repeats`-th identical one in a row.
    mutating func noteAction(_ action: String, observation: String) -> Bool {
        idleTurns = 0
        let key = action + "\u{0}" + observation
        sameInARow = key == last ? sameInARow + 1 : 1
        last = key
        return sameInARow >= repeats
    }

    /// Notes a model turn with no action; true when there were `turnsWithoutAction` in a row.
    mutating func noteTurnWithoutAction() -> Bool {
        idleTurns += 1
        return idleTurns >= turnsWithoutAction
    }

    /// Why the agent is stuck, for the record.
    func reason(idle: Bool) -> String {
        idle ? "\(turnsWithoutAction) turns in a row without a tool call"
            : "the same action with the same output \(repeats) times in a row"
    }
}
