#ifndef CSEARCH_KERNELS_H
#define CSEARCH_KERNELS_H
/* The Shell's byte-search kernels: SIMD loops (AVX2/SSE2 on x86_64, a scalar loop elsewhere) and
   the C library calls its search uses (memrchr, malloc tuning), each guarded by platform with a
   portable fallback, so the package builds on any Linux (x86_64, aarch64) and on macOS. */
#include <stddef.h>
#include <string.h>
#include <stdint.h>

/* SIMD on x86_64 (SSE2 always, AVX2 when the CPU has it); the scalar loops everywhere else, or
   when built with -DCSEARCH_SCALAR_ONLY (to check them on an x86_64 machine). */
#if defined(__x86_64__) && !defined(CSEARCH_SCALAR_ONLY)
#define CSEARCH_X86_SIMD 1
#else
#define CSEARCH_X86_SIMD 0
#endif

/* The last `c` in s[0..<n], or NULL. glibc's memrchr is vectorized, but it is a GNU extension
   hidden from Swift's Glibc module without _GNU_SOURCE, so it is declared here. */
#if defined(__linux__) && defined(__GLIBC__)
extern void *memrchr(const void *s, int c, size_t n);
static inline const void *csearch_memrchr(const void *s, int c, size_t n) { return memrchr(s, c, n); }
#else
static inline const void *csearch_memrchr(const void *s, int c, size_t n) {
    const unsigned char *bytes = (const unsigned char *)s;
    while (n > 0) { n--; if (bytes[n] == (unsigned char)c) return bytes + n; }
    return NULL;
}
#endif

/* glibc malloc tuning: keep freed memory instead of trimming it back to the OS after every
   batch of grep output (which made the next batch page-fault it back in). Elsewhere: nothing. */
#if defined(__linux__) && defined(__GLIBC__)
extern int mallopt(int param, int value);
static inline void csearch_keep_freed_memory(void) { mallopt(-1 /* M_TRIM_THRESHOLD */, 512 << 20); mallopt(-3 /* M_MMAP_THRESHOLD */, 64 << 20); }
#else
static inline void csearch_keep_freed_memory(void) {}
#endif

/* Packed-pair literal search (ripgrep's idea): 16 or 32 candidate starts at a time are those
   where two chosen needle bytes (the rarest two) both match, checked with SIMD compares; only
   candidates are compared in full. `caseless`: the needle is lowercase ASCII and the haystack
   is folded by OR-ing 0x20 into letter positions (false candidates are rejected by the full
   compare). Returns the first match's offset, or -1. Needs needle_length >= 2, i1 != i2. */
#if CSEARCH_X86_SIMD
#include <immintrin.h>
#include <cpuid.h>
#endif

static inline int csearch_equal_folded(const unsigned char *at, const unsigned char *lowered, size_t count) {
    for (size_t index = 0; index < count; index++) {
        unsigned char byte = at[index];
        if (byte >= 'A' && byte <= 'Z') byte += 32;
        if (byte != lowered[index]) return 0;
    }
    return 1;
}
static inline int csearch_candidate(const unsigned char *at, const unsigned char *needle, size_t count, int caseless) {
    return caseless ? csearch_equal_folded(at, needle, count) : memcmp(at, needle, count) == 0;
}
static inline unsigned char csearch_fold_mask(unsigned char byte, int caseless) {
    return caseless && byte >= 'a' && byte <= 'z' ? 0x20 : 0;
}
/* The scalar tail (and the whole search off x86_64): starts from..last. */
static inline ptrdiff_t csearch_find_pair_scalar(const unsigned char *hay, size_t from, size_t last, const unsigned char *needle,
                                                size_t count, size_t i1, size_t i2, int caseless) {
    unsigned char f1 = csearch_fold_mask(needle[i1], caseless), f2 = csearch_fold_mask(needle[i2], caseless);
    for (size_t start = from; start <= last; start++) {
        if ((hay[start + i1] | f1) == needle[i1] && (hay[start + i2] | f2) == needle[i2]
            && csearch_candidate(hay + start, needle, count, caseless)) return (ptrdiff_t)start;
    }
    return -1;
}
#if CSEARCH_X86_SIMD
/* Whether the CPU and OS support AVX2 (cpuid leaf 7 and the OS saving YMM state). */
static inline int csearch_cpu_has_avx2(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE)) return 0;
    unsigned low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    if ((low & 6) != 6) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & bit_AVX2) != 0;
}
#define CSEARCH_PAIR_LOOP(WIDTH, VEC, LOAD, SET1, OR, AND, EQ, MOVEMASK) \
    const VEC b1 = SET1((char)needle[i1]), b2 = SET1((char)needle[i2]); \
    const VEC f1 = SET1((char)csearch_fold_mask(needle[i1], caseless)), f2 = SET1((char)csearch_fold_mask(needle[i2], caseless)); \
    size_t far = i1 > i2 ? i1 : i2, start = 0; \
    if (length < count) return -1; \
    size_t last = length - count; \
    while (start + far + WIDTH <= length) { \
        VEC v1 = OR(LOAD((const VEC *)(hay + start + i1)), f1); \
        VEC v2 = OR(LOAD((const VEC *)(hay + start + i2)), f2); \
        uint32_t mask = (uint32_t)MOVEMASK(AND(EQ(v1, b1), EQ(v2, b2))); \
        while (mask) { \
            size_t at = start + (size_t)__builtin_ctz(mask); \
            if (at > last) return -1; \
            if (csearch_candidate(hay + at, needle, count, caseless)) return (ptrdiff_t)at; \
            mask &= mask - 1; \
        } \
        start += WIDTH; \
    } \
    return csearch_find_pair_scalar(hay, start, last, needle, count, i1, i2, caseless);

