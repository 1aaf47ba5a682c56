#if canImport(Glibc)
import Glibc
#endif

/// Starting a helper process with some of this process's descriptors as its own (`posix_spawn`).
public enum ChildProcess {
    /// Starts `arguments[0]` (a path) with `arguments`, the environment of this process, and each
    /// `(source, number)` descriptor as `number` in the child (`dup2` clears close-on-exec on the
    /// copy, POSIX `posix_spawn_file_actions_adddup2`); every other descriptor of hvlog's is
    /// close-on-exec. Returns the child's process id.
    public static func spawn(_ arguments: [String], descriptors: [(source: Int32, number: Int32)]) throws(GDBError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (source, number) in descriptors { posix_spawn_file_actions_adddup2(&actions, source, number) }
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ)
        guard status == 0 else { throw .connection("cannot start \(arguments[0]): \(String(cString: strerror(status)))") }
        return pid
    }

    /// Waits for the child `pid` to end; its exit status, or 128 + the signal that killed it.
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
