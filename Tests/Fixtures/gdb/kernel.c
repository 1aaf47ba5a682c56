/*
 * Freestanding fixture: the dispatcher of dispatcher_core.h as a 32-bit Multiboot (v1) kernel that
 * qemu-system-x86_64 boots with -kernel under TCG. One CPU runs four simulated vCPUs (VP 0-3),
 * one guest hypercall of each in turn; the ground truth goes out on the Bochs/QEMU debug console
 * (port 0xE9, -debugcon), and the isa-debug-exit device (port 0xF4) ends QEMU with status
 * (0x10 << 1) | 1 = 33. Paging is off: virtual addresses are physical ones.
 *
 * Multiboot v1 (Multiboot Specification 0.6.96, section 3.1): header magic 0x1BADB002 in the first
 * 8 KiB, 4-byte aligned, flags, and a checksum making the three sum to zero; the loader enters in
 * 32-bit protected mode without a usable stack.
 */
#include "dispatcher_core.h"

#define VCPUS 4
#define CALLS_PER_VCPU 60

void fixture_spin(void) {}

__attribute__((section(".multiboot"), used, aligned(4))) static const u32 multiboot_header[3] = {
    0x1BADB002u, 0u, (u32)(0u - 0x1BADB002u)};

static u8 stack[16384] __attribute__((aligned(16)));
static struct vcpu cpus[VCPUS];

static inline void outb(unsigned short port, u8 value) { __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port)); }
static inline void outl(unsigned short port, u32 value) { __asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port)); }

static void emit(struct vcpu *cpu, u32 length) {
    u32 i;
    for (i = 0; i < length; i++) outb(0xE9, (u8)cpu->line[i]);
}

__attribute__((noreturn, used)) void kernel_main(void) {
    u32 i;
    int active = 1;
    for (i = 0; i < VCPUS; i++) vcpu_init(&cpus[i], i, CALLS_PER_VCPU);
    while (active) {
        active = 0;
        for (i = 0; i < VCPUS; i++) active |= vcpu_step(&cpus[i], emit);
    }
    outl(0xF4, 0x10);
    for (;;) __asm__ volatile("cli; hlt");
}

__attribute__((naked, noreturn)) void _start(void) {
    __asm__ volatile("mov %0, %%esp\n\tcall kernel_main" : : "i"(stack + sizeof(stack)));
}
