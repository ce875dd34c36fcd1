#ifndef CPCRE2_SHIM_H
#define CPCRE2_SHIM_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

/* The pcre2_*_8 names are what the library exports; the unsuffixed names are macros Swift
   does not import. Typed aliases for the calls the Shell uses. */
static inline pcre2_code_8 *cpcre2_compile(const unsigned char *pattern, size_t length, uint32_t options,
                                           int *errorcode, size_t *erroroffset) {
    return pcre2_compile_8(pattern, length, options, errorcode, erroroffset, NULL);
}
static inline int cpcre2_jit_compile(pcre2_code_8 *code) { return pcre2_jit_compile_8(code, PCRE2_JIT_COMPLETE); }
static inline void cpcre2_code_free(pcre2_code_8 *code) { pcre2_code_free_8(code); }
static inline pcre2_match_data_8 *cpcre2_match_data_create(pcre2_code_8 *code) {
    return pcre2_match_data_create_from_pattern_8(code, NULL);
}
static inline void cpcre2_match_data_free(pcre2_match_data_8 *md) { pcre2_match_data_free_8(md); }
static inline int cpcre2_match(pcre2_code_8 *code, const unsigned char *subject, size_t length, size_t start,
                               uint32_t options, pcre2_match_data_8 *md) {
    return pcre2_match_8(code, subject, length, start, options, md, NULL);
}
static inline int cpcre2_jit_match(pcre2_code_8 *code, const unsigned char *subject, size_t length, size_t start,
                                   uint32_t options, pcre2_match_data_8 *md) {
    return pcre2_jit_match_8(code, subject, length, start, options, md, NULL);
}
static inline size_t *cpcre2_ovector(pcre2_match_data_8 *md) { return pcre2_get_ovector_pointer_8(md); }
static inline int cpcre2_error_message(int code, unsigned char *buffer, size_t size) {
    return pcre2_get_error_message_8(code, buffer, size);
}
#endif
