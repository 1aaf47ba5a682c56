/*
 * A deterministic "hypervisor hypercall dispatcher" for hvlog's GDB capture tests.
 *
 * Shared by the hosted program (dispatcher.c, one thread per vCPU, run under gdbserver) and the
 * freestanding Multiboot image (kernel.c, booted by QEMU). Each simulated vCPU follows a script of
 * guest hypercalls derived from its VP index; every call goes through hv_handle_hypercall, the
 * function hvlog puts its breakpoints on. After each handler invocation the caller writes one
 * ground-truth line:
 *
 *   vp V part P vtl T hiv HHHHHHHHHHHHHHHH hrv RRRRRRRRRRRRRRRR in HEX|- out HEX|-
 *
 * Layouts modelled on the TLFS call shapes (hvlog's catalog evidence for each code):
 *   0x0002 HvCallFlushVirtualAddressSpace  simple, 24-byte input, no output
 *   0x0003 HvCallFlushVirtualAddressList   rep, 24-byte header + 8-byte GVA elements, no output
 *   0x0050 HvCallGetVpRegisters            rep, 16-byte header + 4-byte names in, 16-byte values out
 *   0x005D HvCallSignalEvent               fast, 8-byte input (RDX, R8 image of 16 bytes)
 *   0x0046                                 simple, 8 bytes in, 8 bytes out (sizes only from the caller)
 *   0x7FF0                                 unknown code: HV_STATUS_INVALID_HYPERCALL_CODE
 * The handler completes at most MAX_REPS_PER_CALL reps per invocation, so rep calls continue
 * (the caller re-issues with RepStartIndex = RepsCompleted, as a guest does).
 */
#ifndef DISPATCHER_CORE_H
#define DISPATCHER_CORE_H

typedef unsigned long long u64;
typedef unsigned int u32;
typedef unsigned char u8;

/* HV_STATUS values (TLFS; hvlog StatusTable). */
#define HV_STATUS_SUCCESS 0x0000
#define HV_STATUS_INVALID_HYPERCALL_CODE 0x0002
#define HV_STATUS_INVALID_HYPERCALL_INPUT 0x0003
#define HV_STATUS_INVALID_PARAMETER 0x0005
#define HV_STATUS_ACCESS_DENIED 0x0006

/* Hypercall input value fields (TLFS): code 0-15, fast 16, rep count 32-43, rep start 48-59. */
#define HIV(code, fast, count, start) \
    ((u64)(code) | ((u64)(fast) << 16) | ((u64)(count) << 32) | ((u64)(start) << 48))
#define HIV_REP_COUNT(hiv) ((u32)(((hiv) >> 32) & 0xFFF))
#define HIV_REP_START(hiv) ((u32)(((hiv) >> 48) & 0xFFF))
#define HRV(status, completed) ((u64)(status) | ((u64)(completed) << 32))

#define MAX_REPS_PER_CALL 4
#define BLOCK_BYTES 512

/* Set by the hosted program for the benchmark: the handler spins this long (ns), 0 = no spin. */
extern void fixture_spin(void);

static u64 mix64(u64 x) {
    x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53ULL; x ^= x >> 33;
    return x;
}

/* The handler: what a hypervisor's hypercall dispatcher calls for every hypercall. */
__attribute__((noinline, used)) u64 hv_handle_hypercall(
    u64 hiv, const u8 *in, u8 *out, u64 partition, u32 vp, u32 vtl, u32 in_size, u32 out_size)
{
    u32 code = (u32)(hiv & 0xFFFF), count = HIV_REP_COUNT(hiv), start = HIV_REP_START(hiv);
    u64 seed = mix64(partition ^ ((u64)vp << 40) ^ vtl);
    u32 i, done;
    fixture_spin();
    if (in_size > BLOCK_BYTES || out_size > BLOCK_BYTES) return HRV(HV_STATUS_INVALID_PARAMETER, 0);
    switch (code) {
    case 0x0002:
        if ((in[16] & 0x80) != 0) return HRV(HV_STATUS_INVALID_PARAMETER, 0);
        return HRV(HV_STATUS_SUCCESS, 0);
    case 0x0003:
        done = start;
        for (i = 0; i < MAX_REPS_PER_CALL && done < count; i++) done++;
        return HRV(HV_STATUS_SUCCESS, done);
    case 0x0050:
        if (vtl > 1) return HRV(HV_STATUS_ACCESS_DENIED, start);
        done = start;
        for (i = 0; i < MAX_REPS_PER_CALL && done < count; i++, done++) {
            u64 name = (u64)in[16 + 4 * done] | ((u64)in[17 + 4 * done] << 8) | ((u64)in[18 + 4 * done] << 16) | ((u64)in[19 + 4 * done] << 24);
            u64 low = mix64(seed ^ name), high = mix64(low + done);
            u32 b;
            if (name == 0xDEAD) return HRV(HV_STATUS_INVALID_PARAMETER, done);
            for (b = 0; b < 8; b++) { out[16 * done + b] = (u8)(low >> (8 * b)); out[16 * done + 8 + b] = (u8)(high >> (8 * b)); }
        }
        return HRV(HV_STATUS_SUCCESS, done);
    case 0x005D:
        return HRV((in[0] & 1) ? HV_STATUS_INVALID_PARAMETER : HV_STATUS_SUCCESS, 0);
    case 0x0046: {
        u64 value = mix64(seed ^ in[0] ^ ((u64)in[7] << 56));
        for (i = 0; i < 8 && i < out_size; i++) out[i] = (u8)(value >> (8 * i));
        return HRV(HV_STATUS_SUCCESS, 0);
    }
    default:
        return HRV(HV_STATUS_INVALID_HYPERCALL_CODE, 0);
    }
}

