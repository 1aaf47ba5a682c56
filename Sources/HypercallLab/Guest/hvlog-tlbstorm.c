/*
 * hvlog-tlbstorm: the lab guest's workload. Makes a Linux guest flush other CPUs' TLBs and send
 * them IPIs, over and over, for a given time: on every online CPU it pins threads of one process
 * that map, touch, protect and unmap memory shared by all of them (each change to the shared
 * address space must be shot down on the other CPUs that run it), and pairs of threads on
 * different CPUs wake each other through pipes (reschedule IPIs).
 *
 * Usage: hvlog-tlbstorm SECONDS [THREADS_PER_CPU]
 * Prints one line of counts at the end. Built by hvlog with gcc -static -O2 -pthread.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

enum { PAGE = 4096, SMALL_PAGES = 4, BIG_PAGES = 64 };

static atomic_int stop;
static atomic_long small_unmaps, big_unmaps, protects, pingpongs;

struct worker {
    pthread_t thread;
    int cpu;
    int role; /* 0: memory churn, 1: ping sender, 2: ping receiver */
    int to_peer[2], from_peer[2];
};

static void pin(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0)
        fprintf(stderr, "tlbstorm: cannot pin to cpu %d: %s\n", cpu, strerror(errno));
}

static void touch(volatile char *memory, int pages) {
    for (int page = 0; page < pages; page++) memory[page * PAGE] = (char)page;
}

/* Small unmaps flush a list of pages, big ones (over the kernel's 33-page ceiling) the whole space. */
static void churn(void) {
    char *small = mmap(NULL, SMALL_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (small == MAP_FAILED) return;
    touch(small, SMALL_PAGES);
    if (mprotect(small, SMALL_PAGES * PAGE, PROT_READ) == 0) atomic_fetch_add(&protects, 1);
    mprotect(small, SMALL_PAGES * PAGE, PROT_READ | PROT_WRITE);
    touch(small, SMALL_PAGES);
    munmap(small, SMALL_PAGES * PAGE);
    atomic_fetch_add(&small_unmaps, 1);

    char *big = mmap(NULL, BIG_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (big == MAP_FAILED) return;
    touch(big, BIG_PAGES);
    munmap(big, BIG_PAGES * PAGE);
    atomic_fetch_add(&big_unmaps, 1);
}

static void *run(void *argument) {
    struct worker *worker = argument;
    pin(worker->cpu);
    char byte = 0;
    while (!atomic_load(&stop)) {
        switch (worker->role) {
        case 0:
            churn();
            break;
        case 1:
            if (write(worker->to_peer[1], &byte, 1) != 1 || read(worker->from_peer[0], &byte, 1) != 1) return NULL;
            atomic_fetch_add(&pingpongs, 1);
            churn();
            break;
        case 2:
            if (read(worker->to_peer[0], &byte, 1) != 1 || write(worker->from_peer[1], &byte, 1) != 1) return NULL;
            break;
        }
    }
    if (worker->role == 1) { /* release the receiver */
        close(worker->to_peer[1]);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s SECONDS [THREADS_PER_CPU]\n", argv[0]);
        return 2;
    }
    double seconds = atof(argv[1]);
    int per_cpu = argc > 2 ? atoi(argv[2]) : 2;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (cpus < 1) cpus = 1;
    if (per_cpu < 1) per_cpu = 1;

    int count = (int)cpus * per_cpu + (cpus > 1 ? 2 * (int)cpus : 0);
    struct worker *workers = calloc((size_t)count, sizeof *workers);
    int used = 0;
    for (int cpu = 0; cpu < cpus; cpu++)
        for (int index = 0; index < per_cpu; index++) workers[used++] = (struct worker){.cpu = cpu, .role = 0};
    if (cpus > 1) {
        /* A ping-pong pair from each CPU to the next one. */
        for (int cpu = 0; cpu < cpus; cpu++) {
            struct worker *sender = &workers[used++], *receiver = &workers[used++];
            *sender = (struct worker){.cpu = cpu, .role = 1};
            *receiver = (struct worker){.cpu = (int)((cpu + 1) % cpus), .role = 2};
            if (pipe(sender->to_peer) != 0 || pipe(sender->from_peer) != 0) return 1;
            memcpy(receiver->to_peer, sender->to_peer, sizeof sender->to_peer);
            memcpy(receiver->from_peer, sender->from_peer, sizeof sender->from_peer);
        }
    }
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int index = 0; index < used; index++) pthread_create(&workers[index].thread, NULL, run, &workers[index]);
    do {
        usleep(100000);
        clock_gettime(CLOCK_MONOTONIC, &now);
    } while ((double)(now.tv_sec - start.tv_sec) + (double)(now.tv_nsec - start.tv_nsec) / 1e9 < seconds);
    atomic_store(&stop, 1);
    for (int index = 0; index < used; index++) pthread_join(workers[index].thread, NULL);
    clock_gettime(CLOCK_MONOTONIC, &now);
    printf("tlbstorm: cpus=%ld threads=%d secs=%.2f small_munmap=%ld big_munmap=%ld mprotect=%ld pingpong=%ld\n", cpus, used,
           (double)(now.tv_sec - start.tv_sec) + (double)(now.tv_nsec - start.tv_nsec) / 1e9, atomic_load(&small_unmaps),
           atomic_load(&big_unmaps), atomic_load(&protects), atomic_load(&pingpongs));
    return 0;
}
