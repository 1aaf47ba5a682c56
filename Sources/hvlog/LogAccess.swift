import HypercallAnalysis
import HypercallLog
import HypercallLogSQLite
#if canImport(Glibc)
import Glibc
#endif

/// Opening logs by path for every command: `.hvl`, JSON Lines, SQLite exports, `-` for standard input.
enum LogAccess {
    static func isSQLite(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".sqlite") || lowered.hasSuffix(".sqlite3") || lowered.hasSuffix(".db")
    }

    static func openReader(_ path: String, salvage: Bool = false) throws -> any LogReader {
        isSQLite(path) ? try SQLiteLogReader(path: path) : try LogFormat.openReader(path: path, salvage: salvage)
    }

    /// Tells on standard error what a reader passed over: a torn tail, salvaged regions.
    static func reportDamage(_ reader: any LogReader, path: String) {
        let damage = reader.damage
        if damage.ignoredTailBytes > 0 {
            printError("\(path): ignored \(damage.ignoredTailBytes) bytes at the end: an incomplete last entry (the writer stopped mid-write)")
        }
        for region in damage.skipped {
            printError("\(path): salvage skipped \(region.length) damaged bytes at byte offset \(region.offset)")
        }
    }
}

func printError(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

/// A one-line progress counter on standard error, drawn only when it is a terminal.
final class ProgressLine {
    private let label: String
    private let enabled: Bool
    private var lastDraw: UInt64 = 0
    private var drawn = false

    init(_ label: String) {
        self.label = label
        enabled = isatty(STDERR_FILENO) == 1
    }

    /// Updates the count, redrawing at most four times a second.
    func update(_ count: Int, detail: String = "") {
        guard enabled else { return }
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let nanoseconds = UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
        guard nanoseconds - lastDraw >= 250_000_000 else { return }
        lastDraw = nanoseconds
        drawn = true
        var line = "\r\u{1B}[K\(label) \(count.grouped)\(detail.isEmpty ? "" : " " + detail)"
        line.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// Clears the line.
    func finish() {
        guard enabled, drawn else { return }
        var clear = "\r\u{1B}[K"
        clear.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}

