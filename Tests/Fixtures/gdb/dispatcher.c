/*
 * Hosted fixture: one thread per simulated vCPU runs its hypercall script through
 * hv_handle_hypercall (dispatcher_core.h) and the ground truth is written to a file at the end.
 *
 *   dispatcher TRUTH-FILE [THREADS [CALLS-PER-VCPU [SPIN-NS]]]
 *   dispatcher --bench TIMINGS-FILE CALLS SPIN-NS
 *   dispatcher --exec PROGRAM [ARGS...]
 *
 * --bench calls the handler CALLS times from one thread (fast call 0x005D, like a short real
 * hypercall that spins SPIN-NS) and writes each call's duration in nanoseconds, one per line.
 * --exec unblocks every signal and executes PROGRAM: test runners may start children with
 * signals blocked, and gdbserver waits for SIGCHLD.
 * With FIXTURE_GATE=PATH in the environment the vCPUs start only once PATH exists (so that a
 * debugger can attach and set its breakpoints first).
 * Built by the tests with gcc -O0 -g -no-pie -pthread.
 */
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dispatcher_core.h"

static long spin_ns;

static u64 now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (u64)t.tv_sec * 1000000000ULL + (u64)t.tv_nsec;
}

void fixture_spin(void) {
    if (spin_ns <= 0) return;
    u64 until = now_ns() + (u64)spin_ns;
    while (now_ns() < until) {}
}

struct worker {
    pthread_t thread;
    struct vcpu cpu;
    char *truth;
    size_t length, capacity;
};

static void emit(struct vcpu *cpu, u32 length) {
    struct worker *worker = (struct worker *)((char *)cpu - offsetof(struct worker, cpu));
    if (worker->length + length + 1 > worker->capacity) {
        worker->capacity = 2 * (worker->capacity + length + 1);
        worker->truth = realloc(worker->truth, worker->capacity);
        if (!worker->truth) { perror("realloc"); exit(2); }
    }
    memcpy(worker->truth + worker->length, cpu->line, length);
    worker->length += length;
}

static void *run(void *argument) {
    struct worker *worker = argument;
    while (vcpu_step(&worker->cpu, emit)) {}
    return NULL;
}

static int bench(const char *path, long calls, long spin) {
    FILE *file = fopen(path, "w");
    u8 in[16] = {2, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
    u64 *durations = calloc((size_t)calls, sizeof(u64));
    if (!file || !durations) { perror(path); return 2; }
    spin_ns = spin;
    for (long i = 0; i < calls; i++) {
        u64 start = now_ns();
        hv_handle_hypercall(HIV(0x005D, 1, 0, 0), in, 0, 0x10, 0, 0, 16, 0);
        durations[i] = now_ns() - start;
    }
    for (long i = 0; i < calls; i++) fprintf(file, "%llu\n", durations[i]);
    fclose(file);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "--exec") == 0) {
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        execv(argv[2], argv + 2);
        perror(argv[2]);
        return 127;
    }
    if (argc >= 5 && strcmp(argv[1], "--bench") == 0) return bench(argv[2], atol(argv[3]), atol(argv[4]));
    if (argc < 2) { fprintf(stderr, "usage: %s TRUTH-FILE [THREADS [CALLS [SPIN-NS]]]\n", argv[0]); return 2; }
    int threads = argc > 2 ? atoi(argv[2]) : 4;
    int calls = argc > 3 ? atoi(argv[3]) : 50;
    spin_ns = argc > 4 ? atol(argv[4]) : 0;
    if (threads < 1 || threads > 64 || calls < 0) { fprintf(stderr, "bad arguments\n"); return 2; }
    const char *gate = getenv("FIXTURE_GATE");
    while (gate && access(gate, F_OK) != 0) usleep(1000);
    struct worker *workers = calloc((size_t)threads, sizeof(struct worker));
    if (!workers) return 2;
    for (int i = 0; i < threads; i++) {
        vcpu_init(&workers[i].cpu, (u32)i, (u32)calls);
        if (pthread_create(&workers[i].thread, NULL, run, &workers[i]) != 0) { perror("pthread_create"); return 2; }
    }
    for (int i = 0; i < threads; i++) pthread_join(workers[i].thread, NULL);
    FILE *file = fopen(argv[1], "w");
    if (!file) { perror(argv[1]); return 2; }
    for (int i = 0; i < threads; i++) fwrite(workers[i].truth, 1, workers[i].length, file);
    if (fclose(file) != 0) { perror(argv[1]); return 2; }
    return 0;
}
