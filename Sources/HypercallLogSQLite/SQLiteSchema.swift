/// The SQLite schema of an exported log (documented in docs/log-formats.md).
///
/// 64-bit unsigned values (input and result values, addresses, partition ids) are stored as the
/// SQLite INTEGER with the same 64 bits; the views decode them.
enum SQLiteSchema {
    static let version = 1

    static let statements: [String] = [
        """
        CREATE TABLE log_header (
            format_version INTEGER NOT NULL, created_at_ns INTEGER NOT NULL, clock_origin_ns INTEGER,
            source_description TEXT NOT NULL)
        """,
        """
        CREATE TABLE calls (
            seq INTEGER PRIMARY KEY, entry_ns INTEGER, exit_ns INTEGER, source TEXT NOT NULL,
            partition_id INTEGER, role TEXT NOT NULL, vp INTEGER, vtl INTEGER, phase TEXT NOT NULL,
            caller_ip INTEGER, hiv INTEGER NOT NULL, code INTEGER NOT NULL, name TEXT NOT NULL,
            fast INTEGER NOT NULL, rep_count INTEGER NOT NULL, rep_start INTEGER NOT NULL,
            convention TEXT NOT NULL, input_gpa INTEGER, output_gpa INTEGER, input BLOB NOT NULL,
            output BLOB NOT NULL, hrv INTEGER, status INTEGER, status_name TEXT, reps_completed INTEGER,
            rep_group INTEGER)
        """,
        """
        CREATE TABLE markers (
            seq INTEGER PRIMARY KEY, time_ns INTEGER, kind TEXT NOT NULL, source TEXT NOT NULL, text TEXT NOT NULL)
        """,
        """
        CREATE TABLE attributes (
            seq INTEGER NOT NULL, position INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
            PRIMARY KEY (seq, position))
        """,
        "CREATE INDEX calls_by_code ON calls (code)",
        "CREATE INDEX calls_by_partition_phase ON calls (partition_id, phase)",
        "CREATE INDEX calls_by_phase_code ON calls (phase, code)",
        "CREATE INDEX attributes_by_key ON attributes (key, value)",
        """
        CREATE VIEW code_usage AS
            SELECT printf('0x%04X', code) AS code, name, role, partition_id, phase, count(*) AS calls,
                   sum(status IS NULL) AS incomplete, sum(coalesce(status != 0, 0)) AS failed
            FROM calls GROUP BY code, role, partition_id, phase ORDER BY code, role, partition_id, phase
        """,
        """
        CREATE VIEW status_counts AS
            SELECT printf('0x%04X', code) AS code, name, coalesce(status_name, 'incomplete') AS status, count(*) AS calls
            FROM calls GROUP BY code, status ORDER BY code, calls DESC
        """,
        """
        CREATE VIEW phase_summary AS
            SELECT phase, count(*) AS calls, count(DISTINCT code) AS distinct_codes,
                   min(entry_ns) AS first_entry_ns, max(coalesce(exit_ns, entry_ns)) AS last_ns
            FROM calls GROUP BY phase
        """,
        """
        CREATE VIEW handler_durations AS
            SELECT printf('0x%04X', code) AS code, name, count(*) AS calls, min(exit_ns - entry_ns) AS min_ns,
                   avg(exit_ns - entry_ns) AS mean_ns, max(exit_ns - entry_ns) AS max_ns
            FROM calls WHERE entry_ns IS NOT NULL AND exit_ns IS NOT NULL GROUP BY code
        """,
    ]
}