/* One simulated vCPU's script state. */
struct vcpu {
    u32 vp, vtl, calls_left;
    u64 partition, rng;
    u8 in[BLOCK_BYTES], out[BLOCK_BYTES];
    char line[3 * BLOCK_BYTES + 160];
};

static u64 next_random(struct vcpu *cpu) {
    cpu->rng ^= cpu->rng << 13; cpu->rng ^= cpu->rng >> 7; cpu->rng ^= cpu->rng << 17;
    return cpu->rng;
}

static void vcpu_init(struct vcpu *cpu, u32 vp, u32 calls) {
    cpu->vp = vp;
    cpu->vtl = vp % 3;
    cpu->calls_left = calls;
    cpu->partition = 0x10 + vp / 2;
    cpu->rng = mix64(0x9E3779B97F4A7C15ULL * (vp + 1));
}

static char *put_hex(char *p, u64 value, int digits) {
    static const char hex[] = "0123456789abcdef";
    int i;
    for (i = digits - 1; i >= 0; i--) *p++ = hex[(value >> (4 * i)) & 0xF];
    return p;
}

static char *put_bytes(char *p, const u8 *bytes, u32 count) {
    u32 i;
    if (count == 0 || bytes == 0) { *p++ = '-'; return p; }
    for (i = 0; i < count; i++) p = put_hex(p, bytes[i], 2);
    return p;
}

static char *put_text(char *p, const char *text) { while (*text) *p++ = *text++; return p; }

/* Formats one ground-truth line into cpu->line (NUL-terminated, with newline); returns its length. */
static u32 format_truth(struct vcpu *cpu, u64 hiv, u64 hrv, const u8 *in, u32 in_bytes, const u8 *out, u32 out_bytes) {
    char *p = cpu->line;
    p = put_text(p, "vp "); p = put_hex(p, cpu->vp, 4);
    p = put_text(p, " part "); p = put_hex(p, cpu->partition, 16);
    p = put_text(p, " vtl "); p = put_hex(p, cpu->vtl, 2);
    p = put_text(p, " hiv "); p = put_hex(p, hiv, 16);
    p = put_text(p, " hrv "); p = put_hex(p, hrv, 16);
    p = put_text(p, " in "); p = put_bytes(p, in, in_bytes);
    p = put_text(p, " out "); p = put_bytes(p, out, out_bytes);
    *p++ = '\n';
    *p = 0;
    return (u32)(p - cpu->line);
}

/* Runs one guest hypercall of the script (several handler invocations for a continued rep call);
 * calls emit(cpu, length) after each invocation with the ground-truth line in cpu->line.
 * Returns 0 when the script is finished. */
static int vcpu_step(struct vcpu *cpu, void (*emit)(struct vcpu *, u32)) {
    u64 r, hiv, hrv;
    u32 kind, i, count = 0, in_size = 0, out_size = 0, out_header = 0, out_element = 0, in_header = 0, in_element = 0;
    u32 code, fast = 0;
    if (cpu->calls_left == 0) return 0;
    cpu->calls_left--;
    r = next_random(cpu);
    kind = (u32)r % 6; /* 32-bit arithmetic: the freestanding build has no libgcc */
    for (i = 0; i < BLOCK_BYTES; i++) { cpu->in[i] = (u8)next_random(cpu); cpu->out[i] = 0xCC; }
    switch (kind) {
    case 0: code = 0x0002; in_size = 24; break;
    case 1: code = 0x0003; count = 1 + (u32)(r >> 8) % 11; in_header = 24; in_element = 8; break;
    case 2: code = 0x0050; count = 1 + (u32)(r >> 8) % 9; in_header = 16; in_element = 4; out_element = 16;
        if (((u32)(r >> 16) & 7) == 0) { cpu->in[16 + 4 * (count - 1)] = 0xAD; cpu->in[17 + 4 * (count - 1)] = 0xDE; cpu->in[18 + 4 * (count - 1)] = 0; cpu->in[19 + 4 * (count - 1)] = 0; }
        break;
    case 3: code = 0x005D; fast = 1; in_size = 16; break;
    case 4: code = 0x0046; in_size = 8; out_size = 8; break;
    default: code = 0x7FF0; in_size = 16; break;
    }
    if (count) { in_size = in_header + count * in_element; out_size = out_header + count * out_element; }
    hiv = HIV(code, fast, count, 0);
    for (;;) {
        u32 out_bytes;
        hrv = hv_handle_hypercall(hiv, cpu->in, out_size ? cpu->out : 0, cpu->partition, cpu->vp, cpu->vtl, in_size, out_size);
        /* The output a logger must see: for rep calls the header and the elements completed so far. */
        out_bytes = count ? (out_element ? out_header + (u32)((hrv >> 32) & 0xFFF) * out_element : 0) : out_size;
        emit(cpu, format_truth(cpu, hiv, hrv, cpu->in, in_size, cpu->out, out_bytes));
        if (!count || (hrv & 0xFFFF) != HV_STATUS_SUCCESS || ((hrv >> 32) & 0xFFF) >= count) break;
        hiv = HIV(code, fast, count, (hrv >> 32) & 0xFFF);
    }
    return 1;
}

#endif
