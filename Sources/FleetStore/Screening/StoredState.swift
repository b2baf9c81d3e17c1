import Foundation
import GRDB

/// The latest run's `ScreeningState` as stored: a base, and the changes made since by
/// incremental runs (a delta, its removed plates marked). An incremental run writes the delta
/// only — rewriting the whole 26 MB state of 1M plates, and checkpointing it, was half of a
/// run after a small import. A full run, or a delta grown past a tenth of the base, writes a
/// new base.
enum StoredState {
    struct Loaded {
        var state: ScreeningState
        var delta: ScreeningState
        var baseCount: Int
    }

    /// The stored state if it is the state of run `run` (nil when missing or damaged).
    static func load(_ db: Database, run: Int64) throws -> Loaded? {
        guard try Int64.fetchOne(db, sql: "SELECT run_id FROM screening_state WHERE id = 1") == run,
              let data = try Data.fetchOne(db, sql: "SELECT data FROM screening_state_data WHERE part = 'base'"),
              let base = ScreeningState(decoding: data) else { return nil }
        var delta = ScreeningState()
        if let d = try Data.fetchOne(db, sql: "SELECT data FROM screening_state_data WHERE part = 'delta'") {
            guard let decoded = ScreeningState(decoding: d) else { return nil }
            delta = decoded
        }
        return Loaded(state: base.merging(delta), delta: delta, baseCount: base.count)
    }

    /// Records `state` as the state of run `run`: the changes since the stored base when given
    /// and small enough, else a new base.
    static func save(_ db: Database, run: Int64, state: ScreeningState, changesSinceBase delta: ScreeningState?, baseCount: Int) throws {
        if let delta, delta.count <= max(1_000, baseCount / 10) {
            try db.execute(sql: "INSERT OR REPLACE INTO screening_state_data (part, data) VALUES ('delta', ?)", arguments: [delta.encoded()])
        } else {
            try db.execute(sql: "INSERT OR REPLACE INTO screening_state_data (part, data) VALUES ('base', ?)", arguments: [state.encoded()])
            try db.execute(sql: "DELETE FROM screening_state_data WHERE part = 'delta'")
        }
        try db.execute(sql: "INSERT OR REPLACE INTO screening_state (id, run_id) VALUES (1, ?)", arguments: [run])
    }

    /// Records that run `run` left the state as it was.
    static func keep(_ db: Database, run: Int64) throws {
        try db.execute(sql: "UPDATE screening_state SET run_id = ? WHERE id = 1", arguments: [run])
    }
}
