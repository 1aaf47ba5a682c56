/*
 * The kernel's share of a breakpoint logger: runs PROGRAM under ptrace with two hardware
 * breakpoints, as hvlog sets them through a GDB stub (`Z1` on the handler's entry, and on the
 * return address read at the first entry), and does nothing at a stop but PTRACE_CONT. No stub,
 * no protocol, no reads after the first stop: what two debug-register stops per call cost on this
 * machine before any debugger does any work. Used by `hvlog-bench gdb-latency` (the "ptrace
 * floor" row).
 *
 *   ptrace_floor STOPS-FILE ENTRY-ADDRESS PROGRAM [ARGS...]
 *
 * ENTRY-ADDRESS in hex. Writes the number of breakpoint stops after the first entry's to
 * STOPS-FILE (for a single-threaded PROGRAM: 2 x calls - 1) and exits with PROGRAM's status.
 *
 * Debug registers: DR0-DR3 hold the breakpoint addresses, DR7 enables them (Intel SDM Vol. 3B,
 * "Debug Registers", figure "Debug Registers": L0-L3 local enables at bits 0, 2, 4, 6; R/W0-R/W3
 * and LEN0-LEN3 in 4-bit groups from bit 16; R/W 00 breaks on instruction execution, LEN 00 is
 * one byte). The field constants are Linux's uapi <asm/debugreg.h>: DR_CONTROL_SHIFT 16,
 * DR_CONTROL_SIZE 4, DR_RW_EXECUTE 0, DR_LEN_1 0, DR_LOCAL_ENABLE 1, DR_ENABLE_SIZE 2. A tracer
 * writes them with PTRACE_POKEUSER at offsetof(struct user, u_debugreg[n]) (<sys/user.h>), the
 * address before the DR7 bits that enable it.
 * Built by hvlog-bench with gcc -O2.
 */
#define _GNU_SOURCE
#include <asm/debugreg.h>
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/types.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

static void fail(const char *what) {
    perror(what);
    exit(125);
}

static void poke_debug_register(pid_t pid, int number, unsigned long value) {
    if (ptrace(PTRACE_POKEUSER, pid, (void *)offsetof(struct user, u_debugreg[number]), (void *)value) != 0) fail("PTRACE_POKEUSER");
}

/* DR7 bits that enable breakpoint `number` as a 1-byte instruction-execution breakpoint. */
static unsigned long execute_breakpoint_bits(int number) {
    return ((unsigned long)DR_LOCAL_ENABLE << (number * DR_ENABLE_SIZE))
        | ((unsigned long)(DR_RW_EXECUTE | DR_LEN_1) << (DR_CONTROL_SHIFT + number * DR_CONTROL_SIZE));
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s STOPS-FILE ENTRY-ADDRESS PROGRAM [ARGS...]\n", argv[0]);
        return 2;
    }
    unsigned long entry = strtoul(argv[2], NULL, 16);
    pid_t pid = fork();
    if (pid < 0) fail("fork");
    if (pid == 0) {
        if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0) fail("PTRACE_TRACEME");
        execv(argv[3], argv + 3);
        fail(argv[3]);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status)) fail("waiting for the exec stop");
    poke_debug_register(pid, 0, entry);
    unsigned long control = execute_breakpoint_bits(0);
    poke_debug_register(pid, DR_CONTROL, control);
    long stops = 0;
    int first = 1;
    int signal_to_pass = 0;
    for (;;) {
        if (ptrace(PTRACE_CONT, pid, NULL, (void *)(long)signal_to_pass) != 0) fail("PTRACE_CONT");
        signal_to_pass = 0;
        if (waitpid(pid, &status, 0) != pid) fail("waitpid");
        if (WIFEXITED(status) || WIFSIGNALED(status)) break;
        if (WSTOPSIG(status) != SIGTRAP) { signal_to_pass = WSTOPSIG(status); continue; }
        if (first) {
            /* The first entry: the return address is at the stack pointer (System V AMD64 call). */
            struct user_regs_struct registers;
            if (ptrace(PTRACE_GETREGS, pid, NULL, &registers) != 0) fail("PTRACE_GETREGS");
            errno = 0;
            long return_address = ptrace(PTRACE_PEEKDATA, pid, (void *)registers.rsp, NULL);
            if (errno != 0) fail("PTRACE_PEEKDATA");
            poke_debug_register(pid, 1, (unsigned long)return_address);
            control |= execute_breakpoint_bits(1);
            poke_debug_register(pid, DR_CONTROL, control);
            first = 0;
        } else {
            stops++;
        }
    }
    FILE *file = fopen(argv[1], "w");
    if (!file) fail(argv[1]);
    fprintf(file, "%ld\n", stops);
    fclose(file);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