__attribute__((target("avx2")))
static inline ptrdiff_t csearch_find_pair_avx2(const unsigned char *hay, size_t length, const unsigned char *needle, size_t count,
                                              size_t i1, size_t i2, int caseless) {
    CSEARCH_PAIR_LOOP(32, __m256i, _mm256_loadu_si256, _mm256_set1_epi8, _mm256_or_si256, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_movemask_epi8)
}
static inline ptrdiff_t csearch_find_pair_sse2(const unsigned char *hay, size_t length, const unsigned char *needle, size_t count,
                                              size_t i1, size_t i2, int caseless) {
    CSEARCH_PAIR_LOOP(16, __m128i, _mm_loadu_si128, _mm_set1_epi8, _mm_or_si128, _mm_and_si128, _mm_cmpeq_epi8, _mm_movemask_epi8)
}
/* How many times `byte` occurs in s[0..<length] (line numbers: newlines between two hits). */
__attribute__((target("avx2,popcnt")))
static inline size_t csearch_count_byte_avx2(const unsigned char *s, size_t length, unsigned char byte) {
    const __m256i wanted = _mm256_set1_epi8((char)byte);
    size_t total = 0, index = 0;
    for (; index + 32 <= length; index += 32)
        total += (size_t)__builtin_popcount((unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(s + index)), wanted)));
    for (; index < length; index++) total += s[index] == byte;
    return total;
}
#else
static inline int csearch_cpu_has_avx2(void) { return 0; }
#endif
/* The first occurrence of the needle in hay[0..<length] by packed pair (see above), or -1. */
static inline ptrdiff_t csearch_find_pair(const unsigned char *hay, size_t length, const unsigned char *needle, size_t count,
                                         size_t i1, size_t i2, int caseless, int avx2) {
#if CSEARCH_X86_SIMD
    if (avx2) return csearch_find_pair_avx2(hay, length, needle, count, i1, i2, caseless);
    return csearch_find_pair_sse2(hay, length, needle, count, i1, i2, caseless);
#else
    if (length < count) return -1;
    return csearch_find_pair_scalar(hay, 0, length - count, needle, count, i1, i2, caseless);
#endif
}
/* How many times `byte` occurs in s[0..<length]. */
static inline size_t csearch_count_byte(const unsigned char *s, size_t length, unsigned char byte, int avx2) {
#if CSEARCH_X86_SIMD
    if (avx2) return csearch_count_byte_avx2(s, length, byte);
#endif
    size_t total = 0;
    for (size_t index = 0; index < length; index++) total += s[index] == byte;
    return total;
}

/* The first position in hay[0..<length] holding any of the `count` (1...8) bytes in `set`, or -1:
   one pass for several literals' rare bytes. */
static inline ptrdiff_t csearch_find_any_scalar(const unsigned char *hay, size_t from, size_t length, const unsigned char *set, size_t count) {
    for (size_t index = from; index < length; index++)
        for (size_t k = 0; k < count; k++) if (hay[index] == set[k]) return (ptrdiff_t)index;
    return -1;
}
#if CSEARCH_X86_SIMD
#define CSEARCH_ANY_LOOP(WIDTH, VEC, LOAD, SET1, OR, EQ, MOVEMASK, ZERO) \
    VEC wanted[8]; \
    for (size_t k = 0; k < count; k++) wanted[k] = SET1((char)set[k]); \
    size_t start = 0; \
    for (; start + WIDTH <= length; start += WIDTH) { \
        VEC block = LOAD((const VEC *)(hay + start)), hits = ZERO(); \
        for (size_t k = 0; k < count; k++) hits = OR(hits, EQ(block, wanted[k])); \
        uint32_t mask = (uint32_t)MOVEMASK(hits); \
        if (mask) return (ptrdiff_t)(start + (size_t)__builtin_ctz(mask)); \
    } \
    return csearch_find_any_scalar(hay, start, length, set, count);
__attribute__((target("avx2")))
static inline ptrdiff_t csearch_find_any_avx2(const unsigned char *hay, size_t length, const unsigned char *set, size_t count) {
    CSEARCH_ANY_LOOP(32, __m256i, _mm256_loadu_si256, _mm256_set1_epi8, _mm256_or_si256, _mm256_cmpeq_epi8, _mm256_movemask_epi8, _mm256_setzero_si256)
}
static inline ptrdiff_t csearch_find_any_sse2(const unsigned char *hay, size_t length, const unsigned char *set, size_t count) {
    CSEARCH_ANY_LOOP(16, __m128i, _mm_loadu_si128, _mm_set1_epi8, _mm_or_si128, _mm_cmpeq_epi8, _mm_movemask_epi8, _mm_setzero_si128)
}
#endif
static inline ptrdiff_t csearch_find_any(const unsigned char *hay, size_t length, const unsigned char *set, size_t count, int avx2) {
    if (count == 0 || count > 8) return -1;
#if CSEARCH_X86_SIMD
    return avx2 ? csearch_find_any_avx2(hay, length, set, count) : csearch_find_any_sse2(hay, length, set, count);
#else
    return csearch_find_any_scalar(hay, 0, length, set, count);
#endif
}

#endif
