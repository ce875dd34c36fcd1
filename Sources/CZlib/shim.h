#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <zlib.h>
/* deflateInit is a macro, so Swift cannot call it: a typed wrapper. */
static inline int czlib_deflate_init(z_streamp stream, int level) {
    return deflateInit(stream, level);
}
static inline int czlib_inflate_init(z_streamp stream) {
    return inflateInit(stream);
}
#endif
